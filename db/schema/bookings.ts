import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { experienceSlots } from "./experiences";
import { orders, sellerOrders } from "./orders";
import { stayUnits } from "./stays";

// A booking is `held` while its checkout is open (until `expires_at`), `confirmed` once paid (or
// accepted for pay-on-arrival), `cancelled` when released, expired or cancelled later.
export const BOOKING_STATUSES = ["held", "confirmed", "cancelled"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const bookingStatus = pgEnum("booking_status", BOOKING_STATUSES);

// Nights of a room: [check_in, check_out) in Asia/Shanghai calendar dates. Held and confirmed
// bookings of one room never overlap: an exclusion constraint (btree_gist, migration
// 0008_stay_bookings_no_overlap) enforces it in the database, not application code alone.
export const stayBookings = pgTable(
  "stay_bookings",
  {
    id: id(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sellerOrderId: integer("seller_order_id")
      .notNull()
      .references(() => sellerOrders.id, { onDelete: "cascade" }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => stayUnits.id, { onDelete: "restrict" }),
    checkIn: date("check_in").notNull(),
    checkOut: date("check_out").notNull(),
    guests: integer("guests").notNull(),
    totalCents: integer("total_cents").notNull(),
    status: bookingStatus("status").notNull().default("held"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    // Who cancelled a confirmed booking and why; what was refunded for it.
    cancelledBy: text("cancelled_by"),
    cancelReason: text("cancel_reason"),
    refundedCents: integer("refunded_cents").notNull().default(0),
    // The reminder mail (2 days before) went out.
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("stay_bookings_order_idx").on(t.orderId),
    index("stay_bookings_unit_dates_idx").on(t.unitId, t.checkIn),
    check("stay_bookings_range", sql`${t.checkOut} > ${t.checkIn}`),
    check("stay_bookings_guests_positive", sql`${t.guests} >= 1`),
    check("stay_bookings_total_nonnegative", sql`${t.totalCents} >= 0`),
  ],
);

// Seats of an experience slot. The slot's booked_count is the sum of its held and confirmed
// bookings, taken with a conditional UPDATE (booked_count + n <= capacity).
export const experienceBookings = pgTable(
  "experience_bookings",
  {
    id: id(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sellerOrderId: integer("seller_order_id")
      .notNull()
      .references(() => sellerOrders.id, { onDelete: "cascade" }),
    slotId: integer("slot_id")
      .notNull()
      .references(() => experienceSlots.id, { onDelete: "restrict" }),
    people: integer("people").notNull(),
    totalCents: integer("total_cents").notNull(),
    status: bookingStatus("status").notNull().default("held"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    // Who cancelled a confirmed booking and why; what was refunded for it.
    cancelledBy: text("cancelled_by"),
    cancelReason: text("cancel_reason"),
    refundedCents: integer("refunded_cents").notNull().default(0),
    // The reminder mail (2 days before) went out.
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("experience_bookings_order_idx").on(t.orderId),
    index("experience_bookings_slot_idx").on(t.slotId),
    check("experience_bookings_people_positive", sql`${t.people} >= 1`),
    check("experience_bookings_total_nonnegative", sql`${t.totalCents} >= 0`),
  ],
);
