// A new room of a stay: the form, then the room's page (where its calendar is kept).
import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RoomForm } from "~/components/dashboard/listings/RoomForm";
import { ListingErrorBoundary, PageHeader, listingMeta } from "~/components/dashboard/listings/ui";
import { attempt, found, invalid, loaded, postedForm, routeId, sellerScope } from "~/modules/seller-listings/respond.server";
import { createRoom, stayRef } from "~/modules/seller-listings/rooms.server";
import { roomSchema } from "~/modules/seller-listings/stay-schemas";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath, pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("listings.room.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  return loaded({ stay: await found(stayRef(db, cooperativeId, routeId(params.stayId))) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const stayId = routeId(params.stayId);
  const submission = parseForm(await postedForm(request), roomSchema);
  if (submission.status !== "success") {
    // Another cooperative's stay is not found, whatever was typed into the form.
    await found(stayRef(db, cooperativeId, stayId));
    return invalid("room", submission);
  }
  const outcome = await attempt("room", submission, () => createRoom(db, cooperativeId, stayId, submission.value));
  if (!outcome.ok) return outcome.response;
  return redirect(localePath(langFromRequest(request), `/dashboard/stays/${stayId}/rooms/${outcome.value}`));
}

export default function NewRoom() {
  const { stay } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("listings.room.newTitle")}
        back={{ to: `/dashboard/stays/${stay.id}`, label: t("listings.room.back") }}
      />
      <RoomForm
        title={pick(lang, stay.titleZh, stay.titleEn)}
        submitLabel={t("listings.room.create")}
        defaultValue={{ maxGuests: "2", minNights: "1" }}
      />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
