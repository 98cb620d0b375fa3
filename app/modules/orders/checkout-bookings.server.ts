// The rooms and seats of a checkout: which problems mean someone else has them now, holding
// them for the order (the database decides: exclusion constraint, conditional update), and what
// follows a pay-on-arrival booking.
import type { Database } from "~/utils/db.server";
import { BookingError, holdStayNights, takeSlotSeats } from "../bookings/holds.server";
import { sendBookingConfirmationMails } from "../bookings/mails.server";
import type { QuotedBookingLines } from "../cart/bookings.server";
import { removeOrderedLines } from "../cart/cart.server";
import type { BookingProblem } from "../cart/types";
import { CheckoutError, type CheckoutProblemLine } from "./checkout-errors";

/** Someone else holds the nights or seats now (the cart can do nothing about it but drop the line). */
export const TAKEN = new Set<BookingProblem>(["taken", "blackout", "full", "not_enough_seats", "closed"]);

export function bookingProblemLines(bookings: QuotedBookingLines): CheckoutProblemLine[] {
  const out: CheckoutProblemLine[] = [];
  for (const { quote, view } of bookings.stays) {
    if (view.problem) out.push({ sku: "", titleZh: `${quote.stayZh} ${quote.roomZh} ${view.checkIn}→${view.checkOut}`, titleEn: `${quote.stayEn} ${quote.roomEn} ${view.checkIn}→${view.checkOut}`, problem: view.problem });
  }
  for (const { quote, view } of bookings.slots) {
    const when = view.startsAt ? formatShanghai(view.startsAt) : "";
    if (view.problem) out.push({ sku: "", titleZh: `${quote.titleZh} ${when}`, titleEn: `${quote.titleEn} ${when}`, problem: view.problem });
  }
  return out;
}

function formatShanghai(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

export function unavailable(lines: CheckoutProblemLine[]): CheckoutError {
  return new CheckoutError("unavailable", `No longer available: ${lines.map((l) => l.titleEn.trim()).join("; ")}.`, lines);
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Holds the cart's rooms and seats for the order; someone else's hold or booking → "unavailable". */
export async function holdCartBookings(
  tx: Tx,
  args: { orderId: number; sellerOrderIds: Map<number, number>; bookings: QuotedBookingLines; expiresAt: Date },
): Promise<void> {
  const { orderId, sellerOrderIds, bookings, expiresAt } = args;
  const stays = [...bookings.stays].sort((a, b) => a.quote.unitId - b.quote.unitId || a.view.checkIn.localeCompare(b.view.checkIn));
  const slots = [...bookings.slots].sort((a, b) => a.quote.slotId - b.quote.slotId);
  try {
    for (const { quote, view } of stays) {
      await holdStayNights(tx, {
        orderId,
        sellerOrderId: sellerOrderIds.get(quote.cooperativeId)!,
        unitId: quote.unitId,
        checkIn: view.checkIn,
        checkOut: view.checkOut,
        guests: view.guests,
        totalCents: view.totalCents,
        expiresAt,
      });
    }
    for (const { quote, view } of slots) {
      await takeSlotSeats(tx, {
        orderId,
        sellerOrderId: sellerOrderIds.get(quote.cooperativeId)!,
        slotId: quote.slotId,
        people: view.people,
        totalCents: view.totalCents,
        expiresAt,
      });
    }
  } catch (error) {
    if (!(error instanceof BookingError)) throw error;
    const lines = bookingProblemLines({
      stays: stays.map((s) => ({ ...s, view: { ...s.view, problem: { kind: "not_bookable" as const, reason: "taken" as const } } })),
      slots: slots.map((s) => ({ ...s, view: { ...s.view, problem: { kind: "not_bookable" as const, reason: "full" as const } } })),
    });
    throw new CheckoutError("unavailable", `No longer available: ${error.message}`, lines);
  }
}

/**
 * After a pay-on-arrival booking: its lines leave the cart (the request stands on its own now);
 * when confirmed at once, the confirmation mails go out (else when the host confirms).
 */
export async function afterArrivalPlaced(db: Database, orderId: number, cartId: string, origin: string, confirmed: boolean): Promise<void> {
  const log = (what: string) => (error: unknown) =>
    console.error(`[checkout] order ${orderId}: ${what} failed:`, error instanceof Error ? error.message : error);
  await removeOrderedLines(db, cartId, [], orderId).catch(log("emptying the cart"));
  if (confirmed) await sendBookingConfirmationMails(db, orderId, origin).catch(log("the booking mails"));
}
