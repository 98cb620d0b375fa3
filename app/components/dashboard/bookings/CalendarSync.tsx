// The pieces of a room's calendar sync page: the feed URL (and a new secret for owners), the
// imported calendars with "sync now" / new file / delete, and the forms to import a URL or a file.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FieldErrors, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { Notice, RowAction, Section } from "~/components/dashboard/listings/ui";
import { useListingAnswer, useListingForm } from "~/components/dashboard/listings/use-listing-form";
import { addUrlImportSchema } from "~/modules/bookings/host-schemas";
import { formatDateTime } from "~/utils/format";
import { formMessage } from "~/utils/forms";
import { useLang, useT } from "~/utils/t";

export type ImportItem = { id: number; name: string; url: string | null; lastSyncedAt: string | null; lastError: string | null; nights: number };

const input = "mt-1 block min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-base text-stone-900";

export function FeedSection({ feedUrl, isOwner }: { feedUrl: string; isOwner: boolean }) {
  const t = useT();
  const answer = useListingAnswer("regenerate");
  return (
    <Section id="feed-title" title={t("hostBookings.calendars.exportTitle")} intro={t("hostBookings.calendars.exportIntro")}>
      <Notice notice={answer?.notice} />
      <div>
        <label htmlFor="feed-url" className="block text-sm font-medium text-stone-800">
          {t("hostBookings.calendars.feedLabel")}
        </label>
        <input id="feed-url" readOnly value={feedUrl} className={`${input} font-mono text-sm`} onFocus={(e) => e.currentTarget.select()} />
      </div>
      {isOwner ? (
        <Form method="post" className="space-y-2">
          <p id="regenerate-hint" className="text-sm text-stone-700">
            {t("hostBookings.calendars.regenerateHint")}
          </p>
          <SubmitButton intent="regenerate" variant="secondary">
            {t("hostBookings.calendars.regenerate")}
          </SubmitButton>
        </Form>
      ) : (
        <p className="text-sm text-stone-700">{t("hostBookings.calendars.ownerOnly")}</p>
      )}
    </Section>
  );
}

function ImportStatus({ item }: { item: ImportItem }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <p className="text-sm text-stone-700">
        {item.lastSyncedAt ? t("hostBookings.calendars.lastSynced", { time: formatDateTime(item.lastSyncedAt, lang) }) : t("hostBookings.calendars.neverSynced")}
        {" · "}
        {t("hostBookings.calendars.nights", { n: item.nights })}
      </p>
      {item.lastError ? (
        <p className="text-sm text-red-800">{t("hostBookings.calendars.lastError", { error: formMessage(t, `hostBookings.importError.${item.lastError}`) })}</p>
      ) : null}
    </>
  );
}

export function CalendarImports({ imports }: { imports: ImportItem[] }) {
  const t = useT();
  const answers = [useListingAnswer("sync"), useListingAnswer("delete-import")];
  const answer = answers.find(Boolean);
  return (
    <Section id="imports-title" title={t("hostBookings.calendars.importTitle")} intro={t("hostBookings.calendars.importIntro")}>
      <Notice notice={answer?.notice} />
      <FormErrors id="imports-errors" errors={answer?.result.error?.[""] ?? undefined} />
      {imports.length === 0 ? <p className="text-stone-700">{t("hostBookings.calendars.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {imports.map((item) => (
          <li key={item.id} className="space-y-2 py-3">
            <p className="font-medium break-words">{item.name || t("hostBookings.calendars.fromFile")}</p>
            <p className="text-sm break-all text-stone-600">{item.url ?? t("hostBookings.calendars.fromFile")}</p>
            <ImportStatus item={item} />
            <div className="flex flex-wrap gap-2">
              {item.url ? <RowAction intent="sync" idName="importId" id={item.id} label={t("hostBookings.calendars.sync")} variant="secondary" /> : null}
              <RowAction intent="delete-import" idName="importId" id={item.id} label={t("hostBookings.calendars.delete")} />
            </div>
            {item.url ? null : (
              <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="importId" value={item.id} />
                <label className="min-w-0 text-sm font-medium text-stone-800">
                  {t("hostBookings.calendars.file")}
                  <input type="file" name="file" accept=".ics,text/calendar" className={input} />
                </label>
                <SubmitButton intent="upload" variant="secondary">
                  {t("hostBookings.calendars.replace")}
                </SubmitButton>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function ImportUrlForm() {
  const t = useT();
  const { form, fields, notice } = useListingForm("add-url", addUrlImportSchema);
  return (
    <Section id="import-url-title" title={t("hostBookings.calendars.urlTitle")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} label={t("hostBookings.calendars.name")} />
        <Field meta={fields.url} type="url" inputMode="url" label={t("hostBookings.calendars.url")} />
        <SubmitButton intent="add-url" className="w-full sm:w-auto">
          {t("hostBookings.calendars.addUrl")}
        </SubmitButton>
      </Form>
    </Section>
  );
}

export function ImportFileForm() {
  const t = useT();
  const answer = useListingAnswer("upload");
  const fileErrors = answer?.result.error?.file ?? undefined;
  return (
    <Section id="import-file-title" title={t("hostBookings.calendars.fileTitle")}>
      <Form method="post" encType="multipart/form-data" className="space-y-4">
        <Notice notice={answer?.notice} />
        <FormErrors id="upload-errors" errors={answer?.result.error?.[""] ?? undefined} />
        <div>
          <label htmlFor="import-name" className="block text-sm font-medium text-stone-800">
            {t("hostBookings.calendars.name")}
          </label>
          <input id="import-name" name="name" maxLength={80} className={input} />
        </div>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-stone-800">
            {t("hostBookings.calendars.file")}
          </label>
          <input
            id="import-file"
            type="file"
            name="file"
            accept=".ics,text/calendar"
            aria-invalid={fileErrors?.length ? true : undefined}
            aria-describedby={fileErrors?.length ? "import-file-errors" : undefined}
            className={input}
          />
          <FieldErrors id="import-file-errors" errors={fileErrors} />
        </div>
        <SubmitButton intent="upload" className="w-full sm:w-auto">
          {t("hostBookings.calendars.upload")}
        </SubmitButton>
      </Form>
    </Section>
  );
}
