// One stay: edit it, archive or restore it, and see its rooms.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { StayForm } from "~/components/dashboard/listings/StayForm";
import { ArchivePanel, ListingErrorBoundary, PageHeader, Section, StatusBadge, listingMeta } from "~/components/dashboard/listings/ui";
import { archiveOrRestore, attempt, done, found, invalid, loaded, postedForm, routeId, sellerScope, unknownIntent } from "~/modules/seller-listings/respond.server";
import { stayRef } from "~/modules/seller-listings/rooms.server";
import { staySchema } from "~/modules/seller-listings/stay-schemas";
import { getSellerStay, setStayArchived, updateStay } from "~/modules/seller-listings/stays.server";
import { listVillageOptions } from "~/modules/seller-listings/villages.server";
import { formatPrice } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.stay.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const stay = await getSellerStay(db, cooperativeId, routeId(params.stayId));
  if (!stay) notFound();
  return loaded({ stay, villages: await listVillageOptions(db) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const stayId = routeId(params.stayId);
  // Another cooperative's stay is not found, whatever the form says.
  await found(stayRef(db, cooperativeId, stayId));
  const formData = await postedForm(request);
  switch (formData.get("intent")) {
    case "save": {
      const submission = parseForm(formData, staySchema);
      if (submission.status !== "success") return invalid("stay", submission);
      const outcome = await attempt("stay", submission, () => updateStay(db, cooperativeId, stayId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("stay", submission, { reset: false, notice: { key: "listings.saved" } });
    }
    case "archive":
    case "restore":
      return archiveOrRestore(formData, (archive) => setStayArchived(db, cooperativeId, stayId, archive));
    default:
      return unknownIntent();
  }
}

export default function EditStay() {
  const { stay, villages } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader title={pick(lang, stay.titleZh, stay.titleEn)} back={{ to: "/dashboard/stays", label: t("listings.stay.back") }}>
        <StatusBadge status={stay.status} />
      </PageHeader>
      {stay.status === "active" ? (
        <LocaleLink to={`/stays/${stay.slug}`} className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4">
          {t("listings.view")}
        </LocaleLink>
      ) : (
        <p className="text-sm break-all text-stone-600">{t("listings.publicUrl", { path: `/stays/${stay.slug}` })}</p>
      )}
      <LocaleLink to={`/dashboard/bookings?stay=${stay.id}`} className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4">
        {t("hostBookings.title")}
      </LocaleLink>
      <Section id="rooms-title" title={t("listings.stay.rooms")}>
        {stay.rooms.length === 0 ? <p className="text-stone-700">{t("listings.stay.roomsEmpty")}</p> : null}
        <ul className="divide-y divide-stone-200">
          {stay.rooms.map((room) => (
            <li key={room.id}>
              <LocaleLink to={`/dashboard/stays/${stay.id}/rooms/${room.id}`} className="block min-h-11 py-3 hover:bg-tea-50">
                <span className="block font-medium text-tea-800 underline underline-offset-4">{pick(lang, room.nameZh, room.nameEn)}</span>
                <span className="block text-sm text-stone-700">
                  {t("listings.stay.roomSummary", { guests: room.maxGuests, price: formatPrice(room.basePriceCents) })}
                </span>
              </LocaleLink>
            </li>
          ))}
        </ul>
        <LocaleLink
          to={`/dashboard/stays/${stay.id}/rooms/new`}
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium"
        >
          {t("listings.stay.addRoom")}
        </LocaleLink>
      </Section>
      <StayForm
        key={String(stay.updatedAt)}
        villages={villages}
        status={stay.status}
        submitLabel={t("listings.save")}
        defaultValue={{
          titleZh: stay.titleZh,
          titleEn: stay.titleEn,
          descriptionZh: stay.descriptionZh,
          descriptionEn: stay.descriptionEn,
          villageId: String(stay.villageId),
          amenities: stay.amenities,
          houseRulesZh: stay.houseRulesZh,
          houseRulesEn: stay.houseRulesEn,
          checkInTime: stay.checkInTime,
          checkOutTime: stay.checkOutTime,
          cancellationPolicy: stay.cancellationPolicy,
          status: stay.status === "archived" ? "draft" : stay.status,
        }}
      />
      <ArchivePanel status={stay.status} />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
