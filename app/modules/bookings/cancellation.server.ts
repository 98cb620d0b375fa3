// Cancelling a confirmed booking, by the traveller (refund by the stay's policy, or in full up to
// 24 h before an experience) or by the host (a reason, always a full refund).
//
// One transaction per cancellation, in this order:
//   1. the booking row is locked (FOR UPDATE) and re-read: only a confirmed booking can be
//      cancelled, so of several requests at once the first cancels and the others find it done
//      (409) — one refund, one provider call;
//   2. the refund (refunds.server.ts refundPartOfSellerOrder: the order's provider, the booking's
//      amount, idempotency key `refund-booking-<kind>-<id>`), inside the same transaction, so a
//      provider that refuses leaves everything as it was;
//   3. the booking becomes cancelled (the nights leave the exclusion constraint at once), seats go
//      back to the slot; an order paid on arrival whose bookings are all cancelled is cancelled.
// After the commit: the cooperative's share is taken back from its Connect transfer, and the mails.
import { and, eq, sql } from "drizzle-orm";
import {
  experienceBookings,
  experienceSlots,
  experiences,
  orderLines,
  orders,
  sellerOrders,
  stayBookings,
  stayUnits,
  stays,
} from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { CANCELLATION_TERMS, cancellationDeadline } from "../catalog/cancellation";
import type { CancellationPolicy } from "../catalog/listing-types";
import { RefundError, refundPartOfSellerOrder } from "../orders/refunds.server";
import type { OrderStatus } from "../orders/status";
import { reversePendingTransfers, reverseRefundShare } from "../orders/transfers.server";
import type { PaymentProvider } from "../payments/port";
import type { Tx } from "./holds.server";

export const BOOKING_KINDS = ["stay", "experience"] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];
export type BookingRef = { kind: BookingKind; bookingId: number };

/** Experiences: a full refund up to this long before the slot starts; no traveller cancellation after. */
export const EXPERIENCE_CANCEL_HOURS = 24;
const HOUR = 3_600_000;

export type CancelErrorCode =
  | "not_found" // no such booking, or not the caller's
  | "not_cancellable" // not confirmed (held for an open checkout, cancelled already)
  | "too_late" // past the time a traveller may cancel
  | "ended" // the stay or experience is over
  | "quote_changed" // the refund is no longer the one the traveller was shown (a day passed)
  | "reason_required"
  | "provider_failed"; // the provider did not refund: nothing changed

const STATUS: Record<CancelErrorCode, 400 | 404 | 409 | 503> = {
  not_found: 404,
  not_cancellable: 409,
  too_late: 409,
  ended: 409,
  quote_changed: 409,
  reason_required: 400,
  provider_failed: 503,
};

export class CancelError extends Error {
  readonly status: 400 | 404 | 409 | 503;
  constructor(
    readonly code: CancelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CancelError";
    this.status = STATUS[code];
  }
}

export type RefundQuote = {
  /** Whether the traveller may cancel now. */
  cancellable: boolean;
  blocked: null | "not_confirmed" | "too_late" | "ended";
  /** The share of the booking the policy gives back now (0, 50 or 100). */
  percent: number;
  /** What would go back to the traveller's payment now (0 when nothing was paid online). */
  refundCents: number;
  paidOnline: boolean;
  /** Stays: the last Asia/Shanghai day with this refund; experiences: the last instant (ISO). */
  deadline: string;
};

/** A stay: the policy's refund up to its deadline day, nothing after; cancellable up to the check-in day. */
export function stayRefundRule(policy: CancellationPolicy, checkIn: string, totalCents: number, today: string) {
  const deadline = cancellationDeadline(policy, checkIn);
  const percent = today <= deadline ? CANCELLATION_TERMS[policy].refundPercent : 0;
  return { deadline, percent, refundCents: Math.round((totalCents * percent) / 100), open: today <= checkIn };
}

/** An experience: in full up to 24 h before the start; not cancellable by the traveller after that. */
export function experienceRefundRule(startsAt: Date, totalCents: number, now: Date) {
  const deadline = new Date(startsAt.getTime() - EXPERIENCE_CANCEL_HOURS * HOUR);
  const open = now.getTime() <= deadline.getTime();
  return { deadline: deadline.toISOString(), percent: open ? 100 : 0, refundCents: open ? totalCents : 0, open };
}

