// Closing nights of a room from the bookings calendar, and reopening the ones the host closed.
// Plain form POSTs: they work without JavaScript; Conform checks the dates as you type.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton } from "~/components/forms/Fields";
import { Notice, Pair, RowAction, Section } from "~/components/dashboard/listings/ui";
import { useListingAnswer, useListingForm } from "~/components/dashboard/listings/use-listing-form";
import type { CalendarRoom, HostBlackout } from "~/modules/bookings/host-calendar.server";
import { blockNightsSchema } from "~/modules/bookings/host-schemas";
import { formatDate } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export function BlockNightsForm({ rooms, today }: { rooms: CalendarRoom[]; today: string }) {
  const t = useT();
  const lang = useLang();
  const { form, fields, notice } = useListingForm("block", blockNightsSchema(today), rooms.length === 1 ? { unitId: String(rooms[0]!.id) } : undefined);
  const multipleStays = new Set(rooms.map((r) => r.stayId)).size > 1;
  const options = rooms.map((r) => ({
    value: String(r.id),
    label: multipleStays ? `${pick(lang, r.stayTitleZh, r.stayTitleEn)} · ${pick(lang, r.nameZh, r.nameEn)}` : pick(lang, r.nameZh, r.nameEn),
  }));
  return (
    <Section id="block-title" title={t("hostBookings.block.title")} intro={t("hostBookings.block.intro")}>
      <Form method="post" {...getFormProps(form)} className="space-y-4">
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField meta={fields.unitId} label={t("hostBookings.block.room")} options={options} placeholder={t("hostBookings.block.roomChoose")} />
        <Pair>
          <Field meta={fields.from} type="date" min={today} label={t("hostBookings.block.from")} />
          <Field meta={fields.to} type="date" min={today} label={t("hostBookings.block.to")} />
        </Pair>
        <Field meta={fields.reason} label={t("hostBookings.block.reason")} />
        <SubmitButton intent="block" className="w-full sm:w-auto">
          {t("hostBookings.block.submit")}
        </SubmitButton>
      </Form>
    </Section>
  );
}

export function HostBlackouts({ blackouts }: { blackouts: HostBlackout[] }) {
  const t = useT();
  const lang = useLang();
  const answer = useListingAnswer("unblock");
  return (
    <Section id="unblock-title" title={t("hostBookings.unblock.title")}>
      <Notice notice={answer?.notice} />
      <FormErrors id="unblock-errors" errors={answer?.result.error?.[""] ?? undefined} />
      {blackouts.length === 0 ? <p className="text-stone-700">{t("hostBookings.unblock.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {blackouts.map((b) => (
          <li key={b.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium break-words">
                {t("hostBookings.unblock.range", { room: pick(lang, b.roomNameZh, b.roomNameEn), from: formatDate(b.startDate, lang), to: formatDate(b.endDate, lang) })}
              </p>
              {b.reason ? <p className="text-sm break-words text-stone-600">{b.reason}</p> : null}
            </div>
            <RowAction intent="unblock" idName="blackoutId" id={b.id} label={t("hostBookings.unblock.submit")} variant="secondary" />
          </li>
        ))}
      </ul>
    </Section>
  );
}
