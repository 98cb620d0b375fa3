// Helpers of the bookings-find tests: bookings written straight into stay_bookings (held,
// confirmed or cancelled) for an order of the right state, the first Monday some weeks ahead (so
// weekend nights are known), and a fingerprint of the booking tables to prove nothing changed.
import { sql } from "drizzle-orm";
import { stayBookings } from "../../db/schema/index";
import { weekday } from "~/modules/api/stay-quote";
import { addDays } from "~/modules/catalog/listing-dates";
import type { Database } from "~/utils/db.server";
import { createOrder } from "../factories/orders";

export type BookingStatus = "held" | "confirmed" | "cancelled";

export async function bookNights(db: Database, cooperativeId: number, unitId: number, checkIn: string, checkOut: string, status: BookingStatus) {
  const paid = status === "confirmed";
  const order = await createOrder(db, {
    status: paid ? "paid" : "pending_payment",
    parts: [{ cooperativeId, status: paid ? "paid" : "pending_payment" }],
  });
  const [row] = await db
    .insert(stayBookings)
    .values({ orderId: order.id, sellerOrderId: order.sellerOrders[0]!.id, unitId, checkIn, checkOut, guests: 2, totalCents: 1, status })
    .returning({ id: stayBookings.id });
  return row!.id;
}

/** The first Monday at least `weeks` weeks after `today`. */
export function mondayAfter(today: string, weeks = 2): string {
  let d = addDays(today, weeks * 7);
  while (weekday(d) !== 1) d = addDays(d, 1);
  return d;
}

/** Every row of the tables a booking could touch, as one string. */
export async function bookingFingerprint(db: Database): Promise<string> {
  const rows = await db.execute(sql`
    SELECT (SELECT coalesce(json_agg(b ORDER BY b.id), '[]') FROM stay_bookings b) AS bookings,
           (SELECT coalesce(json_agg(e ORDER BY e.id), '[]') FROM experience_bookings e) AS seats,
           (SELECT coalesce(json_agg(json_build_object('id', s.id, 'booked', s.booked_count) ORDER BY s.id), '[]') FROM experience_slots s) AS slots,
           (SELECT coalesce(json_agg(u ORDER BY u.id), '[]') FROM unit_blackouts u) AS blackouts,
           (SELECT count(*) FROM orders) AS orders`);
  return JSON.stringify(rows[0]);
}
