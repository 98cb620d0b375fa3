// Below the month grid: the month's experience sessions (seats booked of capacity) and the
// bookings coming up, each linking to its page.
import { LocaleLink } from "~/components/LocaleLink";
import { Section } from "~/components/dashboard/listings/ui";
import type { MonthSlot, UpcomingBooking } from "~/modules/bookings/host-calendar.server";
import { formatDate, formatDateTime } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export function MonthSlots({ slots }: { slots: MonthSlot[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <Section id="slots-title" title={t("hostBookings.slots.title")}>
      {slots.length === 0 ? <p className="text-stone-700">{t("hostBookings.slots.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {slots.map((s) => (
          <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-2">
            <LocaleLink to={`/dashboard/experiences/${s.experienceId}/slots`} className="min-w-0 font-medium break-words text-tea-800 underline underline-offset-4">
              {pick(lang, s.titleZh, s.titleEn)}
            </LocaleLink>
            <span className="text-stone-700">{formatDateTime(s.startsAt, lang)}</span>
            <span className={s.bookedCount >= s.capacity ? "font-semibold text-stone-900" : "text-stone-700"}>
              {t("hostBookings.slots.booked", { booked: s.bookedCount, capacity: s.capacity })}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

export function UpcomingBookings({ bookings }: { bookings: UpcomingBooking[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <Section id="upcoming-title" title={t("hostBookings.upcoming.title")}>
      {bookings.length === 0 ? <p className="text-stone-700">{t("hostBookings.upcoming.empty")}</p> : null}
      <ul className="divide-y divide-stone-200">
        {bookings.map((b) => (
          <li key={`${b.kind}-${b.id}`}>
            <LocaleLink to={`/dashboard/bookings/${b.kind}/${b.id}`} className="block min-h-11 py-3 hover:bg-tea-50">
              <span className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-words text-tea-800 underline underline-offset-4">{pick(lang, b.titleZh, b.titleEn)}</span>
                <span className={`rounded-full px-2 py-0.5 text-sm ${b.status === "held" ? "bg-amber-100 text-amber-900" : "bg-tea-100 text-tea-800"}`}>
                  {b.request ? t("hostBookings.status.request") : t(`hostBookings.status.${b.status}`)}
                </span>
              </span>
              <span className="block text-stone-700">
                {b.kind === "stay"
                  ? t("hostBookings.upcoming.stay", { from: formatDate(b.checkIn, lang), to: formatDate(b.checkOut, lang), guests: b.guests })
                  : t("hostBookings.upcoming.experience", { time: formatDateTime(b.startsAt, lang), people: b.people })}
              </span>
              <span className="block text-sm text-stone-600">{t("hostBookings.upcoming.order", { number: b.orderNumber, name: b.guestName })}</span>
            </LocaleLink>
          </li>
        ))}
      </ul>
    </Section>
  );
}
