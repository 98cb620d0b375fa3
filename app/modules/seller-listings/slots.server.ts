// An experience's slots: one at a time, or many from a recurring schedule (schedule.ts).
// Capacity never drops below the seats already booked and a booked slot is never deleted:
// both are single conditional statements, so a booking landing at the same moment wins.
import { and, asc, count, eq, gte, lte } from "drizzle-orm";
import { experienceSlots } from "../../../db/schema/index";
import { seatsLeft } from "~/modules/catalog/listing-display";
import type { Database } from "~/utils/db.server";
import { ListingError, listingNotFound } from "./errors";
import { experienceRef } from "./experiences.server";

export type SellerSlot = { id: number; startsAt: string; capacity: number; bookedCount: number; seatsLeft: number };

/** The page shows this many upcoming slots; the count says how many there are in all. */
export const SLOT_PAGE = 200;

export async function listUpcomingSlots(
  db: Database,
  cooperativeId: number,
  experienceId: number,
  { now }: { now: Date },
): Promise<{ slots: SellerSlot[]; total: number }> {
  const experience = await experienceRef(db, cooperativeId, experienceId);
  const upcoming = and(eq(experienceSlots.experienceId, experience.id), gte(experienceSlots.startsAt, now));
  const [rows, totals] = await Promise.all([
    db.select().from(experienceSlots).where(upcoming).orderBy(asc(experienceSlots.startsAt)).limit(SLOT_PAGE),
    db.select({ total: count() }).from(experienceSlots).where(upcoming),
  ]);
  return {
    slots: rows.map((s) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      capacity: s.capacity,
      bookedCount: s.bookedCount,
      seatsLeft: seatsLeft(s.capacity, s.bookedCount),
    })),
    total: totals[0]?.total ?? 0,
  };
}

/** One slot; a start in the past is refused (400), a second slot at the same start is 409. */
export async function addSlot(
  db: Database,
  cooperativeId: number,
  experienceId: number,
  input: { startsAt: Date; capacity: number },
  { now }: { now: Date },
): Promise<number> {
  const experience = await experienceRef(db, cooperativeId, experienceId);
  if (input.startsAt.getTime() <= now.getTime()) throw new ListingError(400, "listings.error.slotInPast", "date");
  const [row] = await db
    .insert(experienceSlots)
    .values({ experienceId: experience.id, startsAt: input.startsAt, capacity: input.capacity })
    .onConflictDoNothing({ target: [experienceSlots.experienceId, experienceSlots.startsAt] })
    .returning({ id: experienceSlots.id });
  if (!row) throw new ListingError(409, "listings.error.slotExists", "time");
  return row.id;
}

/**
 * Creates the slots of a schedule (the caller has dropped past starts). Starts that already
 * have a slot are left as they are, so running the same schedule twice creates nothing new.
 */
export async function createSlots(
  db: Database,
  cooperativeId: number,
  experienceId: number,
  input: { starts: Date[]; capacity: number },
): Promise<{ created: number; existed: number }> {
  const experience = await experienceRef(db, cooperativeId, experienceId);
  if (input.starts.length === 0) return { created: 0, existed: 0 };
  const rows = await db
    .insert(experienceSlots)
    .values(input.starts.map((startsAt) => ({ experienceId: experience.id, startsAt, capacity: input.capacity })))
    .onConflictDoNothing({ target: [experienceSlots.experienceId, experienceSlots.startsAt] })
    .returning({ id: experienceSlots.id });
  return { created: rows.length, existed: input.starts.length - rows.length };
}

async function slotOf(db: Database, experienceId: number, slotId: number) {
  const [slot] = await db
    .select({ id: experienceSlots.id, bookedCount: experienceSlots.bookedCount })
    .from(experienceSlots)
    .where(and(eq(experienceSlots.id, slotId), eq(experienceSlots.experienceId, experienceId)));
  if (!slot) listingNotFound();
  return slot;
}

export async function setSlotCapacity(
  db: Database,
  cooperativeId: number,
  experienceId: number,
  slotId: number,
  capacity: number,
): Promise<void> {
  const experience = await experienceRef(db, cooperativeId, experienceId);
  const rows = await db
    .update(experienceSlots)
    .set({ capacity })
    .where(and(eq(experienceSlots.id, slotId), eq(experienceSlots.experienceId, experience.id), lte(experienceSlots.bookedCount, capacity)))
    .returning({ id: experienceSlots.id });
  if (rows.length > 0) return;
  const slot = await slotOf(db, experience.id, slotId);
  throw new ListingError(409, `listings.error.capacityBelowBooked:${slot.bookedCount}`, "capacity");
}

export async function deleteSlot(db: Database, cooperativeId: number, experienceId: number, slotId: number): Promise<void> {
  const experience = await experienceRef(db, cooperativeId, experienceId);
  const rows = await db
    .delete(experienceSlots)
    .where(and(eq(experienceSlots.id, slotId), eq(experienceSlots.experienceId, experience.id), eq(experienceSlots.bookedCount, 0)))
    .returning({ id: experienceSlots.id });
  if (rows.length > 0) return;
  const slot = await slotOf(db, experience.id, slotId);
  throw new ListingError(409, `listings.error.slotBooked:${slot.bookedCount}`);
}
