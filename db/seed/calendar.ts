// Dates for the seed, all relative to "today" in Asia/Shanghai so the demo never shows a past
// calendar. China has kept UTC+8 without daylight saving since 1991, so plain UTC arithmetic
// with a fixed +08:00 offset is exact and does not depend on the process time zone.

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai at the given instant. */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

function toUtcMidnight(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(toUtcMidnight(date)).getUTCDay() + 6) % 7) + 1;
}

/** The instant of a local Asia/Shanghai wall-clock time ("HH:MM") on a calendar date. */
export function shanghaiInstant(date: string, time: string): Date {
  const [h, min] = time.split(":").map(Number) as [number, number];
  return new Date(toUtcMidnight(date) + (h * 60 + min) * 60_000 - OFFSET_MS);
}

/** Same month and day, `years` later (29 February becomes 28 February when needed). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  if (target.getUTCMonth() !== m - 1) target.setUTCDate(0);
  return target.toISOString().slice(0, 10);
}

/** Moves a pre-sale date forward by whole years until it lies after `today` (harvests recur yearly). */
export function nextOccurrenceAfter(date: string, today: string): string {
  let d = date;
  for (let years = 1; d <= today; years++) d = addYears(date, years);
  return d;
}

// Lunar New Year's Day (正月初一). The Spring Festival rate and closures need it; extend the
// table before 2040 (a missing year only drops that year's Spring Festival rate).
const LUNAR_NEW_YEAR: Record<number, string> = {
  2025: "2025-01-29",
  2026: "2026-02-17",
  2027: "2027-02-06",
  2028: "2028-01-26",
  2029: "2029-02-13",
  2030: "2030-02-03",
  2031: "2031-01-23",
  2032: "2032-02-11",
  2033: "2033-01-31",
  2034: "2034-02-19",
  2035: "2035-02-08",
  2036: "2036-01-28",
  2037: "2037-02-15",
  2038: "2038-02-04",
  2039: "2039-01-24",
  2040: "2040-02-12",
};

export const RATE_PERIODS = [
  "new_year",
  "spring_festival",
  "tea_season",
  "may_day",
  "bayberry_season",
  "summer",
  "national_day",
] as const;
export type RatePeriod = (typeof RATE_PERIODS)[number];

export const PERIOD_LABELS: Record<RatePeriod, { zh: string; en: string }> = {
  new_year: { zh: "元旦假期", en: "New Year's Day holiday" },
  spring_festival: { zh: "春节", en: "Spring Festival" },
  tea_season: { zh: "春茶季", en: "Spring tea season" },
  may_day: { zh: "五一假期", en: "May Day holiday" },
  bayberry_season: { zh: "杨梅季", en: "Bayberry season" },
  summer: { zh: "暑期", en: "Summer holidays" },
  national_day: { zh: "国庆黄金周", en: "National Day Golden Week" },
};

/** Nights [start, end) of a period in the given year, or null when the year is not covered. */
function periodInYear(period: RatePeriod, year: number): { start: string; end: string } | null {
  const md = (m: number, d: number, y = year) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  switch (period) {
    case "new_year":
      return { start: md(12, 31), end: md(1, 3, year + 1) };
    case "spring_festival": {
      const newYear = LUNAR_NEW_YEAR[year];
      // From New Year's Eve (除夕) for a week.
      return newYear ? { start: addDays(newYear, -1), end: addDays(newYear, 6) } : null;
    }
    case "tea_season":
      return { start: md(3, 20), end: md(4, 21) };
    case "may_day":
      return { start: md(4, 30), end: md(5, 5) };
    case "bayberry_season":
      return { start: md(6, 8), end: md(7, 1) };
    case "summer":
      return { start: md(7, 10), end: md(8, 25) };
    case "national_day":
      return { start: md(9, 30), end: md(10, 7) };
  }
}

/** The next occurrence of a period that has nights left after `today`, or null. */
export function nextPeriod(period: RatePeriod, today: string): { start: string; end: string } | null {
  const year = Number(today.slice(0, 4));
  for (const y of [year - 1, year, year + 1, year + 2]) {
    const range = periodInYear(period, y);
    if (range && range.end > addDays(today, 1)) return range;
  }
  return null;
}

/** Farms close for New Year's Eve and the first day of the lunar year: no experience slots. */
export function isSpringFestivalClosure(date: string): boolean {
  const newYear = LUNAR_NEW_YEAR[Number(date.slice(0, 4))];
  return newYear !== undefined && (date === newYear || date === addDays(newYear, -1));
}

/** FNV-1a: a small, stable string hash for deterministic "random" choices. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export type SlotPlan = { date: string; time: string; startsAt: Date; capacity: number; bookedCount: number };

/**
 * The slots of an experience on the days 1…`days` after `today` (Asia/Shanghai), on its
 * weekdays and times. Booked counts are deterministic: about one slot in ten is full, a
 * quarter are empty, the rest partly booked.
 */
export function planSlots(
  slug: string,
  schedule: { weekdays: number[]; times: string[]; capacity: number },
  today: string,
  days = 60,
): SlotPlan[] {
  const slots: SlotPlan[] = [];
  for (let offset = 1; offset <= days; offset++) {
    const date = addDays(today, offset);
    if (!schedule.weekdays.includes(isoWeekday(date)) || isSpringFestivalClosure(date)) continue;
    for (const time of schedule.times) {
      const r = hash32(`${slug}|${date}|${time}`) / 2 ** 32;
      const r2 = hash32(`${time}|${date}|${slug}`) / 2 ** 32;
      const { capacity } = schedule;
      const bookedCount = r < 0.1 ? capacity : r < 0.35 ? 0 : Math.min(capacity - 1, 1 + Math.floor(r2 * capacity * 0.8));
      slots.push({ date, time, startsAt: shanghaiInstant(date, time), capacity, bookedCount });
    }
  }
  return slots;
}
