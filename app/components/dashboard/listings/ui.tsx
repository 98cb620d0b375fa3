// Pieces every listing page of the dashboard shares: heading with a way back, status badge,
// notices, sections, the archive/restore panel, meta and the error boundary.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { FormErrors, SubmitButton } from "~/components/forms/Fields";
import type { MessageKey } from "~/locales";
import type { ListingStatus } from "~/modules/seller-listings/fields";
import type { ListingNotice } from "~/modules/seller-listings/types";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";
import { useListingAnswer } from "./use-listing-form";

/** `meta` of a dashboard page: its title, and never indexed. */
export function listingMeta(titleKey: MessageKey) {
  return ({ location }: { location: { pathname: string } }) => privateMeta(location.pathname, titleKey);
}

export const ListingErrorBoundary = RouteErrorBoundary;

export function PageHeader({ title, back, children }: { title: string; back?: { to: string; label: string }; children?: ReactNode }) {
  return (
    <header className="space-y-2">
      {back ? (
        <LocaleLink to={back.to} className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4">
          ← {back.label}
        </LocaleLink>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold break-words">{title}</h1>
        {children}
      </div>
    </header>
  );
}

const BADGE: Record<ListingStatus, string> = {
  active: "bg-tea-100 text-tea-800",
  draft: "bg-earth-100 text-earth-700",
  archived: "bg-stone-200 text-stone-700",
};

export function StatusBadge({ status }: { status: ListingStatus }) {
  const t = useT();
  return <span className={`rounded-full px-2.5 py-0.5 text-sm font-medium ${BADGE[status]}`}>{t(`listings.status.${status}`)}</span>;
}

export function Notice({ notice }: { notice: ListingNotice | undefined }) {
  const t = useT();
  if (!notice) return null;
  return (
    <p role="status" className="rounded-lg border border-tea-200 bg-tea-50 p-3 text-tea-800">
      {t(notice.key, notice.params)}
    </p>
  );
}

export function Section({ title, id, intro, children }: { title: string; id: string; intro?: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-xl bg-white p-4 shadow-sm">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro ? <p className="text-stone-700">{intro}</p> : null}
      {children}
    </section>
  );
}

/** Two fields side by side from a phone's width up (Chinese first), stacked below it. */
export function Pair({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-2">{children}</div>;
}

/** Archive (hide from the site, keep everything) or restore (back as a draft). */
export function ArchivePanel({ status }: { status: ListingStatus }) {
  const t = useT();
  const answer = useListingAnswer("archive");
  const archived = status === "archived";
  return (
    <Section id="archive-title" title={t("listings.archive.title")}>
      <Notice notice={answer?.notice} />
      <p className="text-stone-700">{t(archived ? "listings.archive.archived" : "listings.archive.explain")}</p>
      <FormErrors id="archive-errors" errors={answer?.result.error?.[""] ?? undefined} />
      <Form method="post">
        <SubmitButton intent={archived ? "restore" : "archive"} variant={archived ? "primary" : "danger"}>
          {t(archived ? "listings.archive.restore" : "listings.archive.button")}
        </SubmitButton>
      </Form>
    </Section>
  );
}

/** A one-button form (delete, reopen…) that sends an intent and the row's id. */
export function RowAction({
  intent,
  idName,
  id,
  label,
  variant = "danger",
}: {
  intent: string;
  idName: string;
  id: number;
  label: string;
  variant?: "danger" | "secondary";
}) {
  return (
    <Form method="post" className="shrink-0">
      <input type="hidden" name={idName} value={id} />
      <SubmitButton intent={intent} variant={variant}>
        {label}
      </SubmitButton>
    </Form>
  );
}
