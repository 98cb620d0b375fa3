// One booking as its host sees it (/dashboard/bookings/:kind/:bookingId): scoped to the acting
// cooperative — another cooperative's booking is not found — with what the host may do next.
import { eq } from "drizzle-orm";
import { sellerOrders } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { type BookingRef, bookingFacts, isOver } from "./cancellation.server";
import { type BookingDetail, bookingDetail } from "./traveller.server";

export type HostBooking = {
  booking: BookingDetail;
  sellerOrderStatus: string;
  /** The host may cancel it now (confirmed, not over); the traveller would get `refundCents` back. */
  canCancel: boolean;
  refundCents: number;
  /** A pay-on-arrival request waiting for this host's answer. */
  waitingForHost: boolean;
};

export async function getHostBooking(db: Database, input: BookingRef & { cooperativeId: number }, now: Date): Promise<HostBooking | null> {
  const booking = await bookingDetail(db, input);
  if (!booking || booking.cooperative.id !== input.cooperativeId) return null;
  const facts = await bookingFacts(db, input);
  const [so] = await db.select({ status: sellerOrders.status }).from(sellerOrders).where(eq(sellerOrders.id, booking.sellerOrderId));
  if (!facts || !so) return null;
  const paidOnline = facts.provider !== "on_arrival" && (facts.orderStatus === "paid" || facts.orderStatus === "partially_refunded");
  return {
    booking,
    sellerOrderStatus: so.status,
    canCancel: facts.status === "confirmed" && !isOver(facts, now),
    refundCents: paidOnline ? facts.totalCents : 0,
    waitingForHost: facts.provider === "on_arrival" && facts.orderStatus === "pending_payment" && so.status === "pending_payment" && facts.status === "held",
  };
}
