// Holding rooms and seats for an open checkout, and letting them go. The database decides who
// gets the last night or seat:
//   - rooms: the exclusion constraint stay_bookings_no_overlap (unit, daterange [in, out) &&)
//     over held and confirmed bookings — a second hold of an overlapping night fails with 23P01;
//   - seats: one conditional UPDATE of the slot (booked_count + n <= capacity).
// Callers run these inside their checkout transaction; a refusal is a BookingError
// ("unavailable", 409) and the caller's transaction rolls back everything it wrote.
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { experienceBookings, experienceSlots, stayBookings, stayUnits, unitBlackouts } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export class BookingError extends Error {
  readonly status = 409;
  readonly code = "unavailable";
  constructor(message: string) {
    super(message);
    this.name = "BookingError";
  }
}

/** PostgreSQL's exclusion_violation, wherever the driver or Drizzle put the code. */
function isExclusionViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23P01") return true;
  }
  return false;
}

export type StayHold = {
  orderId: number;
  sellerOrderId: number;
  unitId: number;
  checkIn: string;
  checkOut: string;
  guests: number;
  totalCents: number;
  expiresAt: Date | null;
};

/**
 * The host may be closing these nights right now: a share lock on the room makes that wait (the
 * host's close takes the row's update lock and checks for bookings), then the nights are checked
 * against the room's blackouts. Concurrent checkouts share the lock and do not wait on each other.
 */
async function assertNotClosed(tx: Tx, unitId: number, checkIn: string, checkOut: string): Promise<void> {
  await tx.select({ id: stayUnits.id }).from(stayUnits).where(eq(stayUnits.id, unitId)).for("share");
  const [closed] = await tx
    .select({ id: unitBlackouts.id })
    .from(unitBlackouts)
    .where(and(eq(unitBlackouts.unitId, unitId), lt(unitBlackouts.startDate, checkOut), gt(unitBlackouts.endDate, checkIn)))
    .limit(1);
  if (closed) throw new BookingError(`Room ${unitId} is closed by its host on some night from ${checkIn} to ${checkOut}`);
}

/** Holds the room's nights [checkIn, checkOut); another held or confirmed booking of one of them → unavailable. */
export async function holdStayNights(tx: Tx, hold: StayHold): Promise<number> {
  await assertNotClosed(tx, hold.unitId, hold.checkIn, hold.checkOut);
  try {
    // A savepoint, so the refusal leaves the caller's transaction usable (it decides what to undo).
    const [row] = await tx.transaction((sp) => sp.insert(stayBookings).values({ ...hold, status: "held" }).returning({ id: stayBookings.id }));
    return row!.id;
  } catch (error) {
    if (isExclusionViolation(error)) throw new BookingError(`Room ${hold.unitId} is not free from ${hold.checkIn} to ${hold.checkOut}`);
    throw error;
  }
}

export type SeatHold = {
  orderId: number;
  sellerOrderId: number;
  slotId: number;
  people: number;
  totalCents: number;
  expiresAt: Date | null;
};

/** Takes `people` seats of the slot if that many are left; otherwise unavailable. */
export async function takeSlotSeats(tx: Tx, hold: SeatHold): Promise<number> {
  const taken = await tx
    .update(experienceSlots)
    .set({ bookedCount: sql`${experienceSlots.bookedCount} + ${hold.people}` })
    .where(and(eq(experienceSlots.id, hold.slotId), sql`${experienceSlots.bookedCount} + ${hold.people} <= ${experienceSlots.capacity}`))
    .returning({ id: experienceSlots.id });
  if (!taken.length) throw new BookingError(`Slot ${hold.slotId} has fewer than ${hold.people} seats left`);
  const [row] = await tx.insert(experienceBookings).values({ ...hold, status: "held" }).returning({ id: experienceBookings.id });
  return row!.id;
}

/** Whose held bookings: a whole order's, or one seller's part of it (pay-on-arrival hosts answer for theirs). */
export type BookingScope = number | { sellerOrderId: number };

function inScope(table: typeof stayBookings | typeof experienceBookings, scope: BookingScope) {
  return typeof scope === "number" ? eq(table.orderId, scope) : eq(table.sellerOrderId, scope.sellerOrderId);
}

/** Seats back to their slots (in slot id order, like stock). */
async function freeSeats(tx: Tx, seats: { slotId: number; people: number }[]): Promise<void> {
  seats.sort((a, b) => a.slotId - b.slotId);
  for (const s of seats) {
    await tx
      .update(experienceSlots)
      .set({ bookedCount: sql`${experienceSlots.bookedCount} - ${s.people}` })
      .where(eq(experienceSlots.id, s.slotId));
  }
}

