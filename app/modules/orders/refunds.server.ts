// Money back to the buyer: one seller's part (a cooperative refunds its seller order) or the
// whole order (the operator, or automatically for a payment that arrived after its stock was
// gone).
//
// Steps, in this order:
//   1. check: the rows exist (for a seller, in its own cooperative) and the state machine allows
//      the move (status.ts);
//   2. the provider's refund, with an idempotency key of what is refunded
//      (`refund-so-<sellerOrderId>`, `refund-order-<orderId>`);
//   3. record, in one transaction holding the order's row lock (then the seller orders'):
//      statuses, refunded amounts, a `refunds` row — re-checked there, so a refund that raced
//      this one (same key, so the same provider refund) is recorded once;
//   4. reverse the Connect transfer of every refunded seller order (transfers.server.ts).
// When step 2 fails nothing is recorded and a RefundError says so; trying again is safe (the
// same key cannot refund twice).
//
// Part of a seller order (a cancelled booking) is refunded by refundPartOfSellerOrder, inside
// the caller's transaction that holds the row lock of what is refunded.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { orders, refunds, sellerOrders } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { cancelConfirmedBookings } from "../bookings/holds.server";
import type { PaymentProvider } from "../payments/port";
import { providerFor } from "../payments/provider.server";
import { type OrderStatus, canOrderMove, canSellerOrderMove } from "./status";
import { type ReversalReport, reversePendingTransfers } from "./transfers.server";

export type RefundErrorCode =
  | "not_found" // no such order, or (for a seller) not one of its own
  | "not_refundable" // its status does not allow a refund (unpaid, cancelled, refunded already)
  | "not_paid" // no payment to refund
  | "provider_failed"; // the provider refused or did not answer: nothing was recorded

const STATUS: Record<RefundErrorCode, 404 | 409 | 422 | 503> = {
  not_found: 404,
  not_refundable: 409,
  not_paid: 422,
  provider_failed: 503,
};

export class RefundError extends Error {
  readonly status: 404 | 409 | 422 | 503;
  constructor(
    readonly code: RefundErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "RefundError";
    this.status = STATUS[code];
  }
}

export type RefundResult = {
  orderId: number;
  orderNumber: string;
  orderStatus: OrderStatus;
  amountCents: number;
  refundId: string;
  reversals: ReversalReport;
};

type Options = { provider?: PaymentProvider };

/** The order after `amountCents` more are refunded. */
function orderStatusAfter(totalCents: number, refundedCents: number): OrderStatus {
  return refundedCents >= totalCents ? "refunded" : "partially_refunded";
}

async function callProvider(
  provider: PaymentProvider,
  input: { orderNumber: string; paymentId: string; amountCents: number; idempotencyKey: string; reason: string },
): Promise<string> {
  try {
    return (await provider.refund(input)).refundId;
  } catch (error) {
    console.error(`[refunds] ${input.idempotencyKey} (${input.orderNumber}) failed:`, error instanceof Error ? error.message : error);
    throw new RefundError("provider_failed", "The payment provider did not refund; nothing was changed. Please try again.", { cause: error });
  }
}

/**
 * A cooperative gives the buyer back its whole part of an order (goods, shipping): the seller
 * order becomes `refunded`, the order `partially_refunded` (or `refunded` when nothing is left),
 * and the cooperative's transfer is reversed. Another cooperative's seller order is `not_found`.
 */
