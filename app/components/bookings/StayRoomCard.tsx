// One room on a stay's page: facts and prices (base, weekend, dated rates with their minimum
// stays, blackout dates), its month calendar, the quote for the chosen dates and the booking form.
import type { AvailableQuote, NightAvailability } from "~/modules/bookings/find-types";
import { plural } from "~/modules/catalog/listing-display";
import { addDays } from "~/modules/catalog/listing-dates";
import type { StayBlackout, StayRate, StayRoom } from "~/modules/catalog/listing-types";
import { formatDate, formatPrice } from "~/utils/format";
import { type Lang, pick } from "~/utils/i18n";
import { type TFunction, useLang, useT } from "~/utils/t";
import { type MonthLink, RoomCalendar } from "./RoomCalendar";
import { RoomQuoteBox, StayBookingForm, type StayDates } from "./StayBooking";

/** Nights [start, end) in words: "1 May to 4 May" names the first and the last night. */
function nightsText(t: TFunction, lang: Lang, range: { startDate: string; endDate: string }) {
  const last = addDays(range.endDate, -1);
  return last === range.startDate
    ? t("stays.room.night", { start: formatDate(range.startDate, lang) })
    : t("stays.room.nights", { start: formatDate(range.startDate, lang), end: formatDate(last, lang) });
}

function RateList({ rates }: { rates: StayRate[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="divide-y divide-stone-200 rounded-md border border-stone-200">
      {rates.map((rate, i) => (
        <li key={i} className="flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
          <span>
            <span className="font-medium text-stone-900">{pick(lang, rate.label.zh, rate.label.en) || t("stays.room.rateDefaultLabel")}</span>
            <span className="block text-stone-600">{nightsText(t, lang, rate)}</span>
          </span>
          <span className="sm:shrink-0 sm:text-right">
            <span className="block font-semibold text-persimmon-600">{formatPrice(rate.priceCents)}</span>
            {rate.minNights > 1 ? <span className="block text-stone-600">{plural(t, "stays.room.minNights", rate.minNights)}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function BlackoutList({ blackouts }: { blackouts: StayBlackout[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
      {blackouts.map((b, i) => (
        <li key={i}>{nightsText(t, lang, b)}</li>
      ))}
    </ul>
  );
}

export type RoomCalendarView = { month: string; nights: NightAvailability[]; previous: MonthLink; next: MonthLink };

export function StayRoomCard({
  room,
  calendar,
  quote,
  dates,
  today,
}: {
  room: StayRoom;
  calendar: RoomCalendarView;
  quote: AvailableQuote | null;
  dates: StayDates;
  today: string;
}) {
  const t = useT();
  const lang = useLang();
  const name = pick(lang, room.nameZh, room.nameEn);
  const description = pick(lang, room.descriptionZh, room.descriptionEn);
  return (
    <article className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" aria-labelledby={`room-${room.id}-name`}>
      <h3 id={`room-${room.id}-name`} className="text-lg font-semibold text-stone-900">
        {name}
      </h3>
      <p className="mt-1 text-sm font-medium text-tea-800">
        {plural(t, "stays.room.maxGuests", room.maxGuests)}
        {room.minNights > 1 ? ` · ${plural(t, "stays.room.minNights", room.minNights)}` : null}
      </p>
      {description ? <p className="mt-1 text-sm text-stone-700">{description}</p> : null}
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm min-[480px]:grid-cols-2">
        {room.beds ? (
          <div>
            <dt className="text-stone-600">{t("stays.room.beds")}</dt>
            <dd className="text-stone-900">{room.beds}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-stone-600">{t("stays.room.basePrice")}</dt>
          <dd className="text-base font-semibold text-persimmon-600">
            {formatPrice(room.basePriceCents)} <span className="text-sm font-normal text-stone-600">{t("common.perNight")}</span>
          </dd>
        </div>
        {room.weekendPriceCents !== null ? (
          <div>
            <dt className="text-stone-600">{t("stays.room.weekendPrice")}</dt>
            <dd className="text-base font-semibold text-persimmon-600">
              {formatPrice(room.weekendPriceCents)} <span className="text-sm font-normal text-stone-600">{t("common.perNight")}</span>
            </dd>
          </div>
        ) : null}
      </dl>
      {room.rates.length ? (
        <div className="mt-4">
          <h4 className="mb-2 text-sm font-semibold text-stone-900">{t("stays.room.rates")}</h4>
          <RateList rates={room.rates} />
        </div>
      ) : null}
      {room.blackouts.length ? (
        <div className="mt-4">
          <h4 className="mb-2 text-sm font-semibold text-stone-900">{t("stays.room.blackouts")}</h4>
          <BlackoutList blackouts={room.blackouts} />
        </div>
      ) : null}
      {quote ? <RoomQuoteBox quote={quote} maxGuests={room.maxGuests} /> : null}
      <div className="mt-4">
        <RoomCalendar
          id={`room-${room.id}`}
          roomName={name}
          month={calendar.month}
          nights={calendar.nights}
          roomMinNights={room.minNights}
          today={today}
          previous={calendar.previous}
          next={calendar.next}
          chosen={dates.checkIn && dates.checkOut ? { checkIn: dates.checkIn, checkOut: dates.checkOut } : null}
        />
      </div>
      <StayBookingForm unitId={room.id} roomName={name} dates={dates} today={today} maxGuests={room.maxGuests} />
    </article>
  );
}
