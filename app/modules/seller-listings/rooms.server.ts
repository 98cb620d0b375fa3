// A stay's rooms (stay_units) as the dashboard edits them. A room is reached only through its
// stay and the stay only through the acting cooperative: any other path is "not found".
import { and, asc, eq, gt, inArray, max } from "drizzle-orm";
import { stayBookings, stayUnits, stays, unitBlackouts, unitRates } from "../../../db/schema/index";
import { addDays } from "~/modules/catalog/listing-dates";
import type { Database } from "~/utils/db.server";
import { ListingError, listingNotFound } from "./errors";
import type { ListingStatus } from "./fields";
import type { RoomInput } from "./stay-schemas";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Tx;

export type StayRef = { id: number; titleZh: string; titleEn: string; status: ListingStatus };

/** The cooperative's stay (locked for the transaction when asked), or 404. */
export async function stayRef(db: Executor, cooperativeId: number, stayId: number, options: { lock?: boolean } = {}): Promise<StayRef> {
  const query = db
    .select({ id: stays.id, titleZh: stays.titleZh, titleEn: stays.titleEn, status: stays.status })
    .from(stays)
    .where(and(eq(stays.id, stayId), eq(stays.cooperativeId, cooperativeId)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) listingNotFound();
  return row;
}

/** The id of the room when it belongs to this stay of this cooperative (locked when asked), or 404. */
export async function roomOf(db: Executor, cooperativeId: number, stayId: number, unitId: number, options: { lock?: boolean } = {}) {
  const query = db
    .select({ id: stayUnits.id })
    .from(stayUnits)
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(and(eq(stayUnits.id, unitId), eq(stayUnits.stayId, stayId), eq(stays.cooperativeId, cooperativeId)));
  const [row] = options.lock ? await query.for("update", { of: stayUnits }) : await query;
  if (!row) listingNotFound();
  return row.id;
}

export type CalendarRange = { id: number; firstNight: string; lastNight: string };
export type SellerRate = CalendarRange & { priceCents: number; minNights: number; labelZh: string; labelEn: string };
/** `imported`: read from another channel's calendar (reopened by that calendar, not here). */
export type SellerBlackout = CalendarRange & { reason: string; imported: boolean };

export type SellerRoom = {
  stay: StayRef;
  room: typeof stayUnits.$inferSelect;
  /** Rates and blackouts that still cover a night from today on, earliest first. */
  rates: SellerRate[];
  blackouts: SellerBlackout[];
};

export async function getSellerRoom(
  db: Database,
  cooperativeId: number,
  stayId: number,
  unitId: number,
  { today }: { today: string },
): Promise<SellerRoom | null> {
  const [row] = await db
    .select({ room: stayUnits, stay: { id: stays.id, titleZh: stays.titleZh, titleEn: stays.titleEn, status: stays.status } })
    .from(stayUnits)
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(and(eq(stayUnits.id, unitId), eq(stayUnits.stayId, stayId), eq(stays.cooperativeId, cooperativeId)));
  if (!row) return null;
  const [rates, blackouts] = await Promise.all([
    db
      .select()
      .from(unitRates)
      .where(and(eq(unitRates.unitId, unitId), gt(unitRates.endDate, today)))
      .orderBy(asc(unitRates.startDate), asc(unitRates.id)),
    db
      .select()
      .from(unitBlackouts)
      .where(and(eq(unitBlackouts.unitId, unitId), gt(unitBlackouts.endDate, today)))
      .orderBy(asc(unitBlackouts.startDate), asc(unitBlackouts.id)),
  ]);
  const nights = (r: { id: number; startDate: string; endDate: string }) => ({
    id: r.id,
    firstNight: r.startDate,
    lastNight: addDays(r.endDate, -1),
  });
  return {
    stay: row.stay,
    room: row.room,
    rates: rates.map((r) => ({ ...nights(r), priceCents: r.priceCents, minNights: r.minNights, labelZh: r.labelZh, labelEn: r.labelEn })),
    blackouts: blackouts.map((b) => ({ ...nights(b), reason: b.reason, imported: b.importId !== null })),
  };
}

function roomColumns(input: RoomInput) {
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    maxGuests: input.maxGuests,
    beds: input.beds,
    basePriceCents: input.basePrice,
    weekendPriceCents: input.weekendPrice,
    minNights: input.minNights,
  };
}

/** Adds a room after the stay's other rooms. */
export async function createRoom(db: Database, cooperativeId: number, stayId: number, input: RoomInput): Promise<number> {
  return db.transaction(async (tx) => {
    await stayRef(tx, cooperativeId, stayId, { lock: true });
    const [last] = await tx.select({ position: max(stayUnits.position) }).from(stayUnits).where(eq(stayUnits.stayId, stayId));
    const [row] = await tx
      .insert(stayUnits)
      .values({ stayId, position: (last?.position ?? -1) + 1, ...roomColumns(input) })
      .returning({ id: stayUnits.id });
    return row!.id;
  });
}

/**
 * Saves the form. Lowering the maximum guests below what a booking already made names is
 * allowed: that booking keeps its guests (it was accepted under the old rule) and only new
 * bookings meet the new maximum.
 */
export async function updateRoom(db: Database, cooperativeId: number, stayId: number, unitId: number, input: RoomInput): Promise<void> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  await db.update(stayUnits).set(roomColumns(input)).where(eq(stayUnits.id, id));
}

/**
 * Deletes a room with its rates and blackouts. The last room of an active stay is kept: the
 * stay's public page would offer nothing to book. Set the stay to draft (or archive it) first.
 * A room someone has booked is kept too (409): a held or confirmed booking from today on is a
 * guest who is coming, and any booking at all is part of an order's record (the database
 * refuses to drop it).
 */
export async function deleteRoom(db: Database, cooperativeId: number, stayId: number, unitId: number, { today }: { today: string }): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      // The stay row is locked so two deletions cannot each leave "another" room behind.
      const stay = await stayRef(tx, cooperativeId, stayId, { lock: true });
      const id = await roomOf(tx, cooperativeId, stayId, unitId, { lock: true });
      const rooms = await tx.select({ id: stayUnits.id }).from(stayUnits).where(eq(stayUnits.stayId, stayId)).limit(2);
      if (stay.status === "active" && rooms.length < 2) throw new ListingError(409, "listings.error.lastRoom");
      const [coming] = await tx
        .select({ id: stayBookings.id })
        .from(stayBookings)
        .where(and(eq(stayBookings.unitId, id), inArray(stayBookings.status, ["held", "confirmed"]), gt(stayBookings.checkOut, today)))
        .limit(1);
      if (coming) throw new ListingError(409, "listings.error.roomBooked");
      const [any] = await tx.select({ id: stayBookings.id }).from(stayBookings).where(eq(stayBookings.unitId, id)).limit(1);
      if (any) throw new ListingError(409, "listings.error.roomHasBookings");
      await tx.delete(stayUnits).where(eq(stayUnits.id, id));
    });
  } catch (error) {
    // A booking made between the check and the delete: the foreign key refuses, the answer is the same.
    if (isForeignKeyViolation(error)) throw new ListingError(409, "listings.error.roomHasBookings");
    throw error;
  }
}

function isForeignKeyViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23503") return true;
  }
  return false;
}