export type BookingFacts = {
  kind: BookingKind;
  id: number;
  status: "held" | "confirmed" | "cancelled";
  totalCents: number;
  orderId: number;
  orderNumber: string;
  orderStatus: OrderStatus;
  userId: number | null;
  provider: "test" | "stripe" | "on_arrival";
  sellerOrderId: number;
  cooperativeId: number;
  stay: { policy: CancellationPolicy; checkIn: string; checkOut: string } | null;
  experience: { slotId: number; people: number; startsAt: Date; durationMinutes: number } | null;
};

type Reader = Database | Tx;

/** One booking with what deciding its cancellation needs; `lock` takes its row lock. */
export async function bookingFacts(q: Reader, ref: BookingRef, lock = false): Promise<BookingFacts | null> {
  const order = {
    orderId: orders.id,
    orderNumber: orders.number,
    orderStatus: orders.status,
    userId: orders.userId,
    provider: orders.provider,
    cooperativeId: sellerOrders.cooperativeId,
  };
  if (ref.kind === "stay") {
    const query = q
      .select({
        id: stayBookings.id,
        status: stayBookings.status,
        totalCents: stayBookings.totalCents,
        sellerOrderId: stayBookings.sellerOrderId,
        checkIn: stayBookings.checkIn,
        checkOut: stayBookings.checkOut,
        policy: stays.cancellationPolicy,
        ...order,
      })
      .from(stayBookings)
      .innerJoin(stayUnits, eq(stayUnits.id, stayBookings.unitId))
      .innerJoin(stays, eq(stays.id, stayUnits.stayId))
      .innerJoin(orders, eq(orders.id, stayBookings.orderId))
      .innerJoin(sellerOrders, eq(sellerOrders.id, stayBookings.sellerOrderId))
      .where(eq(stayBookings.id, ref.bookingId));
    const [row] = lock ? await query.for("update", { of: stayBookings }) : await query;
    if (!row) return null;
    const { checkIn, checkOut, policy, ...rest } = row;
    return { kind: "stay", ...rest, stay: { policy, checkIn, checkOut }, experience: null };
  }
  const query = q
    .select({
      id: experienceBookings.id,
      status: experienceBookings.status,
      totalCents: experienceBookings.totalCents,
      sellerOrderId: experienceBookings.sellerOrderId,
      slotId: experienceBookings.slotId,
      people: experienceBookings.people,
      startsAt: experienceSlots.startsAt,
      durationMinutes: experiences.durationMinutes,
      ...order,
    })
    .from(experienceBookings)
    .innerJoin(experienceSlots, eq(experienceSlots.id, experienceBookings.slotId))
    .innerJoin(experiences, eq(experiences.id, experienceSlots.experienceId))
    .innerJoin(orders, eq(orders.id, experienceBookings.orderId))
    .innerJoin(sellerOrders, eq(sellerOrders.id, experienceBookings.sellerOrderId))
    .where(eq(experienceBookings.id, ref.bookingId));
  const [row] = lock ? await query.for("update", { of: experienceBookings }) : await query;
  if (!row) return null;
  const { slotId, people, startsAt, durationMinutes, ...rest } = row;
  return { kind: "experience", ...rest, stay: null, experience: { slotId, people, startsAt, durationMinutes } };
}

const paidOnline = (b: BookingFacts) => b.provider !== "on_arrival" && (b.orderStatus === "paid" || b.orderStatus === "partially_refunded");

/** Whether the booking's stay or experience is over (nobody cancels it any more). */
export function isOver(b: BookingFacts, now: Date): boolean {
  if (b.stay) return todayInShanghai(now) >= b.stay.checkOut;
  const e = b.experience!;
  return now.getTime() >= e.startsAt.getTime() + e.durationMinutes * 60_000;
}

