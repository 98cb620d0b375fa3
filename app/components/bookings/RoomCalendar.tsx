// A room's month as a table (7 columns, Monday first): each night's state in words — never by
// colour alone — and the price of free nights. Month links are plain links (`?month=YYYY-MM`)
// so the calendar pages without JavaScript; the caller decides the bounds.
import { Link } from "@remix-run/react";
import type { NightAvailability, NightState } from "~/modules/bookings/find-types";
import { monthWeeks } from "~/modules/bookings/find-dates";
import { formatDate, formatPrice } from "~/utils/format";
import type { Lang } from "~/utils/i18n";
import { type TFunction, useLang, useT } from "~/utils/t";

const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const ZH_WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"];
const ZH_WEEKDAYS_LONG = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
const EN_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const EN_WEEKDAYS_LONG = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "2027-04" → "2027年4月" / "April 2027". */
export function formatMonth(month: string, lang: Lang): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return lang === "en" ? `${EN_MONTHS[m - 1]} ${y}` : `${y}年${m}月`;
}

/** ¥380 for whole yuan (cells are narrow on a phone), else the full ¥380.50. */
function cellPrice(cents: number): string {
  return cents % 100 === 0 ? `¥${(cents / 100).toLocaleString("en-US")}` : formatPrice(cents);
}

const STATE_CLASS: Record<NightState, string> = {
  free: "bg-tea-50 text-tea-800",
  booked: "bg-stone-200 text-stone-800",
  held: "bg-stone-200 text-stone-800",
  blackout: "bg-stone-100 text-stone-700",
  past: "bg-white text-stone-600",
  outside: "bg-white text-stone-600",
};

const STATE_KEY = {
  free: "bookings.calendar.state.free",
  booked: "bookings.calendar.state.booked",
  held: "bookings.calendar.state.held",
  blackout: "bookings.calendar.state.blackout",
  past: "bookings.calendar.state.past",
  outside: "bookings.calendar.state.outside",
} as const;

const SHORT_KEY = {
  booked: "bookings.calendar.short.booked",
  held: "bookings.calendar.short.held",
  blackout: "bookings.calendar.short.blackout",
  past: "bookings.calendar.short.past",
  outside: "bookings.calendar.short.outside",
} as const;

export function stateText(t: TFunction, state: NightState): string {
  return t(STATE_KEY[state]);
}

function cellLabel(t: TFunction, lang: Lang, night: NightAvailability, weekday: number, roomMinNights: number): string {
  const date = `${formatDate(night.date, lang)} ${(lang === "en" ? EN_WEEKDAYS_LONG : ZH_WEEKDAYS_LONG)[weekday]}`;
  const state = stateText(t, night.state);
  if (night.state !== "free") return t("bookings.calendar.dayLabel", { date, state });
  const min = night.minNights > roomMinNights ? t("bookings.calendar.dayMin", { count: night.minNights }) : "";
  return t("bookings.calendar.dayPrice", { date, state, price: formatPrice(night.priceCents) }) + min;
}

export type MonthLink = { href: string; month: string } | null;

