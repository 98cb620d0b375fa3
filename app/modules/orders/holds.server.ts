// Stock held for open checkouts. Starting a payment takes the stock (checkout.server.ts); this
// file gives it back: when a payment fails, when a newer checkout of the same cart replaces an
// open one, and — through the sweeper — when the hold expires unpaid.
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { orders, productVariants, stockHolds } from "../../../db/schema/index";
import { type Database, getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { releaseBookings } from "../bookings/holds.server";
import { lapseArrivalRequest } from "../bookings/on-arrival.server";
import { providerFor } from "../payments/provider.server";
import { assertOrderTransition } from "./status";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/**
 * Inside a transaction that holds the order's row lock: returns every still-held unit to its
 * variant and marks the holds released. Variants are updated in id order (no deadlocks).
 */
export async function releaseHolds(tx: Tx, orderId: number): Promise<number> {
  const held = await tx
    .update(stockHolds)
    .set({ state: "released" })
    .where(and(eq(stockHolds.orderId, orderId), eq(stockHolds.state, "held")))
    .returning({ variantId: stockHolds.variantId, quantity: stockHolds.quantity });
  held.sort((a, b) => a.variantId - b.variantId);
  for (const h of held) {
    await tx
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} + ${h.quantity}` })
      .where(eq(productVariants.id, h.variantId));
  }
  return held.length;
}

/** Cancels an unpaid order (row locked by the caller) and gives its stock, rooms and seats back. */
export async function cancelUnpaidOrder(tx: Tx, orderId: number, reason: string): Promise<void> {
  assertOrderTransition("pending_payment", "cancelled");
  await releaseHolds(tx, orderId);
  await releaseBookings(tx, orderId);
  await tx
    .update(orders)
    .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: reason })
    .where(and(eq(orders.id, orderId), eq(orders.status, "pending_payment")));
  await tx.execute(
    sql`UPDATE seller_orders SET status = 'cancelled', updated_at = now() WHERE order_id = ${orderId} AND status = 'pending_payment'`,
  );
}

/**
 * Releases every hold that expired before `now`. Safe to run on any number of instances at
 * once: each order is claimed with FOR UPDATE SKIP LOCKED. Returns how many orders it cancelled.
 */
export async function releaseExpiredHolds(db: Database, now: Date = new Date(), batch = 100): Promise<number> {
  let total = 0;
  const expiredSessions: { provider: "test" | "stripe" | "on_arrival"; sessionId: string }[] = [];
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: orders.id, provider: orders.provider, sessionId: orders.providerSessionId })
        .from(orders)
        .where(and(eq(orders.status, "pending_payment"), lt(orders.holdExpiresAt, now)))
        .orderBy(asc(orders.holdExpiresAt))
        .limit(batch)
        .for("update", { skipLocked: true });
      for (const order of due) {
        // A pay-on-arrival request nobody answered: the parts still waiting lapse.
        if (order.provider === "on_arrival") {
          await lapseArrivalRequest(tx, order.id);
          continue;
        }
        await cancelUnpaidOrder(tx, order.id, "hold_expired");
        if (order.sessionId) expiredSessions.push({ provider: order.provider, sessionId: order.sessionId });
      }
      return due.length;
    });
    total += done;
    if (done < batch) break;
  }
  // Close the provider's payment pages too, so nobody pays for stock we gave back. A payment
  // that gets through anyway is handled as a late payment (payment-events.server.ts).
  for (const s of expiredSessions) {
    await providerFor(s.provider)
      .expirePayment(s.sessionId)
      .catch((error: unknown) => console.warn(`[holds] could not expire ${s.sessionId}:`, error instanceof Error ? error.message : error));
  }
  return total;
}

/**
 * Runs `releaseExpiredHolds` every HOLD_SWEEP_SECONDS (and `extra`, e.g. retrying Connect
 * transfers that failed after a payment); returns a stop function.
 */
export function startHoldSweeper(db: () => Database = getDb, extra?: (db: Database) => Promise<unknown>): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    releaseExpiredHolds(db())
      .then(async (n) => {
        if (n) console.log(`[holds] released ${n} expired checkout hold${n === 1 ? "" : "s"}`);
        if (extra) await extra(db());
      })
      .catch((error: unknown) => console.error("[holds] sweep failed:", error instanceof Error ? error.message : error))
      .finally(() => {
        running = false;
      });
  }, env().HOLD_SWEEP_SECONDS * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
