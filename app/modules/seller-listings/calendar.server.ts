// A room's calendar: date-range rates and blackout dates. Ranges are stored half-open,
// [start_date, end_date), as the read side and bookings read them (see calendar-schemas.ts).
import { and, asc, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import { stayBookings, stayUnits, stays, unitBlackouts, unitRates } from "../../../db/schema/index";
import { addDays } from "~/modules/catalog/listing-dates";
import type { Database } from "~/utils/db.server";
import { type BlackoutInput, type RateInput, nightsToRange } from "./calendar-schemas";
import { ListingError, listingNotFound } from "./errors";
import { roomOf } from "./rooms.server";

/** Units of this stay of this cooperative: the scope every calendar change runs in. */
function scopedUnits(db: Database, cooperativeId: number, stayId: number, unitId: number) {
  return db
    .select({ id: stayUnits.id })
    .from(stayUnits)
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(and(eq(stayUnits.id, unitId), eq(stayUnits.stayId, stayId), eq(stays.cooperativeId, cooperativeId)));
}

/**
 * Adds a rate. Two rates of a room may not share a night (which price would apply?): an
 * overlap is refused with 422. The room row is locked so two overlapping rates added at the
 * same moment cannot both pass the check.
 */
export async function addRate(db: Database, cooperativeId: number, stayId: number, unitId: number, input: RateInput): Promise<number> {
  const { startDate, endDate } = nightsToRange(input);
  return db.transaction(async (tx) => {
    const id = await roomOf(tx, cooperativeId, stayId, unitId, { lock: true });
    const [overlap] = await tx
      .select({ id: unitRates.id })
      .from(unitRates)
      .where(and(eq(unitRates.unitId, id), lt(unitRates.startDate, endDate), gt(unitRates.endDate, startDate)))
      .limit(1);
    if (overlap) throw new ListingError(422, "listings.error.rateOverlap");
    const [row] = await tx
      .insert(unitRates)
      .values({
        unitId: id,
        startDate,
        endDate,
        priceCents: input.price,
        minNights: input.minNights,
        labelZh: input.labelZh,
        labelEn: input.labelEn,
      })
      .returning({ id: unitRates.id });
    return row!.id;
  });
}

export async function deleteRate(db: Database, cooperativeId: number, stayId: number, unitId: number, rateId: number): Promise<void> {
  const rows = await db
    .delete(unitRates)
    .where(and(eq(unitRates.id, rateId), eq(unitRates.unitId, unitId), inArray(unitRates.unitId, scopedUnits(db, cooperativeId, stayId, unitId))))
    .returning({ id: unitRates.id });
  if (rows.length === 0) listingNotFound();
}

/** At most this many nights are named in a refusal; the rest is "…". */
const NAMED_NIGHTS = 10;

/**
 * Closes nights. Overlapping blackouts are harmless (a night is closed or not), so allowed; a
 * night a guest holds or has booked is not the host's to close (409, naming those nights): the
 * booking is cancelled first. The room row is locked so two host changes queue up; a checkout
 * does not take that lock, so a hold landing in the same instant can still end up under a new
 * blackout — the calendar then shows the conflict, as it does for an imported busy date.
 */
export async function addBlackout(
  db: Database,
  cooperativeId: number,
  stayId: number,
  unitId: number,
  input: BlackoutInput,
): Promise<number> {
  const range = nightsToRange(input);
  return db.transaction(async (tx) => {
    const id = await roomOf(tx, cooperativeId, stayId, unitId, { lock: true });
    const booked = await tx
      .select({ checkIn: stayBookings.checkIn, checkOut: stayBookings.checkOut })
      .from(stayBookings)
      .where(
        and(
          eq(stayBookings.unitId, id),
          inArray(stayBookings.status, ["held", "confirmed"]),
          lt(stayBookings.checkIn, range.endDate),
          gt(stayBookings.checkOut, range.startDate),
        ),
      )
      .orderBy(asc(stayBookings.checkIn));
    if (booked.length) throw new ListingError(409, `listings.error.nightsBooked:${bookedNights(booked, range).join("、")}`);
    const [row] = await tx
      .insert(unitBlackouts)
      .values({ unitId: id, ...range, reason: input.reason })
      .returning({ id: unitBlackouts.id });
    return row!.id;
  });
}

/** The nights of `range` the bookings cover, first NAMED_NIGHTS of them. */
function bookedNights(bookings: { checkIn: string; checkOut: string }[], range: { startDate: string; endDate: string }): string[] {
  const nights = new Set<string>();
  for (const b of bookings) {
    const from = b.checkIn > range.startDate ? b.checkIn : range.startDate;
    const to = b.checkOut < range.endDate ? b.checkOut : range.endDate;
    for (let night = from; night < to; night = addDays(night, 1)) nights.add(night);
  }
  const sorted = [...nights].sort();
  return sorted.length > NAMED_NIGHTS ? [...sorted.slice(0, NAMED_NIGHTS), "…"] : sorted;
}

/**
 * Reopens nights the host closed. Nights read from another channel's calendar are that
 * channel's: they come back on the next sync, so they are refused here (409) — the import is
 * deleted (or the other calendar changed) instead.
 */
export async function deleteBlackout(db: Database, cooperativeId: number, stayId: number, unitId: number, blackoutId: number): Promise<void> {
  const scope = and(
    eq(unitBlackouts.id, blackoutId),
    eq(unitBlackouts.unitId, unitId),
    inArray(unitBlackouts.unitId, scopedUnits(db, cooperativeId, stayId, unitId)),
  );
  const [row] = await db.select({ importId: unitBlackouts.importId }).from(unitBlackouts).where(scope);
  if (!row) listingNotFound();
  if (row.importId !== null) throw new ListingError(409, "listings.error.importedBlackout");
  const rows = await db
    .delete(unitBlackouts)
    .where(and(scope, isNull(unitBlackouts.importId)))
    .returning({ id: unitBlackouts.id });
  if (rows.length === 0) listingNotFound();
}
