// Applying what a payment provider tells us, exactly once per event, whatever the order or the
// repetition of delivery. One transaction: the order row is locked first (so concurrent
// deliveries queue), then the event id is recorded (a duplicate stops here), then the order moves
// through the state machine (status.ts). Side effects that talk to the outside world — mails,
// Connect transfers, refunds — run after the commit.
import type { PaymentProviderName } from "../../../db/schema/orders";
import { and, eq, inArray, sql } from "drizzle-orm";
import { orderLines, orders, paymentEvents, productVariants, sellerOrders, stockHolds } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { BookingError, confirmBookings, retakeBookings } from "../bookings/holds.server";
import { sendBookingConfirmationMails } from "../bookings/mails.server";
import { removeOrderedLines } from "../cart/cart.server";
import type { PaymentEvent, PaymentEventOutcome } from "../payments/port";
import { type Tx, cancelUnpaidOrder } from "./holds.server";
import { sendOrderPaidMails } from "./mails.server";
import { refundOrder } from "./refunds.server";
import { assertOrderTransition } from "./status";
import { transferSellerShares } from "./transfers.server";

type Locked = {
  id: number;
  status: (typeof orders.$inferSelect)["status"];
  provider: PaymentProviderName;
  totalCents: number;
  cartId: string | null;
};

class LatePaymentShort extends Error {}

/** A payment for a cancelled order: take its stock, nights and seats again, all or nothing (savepoint). */
async function retakeStock(tx: Tx, orderId: number): Promise<boolean> {
  const lines = await tx
    .select({ variantId: orderLines.variantId, quantity: orderLines.quantity })
    .from(orderLines)
    .where(eq(orderLines.orderId, orderId));
  const wanted = new Map<number, number>();
  for (const l of lines) {
    if (l.variantId === null) return false; // the product was deleted meanwhile
    wanted.set(l.variantId, (wanted.get(l.variantId) ?? 0) + l.quantity);
  }
  try {
    await tx.transaction(async (sp) => {
      for (const [variantId, quantity] of [...wanted.entries()].sort((a, b) => a[0] - b[0])) {
        const taken = await sp
          .update(productVariants)
          .set({ stock: sql`${productVariants.stock} - ${quantity}` })
          .where(and(eq(productVariants.id, variantId), sql`${productVariants.stock} >= ${quantity}`))
          .returning({ id: productVariants.id });
        if (!taken.length) throw new LatePaymentShort();
      }
      await sp.update(stockHolds).set({ state: "consumed" }).where(eq(stockHolds.orderId, orderId));
      await retakeBookings(sp, orderId);
    });
    return true;
  } catch (error) {
    if (error instanceof LatePaymentShort || error instanceof BookingError) return false;
    throw error;
  }
}

async function markPaid(tx: Tx, order: Locked, paymentId: string | null, from: "pending_payment" | "cancelled"): Promise<void> {
  assertOrderTransition(from, "paid");
  const now = new Date();
  await tx
    .update(orders)
    .set({ status: "paid", paidAt: now, providerPaymentId: paymentId, cancelledAt: null, cancelReason: null })
    .where(and(eq(orders.id, order.id), eq(orders.status, from)));
  await tx
    .update(sellerOrders)
    .set({ status: "paid" })
    .where(and(eq(sellerOrders.orderId, order.id), eq(sellerOrders.status, from)));
}

type Applied = { outcome: PaymentEventOutcome; orderNumber: string | null; orderId: number | null; after: "paid" | "refund" | null; cartId: string | null; provider: PaymentProviderName | null };

