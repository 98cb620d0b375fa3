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
import { cooperatives, orders, refunds, sellerOrders } from "../../../db/schema/index";
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
      commissionBps: sellerOrders.commissionBps,
      account: cooperatives.stripeAccountId,
    })
    .from(sellerOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(and(eq(sellerOrders.orderId, orderId), isNull(sellerOrders.transferId), inArray(sellerOrders.status, OWED)))
    .orderBy(asc(sellerOrders.id));

  for (const so of owed) {
    // A transfer made late (a retry) leaves out the shares of bookings already cancelled and
    // refunded: those were never paid out, so reversePendingTransfers' "the rest" still adds up.
    const amountCents = so.totalCents - so.commissionCents - (await sharesReversedEarlier(db, so));
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
      commissionBps: sellerOrders.commissionBps,
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
    // Parts refunded earlier (cancelled bookings) had their share taken back then: the rest now.
    const amountCents = so.totalCents - so.commissionCents - (await sharesReversedEarlier(db, so));
    if (amountCents <= 0) continue;
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

/** The cooperative's share of `refundCents` of its seller order: the refund minus its commission. */
export function sellerShareOf(refundCents: number, commissionBps: number): number {
  return refundCents - Math.round((refundCents * commissionBps) / 10_000);
}

/**
 * What partial refunds of a seller order took back from its transfer before the seller order was
 * refunded in full (or kept out of a transfer made after them): the share of every `refunds` row
 * that left part of it unrefunded (each of those was reversed by reverseRefundShare). The refund that completes it is reversed with the
 * rest by reversePendingTransfers.
 */
async function sharesReversedEarlier(db: Database, so: { id: number; totalCents: number; commissionBps: number }): Promise<number> {
  const rows = await db
    .select({ amountCents: refunds.amountCents })
    .from(refunds)
    .where(eq(refunds.sellerOrderId, so.id))
    .orderBy(asc(refunds.id));
  let refunded = 0;
  let reversed = 0;
  for (const r of rows) {
    refunded += r.amountCents;
    if (refunded < so.totalCents) reversed += sellerShareOf(r.amountCents, so.commissionBps);
  }
  return reversed;
}

export type ShareReversal =
  | { reversed: true; reversalId: string; amountCents: number }
  | { reversed: false; reason: "no_transfer" | "fully_refunded" | "nothing_to_reverse" | "failed"; message?: string };

/**
 * Part of a seller order was refunded (a cancelled booking) and the rest stays with the
 * cooperative: take back the cooperative's share of that part from its Connect transfer. Called
 * after the refund is recorded, outside any transaction; the idempotency key names the refund
 * (`reverse-booking-stay-12`), so a retry is the same reversal. A seller order refunded in full is
 * left to reversePendingTransfers (which takes back the rest), one without a transfer has nothing
 * to take back (test provider, no Connect account).
 */
export async function reverseRefundShare(
  db: Database,
  input: { sellerOrderId: number; refundCents: number; idempotencyKey: string },
  options: { provider?: PaymentProvider } = {},
): Promise<ShareReversal> {
  const [so] = await db
    .select({
      status: sellerOrders.status,
      transferId: sellerOrders.transferId,
      reversalId: sellerOrders.transferReversalId,
      totalCents: sellerOrders.totalCents,
      commissionCents: sellerOrders.commissionCents,
      commissionBps: sellerOrders.commissionBps,
      provider: orders.provider,
    })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(eq(sellerOrders.id, input.sellerOrderId));
  if (!so?.transferId || so.provider === "on_arrival") return { reversed: false, reason: "no_transfer" };
  if (so.status === "refunded" || so.reversalId) return { reversed: false, reason: "fully_refunded" };
  const earlier = await sharesReversedEarlier(db, { id: input.sellerOrderId, totalCents: so.totalCents, commissionBps: so.commissionBps });
  // `earlier` already counts this refund's own row: cap by what the transfer still holds.
  const left = so.totalCents - so.commissionCents - earlier + sellerShareOf(input.refundCents, so.commissionBps);
  const amountCents = Math.min(sellerShareOf(input.refundCents, so.commissionBps), left);
  if (amountCents <= 0) return { reversed: false, reason: "nothing_to_reverse" };
  const provider = options.provider ?? providerFor(so.provider);
  try {
    const { reversalId } = await provider.reverseTransfer({ transferId: so.transferId, amountCents, idempotencyKey: input.idempotencyKey });
    return { reversed: true, reversalId, amountCents };
  } catch (error) {
    // The traveller has their money back already; calling again with the same key retries.
    console.error(`[transfers] reversing ${amountCents} fen of ${so.transferId} (${input.idempotencyKey}) failed:`, messageOf(error));
    return { reversed: false, reason: "failed", message: messageOf(error) };
  }
}
