// Stripe Connect payouts: once an order is paid, each cooperative with a connected account gets
// one transfer of its part minus the platform's commission, grouped under the order number
// (transfer_group), and that transfer is reversed when its seller order is refunded.
//
// Only orders paid through Stripe move money this way. Orders of the test provider record no
// transfer at all (transfer_id stays null): the test provider pays nobody, and a fake transfer
// id would make a refund "reverse" money that never moved.
//
// Provider calls happen outside any transaction; each carries an idempotency key of its seller
// order (`transfer-<id>`, `reverse-<id>`), so two runs at once, or a run retried after a crash,
// reach Stripe as one call. Ids are stored with conditional updates (… WHERE transfer_id IS NULL).
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { cooperatives, orders, sellerOrders } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { PaymentProvider } from "../payments/port";
import { providerFor } from "../payments/provider.server";
import type { SellerOrderStatus } from "./status";

/** Seller orders whose goods were paid for and not given back: their cooperative is owed. */
const OWED: SellerOrderStatus[] = ["paid", "packed", "shipped", "delivered"];

export type TransferReport = {
  transferred: { sellerOrderId: number; cooperativeId: number; transferId: string; amountCents: number }[];
  skipped: { sellerOrderId: number; cooperativeId: number; reason: "no_stripe_account" | "nothing_to_transfer" }[];
  failed: { sellerOrderId: number; cooperativeId: number; message: string }[];
};

const empty = (): TransferReport => ({ transferred: [], skipped: [], failed: [] });

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Pays every cooperative of a paid Stripe order its share that was not paid yet. Safe to call
 * again (after a failure, or twice at once): a seller order with a transfer id is left alone.
 */
export async function transferSellerShares(
  db: Database,
  orderId: number,
  options: { provider?: PaymentProvider } = {},
): Promise<TransferReport> {
  const report = empty();
  const [order] = await db
    .select({ number: orders.number, status: orders.status, provider: orders.provider, paymentId: orders.providerPaymentId })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order || order.provider !== "stripe" || !order.paymentId) return report;
  if (order.status !== "paid" && order.status !== "partially_refunded") return report;
  const provider = options.provider ?? providerFor("stripe");

  const owed = await db
    .select({
      id: sellerOrders.id,
      cooperativeId: sellerOrders.cooperativeId,
      totalCents: sellerOrders.totalCents,
      commissionCents: sellerOrders.commissionCents,
      account: cooperatives.stripeAccountId,
    })
    .from(sellerOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(and(eq(sellerOrders.orderId, orderId), isNull(sellerOrders.transferId), inArray(sellerOrders.status, OWED)))
    .orderBy(asc(sellerOrders.id));

  for (const so of owed) {
    const amountCents = so.totalCents - so.commissionCents;
    if (!so.account) {
      console.warn(`[transfers] order ${order.number}: cooperative ${so.cooperativeId} has no Stripe account; its share stays with the platform`);
      report.skipped.push({ sellerOrderId: so.id, cooperativeId: so.cooperativeId, reason: "no_stripe_account" });
      continue;
    }
    if (amountCents <= 0) {
      report.skipped.push({ sellerOrderId: so.id, cooperativeId: so.cooperativeId, reason: "nothing_to_transfer" });
      continue;
    }
    try {
      const { transferId } = await provider.transfer({
        orderNumber: order.number,
        paymentId: order.paymentId,
        destination: so.account,
        amountCents,
        idempotencyKey: `transfer-${so.id}`,
      });
      await db
        .update(sellerOrders)
        .set({ transferId })
        .where(and(eq(sellerOrders.id, so.id), isNull(sellerOrders.transferId)));
      report.transferred.push({ sellerOrderId: so.id, cooperativeId: so.cooperativeId, transferId, amountCents });
    } catch (error) {
      // The next run retries with the same key; the other cooperatives are still paid.
      console.error(`[transfers] order ${order.number}: transfer to ${so.account} failed:`, messageOf(error));
      report.failed.push({ sellerOrderId: so.id, cooperativeId: so.cooperativeId, message: messageOf(error) });
    }
  }
  // A refund may have landed while a transfer was on its way; take such money back now.
  if (report.transferred.length) await reversePendingTransfers(db, orderId, { provider });
  return report;
}

export type ReversalReport = {
  reversed: { sellerOrderId: number; reversalId: string; amountCents: number }[];
  failed: { sellerOrderId: number; message: string }[];
};

/**
 * Takes back the transfer of every refunded seller order of the order that still has one
 * standing. Called after a refund is recorded (and after transfers, in case a refund raced
 * them); safe to call again: the idempotency key `reverse-<sellerOrderId>` makes the second
 * call Stripe's answer to the first.
 */
export async function reversePendingTransfers(
  db: Database,
  orderId: number,
  options: { provider?: PaymentProvider } = {},
): Promise<ReversalReport> {
  const report: ReversalReport = { reversed: [], failed: [] };
  const pending = await db
    .select({
      id: sellerOrders.id,
      transferId: sellerOrders.transferId,
      totalCents: sellerOrders.totalCents,
      commissionCents: sellerOrders.commissionCents,
      provider: orders.provider,
    })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(
      and(
        eq(sellerOrders.orderId, orderId),
        eq(sellerOrders.status, "refunded"),
        isNotNull(sellerOrders.transferId),
        isNull(sellerOrders.transferReversalId),
      ),
    )
    .orderBy(asc(sellerOrders.id));
  for (const so of pending) {
    const provider = options.provider ?? providerFor(so.provider);
    const amountCents = so.totalCents - so.commissionCents;
    try {
      const { reversalId } = await provider.reverseTransfer({
        transferId: so.transferId!,
        amountCents,
        idempotencyKey: `reverse-${so.id}`,
      });
      await db
        .update(sellerOrders)
        .set({ transferReversalId: reversalId })
        .where(and(eq(sellerOrders.id, so.id), isNull(sellerOrders.transferReversalId)));
      report.reversed.push({ sellerOrderId: so.id, reversalId, amountCents });
    } catch (error) {
      // The buyer has their money back already; the reversal can be retried by calling again.
      console.error(`[transfers] reversing ${so.transferId} (seller order ${so.id}) failed:`, messageOf(error));
      report.failed.push({ sellerOrderId: so.id, message: messageOf(error) });
    }
  }
  return report;
}