/** Paid (or accepted for payment on arrival): the held rooms and seats are confirmed. */
export async function confirmBookings(tx: Tx, scope: BookingScope): Promise<void> {
  const confirmed = { status: "confirmed" as const, expiresAt: null };
  await tx.update(stayBookings).set(confirmed).where(and(inScope(stayBookings, scope), eq(stayBookings.status, "held")));
  await tx.update(experienceBookings).set(confirmed).where(and(inScope(experienceBookings, scope), eq(experienceBookings.status, "held")));
}

/**
 * The held rooms and seats go back (failed or expired payment, a declined request): the nights
 * are bookable at once, the seats return to their slots (in slot id order, like stock).
 */
export async function releaseBookings(tx: Tx, scope: BookingScope): Promise<void> {
  const cancelled = { status: "cancelled" as const, cancelledAt: new Date() };
  await tx.update(stayBookings).set(cancelled).where(and(inScope(stayBookings, scope), eq(stayBookings.status, "held")));
  const seats = await tx
    .update(experienceBookings)
    .set(cancelled)
    .where(and(inScope(experienceBookings, scope), eq(experienceBookings.status, "held")))
    .returning({ slotId: experienceBookings.slotId, people: experienceBookings.people });
  await freeSeats(tx, seats);
}

/**
 * A payment that arrived after its checkout was released: book the same nights and seats again,
 * all or nothing, if nobody took them meanwhile (run inside a savepoint; a BookingError or the
 * exclusion violation leaves it to the caller to roll back and refund). Bookings a traveller or
 * host cancelled stay cancelled.
 */
export async function retakeBookings(tx: Tx, orderId: number): Promise<void> {
  const stays = await tx
    .select({ id: stayBookings.id, unitId: stayBookings.unitId, checkIn: stayBookings.checkIn, checkOut: stayBookings.checkOut })
    .from(stayBookings)
    .where(and(eq(stayBookings.orderId, orderId), eq(stayBookings.status, "cancelled"), sql`${stayBookings.cancelledBy} IS NULL`));
  for (const s of stays.sort((a, b) => a.unitId - b.unitId || a.id - b.id)) {
    await assertNotClosed(tx, s.unitId, s.checkIn, s.checkOut);
    try {
      await tx.transaction((sp) =>
        sp.update(stayBookings).set({ status: "confirmed", expiresAt: null, cancelledAt: null }).where(eq(stayBookings.id, s.id)),
      );
    } catch (error) {
      if (isExclusionViolation(error)) throw new BookingError(`The nights of booking ${s.id} were taken meanwhile`);
      throw error;
    }
  }
  const seats = await tx
    .select({ id: experienceBookings.id, slotId: experienceBookings.slotId, people: experienceBookings.people })
    .from(experienceBookings)
    .where(and(eq(experienceBookings.orderId, orderId), eq(experienceBookings.status, "cancelled"), sql`${experienceBookings.cancelledBy} IS NULL`));
  for (const s of seats.sort((a, b) => a.slotId - b.slotId)) {
    const taken = await tx
      .update(experienceSlots)
      .set({ bookedCount: sql`${experienceSlots.bookedCount} + ${s.people}` })
      .where(and(eq(experienceSlots.id, s.slotId), sql`${experienceSlots.bookedCount} + ${s.people} <= ${experienceSlots.capacity}`))
      .returning({ id: experienceSlots.id });
    if (!taken.length) throw new BookingError(`The seats of booking ${s.id} were taken meanwhile`);
    await tx.update(experienceBookings).set({ status: "confirmed", expiresAt: null, cancelledAt: null }).where(eq(experienceBookings.id, s.id));
  }
}

/**
 * A whole part (or order) refunded by its seller or the operator: its confirmed rooms and seats
 * are cancelled with it, refunded in full, and the nights and seats are free again at once.
 */
export async function cancelConfirmedBookings(tx: Tx, scope: BookingScope, why: { by: "host" | "operator"; reason: string }): Promise<void> {
  const cancelled = {
    status: "cancelled" as const,
    cancelledAt: new Date(),
    cancelledBy: why.by,
    cancelReason: why.reason,
  };
  await tx
    .update(stayBookings)
    .set({ ...cancelled, refundedCents: sql`${stayBookings.totalCents}` })
    .where(and(inScope(stayBookings, scope), eq(stayBookings.status, "confirmed")));
  const seats = await tx
    .update(experienceBookings)
    .set({ ...cancelled, refundedCents: sql`${experienceBookings.totalCents}` })
    .where(and(inScope(experienceBookings, scope), eq(experienceBookings.status, "confirmed")))
    .returning({ slotId: experienceBookings.slotId, people: experienceBookings.people });
  await freeSeats(tx, seats);
}
