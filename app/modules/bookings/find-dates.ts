// How far ahead travellers see a room's calendar, and the month arithmetic of the calendar
// tables. Calendar days and months are Asia/Shanghai ("YYYY-MM-DD", "YYYY-MM"); `today` is
// passed in (todayInShanghai()), never read from the process time zone. Client-safe, pure.
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";

/** The calendar shows the current month and this many after it; nights beyond are "outside" (and cannot be booked). */
export const AVAILABILITY_MONTHS = 6;
/** The longest stay one booking may cover (dates.ts re-exports it as MAX_BOOKING_NIGHTS). */
export const MAX_SEARCH_NIGHTS = 30;
/** The longest range the availability API answers for (a bit more than six months). */
export const MAX_AVAILABILITY_DAYS = 186;
/** What the availability API shows when `to` is not given. */
export const DEFAULT_AVAILABILITY_DAYS = 30;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === "string" && MONTH_PATTERN.test(value);
}

/** "2027-04-10" → "2027-04". */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** "2027-11" + 3 → "2028-02". */
export function addMonths(month: string, count: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The first day of a month, "2027-04" → "2027-04-01". */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** The day after the month's last day: the exclusive end of its nights. */
export function monthEnd(month: string): string {
  return monthStart(addMonths(month, 1));
}

/**
 * The first night travellers can no longer see or book on the calendar: the same day six
 * months on (the month's last day when it is shorter: 31 Aug → 28/29 Feb, then the day after).
 */
export function availabilityEnd(today: string): string {
  const month = addMonths(monthOf(today), AVAILABILITY_MONTHS);
  const day = Number(today.slice(8, 10));
  const last = nightsBetween(monthStart(month), monthEnd(month));
  return `${month}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

/** The months a traveller may page through: this month … six months on. */
export function calendarMonths(today: string): { first: string; last: string } {
  const first = monthOf(today);
  return { first, last: addMonths(first, AVAILABILITY_MONTHS) };
}

/** A `?month=` value kept within the calendar's months (forgiving: anything else → this month). */
export function clampMonth(value: unknown, today: string): string {
  const { first, last } = calendarMonths(today);
  if (!isMonth(value)) return first;
  if (value < first) return first;
  if (value > last) return last;
  return value;
}

/** The months the calendar links to from `month`: null past either end (no month before this one, none beyond six on). */
export function neighbourMonths(month: string, today: string): { previous: string | null; next: string | null } {
  const { first, last } = calendarMonths(today);
  const previous = addMonths(month, -1);
  const next = addMonths(month, 1);
  return { previous: previous >= first ? previous : null, next: next <= last ? next : null };
}

/**
 * The weeks of a month as rows of 7 cells, Monday first (the Chinese week), with null for the
 * days of the neighbouring months.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const start = monthStart(month);
  const days = nightsBetween(start, monthEnd(month));
  const [y, m] = month.split("-").map(Number) as [number, number];
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, i) => addDays(start, i))];
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * Cache-Control of pages and API answers that show availability or seats: they change with every
 * booking, so browsers and shared caches must ask again each time (the catalogue's 60 s would
 * show a night as free a minute after it was sold).
 */
export const AVAILABILITY_CACHE = "public, max-age=0, must-revalidate";
