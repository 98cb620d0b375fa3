// /dashboard/bookings/:kind/:bookingId: one booking of the acting cooperative — the guest and how
// to reach them, dates, guests, amount, status, order — and what the host can do: cancel with a
// reason (owners; the guest gets everything back and a mail), or answer a pay-on-arrival request
// (accept → confirmation mails with the .ics; decline with a reason → the nights are free again).
// Another cooperative's booking is a 404; a step that no longer applies is a 409 that changes nothing.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { BookingFactList, BookingStatusBadge, useBookingTitle } from "~/components/bookings-account/BookingParts";
import { GuestCard, HostCancelForm, RequestForms } from "~/components/bookings-account/HostBookingForms";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import type { MessageKey } from "~/locales";
import { forbidden, requireSeller } from "~/modules/accounts/auth.server";
import { CancelError, bookingRefFromParams, cancelBookingByHost } from "~/modules/bookings/cancellation.server";
import { getHostBooking } from "~/modules/bookings/host-booking.server";
import { sendBookingCancelledMails, sendBookingConfirmationMails } from "~/modules/bookings/mails.server";
import { ArrivalRequestError, confirmArrivalRequest, declineArrivalRequest } from "~/modules/bookings/on-arrival.server";
import { orderBookings, toBookingView } from "~/modules/bookings/traveller.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/forms.server";
import { PRIVATE_NO_STORE, appOrigin, notFound } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath } from "~/utils/i18n";
import { translator, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };
const DONE = ["cancelled", "confirmed", "declined"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const ref = bookingRefFromParams(params) ?? notFound();
  const found = (await getHostBooking(db, { ...ref, cooperativeId: seller.membership.cooperativeId }, new Date())) ?? notFound();
  return data(
    {
      booking: toBookingView(found.booking),
      canCancel: found.canCancel,
      refundCents: found.refundCents,
      waitingForHost: found.waitingForHost,
      isOwner: seller.membership.role === "owner",
    },
    { headers: NO_STORE },
  );
}

const ReasonSchema = z.object({ intent: z.enum(["cancel", "decline"]), reason: z.string().trim().min(1).max(500) });
type Answer = { intent: string; error: MessageKey; fieldError?: boolean };
const answer = (body: Answer, status: number) => data(body, { status, headers: NO_STORE });

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const cooperativeId = seller.membership.cooperativeId;
  const ref = bookingRefFromParams(params) ?? notFound();
  const found = (await getHostBooking(db, { ...ref, cooperativeId }, new Date())) ?? notFound();
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const origin = appOrigin(request);
  const done = (what: (typeof DONE)[number]) =>
    redirect(localePath(langFromRequest(request), `/dashboard/bookings/${ref.kind}/${ref.bookingId}?done=${what}`), { status: 303, headers: NO_STORE });
  const orderId = found.booking.order.id;

  if (intent === "cancel" || intent === "decline") {
    if (intent === "cancel" && seller.membership.role !== "owner") forbidden("Owners only");
    // parseForm refuses NUL characters (400) before Zod reads the reason.
    const parsed = parseForm(formData, ReasonSchema);
    if (parsed.status !== "success") return answer({ intent, error: "form.required", fieldError: true }, 400);
    if (intent === "cancel") {
      try {
        await cancelBookingByHost(db, { ...ref, cooperativeId, reason: parsed.value.reason, userId: seller.user.id }, new Date(), { origin });
      } catch (error) {
        if (!(error instanceof CancelError)) throw error;
        if (error.code === "not_found") notFound();
        return answer({ intent, error: error.code === "provider_failed" ? "travellerBookings.error.providerFailed" : "travellerBookings.error.conflict" }, error.status);
      }
      return done("cancelled");
    }
    try {
      await declineArrivalRequest(db, { orderId, cooperativeId, reason: parsed.value.reason });
    } catch (error) {
      return refused(intent, error);
    }
    // The request is answered whatever happens to the mails.
    const declined = await orderBookings(db, orderId, { sellerOrderId: found.booking.sellerOrderId, statuses: ["cancelled"] });
    for (const b of declined.filter((d) => d.cancelledBy === "host")) {
      await sendBookingCancelledMails(db, { kind: b.kind, bookingId: b.id }, origin).catch(logMailError);
    }
    return done("declined");
  }
  if (intent === "confirm") {
    try {
      await confirmArrivalRequest(db, { orderId, cooperativeId });
    } catch (error) {
      return refused(intent, error);
    }
    await sendBookingConfirmationMails(db, orderId, origin, { sellerOrderId: found.booking.sellerOrderId }).catch(logMailError);
    return done("confirmed");
  }
  return data({ message: "Unknown intent" }, { status: 400, headers: NO_STORE });
}

function refused(intent: string, error: unknown) {
  if (!(error instanceof ArrivalRequestError)) throw error;
  if (error.code === "not_found") notFound();
  return answer({ intent, error: "travellerBookings.host.error.answered" }, error.status);
}

function logMailError(error: unknown) {
  console.error("[bookings] host answer mail failed:", error instanceof Error ? error.message : error);
}

export const headers = () => NO_STORE;

export const meta: MetaFunction<typeof loader> = ({ data: loaded, location }) => {
  const t = translator(langFromPath(location.pathname));
  const title = loaded ? t("travellerBookings.host.title", { number: loaded.booking.order.number }) : t("hostBookings.title");
  return [{ title: `${title} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

export default function DashboardBooking() {
  const { booking, canCancel, refundCents, waitingForHost, isOwner } = useLoaderData<typeof loader>();
  const last = useActionData<typeof action>() as Answer | { message: string } | undefined;
  const failure = last && "intent" in last ? last : undefined;
  const [search] = useSearchParams();
  const t = useT();
  const title = useBookingTitle()(booking);
  const done = DONE.find((d) => d === search.get("done"));
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <LocaleLink to="/dashboard/bookings" className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-2">
        ← {t("travellerBookings.host.back")}
      </LocaleLink>
      {done ? (
        <p role="status" className="rounded-lg border border-tea-200 bg-tea-50 p-3 text-tea-900">
          {t(`travellerBookings.host.notice.${done}`)}
        </p>
      ) : null}
      <section aria-labelledby="booking-title" className="rounded-xl bg-white p-5 shadow-sm sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="text-sm text-stone-600">{t("travellerBookings.host.title", { number: booking.order.number })}</p>
            <h1 id="booking-title" className="text-2xl font-semibold text-tea-900">
              {title}
            </h1>
          </div>
          <BookingStatusBadge status={booking.status} />
        </div>
        <GuestCard booking={booking} />
        <div className="mt-4">
          <BookingFactList booking={booking} showHost={false} orderLink={`/dashboard/orders/${booking.sellerOrderId}`} />
        </div>
      </section>
      {waitingForHost ? <RequestForms failure={failure} /> : null}
      {canCancel ? <HostCancelForm isOwner={isOwner} refundCents={refundCents} onArrival={booking.order.provider === "on_arrival"} failure={failure} /> : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
