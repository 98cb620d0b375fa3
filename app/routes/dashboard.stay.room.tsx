// One room: edit or delete it, and keep its calendar (prices for particular dates, closed dates).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { BlackoutsSection, RatesSection } from "~/components/dashboard/listings/RoomCalendar";
import { DeleteRoomPanel, RoomForm, roomDefaults } from "~/components/dashboard/listings/RoomForm";
import { ListingErrorBoundary, PageHeader, listingMeta } from "~/components/dashboard/listings/ui";
import { addBlackout, addRate, deleteBlackout, deleteRate } from "~/modules/seller-listings/calendar.server";
import { blackoutSchema, deleteBlackoutSchema, deleteRateSchema, rateSchema } from "~/modules/seller-listings/calendar-schemas";
import { attempt, done, found, invalid, loaded, postedForm, routeId, sellerScope, unknownIntent } from "~/modules/seller-listings/respond.server";
import { deleteRoom, getSellerRoom, roomOf, updateRoom } from "~/modules/seller-listings/rooms.server";
import { roomSchema } from "~/modules/seller-listings/stay-schemas";
import { todayInShanghai } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { langFromRequest, localePath, pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { z } from "zod";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.room.editTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const today = todayInShanghai();
  const room = await getSellerRoom(db, cooperativeId, routeId(params.stayId), routeId(params.unitId), { today });
  if (!room) notFound();
  return loaded({ ...room, today });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const stayId = routeId(params.stayId);
  const unitId = routeId(params.unitId);
  // Another cooperative's room is not found, whatever the form says.
  await found(roomOf(db, cooperativeId, stayId, unitId));
  const formData = await postedForm(request);
  const today = todayInShanghai();
  switch (formData.get("intent")) {
    case "save": {
      const submission = parseForm(formData, roomSchema);
      if (submission.status !== "success") return invalid("room", submission);
      const outcome = await attempt("room", submission, () => updateRoom(db, cooperativeId, stayId, unitId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("room", submission, { reset: false, notice: { key: "listings.saved" } });
    }
    case "delete": {
      const submission = parseForm(formData, z.object({}));
      const outcome = await attempt("room-delete", submission, () => deleteRoom(db, cooperativeId, stayId, unitId, { today }));
      if (!outcome.ok) return outcome.response;
      return redirect(localePath(langFromRequest(request), `/dashboard/stays/${stayId}`));
    }
    case "add-rate": {
      const submission = parseForm(formData, rateSchema(today));
      if (submission.status !== "success") return invalid("rate", submission);
      const outcome = await attempt("rate", submission, () => addRate(db, cooperativeId, stayId, unitId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("rate", submission, { notice: { key: "listings.rates.added" } });
    }
    case "delete-rate": {
      const submission = parseForm(formData, deleteRateSchema);
      if (submission.status !== "success") return invalid("rate-delete", submission);
      const outcome = await attempt("rate-delete", submission, () => deleteRate(db, cooperativeId, stayId, unitId, submission.value.rateId));
      if (!outcome.ok) return outcome.response;
      return done("rate-delete", submission, { notice: { key: "listings.rates.deleted" } });
    }
    case "add-blackout": {
      const submission = parseForm(formData, blackoutSchema(today));
      if (submission.status !== "success") return invalid("blackout", submission);
      const outcome = await attempt("blackout", submission, () => addBlackout(db, cooperativeId, stayId, unitId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("blackout", submission, { notice: { key: "listings.blackouts.added" } });
    }
    case "delete-blackout": {
      const submission = parseForm(formData, deleteBlackoutSchema);
      if (submission.status !== "success") return invalid("blackout-delete", submission);
      const outcome = await attempt("blackout-delete", submission, () =>
        deleteBlackout(db, cooperativeId, stayId, unitId, submission.value.blackoutId),
      );
      if (!outcome.ok) return outcome.response;
      return done("blackout-delete", submission, { notice: { key: "listings.blackouts.deleted" } });
    }
    default:
      return unknownIntent();
  }
}

export default function EditRoom() {
  const { stay, room, rates, blackouts, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader title={pick(lang, room.nameZh, room.nameEn)} back={{ to: `/dashboard/stays/${stay.id}`, label: t("listings.room.back") }} />
      <p className="text-stone-700">{pick(lang, stay.titleZh, stay.titleEn)}</p>
      <LocaleLink
        to={`/dashboard/stays/${stay.id}/rooms/${room.id}/calendars`}
        className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4"
      >
        {t("listings.room.calendars")}
      </LocaleLink>
      <RatesSection rates={rates} today={today} />
      <BlackoutsSection blackouts={blackouts} today={today} />
      <RoomForm key={String(room.updatedAt)} title={t("listings.room.editTitle")} submitLabel={t("listings.save")} defaultValue={roomDefaults(room)} />
      <DeleteRoomPanel />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