/** What the traveller would get back if they cancelled now (shown before they confirm). */
export function quoteFor(b: BookingFacts, now: Date): RefundQuote {
  const rule = b.stay
    ? stayRefundRule(b.stay.policy, b.stay.checkIn, b.totalCents, todayInShanghai(now))
    : experienceRefundRule(b.experience!.startsAt, b.totalCents, now);
  const online = paidOnline(b);
  const blocked = b.status !== "confirmed" ? "not_confirmed" : isOver(b, now) ? "ended" : rule.open ? null : "too_late";
  return {
    cancellable: blocked === null,
    blocked,
    percent: rule.percent,
    refundCents: online ? rule.refundCents : 0,
    paidOnline: online,
    deadline: rule.deadline,
  };
}

/** What a traveller would get back now; null when there is no such booking. */
export async function cancellationQuote(db: Database, ref: BookingRef, now: Date): Promise<RefundQuote | null> {
  const b = await bookingFacts(db, ref);
  return b ? quoteFor(b, now) : null;
}

export type CancelResult = {
  kind: BookingKind;
  bookingId: number;
  orderId: number;
  orderNumber: string;
  refundCents: number;
  cancelledBy: "traveller" | "host";
};

type Actor = { by: "traveller"; userId: number; expectRefundCents?: number } | { by: "host"; cooperativeId: number; userId: number | null; reason: string };

export type CancelOptions = {
  provider?: PaymentProvider;
  /** Absolute origin for the links in the mails; no mails when absent. */
  origin?: string;
};

/** An order paid on arrival with nothing booked any more: its empty parts and then itself are cancelled. */
async function settleOnArrival(tx: Tx, orderId: number): Promise<void> {
  const parts = await tx
    .select({ id: sellerOrders.id, status: sellerOrders.status })
    .from(sellerOrders)
    .where(eq(sellerOrders.orderId, orderId))
    .for("update");
  for (const part of parts) {
    if (part.status !== "confirmed") continue;
    const [left] = await tx.execute<{ n: number }>(sql`
      SELECT (SELECT count(*) FROM ${stayBookings} WHERE seller_order_id = ${part.id} AND status IN ('held', 'confirmed'))
           + (SELECT count(*) FROM ${experienceBookings} WHERE seller_order_id = ${part.id} AND status IN ('held', 'confirmed'))
           + (SELECT count(*) FROM ${orderLines} WHERE seller_order_id = ${part.id}) AS n`);
    if (Number(left?.n ?? 0) === 0) {
      await tx.update(sellerOrders).set({ status: "cancelled" }).where(and(eq(sellerOrders.id, part.id), eq(sellerOrders.status, "confirmed")));
      part.status = "cancelled";
    }
  }
  if (parts.every((p) => p.status === "cancelled")) {
    await tx
      .update(orders)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: "bookings_cancelled" })
      .where(and(eq(orders.id, orderId), eq(orders.status, "confirmed")));
  }
}

