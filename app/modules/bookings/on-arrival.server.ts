// Stays paid at the homestay (cooperatives.pay_on_arrival): no online payment. With "auto" the
// booking is confirmed when it is placed; with "host" the nights are held (the checkout's
// hold_expires_at is a day away) until the host confirms or declines — or the request lapses
// through the hold sweeper. Each host answers for their own part (seller order) of the order;
// the order is `confirmed` once no part waits any more and some part was confirmed, `cancelled`
// when every part was declined or lapsed.
import { and, eq, inArray } from "drizzle-orm";
import { orders, sellerOrders, stayBookings } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { assertOrderTransition, assertSellerTransition } from "../orders/status";
import { type Tx, confirmBookings, releaseBookings } from "./holds.server";

/** Hours a host has to answer a pay-on-arrival request before its nights go back. */
export const ARRIVAL_REQUEST_HOURS = 24;

export class ArrivalRequestError extends Error {
  constructor(
    readonly code: "not_found" | "not_waiting",
    readonly status: 404 | 409,
    message: string,
  ) {
    super(message);
    this.name = "ArrivalRequestError";
  }
}

/** Confirms one part's held bookings (inside the caller's transaction). */
async function confirmPart(tx: Tx, sellerOrderId: number): Promise<void> {
  assertSellerTransition("pending_payment", "confirmed");
  await confirmBookings(tx, { sellerOrderId });
  await tx
    .update(sellerOrders)
    .set({ status: "confirmed" })
    .where(and(eq(sellerOrders.id, sellerOrderId), eq(sellerOrders.status, "pending_payment")));
}

/** Gives one part's held nights and seats back and cancels it. */
async function cancelPart(tx: Tx, sellerOrderId: number): Promise<void> {
  assertSellerTransition("pending_payment", "cancelled");
  await releaseBookings(tx, { sellerOrderId });
  await tx
    .update(sellerOrders)
    .set({ status: "cancelled" })
    .where(and(eq(sellerOrders.id, sellerOrderId), eq(sellerOrders.status, "pending_payment")));
}

/** Moves the order once none of its parts waits for a host any more. */
async function settle(tx: Tx, orderId: number, reason: string): Promise<"pending_payment" | "confirmed" | "cancelled"> {
  const parts = await tx.select({ status: sellerOrders.status }).from(sellerOrders).where(eq(sellerOrders.orderId, orderId));
  if (parts.some((p) => p.status === "pending_payment")) return "pending_payment";
  const next = parts.some((p) => p.status === "confirmed") ? "confirmed" : "cancelled";
  assertOrderTransition("pending_payment", next);
  await tx
    .update(orders)
    .set(next === "confirmed" ? { status: "confirmed" } : { status: "cancelled", cancelledAt: new Date(), cancelReason: reason })
    .where(and(eq(orders.id, orderId), eq(orders.status, "pending_payment")));
  return next;
}

/** At checkout, for parts whose host confirms automatically (inside the checkout transaction). */
export async function confirmAutomaticParts(tx: Tx, orderId: number, sellerOrderIds: number[]): Promise<"pending_payment" | "confirmed"> {
  for (const id of [...sellerOrderIds].sort((a, b) => a - b)) await confirmPart(tx, id);
  const status = await settle(tx, orderId, "");
  return status === "cancelled" ? "pending_payment" : status;
}

async function lockWaitingPart(tx: Tx, orderId: number, cooperativeId: number) {
  const [order] = await tx
    .select({ id: orders.id, status: orders.status, provider: orders.provider })
    .from(orders)
    .where(eq(orders.id, orderId))
    .for("update");
  if (!order || order.provider !== "on_arrival") throw new ArrivalRequestError("not_found", 404, "No such booking request.");
  const [part] = await tx
    .select({ id: sellerOrders.id, status: sellerOrders.status })
    .from(sellerOrders)
    .where(and(eq(sellerOrders.orderId, orderId), eq(sellerOrders.cooperativeId, cooperativeId)));
  if (!part) throw new ArrivalRequestError("not_found", 404, "No such booking request.");
  if (order.status !== "pending_payment" || part.status !== "pending_payment") {
    throw new ArrivalRequestError("not_waiting", 409, "This request was already answered or has lapsed.");
  }
  return part;
}

/** The host accepts a pay-on-arrival request: their nights and seats are booked. */
export async function confirmArrivalRequest(
  db: Database,
  input: { orderId: number; cooperativeId: number },
): Promise<{ orderStatus: "pending_payment" | "confirmed" | "cancelled" }> {
  return db.transaction(async (tx) => {
    const part = await lockWaitingPart(tx, input.orderId, input.cooperativeId);
    await confirmPart(tx, part.id);
    return { orderStatus: await settle(tx, input.orderId, "") };
  });
}

/** The host turns a pay-on-arrival request down: the nights are free again at once. */
export async function declineArrivalRequest(
  db: Database,
  input: { orderId: number; cooperativeId: number; reason: string },
): Promise<{ orderStatus: "pending_payment" | "confirmed" | "cancelled" }> {
  return db.transaction(async (tx) => {
    const part = await lockWaitingPart(tx, input.orderId, input.cooperativeId);
    await cancelPart(tx, part.id);
    await tx
      .update(stayBookings)
      .set({ cancelledBy: "host", cancelReason: input.reason })
      .where(and(eq(stayBookings.sellerOrderId, part.id), eq(stayBookings.status, "cancelled")));
    return { orderStatus: await settle(tx, input.orderId, "declined_by_host") };
  });
}

/** The traveller takes back a pay-on-arrival request no host has answered yet: its nights are free again. */
export async function withdrawArrivalRequest(
  db: Database,
  input: { orderId: number; userId: number },
): Promise<{ orderStatus: "pending_payment" | "confirmed" | "cancelled" }> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ status: orders.status, provider: orders.provider, userId: orders.userId })
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for("update");
    if (!order || order.provider !== "on_arrival" || order.userId !== input.userId) throw new ArrivalRequestError("not_found", 404, "No such booking request.");
    if (order.status !== "pending_payment") throw new ArrivalRequestError("not_waiting", 409, "This request was already answered or has lapsed.");
    const waiting = await tx
      .select({ id: sellerOrders.id })
      .from(sellerOrders)
      .where(and(eq(sellerOrders.orderId, input.orderId), eq(sellerOrders.status, "pending_payment")));
    for (const part of waiting.sort((a, b) => a.id - b.id)) {
      await cancelPart(tx, part.id);
      await tx
        .update(stayBookings)
        .set({ cancelledBy: "traveller" })
        .where(and(eq(stayBookings.sellerOrderId, part.id), eq(stayBookings.status, "cancelled")));
    }
    return { orderStatus: await settle(tx, input.orderId, "withdrawn_by_traveller") };
  });
}

/** The sweeper: a request no host answered in time (order row locked by the caller). */
export async function lapseArrivalRequest(tx: Tx, orderId: number): Promise<void> {
  const waiting = await tx
    .select({ id: sellerOrders.id })
    .from(sellerOrders)
    .where(and(eq(sellerOrders.orderId, orderId), inArray(sellerOrders.status, ["pending_payment"])));
  for (const part of waiting.sort((a, b) => a.id - b.id)) await cancelPart(tx, part.id);
  await settle(tx, orderId, "host_did_not_answer");
}
