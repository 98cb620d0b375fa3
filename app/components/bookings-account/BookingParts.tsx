// Pieces of the booking pages shared by the traveller's and the host's views: the status badge,
// the when-and-how-many line, and the list of facts (times, place, rules, host, money, order).
import type { ReactNode } from "react";
import { LocaleLink } from "~/components/LocaleLink";
import { bookingTitle, hostContactOf, placeOf } from "~/modules/bookings/booking-text";
import type { BookingView } from "~/modules/bookings/traveller.server";
import { nightsBetween } from "~/modules/catalog/listing-dates";
import { formatDate, formatDateTime, formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

const BADGE = {
  held: "bg-amber-100 text-amber-900",
  confirmed: "bg-tea-100 text-tea-900",
  cancelled: "bg-stone-200 text-stone-800",
} as const;

export function BookingStatusBadge({ status }: { status: BookingView["status"] }) {
  const t = useT();
  return <span className={`rounded-full px-3 py-1 text-sm font-medium ${BADGE[status]}`}>{t(`travellerBookings.status.${status}`)}</span>;
}

export function useBookingTitle() {
  const lang = useLang();
  return (b: Pick<BookingView, "stay" | "experience">) => bookingTitle(lang, b);
}

/** "2027年5月1日 – 2027年5月3日 · 2 晚 · 2 位客人" or the slot's time and people. */
export function WhenLine({ booking }: { booking: BookingView }) {
  const t = useT();
  const lang = useLang();
  if (booking.stay) {
    const s = booking.stay;
    return (
      <>
        {t("travellerBookings.dates", { checkIn: formatDate(s.checkIn, lang), checkOut: formatDate(s.checkOut, lang) })} ·{" "}
        {t("travellerBookings.nights", { n: nightsBetween(s.checkIn, s.checkOut) })} · {t("travellerBookings.guests", { n: s.guests })}
      </>
    );
  }
  const e = booking.experience!;
  return (
    <>
      {formatDateTime(e.startsAt, lang)} · {t("travellerBookings.people", { n: e.people })}
    </>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="border-t border-stone-100 py-2 first:border-t-0 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-stone-600">{term}</dt>
      <dd className="mt-1 break-words text-stone-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

/** The booking's facts. `host` shows the host's contact (the traveller's view, once confirmed). */
export function BookingFactList({ booking, showHost, orderLink }: { booking: BookingView; showHost: boolean; orderLink: string | null }) {
  const t = useT();
  const lang = useLang();
  const s = booking.stay;
  const e = booking.experience;
  const rules = s ? pick(lang, s.houseRulesZh, s.houseRulesEn).trim() : "";
  const meeting = e ? pick(lang, e.meetingPointZh, e.meetingPointEn).trim() : "";
  return (
    <dl>
      {s ? (
        <>
          <Fact term={t("travellerBookings.detail.checkIn")}>{t("travellerBookings.detail.after", { date: formatDate(s.checkIn, lang), time: s.checkInTime })}</Fact>
          <Fact term={t("travellerBookings.detail.checkOut")}>{t("travellerBookings.detail.before", { date: formatDate(s.checkOut, lang), time: s.checkOutTime })}</Fact>
          <Fact term={t("travellerBookings.detail.length")}>
            {t("travellerBookings.nights", { n: nightsBetween(s.checkIn, s.checkOut) })} · {t("travellerBookings.guests", { n: s.guests })}
          </Fact>
        </>
      ) : null}
      {e ? (
        <>
          <Fact term={t("travellerBookings.detail.time")}>{t("travellerBookings.detail.timeValue", { time: formatDateTime(e.startsAt, lang), minutes: e.durationMinutes })}</Fact>
          <Fact term={t("travellerBookings.detail.who")}>{t("travellerBookings.people", { n: e.people })}</Fact>
        </>
      ) : null}
      <Fact term={t("travellerBookings.detail.place")}>{placeOf(lang, booking.village)}</Fact>
      {meeting ? <Fact term={t("travellerBookings.detail.meetingPoint")}>{meeting}</Fact> : null}
      {rules ? (
        <Fact term={t("travellerBookings.detail.houseRules")}>
          <span className="whitespace-pre-line">{rules}</span>
        </Fact>
      ) : null}
      {showHost ? (
        <Fact term={t("travellerBookings.detail.host")}>
          {booking.status === "confirmed" ? hostContactOf(booking.cooperative, lang) : t("travellerBookings.detail.hostLater")}
        </Fact>
      ) : null}
      <Fact term={t("travellerBookings.detail.amount")}>
        {formatPrice(booking.totalCents)}
        {booking.order.provider === "on_arrival" ? ` · ${t("travellerBookings.detail.payOnArrival")}` : ""}
      </Fact>
      {booking.refundedCents > 0 ? <Fact term={t("travellerBookings.detail.refunded")}>{formatPrice(booking.refundedCents)}</Fact> : null}
      <Fact term={t("travellerBookings.detail.orderNumber")}>
        {orderLink ? (
          <LocaleLink to={orderLink} className="font-mono text-tea-800 underline underline-offset-2">
            {booking.order.number}
          </LocaleLink>
        ) : (
          <span className="font-mono">{booking.order.number}</span>
        )}
      </Fact>
      <Fact term={t("travellerBookings.detail.status")}>
        <BookingStatusBadge status={booking.status} />
        {booking.status === "cancelled" && booking.cancelledAt ? (
          <span className="mt-2 block text-sm text-stone-700">
            {t("travellerBookings.detail.cancelledAt", { time: formatDateTime(booking.cancelledAt, lang) })}
            {booking.cancelledBy === "host" ? `，${t("travellerBookings.detail.cancelledByHost")}` : booking.cancelledBy === "traveller" ? `，${t("travellerBookings.detail.cancelledByTraveller")}` : ""}
            {booking.cancelReason ? <span className="block">{t("travellerBookings.detail.reason", { reason: booking.cancelReason })}</span> : null}
          </span>
        ) : null}
      </Fact>
    </dl>
  );
}