async function cancelBooking(db: Database, ref: BookingRef, actor: Actor, now: Date, options: CancelOptions): Promise<CancelResult> {
  // PostgreSQL cannot store NUL in text: such a reason is no reason.
  if (actor.by === "host" && (!actor.reason.trim() || actor.reason.includes("\u0000"))) throw new CancelError("reason_required", "A reason is required.");
  const result = await db.transaction(async (tx) => {
    const b = await bookingFacts(tx, ref, true);
    const mine = b && (actor.by === "traveller" ? b.userId === actor.userId : b.cooperativeId === actor.cooperativeId);
    if (!b || !mine) throw new CancelError("not_found", "No such booking.");
    if (b.status !== "confirmed") throw new CancelError("not_cancellable", "This booking is not confirmed (cancelled already?).");
    if (isOver(b, now)) throw new CancelError("ended", "This booking is over.");
    let refundCents: number;
    if (actor.by === "traveller") {
      const quote = quoteFor(b, now);
      if (!quote.cancellable) throw new CancelError("too_late", "It is too late to cancel this booking.");
      if (actor.expectRefundCents !== undefined && actor.expectRefundCents !== quote.refundCents) {
        throw new CancelError("quote_changed", "The refund is not the one shown any more.");
      }
      refundCents = quote.refundCents;
    } else {
      refundCents = paidOnline(b) ? b.totalCents : 0;
    }

    const reason = actor.by === "host" ? actor.reason.trim() : "";
    if (refundCents > 0) {
      try {
        await refundPartOfSellerOrder(
          tx,
          {
            sellerOrderId: b.sellerOrderId,
            amountCents: refundCents,
            reason: actor.by === "host" ? `booking cancelled by host: ${reason}` : "booking cancelled by traveller",
            userId: actor.userId,
            idempotencyKey: `refund-booking-${b.kind}-${b.id}`,
          },
          { provider: options.provider },
        );
      } catch (error) {
        if (!(error instanceof RefundError)) throw error;
        if (error.code === "provider_failed") throw new CancelError("provider_failed", error.message, { cause: error });
        // The order was refunded some other way meanwhile (the operator, a seller refund): the
        // booking is still cancelled, with what that refund gave back counted there.
        refundCents = 0;
      }
    }

    const cancelled = { status: "cancelled" as const, cancelledAt: now, cancelledBy: actor.by, cancelReason: reason || null, refundedCents: refundCents };
    if (b.kind === "stay") {
      await tx.update(stayBookings).set(cancelled).where(eq(stayBookings.id, b.id));
    } else {
      await tx.update(experienceBookings).set(cancelled).where(eq(experienceBookings.id, b.id));
      const e = b.experience!;
      await tx
        .update(experienceSlots)
        .set({ bookedCount: sql`${experienceSlots.bookedCount} - ${e.people}` })
        .where(and(eq(experienceSlots.id, e.slotId), sql`${experienceSlots.bookedCount} >= ${e.people}`));
    }
    if (b.provider === "on_arrival") await settleOnArrival(tx, b.orderId);
    return { kind: b.kind, bookingId: b.id, orderId: b.orderId, orderNumber: b.orderNumber, refundCents, cancelledBy: actor.by, sellerOrderId: b.sellerOrderId };
  });

  if (result.refundCents > 0) {
    // The cooperative's share goes back with the refund (Stripe Connect); a failure is logged and
    // the same call retries it.
    const share = await reverseRefundShare(
      db,
      { sellerOrderId: result.sellerOrderId, refundCents: result.refundCents, idempotencyKey: `reverse-booking-${result.kind}-${result.bookingId}` },
      { provider: options.provider },
    );
    if (!share.reversed && share.reason === "fully_refunded") await reversePendingTransfers(db, result.orderId, { provider: options.provider });
  }
  if (options.origin) {
    const { sendBookingCancelledMails } = await import("./mails.server");
    await sendBookingCancelledMails(db, { kind: result.kind, bookingId: result.bookingId }, options.origin).catch((error: unknown) =>
      console.error(`[bookings] cancellation mails for ${result.kind} ${result.bookingId} failed:`, error instanceof Error ? error.message : error),
    );
  }
  const { sellerOrderId: _, ...out } = result;
  return out;
}

/**
 * The traveller cancels one of their own bookings (another user's is not found). With
 * `expectRefundCents` (what the page showed), a different refund now is refused (quote_changed).
 */
export function cancelBookingByTraveller(
  db: Database,
  input: BookingRef & { userId: number; expectRefundCents?: number },
  now: Date,
  options: CancelOptions = {},
): Promise<CancelResult> {
  return cancelBooking(db, input, { by: "traveller", userId: input.userId, expectRefundCents: input.expectRefundCents }, now, options);
}

/** The host cancels a booking of its cooperative, with a reason: the traveller gets everything back. */
export function cancelBookingByHost(
  db: Database,
  input: BookingRef & { cooperativeId: number; reason: string; userId?: number | null },
  now: Date,
  options: CancelOptions = {},
): Promise<CancelResult> {
  return cancelBooking(db, input, { by: "host", cooperativeId: input.cooperativeId, userId: input.userId ?? null, reason: input.reason }, now, options);
}

/** The booking named by a URL's `:kind/:bookingId`, or null (a 404 for the page). */
export function bookingRefFromParams(params: { kind?: string; bookingId?: string }): BookingRef | null {
  const kind = BOOKING_KINDS.find((k) => k === params.kind);
  const id = params.bookingId;
  if (!kind || !id || !/^[1-9]\d{0,9}$/.test(id) || Number(id) > 2_147_483_647) return null;
  return { kind, bookingId: Number(id) };
}
