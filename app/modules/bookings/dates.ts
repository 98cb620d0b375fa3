// The rules every stay range must meet before anything is priced or held, shared by the pages,
// the JSON API and checkout. Calendar days are Asia/Shanghai dates ("YYYY-MM-DD"); `today` is
// passed in (todayInShanghai()), never read from the process time zone. Client-safe.
import { isIsoDate, nightsBetween } from "~/modules/catalog/listing-dates";
import { MAX_SEARCH_NIGHTS, availabilityEnd } from "./find-dates";

/** The longest stay one booking may cover. */
export const MAX_BOOKING_NIGHTS = MAX_SEARCH_NIGHTS;
/** The most guests one room booking may name (a room's own maximum is usually lower). */
export const MAX_BOOKING_GUESTS = 20;
/** The most people one experience booking may name. */
export const MAX_BOOKING_PEOPLE = 99;

export type StayRangeProblem = "invalid_date" | "past" | "order" | "too_long" | "too_far";

/** Why `[checkIn, checkOut)` cannot be booked as a range (before looking at the room), or null. */
export function checkStayRange(range: { checkIn: unknown; checkOut: unknown }, today: string): StayRangeProblem | null {
  const { checkIn, checkOut } = range;
  if (!isIsoDate(checkIn) || !isIsoDate(checkOut)) return "invalid_date";
  if (checkIn < today) return "past";
  if (checkOut <= checkIn) return "order";
  if (nightsBetween(checkIn, checkOut) > MAX_BOOKING_NIGHTS) return "too_long";
  // Only nights the calendar shows can be booked: up to the same day six months on.
  if (checkOut > availabilityEnd(today)) return "too_far";
  return null;
}
