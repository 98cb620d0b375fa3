// Query-string and slug parsing for the public village, cooperative, stay and experience pages.
// Forgiving by design: a value that cannot be understood is dropped (or falls back to its
// default), never a 400 or a 500 — these are links people share and bots mangle.
import { z } from "zod";
import { MAX_SEARCH_NIGHTS, availabilityEnd } from "~/modules/bookings/find-dates";
import { MAX_NIGHTS, isIsoDate, nightsBetween } from "./listing-dates";

/** What a public slug may look like; anything else is a 404 without touching the database. */
export const SLUG_PATTERN = /^[a-z0-9-]{1,120}$/;

export function isSlug(value: unknown): value is string {
  return typeof value === "string" && SLUG_PATTERN.test(value);
}

export const MAX_PAGE = 1000;
export const MAX_GUESTS = 20;

const page = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1);
const slug = z.string().regex(SLUG_PATTERN).optional().catch(undefined);
const guests = z.coerce.number().int().min(1).max(MAX_GUESTS).optional().catch(undefined);

function param(params: URLSearchParams, name: string): string | undefined {
  return params.get(name) ?? undefined;
}

export function parsePage(params: URLSearchParams): number {
  return page.parse(param(params, "page"));
}

export type StaysQuery = { checkIn?: string; checkOut?: string; guests?: number; village?: string; page: number };

/**
 * `/stays?checkIn=&checkOut=&guests=&village=&page=`. Dates must be real, check-in not before
 * `today` (Asia/Shanghai), check-out after check-in and at most MAX_NIGHTS later; a check-out
 * without a usable check-in is dropped too.
 */
export function parseStaysQuery(params: URLSearchParams, { today }: { today: string }): StaysQuery {
  const query: StaysQuery = { page: parsePage(params) };
  const g = guests.parse(param(params, "guests"));
  if (g !== undefined) query.guests = g;
  const v = slug.parse(param(params, "village"));
  if (v !== undefined) query.village = v;
  const checkIn = param(params, "checkIn");
  const checkOut = param(params, "checkOut");
  if (isIsoDate(checkIn) && checkIn >= today) {
    query.checkIn = checkIn;
    if (isIsoDate(checkOut) && checkOut > checkIn && nightsBetween(checkIn, checkOut) <= MAX_NIGHTS) {
      query.checkOut = checkOut;
    }
  }
  return query;
}

/** Why the dates of a stays search were not used (the page says so instead of failing). */
export type DatesNotice = "incomplete" | "invalid_date" | "past" | "order" | "too_long" | "too_far";

/**
 * The stays search of the list and stay pages: parseStaysQuery, then dates are used only as a
 * bookable range (both given, at most MAX_SEARCH_NIGHTS nights, within the six-month calendar);
 * otherwise they are dropped and `datesNotice` says why. A check-in alone is kept (the stay page
 * explains its cancellation deadline) but still noted as incomplete.
 */
export function parseStaysSearch(params: URLSearchParams, { today }: { today: string }): { query: StaysQuery; datesNotice: DatesNotice | null } {
  const query = parseStaysQuery(params, { today });
  const rawIn = params.get("checkIn") || undefined;
  const rawOut = params.get("checkOut") || undefined;
  if (!rawIn && !rawOut) return { query, datesNotice: null };
  const dropDates = (datesNotice: DatesNotice) => {
    delete query.checkIn;
    delete query.checkOut;
    return { query, datesNotice };
  };
  if ((rawIn && !isIsoDate(rawIn)) || (rawOut && !isIsoDate(rawOut))) return dropDates("invalid_date");
  if (rawIn && rawIn < today) return dropDates("past");
  if (!rawIn || !rawOut) return { query, datesNotice: "incomplete" };
  if (rawOut <= rawIn) return dropDates("order");
  if (nightsBetween(rawIn, rawOut) > MAX_SEARCH_NIGHTS) return dropDates("too_long");
  if (rawOut > availabilityEnd(today)) return dropDates("too_far");
  return { query, datesNotice: null };
}

export type ExperiencesQuery = { village?: string; page: number };

export function parseExperiencesQuery(params: URLSearchParams): ExperiencesQuery {
  const query: ExperiencesQuery = { page: parsePage(params) };
  const v = slug.parse(param(params, "village"));
  if (v !== undefined) query.village = v;
  return query;
}

/** Page count for `total` items; at least 1 so "page 1 of 1" reads right on an empty list. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
