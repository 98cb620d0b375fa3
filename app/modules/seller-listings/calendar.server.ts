// A room's calendar: date-range rates and blackout dates. Ranges are stored half-open,
// [start_date, end_date), as the read side and bookings read them (see calendar-schemas.ts).
import { and, eq, gt, inArray, lt } from "drizzle-orm";
import { stayUnits, stays, unitBlackouts, unitRates } from "../../../db/schema/index";
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

/** Closes nights. Overlapping blackouts are harmless (a night is closed or not), so allowed. */
export async function addBlackout(
  db: Database,
  cooperativeId: number,
  stayId: number,
  unitId: number,
  input: BlackoutInput,
): Promise<number> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  const [row] = await db
    .insert(unitBlackouts)
    .values({ unitId: id, ...nightsToRange(input), reason: input.reason })
    .returning({ id: unitBlackouts.id });
  return row!.id;
}

export async function deleteBlackout(db: Database, cooperativeId: number, stayId: number, unitId: number, blackoutId: number): Promise<void> {
  const rows = await db
    .delete(unitBlackouts)
    .where(
      and(
        eq(unitBlackouts.id, blackoutId),
        eq(unitBlackouts.unitId, unitId),
        inArray(unitBlackouts.unitId, scopedUnits(db, cooperativeId, stayId, unitId)),
      ),
    )
    .returning({ id: unitBlackouts.id });
  if (rows.length === 0) listingNotFound();
}
