// The traveller's cancel box: what comes back if they cancel now (amount and share), until when,
// and the confirm form — or why it cannot be cancelled online any more.
import type { ReactNode } from "react";
import type { RefundQuote } from "~/modules/bookings/cancellation.server";
import type { MessageKey } from "~/locales";
import { formatDate, formatDateTime, formatPrice } from "~/utils/format";
import { useLang, useT } from "~/utils/t";

export function CancelBox({
  kind,
  quote,
  error,
  children,
}: {
  kind: "stay" | "experience";
  quote: RefundQuote;
  error: MessageKey | null;
  /** The confirm form, given the refund it confirms. */
  children: (refundCents: number) => ReactNode;
}) {
  const t = useT();
  const lang = useLang();
  const share = quote.percent >= 100 ? "full" : quote.percent > 0 ? "half" : "none";
  return (
    <section aria-labelledby="cancel-title" className="rounded-xl border border-red-100 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="cancel-title" className="text-lg font-semibold text-stone-900">
        {t("travellerBookings.cancel.title")}
      </h2>
      {error ? (
        <p role="alert" className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      {quote.cancellable ? (
        <>
          {quote.paidOnline ? (
            <p className="mt-3 text-lg font-semibold text-stone-900" data-testid="refund-quote">
              {t("travellerBookings.cancel.refund", { amount: formatPrice(quote.refundCents), share: t(`travellerBookings.cancel.share.${share}`) })}
            </p>
          ) : (
            <p className="mt-3 text-stone-900">{t("travellerBookings.cancel.notPaid")}</p>
          )}
          {quote.paidOnline && quote.percent > 0 ? (
            <p className="mt-1 text-sm text-stone-700">
              {kind === "stay"
                ? t("travellerBookings.cancel.deadlineStay", { date: formatDate(quote.deadline, lang) })
                : t("travellerBookings.cancel.deadlineExperience", { time: formatDateTime(quote.deadline, lang) })}
            </p>
          ) : null}
          {children(quote.refundCents)}
        </>
      ) : (
        <p className="mt-3 text-stone-800">
          {quote.blocked === "ended"
            ? t("travellerBookings.cancel.ended")
            : kind === "stay"
              ? t("travellerBookings.cancel.tooLateStay")
              : t("travellerBookings.cancel.tooLate")}
        </p>
      )}
    </section>
  );
}
