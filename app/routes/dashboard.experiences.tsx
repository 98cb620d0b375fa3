// The cooperative's experiences: status, price, upcoming sessions, with a way to each.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { ListingErrorBoundary, PageHeader, StatusBadge, listingMeta } from "~/components/dashboard/listings/ui";
import { formatDuration } from "~/modules/catalog/listing-display";
import { listSellerExperiences } from "~/modules/seller-listings/experiences.server";
import { loaded, sellerScope } from "~/modules/seller-listings/respond.server";
import { formatPrice } from "~/utils/format";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.experiences.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  return loaded({ experiences: await listSellerExperiences(db, cooperativeId, { now: new Date() }) });
}

export default function DashboardExperiences() {
  const { experiences } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader title={t("listings.experiences.title")} />
      <p className="text-stone-700">{t("listings.experiences.intro")}</p>
      <LocaleLink
        to="/dashboard/experiences/new"
        className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-4 py-2 font-medium text-white"
      >
        {t("listings.experiences.new")}
      </LocaleLink>
      {experiences.length === 0 ? (
        <p className="rounded-xl bg-white p-4 shadow-sm">{t("listings.experiences.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {experiences.map((e) => (
            <li key={e.id} className="rounded-xl bg-white p-4 shadow-sm">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-semibold break-words">{pick(lang, e.titleZh, e.titleEn)}</span>
                <StatusBadge status={e.status} />
              </p>
              <p className="mt-1 text-stone-700">
                {t("listings.experiences.perPerson", { price: formatPrice(e.pricePerPersonCents) })} · {formatDuration(e.durationMinutes, lang)} ·{" "}
                {t("listings.experiences.upcoming", { n: e.upcomingSlots })}
              </p>
              <p className="mt-2 flex flex-wrap gap-2">
                <LocaleLink
                  to={`/dashboard/experiences/${e.id}`}
                  className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 py-2"
                >
                  {t("listings.edit")}
                </LocaleLink>
                <LocaleLink
                  to={`/dashboard/experiences/${e.id}/slots`}
                  className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 py-2"
                >
                  {t("listings.experiences.slots")}
                </LocaleLink>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