export async function applyPaymentEvent(
  db: Database,
  event: PaymentEvent,
  ctx: { origin: string },
): Promise<{ outcome: PaymentEventOutcome; orderNumber: string | null }> {
  const result: Applied = await db.transaction(async (tx) => {
    let order: Locked | undefined;
    if (event.orderNumber) {
      [order] = await tx
        .select({ id: orders.id, status: orders.status, provider: orders.provider, totalCents: orders.totalCents, cartId: orders.cartId })
        .from(orders)
        .where(eq(orders.number, event.orderNumber))
        .for("update");
    }
    const recorded = await tx
      .insert(paymentEvents)
      .values({
        provider: event.provider,
        eventId: event.eventId,
        type: event.type.slice(0, 100),
        orderId: order?.id ?? null,
        outcome: "ignored",
        payload: (event.payload ?? null) as never,
      })
      .onConflictDoNothing()
      .returning({ id: paymentEvents.id });
    const base = { orderNumber: event.orderNumber, orderId: order?.id ?? null, cartId: order?.cartId ?? null, provider: order?.provider ?? null };
    if (!recorded.length) return { ...base, outcome: "duplicate", after: null };
    const eventRowId = recorded[0]!.id;
    const finish = async (outcome: PaymentEventOutcome, after: Applied["after"] = null): Promise<Applied> => {
      if (outcome !== "ignored") await tx.update(paymentEvents).set({ outcome }).where(eq(paymentEvents.id, eventRowId));
      return { ...base, outcome, after };
    };

    // Another provider's word about this order, or a payment of another amount: not ours to apply.
    if (!order || order.provider !== event.provider || event.kind === "ignored") return finish("ignored");
    if (event.kind === "payment_succeeded" && event.amountCents != null && event.amountCents !== order.totalCents) {
      console.warn(`[payments] ${event.eventId}: amount ${event.amountCents} ≠ order total ${order.totalCents}; ignored`);
      return finish("ignored");
    }

    switch (event.kind) {
      case "payment_succeeded":
        if (order.status === "pending_payment") {
          await tx.update(stockHolds).set({ state: "consumed" }).where(and(eq(stockHolds.orderId, order.id), eq(stockHolds.state, "held")));
          await confirmBookings(tx, order.id);
          await markPaid(tx, order, event.paymentId ?? null, "pending_payment");
          return finish("applied", "paid");
        }
        if (order.status === "cancelled") {
          // Paid after the hold expired (or failed): keep the sale only if the goods are still there.
          if (await retakeStock(tx, order.id)) {
            await markPaid(tx, order, event.paymentId ?? null, "cancelled");
            return finish("late_payment_taken", "paid");
          }
          await tx.update(orders).set({ providerPaymentId: event.paymentId ?? null }).where(eq(orders.id, order.id));
          return finish("late_payment_refunded", "refund");
        }
        return finish("ignored");
      case "payment_failed":
      case "payment_expired":
        if (order.status !== "pending_payment") return finish("ignored");
        await cancelUnpaidOrder(tx, order.id, event.kind === "payment_failed" ? "payment_failed" : "payment_expired");
        return finish("applied");
    }
  });

  if (result.orderId !== null && result.after === "paid") await afterPaid(db, result.orderId, result.cartId, result.provider, ctx.origin);
  if (result.orderId !== null && result.after === "refund") {
    await refundOrder(db, { orderId: result.orderId, reason: "late_payment_sold_out", userId: null }).catch((error: unknown) =>
      console.error(`[payments] automatic refund of ${result.orderNumber} failed (will need an operator):`, error),
    );
  }
  return { outcome: result.outcome, orderNumber: result.orderNumber };
}

/** After the commit of a payment: empty the bought lines from the cart, mail, pay the sellers. */
async function afterPaid(db: Database, orderId: number, cartId: string | null, provider: PaymentProviderName | null, origin: string) {
  const log = (what: string) => (error: unknown) =>
    console.error(`[payments] order ${orderId}: ${what} failed:`, error instanceof Error ? error.message : error);
  if (cartId) {
    const bought = await db
      .selectDistinct({ variantId: orderLines.variantId })
      .from(orderLines)
      .where(eq(orderLines.orderId, orderId));
    const ids = bought.map((b) => b.variantId).filter((v): v is number => v !== null);
    await removeOrderedLines(db, cartId, ids, orderId).catch(log("emptying the cart"));
  }
  await sendOrderPaidMails(db, orderId, origin).catch(log("the confirmation mails"));
  // Rooms and seats: check-in details and an .ics for the traveller, a note for each host.
  await sendBookingConfirmationMails(db, orderId, origin).catch(log("the booking mails"));
  if (provider === "stripe") await transferSellerShares(db, orderId).catch(log("the Connect transfers"));
}

/** Paid orders of Stripe whose transfers did not go out (a network error after payment): retry. */
export async function retryMissingTransfers(db: Database): Promise<number> {
  const due = await db
    .selectDistinct({ orderId: sellerOrders.orderId })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(
      and(
        eq(orders.provider, "stripe"),
        inArray(sellerOrders.status, ["paid", "packed", "shipped", "delivered"]),
        sql`${sellerOrders.transferId} IS NULL`,
        sql`${orders.paidAt} < now() - interval '2 minutes'`,
        sql`${orders.paidAt} > now() - interval '7 days'`,
        sql`EXISTS (SELECT 1 FROM cooperatives c WHERE c.id = ${sellerOrders.cooperativeId} AND c.stripe_account_id IS NOT NULL)`,
      ),
    )
    .limit(50);
  for (const d of due) await transferSellerShares(db, d.orderId).catch(() => {});
  return due.length;
}
