// The cooperative's stays: status, rooms and lowest weeknight price, with a way to each.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { ListingErrorBoundary, PageHeader, StatusBadge, listingMeta } from "~/components/dashboard/listings/ui";
import { loaded, sellerScope } from "~/modules/seller-listings/respond.server";
import { listSellerStays } from "~/modules/seller-listings/stays.server";
import { formatPrice } from "~/utils/format";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.stays.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  return loaded({ stays: await listSellerStays(db, cooperativeId) });
}

export default function DashboardStays() {
  const { stays } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader title={t("listings.stays.title")} />
      <p className="text-stone-700">{t("listings.stays.intro")}</p>
      <LocaleLink to="/dashboard/stays/new" className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-4 py-2 font-medium text-white">
        {t("listings.stays.new")}
      </LocaleLink>
      {stays.length === 0 ? (
        <p className="rounded-xl bg-white p-4 shadow-sm">{t("listings.stays.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {stays.map((stay) => (
            <li key={stay.id}>
              <LocaleLink to={`/dashboard/stays/${stay.id}`} className="block rounded-xl bg-white p-4 shadow-sm hover:bg-tea-50">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold break-words">{pick(lang, stay.titleZh, stay.titleEn)}</span>
                  <StatusBadge status={stay.status} />
                </span>
                <span className="mt-1 block text-stone-700">
                  {stay.roomCount > 0
                    ? `${t("listings.stays.roomCount", { n: stay.roomCount })} · ${t("listings.stays.priceFrom", { price: formatPrice(stay.priceFromCents ?? 0) })}`
                    : t("listings.stays.noRooms")}
                </span>
                <span className="mt-1 block text-sm text-tea-800 underline underline-offset-4">{t("listings.edit")}</span>
              </LocaleLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
