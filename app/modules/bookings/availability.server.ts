// What each night of a room looks like to a traveller: free, booked (confirmed), held (a checkout
// is open), blacked out by the host, past, or outside the six months the calendar shows — with
// the night's price and minimum stay from the same rules as quoteRoom. One SQL query per call,
// whatever the number of rooms and nights. Calendar days are Asia/Shanghai; `today` is passed in.
import { sql } from "drizzle-orm";
import { type NightRule, type QuoteRoom, nightRule, quoteRoom } from "~/modules/api/stay-quote";
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";
import type { StayBlackout, StayRate } from "~/modules/catalog/listing-types";
import type { Database } from "~/utils/db.server";
import { availabilityEnd } from "./find-dates";
import type { AvailableQuote, NightAvailability, NightState, RangeProblem, RoomAvailability } from "./find-types";

export { NIGHT_STATES } from "./find-types";
export type { AvailableQuote, NightAvailability, NightState, RangeProblem, RoomAvailability } from "./find-types";

type Booking = { checkIn: string; checkOut: string; status: "held" | "confirmed" };

/** A room's calendar rules over the asked range, and the held and confirmed bookings in it. */
export type RoomCalendar = QuoteRoom & { unitId: number; stayId: number; bookings: Booking[] };



type Range = { from: string; to: string };

/**
 * Rules and bookings of the rooms for the nights [from, to): rates, blackouts and held/confirmed
 * bookings that touch the range, in one query. Rooms come in the order of `unitIds`; unknown
 * ids are left out.
 */
export async function loadRoomCalendars(db: Database, unitIds: number[], { from, to }: Range): Promise<RoomCalendar[]> {
  if (!unitIds.length || to <= from) return [];
  const ids = sql.join(
    [...new Set(unitIds)].map((id) => sql`${id}`),
    sql`, `,
  );
  // Rates are ordered by start date (then id) like getStayBySlug's: nightRule takes the last one covering a night.
  const rows = await db.execute<{
    unit_id: number;
    stay_id: number;
    max_guests: number;
    base_price_cents: number;
    weekend_price_cents: number | null;
    min_nights: number;
    rates: { startDate: string; endDate: string; priceCents: number; minNights: number }[];
    blackouts: StayBlackout[];
    bookings: Booking[];
  }>(sql`
    SELECT u.id AS unit_id, u.stay_id, u.max_guests, u.base_price_cents, u.weekend_price_cents, u.min_nights,
      coalesce((
        SELECT json_agg(json_build_object('startDate', r.start_date, 'endDate', r.end_date, 'priceCents', r.price_cents, 'minNights', r.min_nights)
                        ORDER BY r.start_date, r.id)
        FROM unit_rates r WHERE r.unit_id = u.id AND r.end_date > ${from}::date AND r.start_date < ${to}::date
      ), '[]'::json) AS rates,
      coalesce((
        SELECT json_agg(json_build_object('startDate', b.start_date, 'endDate', b.end_date) ORDER BY b.start_date, b.id)
        FROM unit_blackouts b WHERE b.unit_id = u.id AND b.end_date > ${from}::date AND b.start_date < ${to}::date
      ), '[]'::json) AS blackouts,
      coalesce((
        SELECT json_agg(json_build_object('checkIn', k.check_in, 'checkOut', k.check_out, 'status', k.status) ORDER BY k.check_in)
        FROM stay_bookings k
        WHERE k.unit_id = u.id AND k.status IN ('held', 'confirmed') AND k.check_out > ${from}::date AND k.check_in < ${to}::date
      ), '[]'::json) AS bookings
    FROM stay_units u
    WHERE u.id IN (${ids})
  `);
  const byId = new Map(
    [...rows].map((r) => [
      Number(r.unit_id),
      {
        unitId: Number(r.unit_id),
        stayId: Number(r.stay_id),
        maxGuests: r.max_guests,
        basePriceCents: r.base_price_cents,
        weekendPriceCents: r.weekend_price_cents,
        minNights: r.min_nights,
        rates: r.rates.map((rate): StayRate => ({ ...rate, label: { zh: "", en: "" } })),
        blackouts: r.blackouts,
        bookings: r.bookings,
      } satisfies RoomCalendar,
    ]),
  );
  return unitIds.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The state of one night of a room (booked wins over held wins over blackout). A hold past its
 * expires_at still counts until the sweeper releases it: the exclusion constraint still sees it.
 */
function nightState(room: RoomCalendar, date: string, rule: NightRule, today: string, end: string): NightState {
  if (date < today) return "past";
  if (date >= end) return "outside";
  const booking = room.bookings.find((b) => b.checkIn <= date && date < b.checkOut);
  if (booking) return booking.status === "confirmed" ? "booked" : "held";
  return rule.blackedOut ? "blackout" : "free";
}

/** Each night of [from, to) of a loaded room. */
export function roomNights(room: RoomCalendar, { from, to }: Range, today: string): NightAvailability[] {
  const end = availabilityEnd(today);
  const count = Math.max(nightsBetween(from, to), 0);
  return Array.from({ length: count }, (_, i) => {
    const date = addDays(from, i);
    const rule = nightRule(room, date);
    return { date, state: nightState(room, date, rule, today, end), priceCents: rule.priceCents, minNights: rule.minNights };
  });
}

/** The nights [from, to) of each room, with state, price and minimum stay. */
export async function roomAvailability(
  db: Database,
  { unitIds, from, to, today }: { unitIds: number[]; from: string; to: string; today: string },
): Promise<RoomAvailability[]> {
  const rooms = await loadRoomCalendars(db, unitIds, { from, to });
  return rooms.map((room) => ({ unitId: room.unitId, maxGuests: room.maxGuests, nights: roomNights(room, { from, to }, today) }));
}

/** A loaded room's price for [checkIn, checkOut) and whether it can be booked now. */
export function quoteLoadedRoom(room: RoomCalendar, range: { checkIn: string; checkOut: string; guests?: number }, today: string): AvailableQuote {
  const quote = quoteRoom(room, range);
  const nights = roomNights(room, { from: range.checkIn, to: range.checkOut }, today);
  const has = (state: NightState) => nights.some((n) => n.state === state);
  // The order of quoteStays' problems, so the page and the cart give the same first reason.
  const problem: RangeProblem | null = has("past")
    ? "past"
    : has("outside")
      ? "outside"
      : !quote.fitsGuests
        ? "too_many_guests"
        : !quote.meetsMinNights
          ? "min_nights"
          : quote.blackedOut
            ? "blackout"
            : has("booked") || has("held")
              ? "taken"
              : null;
  const available = problem === null && quote.bookable;
  return { ...quote, unitId: room.unitId, available, problem: available ? null : (problem ?? "min_nights") };
}

/** Quotes of the rooms for one range (the caller has checked the range itself: real dates, in order). */
export async function quoteRooms(
  db: Database,
  { unitIds, checkIn, checkOut, guests, today }: { unitIds: number[]; checkIn: string; checkOut: string; guests?: number; today: string },
): Promise<AvailableQuote[]> {
  const rooms = await loadRoomCalendars(db, unitIds, { from: checkIn, to: checkOut });
  return rooms.map((room) => quoteLoadedRoom(room, { checkIn, checkOut, guests }, today));
}
