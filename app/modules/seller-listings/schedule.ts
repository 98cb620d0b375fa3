// Recurring schedules of experience slots: "every Saturday and Sunday at 9:00 and 14:00 for
// 8 weeks" → the instants those slots start. Wall-clock times are Asia/Shanghai whatever the
// server's (or the browser's) zone: calendar days are walked as "YYYY-MM-DD" strings and each
// day + time becomes an instant through the time-zone database (TZDate), never through the
// process's local zone. Pure: the form schema (browser) and the action (server) share it.
import { TZDate } from "@date-fns/tz";
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";

export const LISTING_TIME_ZONE = "Asia/Shanghai";
/** More in one submission is almost certainly a typo (26 weeks × 7 days × 3 times = 546). */
export const MAX_SLOTS_PER_SCHEDULE = 500;
export const MAX_SCHEDULE_WEEKS = 26;
export const MAX_TIMES_PER_DAY = 12;

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type ScheduleSpec = {
  /** First calendar day, "YYYY-MM-DD" (Asia/Shanghai). */
  startDate: string;
  /** Last calendar day, included. */
  endDate: string;
  weekdays: readonly number[];
  /** Local start times "HH:MM". */
  times: readonly string[];
};

const CLOCK = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/;

/** "9:00", "09:00" or "09：00" (a Chinese keyboard's colon) → "09:00"; anything else → null. */
export function normalizeClock(value: string): string | null {
  const match = CLOCK.exec(value.trim());
  if (!match) return null;
  return `${match[1]!.padStart(2, "0")}:${match[2]}`;
}

/**
 * "09:00, 14:00" (commas, Chinese commas, semicolons or spaces between) → ["09:00", "14:00"],
 * sorted and without repeats. Null when any part is not a time or there are none or too many.
 */
export function parseTimes(text: string): string[] | null {
  const parts = text
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const times: string[] = [];
  for (const part of parts) {
    const time = normalizeClock(part);
    if (!time) return null;
    times.push(time);
  }
  const unique = [...new Set(times)].sort();
  return unique.length > MAX_TIMES_PER_DAY ? null : unique;
}

/** ISO weekday of a calendar date (1 = Monday … 7 = Sunday), independent of any zone. */
export function isoWeekday(isoDate: string): Weekday {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

/** The last day of a schedule that runs `weeks` weeks from `startDate` (included). */
export function scheduleEndDate(startDate: string, weeks: number): string {
  return addDays(startDate, weeks * 7 - 1);
}

/** The calendar days of the schedule that fall on one of its weekdays, in order. */
export function scheduleDates(spec: Pick<ScheduleSpec, "startDate" | "endDate" | "weekdays">): string[] {
  const wanted = new Set(spec.weekdays);
  const days = nightsBetween(spec.startDate, spec.endDate);
  const dates: string[] = [];
  for (let i = 0; i <= days; i++) {
    const date = addDays(spec.startDate, i);
    if (wanted.has(isoWeekday(date))) dates.push(date);
  }
  return dates;
}

/** How many slots the schedule describes (past ones included): cheap, no dates built. */
export function countScheduleSlots(spec: ScheduleSpec): number {
  if (spec.endDate < spec.startDate) return 0;
  return scheduleDates(spec).length * new Set(spec.times).size;
}

/** A calendar day and a wall-clock time in Asia/Shanghai → the instant. */
export function shanghaiInstant(isoDate: string, time: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, LISTING_TIME_ZONE).getTime());
}

/** Every start of the schedule, earliest first. */
export function scheduleStarts(spec: ScheduleSpec): Date[] {
  const times = [...new Set(spec.times)].sort();
  return scheduleDates(spec).flatMap((date) => times.map((time) => shanghaiInstant(date, time)));
}

/** The starts still ahead of `now` (those to create) and how many were already past. */
export function planSchedule(spec: ScheduleSpec, now: Date): { upcoming: Date[]; past: number } {
  const all = scheduleStarts(spec);
  const upcoming = all.filter((start) => start.getTime() > now.getTime());
  return { upcoming, past: all.length - upcoming.length };
}
