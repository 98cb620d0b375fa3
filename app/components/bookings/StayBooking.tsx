// The booking side of a stay's page: the dates form (GET, so the page shows each room's price
// for them), a room's quote for those dates, and the form that puts the room in the cart (a plain
// POST to /cart with intent=add-stay; the cart page's action checks everything again).
import { Form, useLocation } from "@remix-run/react";
import { useId } from "react";
import { MAX_SEARCH_NIGHTS, availabilityEnd } from "~/modules/bookings/find-dates";
import type { AvailableQuote, RangeProblem } from "~/modules/bookings/find-types";
import { plural } from "~/modules/catalog/listing-display";
import { addDays } from "~/modules/catalog/listing-dates";
import type { DatesNotice } from "~/modules/catalog/listing-params";
import { formatDate, formatPrice } from "~/utils/format";
import { localePath } from "~/utils/i18n";
import { type TFunction, useLang, useT } from "~/utils/t";

export const FIELD = "mt-1 block min-h-11 w-full min-w-0 rounded-md border border-stone-400 bg-white px-2 py-2 text-base text-stone-900";

export type StayDates = { checkIn?: string; checkOut?: string; guests?: number };

export function problemText(t: TFunction, problem: RangeProblem, facts: { maxGuests: number; minNights: number }): string {
  switch (problem) {
    case "too_many_guests":
      return t("bookings.problem.too_many_guests", { count: facts.maxGuests });
    case "min_nights":
      return t("bookings.problem.min_nights", { count: facts.minNights });
    default:
      return t(`bookings.problem.${problem}`);
  }
}

export function datesNoticeText(t: TFunction, notice: DatesNotice): string {
  return t(`bookings.find.notice.${notice}`, { max: MAX_SEARCH_NIGHTS });
}

/** Why the dates in the link were not used: a short, polite note. */
export function DatesNoticeBox({ notice }: { notice: DatesNotice | null }) {
  const t = useT();
  if (!notice) return null;
  return (
    <p role="status" className="mt-3 rounded-md bg-earth-50 p-3 text-sm text-earth-700 ring-1 ring-earth-100">
      {datesNoticeText(t, notice)}
    </p>
  );
}

/** checkIn / checkOut / guests inputs, prefilled, with the calendar's bounds. */
function DateFields({ dates, today, maxGuests, idPrefix }: { dates: StayDates; today: string; maxGuests: number; idPrefix: string }) {
  const t = useT();
  const end = availabilityEnd(today);
  const guests = dates.guests !== undefined ? Math.min(dates.guests, maxGuests) : Math.min(2, maxGuests);
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-in`} className="block text-sm font-medium text-stone-800">
          {t("bookings.form.checkIn")}
        </label>
        <input id={`${idPrefix}-in`} type="date" name="checkIn" required defaultValue={dates.checkIn ?? ""} min={today} max={addDays(end, -1)} className={FIELD} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-out`} className="block text-sm font-medium text-stone-800">
          {t("bookings.form.checkOut")}
        </label>
        <input id={`${idPrefix}-out`} type="date" name="checkOut" required defaultValue={dates.checkOut ?? ""} min={addDays(today, 1)} max={end} className={FIELD} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-guests`} className="block text-sm font-medium text-stone-800">
          {t("bookings.form.guests")}
        </label>
        <input
          id={`${idPrefix}-guests`}
          type="number"
          name="guests"
          inputMode="numeric"
          required
          min={1}
          max={maxGuests}
          defaultValue={guests}
          className={FIELD}
        />
      </div>
    </>
  );
}

/** The dates of the whole page (GET): every room then shows its price and availability for them. */
// The calendar then opens on the check-in's month, so the month being viewed is not carried.
export function StayDatesForm({ dates, today, maxGuests }: { dates: StayDates; today: string; maxGuests: number }) {
  const t = useT();
  const id = useId();
  return (
    <Form method="get" preventScrollReset className="rounded-lg border border-stone-200 bg-white p-4">
      <h3 className="text-base font-semibold text-stone-900">{t("bookings.dates.title")}</h3>
      <p className="mt-1 text-sm text-stone-700">{t("bookings.dates.intro")}</p>
      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 sm:items-end">
        <DateFields dates={dates} today={today} maxGuests={maxGuests} idPrefix={id} />
        <button type="submit" className="col-span-2 min-h-11 rounded-full bg-tea-700 px-6 py-2 font-medium text-white hover:bg-tea-800 sm:col-span-1">
          {t("bookings.dates.submit")}
        </button>
      </div>
    </Form>
  );
}

/** A room's price for the chosen dates and whether it can be booked, in words. */
export function RoomQuoteBox({ quote, maxGuests }: { quote: AvailableQuote; maxGuests: number }) {
  const t = useT();
  const lang = useLang();
  const total = plural(t, "bookings.quote.total", quote.nights, { price: formatPrice(quote.totalCents) });
  return (
    <div
      data-testid="room-quote"
      className={`mt-3 rounded-md p-3 text-sm ring-1 ${quote.available ? "bg-tea-50 text-tea-800 ring-tea-100" : "bg-stone-100 text-stone-800 ring-stone-200"}`}
    >
      <p className="font-medium">
        {t("bookings.quote.range", { checkIn: formatDate(quote.checkIn, lang), checkOut: formatDate(quote.checkOut, lang) })}
      </p>
      <p className="mt-1 text-base font-semibold">{total}</p>
      <p className="mt-1">
        {quote.available
          ? t("bookings.quote.available")
          : t("bookings.quote.unavailable", { reason: problemText(t, quote.problem ?? "taken", { maxGuests, minNights: quote.minNights }) })}
      </p>
    </div>
  );
}

/** Puts the room in the cart: POST /cart intent=add-stay; the cart brings the traveller back here. */
export function StayBookingForm({ unitId, roomName, dates, today, maxGuests }: { unitId: number; roomName: string; dates: StayDates; today: string; maxGuests: number }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const id = useId();
  return (
    <Form method="post" action={localePath(lang, "/cart")} className="mt-4 rounded-md border border-stone-200 p-3" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`} className="text-sm font-semibold text-stone-900">
        {t("bookings.form.title", { room: roomName })}
      </h4>
      <input type="hidden" name="intent" value="add-stay" />
      <input type="hidden" name="unitId" value={unitId} />
      <input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
      <div className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4 sm:items-end">
        <DateFields dates={dates} today={today} maxGuests={maxGuests} idPrefix={id} />
        <button type="submit" className="col-span-2 min-h-11 rounded-full bg-tea-800 px-5 py-2 font-medium text-white hover:bg-tea-700 sm:col-span-1">
          {t("bookings.form.submit")}
        </button>
      </div>
      <p className="mt-2 text-xs text-stone-700">{t("bookings.form.note")}</p>
    </Form>
  );
}
