// A room's calendar sync: its iCal feed URL for other channels (owners may replace the secret),
// and other channels' calendars imported by URL or file, whose busy dates close the room.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CalendarImports, FeedSection, ImportFileForm, ImportUrlForm } from "~/components/dashboard/bookings/CalendarSync";
import { ListingErrorBoundary, PageHeader, listingMeta } from "~/components/dashboard/listings/ui";
import { forbidden, requireSeller } from "~/modules/accounts/auth.server";
import { readCalendarForm, uploadedFile } from "~/modules/bookings/calendar-upload.server";
import { regenerateFeedToken, roomFeedToken } from "~/modules/bookings/ical-feed.server";
import { addUrlImport, deleteImport, importCalendarFile, listImports, syncImportNow } from "~/modules/bookings/ical-import.server";
import { addUrlImportSchema, fileImportSchema, importIdSchema } from "~/modules/bookings/host-schemas";
import { attempt, done, invalid, loaded, routeId, unknownIntent } from "~/modules/seller-listings/respond.server";
import type { ListingActionData } from "~/modules/seller-listings/types";
import { getSellerRoom } from "~/modules/seller-listings/rooms.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, appOrigin, notFound } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { z } from "zod";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("hostBookings.calendars.title");

const noStore = { "Cache-Control": PRIVATE_NO_STORE };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const cooperativeId = seller.membership.cooperativeId;
  const stayId = routeId(params.stayId);
  const unitId = routeId(params.unitId);
  const today = todayInShanghai();
  const room = await getSellerRoom(db, cooperativeId, stayId, unitId, { today });
  if (!room) notFound();
  const [token, imports] = await Promise.all([roomFeedToken(db, cooperativeId, stayId, unitId), listImports(db, cooperativeId, stayId, unitId, { today })]);
  return loaded({
    stay: room.stay,
    room: { id: room.room.id, nameZh: room.room.nameZh, nameEn: room.room.nameEn },
    feedUrl: `${appOrigin(request)}/calendars/${token}.ics`,
    imports: imports.map((i) => ({ ...i, lastSyncedAt: i.lastSyncedAt?.toISOString() ?? null })),
    isOwner: seller.membership.role === "owner",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const cooperativeId = seller.membership.cooperativeId;
  const stayId = routeId(params.stayId);
  const unitId = routeId(params.unitId);
  // Another cooperative's room is not found, whatever the form says.
  const room = await getSellerRoom(db, cooperativeId, stayId, unitId, { today: todayInShanghai() });
  if (!room) notFound();
  const read = await readCalendarForm(request);
  if (!read.ok) {
    const submission = parseForm(new FormData(), z.object({}));
    const result = submission.reply({ formErrors: [read.reason === "too_large" ? "hostBookings.importError.too_large" : "form.invalid"] });
    return data<ListingActionData>({ form: "upload", result }, { status: read.reason === "too_large" ? 413 : 400, headers: noStore });
  }
  const formData = read.form;
  switch (formData.get("intent")) {
    case "regenerate": {
      if (seller.membership.role !== "owner") forbidden("Owners only");
      const submission = parseForm(formData, z.object({}));
      await regenerateFeedToken(db, cooperativeId, stayId, unitId);
      return done("regenerate", submission, { notice: { key: "hostBookings.calendars.regenerated" } });
    }
    case "add-url": {
      const submission = parseForm(formData, addUrlImportSchema);
      if (submission.status !== "success") return invalid("add-url", submission);
      const outcome = await attempt("add-url", submission, () => addUrlImport(db, cooperativeId, stayId, unitId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("add-url", submission, { notice: { key: "hostBookings.calendars.added" } });
    }
    case "upload": {
      const submission = parseForm(formData, fileImportSchema);
      if (submission.status !== "success") return invalid("upload", submission);
      const file = await uploadedFile(formData);
      if (!file) {
        const result = submission.reply({ fieldErrors: { file: ["hostBookings.importError.no_file"] } });
        return data<ListingActionData>({ form: "upload", result }, { status: 400, headers: noStore });
      }
      const outcome = await attempt("upload", submission, () =>
        importCalendarFile(db, cooperativeId, stayId, unitId, { name: submission.value.name, importId: submission.value.importId, file }),
      );
      if (!outcome.ok) return outcome.response;
      return done("upload", submission, { notice: { key: "hostBookings.calendars.uploaded" } });
    }
    case "sync": {
      const submission = parseForm(formData, importIdSchema);
      if (submission.status !== "success") return invalid("sync", submission);
      const outcome = await attempt("sync", submission, () => syncImportNow(db, cooperativeId, stayId, unitId, submission.value.importId));
      if (!outcome.ok) return outcome.response;
      if (!outcome.value.ok) {
        // Read but refused: the previous dates stay, and last_error says why (the list shows it too).
        const result = submission.reply({ formErrors: [`hostBookings.importError.${outcome.value.code}`] });
        return data<ListingActionData>({ form: "sync", result }, { status: 422, headers: noStore });
      }
      return done("sync", submission, { notice: { key: "hostBookings.calendars.synced" } });
    }
    case "delete-import": {
      const submission = parseForm(formData, importIdSchema);
      if (submission.status !== "success") return invalid("delete-import", submission);
      const outcome = await attempt("delete-import", submission, () => deleteImport(db, cooperativeId, stayId, unitId, submission.value.importId));
      if (!outcome.ok) return outcome.response;
      return done("delete-import", submission, { notice: { key: "hostBookings.calendars.deleted" } });
    }
    default:
      return unknownIntent();
  }
}

export default function RoomCalendars() {
  const { stay, room, feedUrl, imports, isOwner } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t("hostBookings.calendars.title")} · ${pick(lang, room.nameZh, room.nameEn)}`}
        back={{ to: `/dashboard/stays/${stay.id}/rooms/${room.id}`, label: t("hostBookings.calendars.back") }}
      />
      <p className="text-stone-700">{pick(lang, stay.titleZh, stay.titleEn)}</p>
      <FeedSection feedUrl={feedUrl} isOwner={isOwner} />
      <CalendarImports imports={imports} />
      <ImportUrlForm />
      <ImportFileForm />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
