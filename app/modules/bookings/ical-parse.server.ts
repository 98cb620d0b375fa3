// Reading another channel's iCal calendar (Airbnb, Booking.com, a shared Google calendar) into
// the nights it says are busy, as Asia/Shanghai calendar nights [startDate, endDate):
//   - all-day events: DTSTART to DTEND (exclusive), or one day without DTEND;
//   - timed events: the Shanghai day of the start to the Shanghai day of the end (a stay from
//     15:00 to 11:00 two days later is two nights); a same-day event still closes its night;
//   - recurring events are expanded with ical.js (exceptions and EXDATEs included), at most
//     MAX_OCCURRENCES per event: a series longer than that is cut there;
//   - cancelled and "free" (TRANSP:TRANSPARENT) events close nothing;
//   - nights before today are dropped, and nights more than two years ahead.
// Times in a zone the file describes (VTIMEZONE) are converted with it; a TZID that is an IANA
// name without a VTIMEZONE is converted with the runtime's zone data; a floating time is read
// as Shanghai wall time. Nothing depends on the process's own time zone.
import { TZDate } from "@date-fns/tz";
import ICAL from "ical.js";
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";
import { todayInShanghai } from "~/utils/format";

/** Busy nights further ahead than this are ignored. */
export const IMPORT_HORIZON_DAYS = 730;
/** Occurrences read from one recurring event. */
const MAX_OCCURRENCES = 2000;

export type BusyRange = { startDate: string; endDate: string };
export type ParsedCalendar = { ok: true; ranges: BusyRange[]; events: number } | { ok: false; error: "not_ical" };

type ICalTime = InstanceType<typeof ICAL.Time>;
type ICalComponent = InstanceType<typeof ICAL.Component>;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const isoOf = (t: { year: number; month: number; day: number }) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;

function isIanaZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The Shanghai calendar day of an iCal date or date-time. */
function shanghaiDay(time: ICalTime, tzid: string | null): string {
  if (time.isDate) return isoOf(time);
  const floating = time.zone === ICAL.Timezone.localTimezone || !time.zone;
  if (!floating) return todayInShanghai(new Date(time.toUnixTime() * 1000));
  if (tzid && isIanaZone(tzid)) {
    const instant = new TZDate(time.year, time.month - 1, time.day, time.hour, time.minute, time.second, tzid);
    return todayInShanghai(new Date(instant.getTime()));
  }
  return isoOf(time);
}

/** The nights [start, end) of one occurrence, at least one night. */
function nightsOf(start: ICalTime, end: ICalTime, tzid: string | null): BusyRange {
  const startDate = shanghaiDay(start, tzid);
  let endDate = shanghaiDay(end, tzid);
  if (endDate <= startDate) endDate = addDays(startDate, 1);
  return { startDate, endDate };
}

/** The part of a range inside [today, today + horizon), or null. */
function clip(range: BusyRange, today: string): BusyRange | null {
  const last = addDays(today, IMPORT_HORIZON_DAYS);
  const startDate = range.startDate < today ? today : range.startDate;
  const endDate = range.endDate > last ? last : range.endDate;
  return endDate > startDate ? { startDate, endDate } : null;
}

/** Overlapping and touching ranges as one, earliest first. */
export function mergeRanges(ranges: BusyRange[]): BusyRange[] {
  const sorted = [...ranges].sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
  const out: BusyRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.startDate <= last.endDate) {
      if (r.endDate > last.endDate) last.endDate = r.endDate;
    } else out.push({ ...r });
  }
  return out;
}

function closesNothing(component: ICalComponent): boolean {
  const status = String(component.getFirstPropertyValue("status") ?? "").toUpperCase();
  const transp = String(component.getFirstPropertyValue("transp") ?? "").toUpperCase();
  return status === "CANCELLED" || transp === "TRANSPARENT";
}

function rootOf(text: string): ICalComponent | null {
  if (!/BEGIN:VCALENDAR/i.test(text)) return null;
  try {
    const parsed = ICAL.parse(text) as unknown[];
    const first = Array.isArray(parsed[0]) ? parsed[0] : parsed;
    const root = new ICAL.Component(first as never);
    return root.name === "vcalendar" ? root : null;
  } catch {
    return null;
  }
}

/** The busy nights of an iCal text, or why it is not a calendar. */
export function parseBusyNights(text: string, { today }: { today: string }): ParsedCalendar {
  const root = rootOf(text.replace(/^\uFEFF/, ""));
  if (!root) return { ok: false, error: "not_ical" };
  // The file's own zones are registered for the duration of this (synchronous) read only:
  // ical.js keeps them in one process-wide registry.
  const registered: string[] = [];
  try {
    for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
      const zone = new ICAL.Timezone(vtimezone);
      if (zone.tzid && !ICAL.TimezoneService.has(zone.tzid)) {
        ICAL.TimezoneService.register(zone, zone.tzid);
        registered.push(zone.tzid);
      }
    }
    const vevents = root.getAllSubcomponents("vevent");
    const exceptions = vevents.filter((v) => v.hasProperty("recurrence-id"));
    const ranges: BusyRange[] = [];
    for (const vevent of vevents) {
      if (vevent.hasProperty("recurrence-id") || !vevent.hasProperty("dtstart")) continue;
      const uid = vevent.getFirstPropertyValue("uid");
      const event = new ICAL.Event(vevent, { exceptions: uid ? exceptions.filter((e) => e.getFirstPropertyValue("uid") === uid) : [] });
      const tzid = (vevent.getFirstProperty("dtstart")?.getParameter("tzid") as string | undefined) ?? null;
      if (!event.isRecurring()) {
        if (closesNothing(vevent)) continue;
        const range = clip(nightsOf(event.startDate, event.endDate, tzid), today);
        if (range) ranges.push(range);
        continue;
      }
      const horizon = addDays(today, IMPORT_HORIZON_DAYS);
      const iterator = event.iterator();
      for (let i = 0, next = iterator.next(); next && i < MAX_OCCURRENCES; i++, next = iterator.next()) {
        const details = event.getOccurrenceDetails(next);
        if (closesNothing(details.item.component)) continue;
        const nights = nightsOf(details.startDate, details.endDate, tzid);
        if (nights.startDate >= horizon) break;
        const range = clip(nights, today);
        if (range) ranges.push(range);
      }
    }
    return { ok: true, ranges: mergeRanges(ranges), events: vevents.length };
  } catch {
    // ical.js throws on values it cannot read (a DTSTART of "tomorrow", a broken RRULE).
    return { ok: false, error: "not_ical" };
  } finally {
    for (const tzid of registered) ICAL.TimezoneService.remove(tzid);
  }
}

/** How many nights the ranges cover (for the page's summary). */
export function nightCount(ranges: BusyRange[]): number {
  return ranges.reduce((n, r) => n + nightsBetween(r.startDate, r.endDate), 0);
}
