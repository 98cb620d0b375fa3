// One booking in the traveller's list: what and where, when, status, order, and the way in.
import { LocaleLink } from "~/components/LocaleLink";
import type { BookingView } from "~/modules/bookings/traveller.server";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { BookingStatusBadge, WhenLine, useBookingTitle } from "./BookingParts";

export function BookingCard({ booking }: { booking: BookingView }) {
  const t = useT();
  const lang = useLang();
  const title = useBookingTitle()(booking);
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm text-stone-600">
            {t(`travellerBookings.kind.${booking.kind}`)} · {pick(lang, booking.village.nameZh, booking.village.nameEn)}
          </p>
          <h3 className="text-lg font-semibold text-stone-900">{title}</h3>
        </div>
        <BookingStatusBadge status={booking.status} />
      </div>
      <p className="mt-1 text-stone-800">
        <WhenLine booking={booking} />
      </p>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <LocaleLink to={`/orders/${booking.order.number}`} className="font-mono text-sm text-tea-800 underline underline-offset-2">
          {t("travellerBookings.order", { number: booking.order.number })}
        </LocaleLink>
        <LocaleLink
          to={`/account/bookings/${booking.kind}/${booking.id}`}
          aria-label={t("travellerBookings.openLabel", { title })}
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 hover:bg-stone-50"
        >
          {t("travellerBookings.open")}
        </LocaleLink>
      </div>
    </li>
  );
}