export function RoomCalendar({
  id,
  roomName,
  month,
  nights,
  roomMinNights,
  today,
  previous,
  next,
  chosen,
}: {
  id: string;
  roomName: string;
  month: string;
  nights: NightAvailability[];
  roomMinNights: number;
  today: string;
  previous: MonthLink;
  next: MonthLink;
  /** The nights the traveller picked, marked on the table. */
  chosen?: { checkIn: string; checkOut: string } | null;
}) {
  const t = useT();
  const lang = useLang();
  const byDate = new Map(nights.map((n) => [n.date, n]));
  const label = formatMonth(month, lang);
  const longMinimum = nights.some((n) => n.state === "free" && n.minNights > roomMinNights);
  const nav = "inline-flex min-h-11 items-center rounded-md px-3 text-sm";
  return (
    <div id={id} className="scroll-mt-4">
      <nav aria-label={t("bookings.calendar.monthNav", { room: roomName })} className="mb-2 flex items-center justify-between gap-2">
        {previous ? (
          <Link to={previous.href} preventScrollReset className={`${nav} border border-stone-300 bg-white text-tea-800 hover:bg-stone-100`}>
            <span aria-hidden="true">‹&nbsp;</span>
            {t("bookings.calendar.previousOf", { month: formatMonth(previous.month, lang) })}
          </Link>
        ) : (
          <span className={`${nav} border border-stone-200 text-stone-600`} aria-disabled="true">
            {t("bookings.calendar.previous")}
          </span>
        )}
        {next ? (
          <Link to={next.href} preventScrollReset className={`${nav} border border-stone-300 bg-white text-tea-800 hover:bg-stone-100`}>
            {t("bookings.calendar.nextOf", { month: formatMonth(next.month, lang) })}
            <span aria-hidden="true">&nbsp;›</span>
          </Link>
        ) : (
          <span className={`${nav} border border-stone-200 text-stone-600`} aria-disabled="true">
            {t("bookings.calendar.next")}
          </span>
        )}
      </nav>
      <table className="w-full table-fixed border-collapse text-center">
        <caption className="mb-1 text-left text-base font-semibold text-stone-900">{t("bookings.calendar.caption", { room: roomName, month: label })}</caption>
        <thead>
          <tr>
            {(lang === "en" ? EN_WEEKDAYS : ZH_WEEKDAYS).map((d, i) => (
              <th key={d} scope="col" abbr={(lang === "en" ? EN_WEEKDAYS_LONG : ZH_WEEKDAYS_LONG)[i]} className="py-1 text-xs font-medium text-stone-700">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, w) => (
            <tr key={w}>
              {week.map((date, i) => {
                const night = date ? byDate.get(date) : undefined;
                if (!date || !night) return <td key={date ?? `e${i}`} className="border border-stone-100 bg-white" />;
                const isToday = date === today;
                const isChosen = chosen ? chosen.checkIn <= date && date < chosen.checkOut : false;
                const marker = night.state === "free" && night.minNights > roomMinNights ? "*" : "";
                return (
                  <td
                    key={date}
                    data-date={date}
                    data-state={night.state}
                    className={`h-12 border border-white px-0.5 align-top ${STATE_CLASS[night.state]} ${isToday ? "outline outline-2 -outline-offset-2 outline-tea-700" : ""} ${isChosen ? "shadow-[inset_0_-4px_0_0_var(--color-persimmon-600)]" : ""}`}
                  >
                    <span aria-hidden="true" className="block text-xs font-semibold leading-5">
                      {Number(date.slice(8))}
                      {marker}
                    </span>
                    <span aria-hidden="true" className={`block truncate text-[11px] leading-4 ${night.state === "booked" || night.state === "held" ? "line-through" : ""}`}>
                      {night.state === "free" ? cellPrice(night.priceCents) : t(SHORT_KEY[night.state])}
                    </span>
                    <span className="sr-only">
                      {cellLabel(t, lang, night, i, roomMinNights)}
                      {isChosen ? t("bookings.calendar.chosen") : ""}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {longMinimum ? <p className="mt-1 text-xs text-stone-700">{t("bookings.calendar.minNightsNote")}</p> : null}
    </div>
  );
}

/** What the cells' colours and short words mean. */
export function CalendarLegend({ chosenKey = false }: { chosenKey?: boolean }) {
  const t = useT();
  const states: NightState[] = ["free", "booked", "held", "blackout", "past", "outside"];
  return (
    <div>
      <p className="sr-only">{t("bookings.calendar.legend")}</p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-800">
        {states.map((state) => (
          <li key={state} className="flex items-center gap-1">
            <span aria-hidden="true" className={`inline-flex h-5 min-w-8 items-center justify-center rounded px-1 ${STATE_CLASS[state]} ring-1 ring-stone-200`}>
              {state === "free" ? "¥" : t(SHORT_KEY[state])}
            </span>
            {stateText(t, state)}
          </li>
        ))}
        {chosenKey ? (
          <li className="flex items-center gap-1">
            <span aria-hidden="true" className="inline-flex h-5 min-w-8 rounded bg-white shadow-[inset_0_-4px_0_0_var(--color-persimmon-600)] ring-1 ring-stone-200" />
            {t("bookings.calendar.chosenKey")}
          </li>
        ) : null}
      </ul>
    </div>
  );
}
