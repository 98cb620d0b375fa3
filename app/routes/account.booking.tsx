// /account/bookings/:kind/:bookingId: one of the traveller's bookings — check-in and check-out
// times, the place, house rules, the host's contact once confirmed, the cancellation policy in
// words — and the cancel form, which shows what comes back before anything is done. The form
// carries the refund it showed: if it changed meanwhile (midnight passed) nothing happens (409).
// Another user's booking is a 404; a second post for a cancelled booking is a 409.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { BookingFactList, useBookingTitle } from "~/components/bookings-account/BookingParts";
import { CancelBox } from "~/components/bookings-account/CancelBox";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import type { MessageKey } from "~/locales";
import { requireSession } from "~/modules/accounts/auth.server";
import { CancelError, bookingRefFromParams, cancelBookingByTraveller } from "~/modules/bookings/cancellation.server";
import { ArrivalRequestError, withdrawArrivalRequest } from "~/modules/bookings/on-arrival.server";
import { getTravellerBooking, toBookingView } from "~/modules/bookings/traveller.server";
import { cancellationPolicyText } from "~/modules/catalog/cancellation";
import { getDb } from "~/utils/db.server";
import { formatPrice } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { readForm } from "~/utils/forms.server";
import { PRIVATE_NO_STORE, appOrigin, notFound } from "~/utils/http.server";
import { langFromRequest, localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const ref = bookingRefFromParams(params) ?? notFound();
  const found = (await getTravellerBooking(db, { ...ref, userId: session.user.id }, new Date())) ?? notFound();
  return data({ booking: toBookingView(found.booking), quote: found.quote }, { headers: NO_STORE });
}

const CancelSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("cancel"), refundCents: z.coerce.number().int().min(0).max(1_000_000_000) }),
  // A pay-on-arrival request the host has not answered yet.
  z.object({ intent: z.literal("withdraw") }),
]);

const ERRORS = {
  quote_changed: "travellerBookings.error.quoteChanged",
  provider_failed: "travellerBookings.error.providerFailed",
} as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const ref = bookingRefFromParams(params) ?? notFound();
  const parsed = parseForm(await readForm(request), CancelSchema);
  if (parsed.status !== "success") return data({ error: "travellerBookings.error.conflict" as MessageKey }, { status: 400, headers: NO_STORE });
  const back = (notice: string) =>
    redirect(localePath(langFromRequest(request), `/account/bookings/${ref.kind}/${ref.bookingId}?${notice}=1`), { status: 303, headers: NO_STORE });
  if (parsed.value.intent === "withdraw") {
    const found = (await getTravellerBooking(db, { ...ref, userId: session.user.id }, new Date())) ?? notFound();
    try {
      await withdrawArrivalRequest(db, { orderId: found.booking.order.id, userId: session.user.id });
    } catch (error) {
      if (!(error instanceof ArrivalRequestError)) throw error;
      if (error.code === "not_found") notFound();
      return data({ error: "travellerBookings.error.conflict" as MessageKey }, { status: error.status, headers: NO_STORE });
    }
    return back("withdrawn");
  }
  try {
    const refundCents = parsed.value.refundCents;
    await cancelBookingByTraveller(db, { ...ref, userId: session.user.id, expectRefundCents: refundCents }, new Date(), { origin: appOrigin(request) });
  } catch (error) {
    if (!(error instanceof CancelError)) throw error;
    if (error.code === "not_found") notFound();
    const key: MessageKey = error.code === "quote_changed" || error.code === "provider_failed" ? ERRORS[error.code] : "travellerBookings.error.conflict";
    return data({ error: key }, { status: error.status, headers: NO_STORE });
  }
  return back("cancelled");
}

export const headers = () => NO_STORE;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "travellerBookings.detail.title");

export default function AccountBookingPage() {
  const { booking, quote } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const title = useBookingTitle()(booking);
  const policy = booking.stay ? cancellationPolicyText(booking.stay.policy, t) : { name: t("travellerBookings.policy.experience.name"), body: t("travellerBookings.policy.experience.body") };
  const justCancelled = search.get("cancelled") === "1" && booking.status === "cancelled";
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <LocaleLink to="/account/bookings" className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-2">
        ← {t("travellerBookings.back")}
      </LocaleLink>
      {justCancelled ? (
        <p role="status" className="rounded-lg border border-tea-200 bg-tea-50 p-3 text-tea-900">
          {booking.refundedCents > 0
            ? t("travellerBookings.notice.cancelled", { amount: formatPrice(booking.refundedCents) })
            : t("travellerBookings.notice.cancelledNoRefund")}
        </p>
      ) : null}
      <section aria-labelledby="booking-title" className="rounded-xl bg-white p-5 shadow-sm sm:p-6">
        <p className="text-sm text-stone-600">
          {t(`travellerBookings.kind.${booking.kind}`)} · {pick(lang, booking.village.nameZh, booking.village.nameEn)}
        </p>
        <h1 id="booking-title" className="text-2xl font-semibold text-tea-900">
          {title}
        </h1>
        <div className="mt-4">
          <BookingFactList booking={booking} showHost orderLink={`/orders/${booking.order.number}`} />
        </div>
      </section>
      <section aria-labelledby="policy-title" className="rounded-xl bg-white p-5 shadow-sm sm:p-6">
        <h2 id="policy-title" className="text-lg font-semibold text-stone-900">
          {t("travellerBookings.detail.policy")}
          {lang === "en" ? ": " : "："}
          {policy.name}
        </h2>
        <p className="mt-2 text-stone-800">{policy.body}</p>
      </section>
      {search.get("withdrawn") === "1" && booking.status === "cancelled" ? (
        <p role="status" className="rounded-lg border border-tea-200 bg-tea-50 p-3 text-tea-900">
          {t("travellerBookings.notice.withdrawn")}
        </p>
      ) : null}
      {booking.status === "held" ? (
        <div className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-3 text-amber-900">
          <p>{t("travellerBookings.detail.waiting")}</p>
          {booking.order.provider === "on_arrival" && booking.order.status === "pending_payment" ? (
            <Form method="post">
              {answer && "error" in answer && answer.error ? (
                <p role="alert" className="mb-2 font-medium text-red-800">
                  {t(answer.error)}
                </p>
              ) : null}
              <button
                type="submit"
                name="intent"
                value="withdraw"
                className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
              >
                {t("travellerBookings.withdraw")}
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      {booking.status === "confirmed" ? (
        <CancelBox kind={booking.kind} quote={quote} error={answer && "error" in answer ? answer.error : null}>
          {(refundCents) => (
            <Form method="post" className="mt-4">
              <input type="hidden" name="refundCents" value={refundCents} />
              <button
                type="submit"
                name="intent"
                value="cancel"
                className="inline-flex min-h-11 w-full items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 font-medium text-red-800 hover:bg-red-50"
              >
                {t("travellerBookings.cancel.confirm")}
              </button>
            </Form>
          )}
        </CancelBox>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