export async function refundSellerOrder(
  db: Database,
  input: { cooperativeId: number; sellerOrderId: number; userId: number | null; reason: string },
  options: Options = {},
): Promise<RefundResult> {
  // One transaction around the provider's refund, holding the order's and the part's row locks
  // (order first, like booking refunds): a booking refund racing this one waits, then finds the
  // part refunded; the amount refunded is the one computed under the lock.
  const done = await db.transaction(async (tx) => {
    const [part] = await tx
      .select({ orderId: sellerOrders.orderId })
      .from(sellerOrders)
      .where(and(eq(sellerOrders.id, input.sellerOrderId), eq(sellerOrders.cooperativeId, input.cooperativeId)));
    if (!part) throw new RefundError("not_found", "No such order.");
    const [order] = await tx
      .select({ number: orders.number, provider: orders.provider })
      .from(orders)
      .where(eq(orders.id, part.orderId))
      .for("update");
    const [row] = await tx
      .select({ status: sellerOrders.status, totalCents: sellerOrders.totalCents, refundedCents: sellerOrders.refundedCents })
      .from(sellerOrders)
      .where(eq(sellerOrders.id, input.sellerOrderId))
      .for("update");
    if (!order || !row) throw new RefundError("not_found", "No such order.");
    if (!canSellerOrderMove(row.status, "refunded")) throw new RefundError("not_refundable", `An order that is ${row.status} cannot be refunded.`);
    // What is left of the part (booking refunds may have given some back already), as one refund.
    const refunded = await refundPartOfSellerOrder(
      tx,
      { sellerOrderId: input.sellerOrderId, amountCents: row.totalCents - row.refundedCents, reason: input.reason, userId: input.userId, idempotencyKey: `refund-so-${input.sellerOrderId}` },
      options,
    );
    // Rooms and seats of the part go with it: the nights are bookable again at once.
    await cancelConfirmedBookings(tx, { sellerOrderId: input.sellerOrderId }, { by: "host", reason: input.reason });
    const provider = options.provider ?? providerFor(order.provider);
    return { orderId: part.orderId, orderNumber: order.number, orderStatus: refunded.orderStatus, amountCents: refunded.amountCents, refundId: refunded.refundId, provider };
  });

  const reversals = await reversePendingTransfers(db, done.orderId, { provider: done.provider });
  return { orderId: done.orderId, orderNumber: done.orderNumber, orderStatus: done.orderStatus, amountCents: done.amountCents, refundId: done.refundId, reversals };
}

/**
 * Gives the buyer back everything not refunded yet: the order becomes `refunded`, and so does
 * every seller order that was paid (seller orders of a cancelled order stay cancelled — the
 * case of a late payment whose stock was gone). `userId` is null when the system does it.
 */
export async function refundOrder(
  db: Database,
  input: { orderId: number; reason: string; userId: number | null },
  options: Options = {},
): Promise<RefundResult> {
  const [order] = await db
    .select({
      number: orders.number,
      status: orders.status,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      provider: orders.provider,
      paymentId: orders.providerPaymentId,
    })
    .from(orders)
    .where(eq(orders.id, input.orderId));
  if (!order) throw new RefundError("not_found", "No such order.");
  const amountCents = order.totalCents - order.refundedCents;
  if (!canOrderMove(order.status, "refunded") || amountCents <= 0) {
    throw new RefundError("not_refundable", `An order that is ${order.status} cannot be refunded.`);
  }
  if (!order.paymentId) throw new RefundError("not_paid", "This order has no payment to refund.");

  const provider = options.provider ?? providerFor(order.provider);
  const refundId = await callProvider(provider, {
    orderNumber: order.number,
    paymentId: order.paymentId,
    amountCents,
    idempotencyKey: `refund-order-${input.orderId}`,
    reason: input.reason,
  });

  await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: orders.status, refundedCents: orders.refundedCents })
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for("update");
    // Re-checked under the lock: the amount refunded must be the one the provider refunded.
    if (!locked || !canOrderMove(locked.status, "refunded") || locked.refundedCents !== order.refundedCents) {
      throw new RefundError("not_refundable", "This order was refunded already.");
    }
    const owed = await tx
      .select({ id: sellerOrders.id, status: sellerOrders.status })
      .from(sellerOrders)
      .where(eq(sellerOrders.orderId, input.orderId))
      .orderBy(asc(sellerOrders.id))
      .for("update");
    const refundable = owed.filter((so) => canSellerOrderMove(so.status, "refunded")).map((so) => so.id);
    if (refundable.length) {
      await tx
        .update(sellerOrders)
        .set({ status: "refunded", refundedCents: sql`${sellerOrders.totalCents}`, refundedAt: new Date() })
        .where(inArray(sellerOrders.id, refundable));
    }
    await tx
      .update(orders)
      .set({ status: "refunded", refundedCents: sql`${orders.totalCents}` })
      .where(eq(orders.id, input.orderId));
    await tx.insert(refunds).values({
      orderId: input.orderId,
      sellerOrderId: null,
      amountCents,
      reason: input.reason,
      providerRefundId: refundId,
      userId: input.userId,
    });
    await cancelConfirmedBookings(tx, input.orderId, { by: "operator", reason: input.reason });
  });

  const reversals = await reversePendingTransfers(db, input.orderId, { provider });
  return { orderId: input.orderId, orderNumber: order.number, orderStatus: "refunded", amountCents, refundId, reversals };
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type PartialRefundResult = {
  refundId: string;
  amountCents: number;
  orderStatus: OrderStatus;
  /** The seller order has nothing left to refund and became `refunded`. */
  sellerOrderRefunded: boolean;
};

