// Orders with confirmed room and seat bookings, written the way checkout leaves them once paid
// (or, for pay-on-arrival, once confirmed): the order and seller-order totals include the
// bookings, rooms are held through the exclusion constraint and seats through the slot's count.
import { and, eq, sql } from "drizzle-orm";
import { experienceSlots, orderLines, orders, sellerOrders, stayUnits, stays } from "../../db/schema/index";
import { confirmBookings, holdStayNights, takeSlotSeats } from "~/modules/bookings/holds.server";
import type { Database } from "~/utils/db.server";
import { type CreatedOrder, type LineSpec, createOrder } from "./orders";
import { uniqueSlug } from "./unique";

const PLACEHOLDER = "BOOKING-ONLY";

export type StaySpec = { unitId: number; checkIn: string; checkOut: string; guests?: number; totalCents: number };
export type SeatSpec = { slotId: number; people: number; totalCents: number };
export type BookingPartSpec = { cooperativeId: number; stays?: StaySpec[]; seats?: SeatSpec[]; products?: LineSpec[]; commissionBps?: number };

export type BookingOrder = CreatedOrder & { stayIds: number[]; seatIds: number[]; totalCents: number };

export async function createBookingOrder(
  db: Database,
  spec: {
    parts: BookingPartSpec[];
    userId?: number | null;
    locale?: "zh-CN" | "en";
    email?: string;
    name?: string;
    phone?: string;
    /** `on_arrival`: booked to pay at the homestay (order and parts `confirmed`, no payment). */
    provider?: "test" | "on_arrival";
  },
): Promise<BookingOrder> {
  const onArrival = spec.provider === "on_arrival";
  const order = await createOrder(db, {
    userId: spec.userId ?? null,
    locale: spec.locale,
    email: spec.email,
    name: spec.name,
    phone: spec.phone,
    status: onArrival ? "confirmed" : "paid",
    parts: spec.parts.map((p) => ({
      cooperativeId: p.cooperativeId,
      // createOrder writes at least one line: a free placeholder, deleted below, when there are no products.
      lines: p.products?.length ? p.products : [{ unitPriceCents: 0, sku: PLACEHOLDER }],
      shippingCents: 0,
      status: onArrival ? "confirmed" : "paid",
      commissionBps: p.commissionBps,
    })),
  });
  const stayIds: number[] = [];
  const seatIds: number[] = [];
  let totalCents = 0;
  await db.transaction(async (tx) => {
    await tx.delete(orderLines).where(and(eq(orderLines.orderId, order.id), eq(orderLines.sku, PLACEHOLDER)));
    for (const [i, p] of spec.parts.entries()) {
      const so = order.sellerOrders[i]!;
      let added = 0;
      for (const s of p.stays ?? []) {
        stayIds.push(await holdStayNights(tx, { orderId: order.id, sellerOrderId: so.id, unitId: s.unitId, checkIn: s.checkIn, checkOut: s.checkOut, guests: s.guests ?? 2, totalCents: s.totalCents, expiresAt: null }));
        added += s.totalCents;
      }
      for (const s of p.seats ?? []) {
        seatIds.push(await takeSlotSeats(tx, { orderId: order.id, sellerOrderId: so.id, slotId: s.slotId, people: s.people, totalCents: s.totalCents, expiresAt: null }));
        added += s.totalCents;
      }
      const bps = p.commissionBps ?? 800;
      await tx
        .update(sellerOrders)
        .set({
          subtotalCents: sql`${sellerOrders.subtotalCents} + ${added}`,
          totalCents: sql`${sellerOrders.totalCents} + ${added}`,
          commissionCents: sql`round((${sellerOrders.totalCents} + ${added}) * ${bps} / 10000.0)::int`,
        })
        .where(eq(sellerOrders.id, so.id));
      so.totalCents += added;
      totalCents += added;
    }
    await tx
      .update(orders)
      .set({
        subtotalCents: sql`${orders.subtotalCents} + ${totalCents}`,
        totalCents: sql`${orders.totalCents} + ${totalCents}`,
        ...(onArrival ? { provider: "on_arrival" as const, providerPaymentId: null, providerSessionId: null, paidAt: null } : {}),
      })
      .where(eq(orders.id, order.id));
    await confirmBookings(tx, order.id);
  });
  const [row] = await db.select({ totalCents: orders.totalCents }).from(orders).where(eq(orders.id, order.id));
  return { ...order, stayIds, seatIds, totalCents: row!.totalCents };
}

/** A stay with one room (its policy, times and rules as given). */
export async function createRoom(
  db: Database,
  values: { cooperativeId: number; villageId: number } & Partial<typeof stays.$inferInsert>,
  room: Partial<typeof stayUnits.$inferInsert> = {},
): Promise<{ stayId: number; unitId: number; slug: string }> {
  const slug = values.slug ?? uniqueSlug("stay");
  const [stay] = await db
    .insert(stays)
    .values({ slug, titleZh: "溪山居", titleEn: "Creek Hill House", ...values })
    .returning({ id: stays.id });
  const [unit] = await db
    .insert(stayUnits)
    .values({ nameZh: "溪景房", nameEn: "Creek room", maxGuests: 3, basePriceCents: 48_000, ...room, stayId: stay!.id })
    .returning({ id: stayUnits.id });
  return { stayId: stay!.id, unitId: unit!.id, slug };
}

/** The slot's booked seats now. */
export async function seatsTaken(db: Database, slotId: number): Promise<number> {
  const [row] = await db.select({ n: experienceSlots.bookedCount }).from(experienceSlots).where(eq(experienceSlots.id, slotId));
  return row!.n;
}