/**
 * Gives back part of one seller order (a cancelled booking): the provider's refund of exactly
 * `amountCents`, a `refunds` row, the order's and seller order's refunded amounts raised, the order
 * `partially_refunded` (or `refunded` when nothing is left), the seller order `refunded` once all
 * of it is. Runs in the caller's transaction, which holds the row lock of what is being refunded
 * (the booking): the order and seller order rows are locked here before the provider is called,
 * so a second request for the same thing waits, then finds it done. The idempotency key names
 * what is refunded (one key, one refund at the provider, whatever the retries).
 */
export async function refundPartOfSellerOrder(
  tx: Tx,
  input: { sellerOrderId: number; amountCents: number; reason: string; userId: number | null; idempotencyKey: string },
  options: Options = {},
): Promise<PartialRefundResult> {
  const [so] = await tx
    .select({
      orderId: sellerOrders.orderId,
      status: sellerOrders.status,
      totalCents: sellerOrders.totalCents,
      refundedCents: sellerOrders.refundedCents,
    })
    .from(sellerOrders)
    .where(eq(sellerOrders.id, input.sellerOrderId));
  if (!so) throw new RefundError("not_found", "No such order.");
  // The order first, then its seller order: the order in which refundSellerOrder/refundOrder lock.
  const [order] = await tx
    .select({
      number: orders.number,
      status: orders.status,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      provider: orders.provider,
      paymentId: orders.providerPaymentId,
    })
    .from(orders)
    .where(eq(orders.id, so.orderId))
    .for("update");
  const [locked] = await tx
    .select({ status: sellerOrders.status, totalCents: sellerOrders.totalCents, refundedCents: sellerOrders.refundedCents })
    .from(sellerOrders)
    .where(eq(sellerOrders.id, input.sellerOrderId))
    .for("update");
  if (!order || !locked) throw new RefundError("not_found", "No such order.");
  const amountCents = input.amountCents;
  const sellerLeft = locked.totalCents - locked.refundedCents;
  const orderLeft = order.totalCents - order.refundedCents;
  const nextOrder = orderStatusAfter(order.totalCents, order.refundedCents + amountCents);
  const sellerOrderRefunded = locked.refundedCents + amountCents >= locked.totalCents;
  if (
    !Number.isInteger(amountCents) ||
    amountCents <= 0 ||
    amountCents > sellerLeft ||
    amountCents > orderLeft ||
    !canOrderMove(order.status, nextOrder) ||
    (sellerOrderRefunded && !canSellerOrderMove(locked.status, "refunded"))
  ) {
    throw new RefundError("not_refundable", `An order that is ${order.status} cannot be refunded ${amountCents} fen.`);
  }
  if (order.provider === "on_arrival" || !order.paymentId) throw new RefundError("not_paid", "This order has no payment to refund.");

  const provider = options.provider ?? providerFor(order.provider);
  const refundId = await callProvider(provider, {
    orderNumber: order.number,
    paymentId: order.paymentId,
    amountCents,
    idempotencyKey: input.idempotencyKey,
    reason: input.reason,
  });

  await tx
    .update(sellerOrders)
    .set({
      refundedCents: sql`${sellerOrders.refundedCents} + ${amountCents}`,
      ...(sellerOrderRefunded ? { status: "refunded" as const, refundedAt: new Date() } : {}),
    })
    .where(eq(sellerOrders.id, input.sellerOrderId));
  await tx
    .update(orders)
    .set({ status: nextOrder, refundedCents: sql`${orders.refundedCents} + ${amountCents}` })
    .where(eq(orders.id, so.orderId));
  await tx.insert(refunds).values({
    orderId: so.orderId,
    sellerOrderId: input.sellerOrderId,
    amountCents,
    reason: input.reason,
    providerRefundId: refundId,
    userId: input.userId,
  });
  return { refundId, amountCents, orderStatus: nextOrder, sellerOrderRefunded };
}
