// The traveller's bookings, read with what every page and mail about a booking shows: the stay
// and room (or experience), the village, the dates and times, the guests, the host's contact, the
// order. Data functions take the owner (`userId`): another user's booking is simply not found.
import { type SQL, and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import {
  cooperatives,
  experienceBookings,
  experienceSlots,
  experiences,
  orders,
  sellerOrders,
  stayBookings,
  stayUnits,
  stays,
  villages,
} from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import type { CancellationPolicy } from "../catalog/listing-types";
import { type BookingKind, type BookingRef, type RefundQuote, bookingFacts, quoteFor } from "./cancellation.server";

export type BookingDetail = {
  kind: BookingKind;
  id: number;
  status: "held" | "confirmed" | "cancelled";
  totalCents: number;
  refundedCents: number;
  cancelledAt: Date | null;
  cancelledBy: string | null;
  cancelReason: string | null;
  createdAt: Date;
  /** The first Asia/Shanghai day of the booking (check-in, or the slot's day): for sorting and reminders. */
  day: string;
  order: { id: number; number: string; status: string; provider: string; userId: number | null; locale: string; name: string; phone: string; email: string };
  sellerOrderId: number;
  cooperative: { id: number; slug: string; nameZh: string; nameEn: string; contactName: string; contactPhone: string; contactEmail: string };
  village: { slug: string; nameZh: string; nameEn: string; provinceZh: string; provinceEn: string; cityZh: string; cityEn: string; countyZh: string; countyEn: string; townZh: string; townEn: string };
  stay: {
    slug: string;
    titleZh: string;
    titleEn: string;
    roomZh: string;
    roomEn: string;
    checkIn: string;
    checkOut: string;
    guests: number;
    checkInTime: string;
    checkOutTime: string;
    houseRulesZh: string;
    houseRulesEn: string;
    policy: CancellationPolicy;
  } | null;
  experience: {
    slug: string;
    titleZh: string;
    titleEn: string;
    startsAt: Date;
    durationMinutes: number;
    people: number;
    meetingPointZh: string;
    meetingPointEn: string;
  } | null;
};

const orderCols = {
  id: orders.id,
  number: orders.number,
  status: orders.status,
  provider: orders.provider,
  userId: orders.userId,
  locale: orders.locale,
  name: orders.name,
  phone: orders.phone,
  email: orders.email,
};
const coopCols = {
  id: cooperatives.id,
  slug: cooperatives.slug,
  nameZh: cooperatives.nameZh,
  nameEn: cooperatives.nameEn,
  contactName: cooperatives.contactName,
  contactPhone: cooperatives.contactPhone,
  contactEmail: cooperatives.contactEmail,
};
const villageCols = {
  slug: villages.slug,
  nameZh: villages.nameZh,
  nameEn: villages.nameEn,
  provinceZh: villages.provinceZh,
  provinceEn: villages.provinceEn,
  cityZh: villages.cityZh,
  cityEn: villages.cityEn,
  countyZh: villages.countyZh,
  countyEn: villages.countyEn,
  townZh: villages.townZh,
  townEn: villages.townEn,
};

export type BookingFilter = { stay?: SQL; experience?: SQL };

/** Bookings matching the filter (a kind without a condition is left out), stays first, by id. */
export async function loadBookingDetails(db: Database, filter: BookingFilter): Promise<BookingDetail[]> {
  const out: BookingDetail[] = [];
  if (filter.stay) {
    const rows = await db
      .select({
        b: stayBookings,
        order: orderCols,
        cooperative: coopCols,
        village: villageCols,
        s: {
          slug: stays.slug,
          titleZh: stays.titleZh,
          titleEn: stays.titleEn,
          roomZh: stayUnits.nameZh,
          roomEn: stayUnits.nameEn,
          checkInTime: stays.checkInTime,
          checkOutTime: stays.checkOutTime,
          houseRulesZh: stays.houseRulesZh,
          houseRulesEn: stays.houseRulesEn,
          policy: stays.cancellationPolicy,
        },
      })
      .from(stayBookings)
      .innerJoin(stayUnits, eq(stayUnits.id, stayBookings.unitId))
      .innerJoin(stays, eq(stays.id, stayUnits.stayId))
      .innerJoin(villages, eq(villages.id, stays.villageId))
      .innerJoin(orders, eq(orders.id, stayBookings.orderId))
      .innerJoin(sellerOrders, eq(sellerOrders.id, stayBookings.sellerOrderId))
      .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
      .where(filter.stay)
      .orderBy(asc(stayBookings.id));
    for (const { b, s, ...r } of rows) {
      out.push({
        ...common(b, r),
        kind: "stay",
        day: b.checkIn,
        stay: { ...s, checkIn: b.checkIn, checkOut: b.checkOut, guests: b.guests },
        experience: null,
      });
    }
  }
  if (filter.experience) {
    const rows = await db
      .select({
        b: experienceBookings,
        order: orderCols,
        cooperative: coopCols,
        village: villageCols,
        e: {
          slug: experiences.slug,
          titleZh: experiences.titleZh,
          titleEn: experiences.titleEn,
          startsAt: experienceSlots.startsAt,
          durationMinutes: experiences.durationMinutes,
          meetingPointZh: experiences.meetingPointZh,
          meetingPointEn: experiences.meetingPointEn,
        },
      })
      .from(experienceBookings)
      .innerJoin(experienceSlots, eq(experienceSlots.id, experienceBookings.slotId))
      .innerJoin(experiences, eq(experiences.id, experienceSlots.experienceId))
      .innerJoin(villages, eq(villages.id, experiences.villageId))
      .innerJoin(orders, eq(orders.id, experienceBookings.orderId))
      .innerJoin(sellerOrders, eq(sellerOrders.id, experienceBookings.sellerOrderId))
      .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
      .where(filter.experience)
      .orderBy(asc(experienceBookings.id));
    for (const { b, e, ...r } of rows) {
      out.push({
        ...common(b, r),
        kind: "experience",
        day: todayInShanghai(e.startsAt),
        stay: null,
        experience: { ...e, people: b.people },
      });
    }
  }
  return out;
}

type BookingRow = typeof stayBookings.$inferSelect | typeof experienceBookings.$inferSelect;
type Joined = Pick<BookingDetail, "order" | "cooperative" | "village">;

function common(b: BookingRow, r: Joined) {
  return {
    id: b.id,
    status: b.status,
    totalCents: b.totalCents,
    refundedCents: b.refundedCents,
    cancelledAt: b.cancelledAt,
    cancelledBy: b.cancelledBy,
    cancelReason: b.cancelReason,
    createdAt: b.createdAt,
    sellerOrderId: b.sellerOrderId,
    ...r,
  };
}

/** One booking by kind and id, whoever it belongs to (callers check the owner). */
export async function bookingDetail(db: Database, ref: BookingRef): Promise<BookingDetail | null> {
  const [row] = await loadBookingDetails(
    db,
    ref.kind === "stay" ? { stay: eq(stayBookings.id, ref.bookingId) } : { experience: eq(experienceBookings.id, ref.bookingId) },
  );
  return row ?? null;
}

/**
 * What a traveller sees of their bookings: confirmed ones, requests still waiting (held, order
 * not settled), and cancelled ones someone cancelled — not the holds of checkouts that lapsed.
 */
const visibleTo = (userId: number, table: typeof stayBookings | typeof experienceBookings) =>
  and(
    eq(orders.userId, userId),
    or(
      eq(table.status, "confirmed"),
      and(eq(table.status, "held"), eq(orders.status, "pending_payment")),
      and(eq(table.status, "cancelled"), isNotNull(table.cancelledBy)),
    ),
  );

export type TravellerBookingItem = BookingDetail & { upcoming: boolean };

/** The traveller's bookings: upcoming ones first (soonest first), then past and cancelled ones (latest first). */
export async function listTravellerBookings(db: Database, userId: number, now: Date): Promise<TravellerBookingItem[]> {
  const rows = await loadBookingDetails(db, { stay: visibleTo(userId, stayBookings), experience: visibleTo(userId, experienceBookings) });
  const today = todayInShanghai(now);
  const items = rows.map((b) => ({
    ...b,
    upcoming: b.status !== "cancelled" && (b.stay ? b.stay.checkOut > today : b.experience!.startsAt.getTime() + b.experience!.durationMinutes * 60_000 > now.getTime()),
  }));
  const upcoming = items.filter((b) => b.upcoming).sort((a, b) => (a.day === b.day ? a.id - b.id : a.day < b.day ? -1 : 1));
  const rest = items.filter((b) => !b.upcoming).sort((a, b) => (a.day === b.day ? b.id - a.id : a.day > b.day ? -1 : 1));
  return [...upcoming, ...rest];
}

/** One of the traveller's own bookings with what cancelling it would give back now; null for anyone else's. */
export async function getTravellerBooking(
  db: Database,
  input: BookingRef & { userId: number },
  now: Date,
): Promise<{ booking: BookingDetail; quote: RefundQuote } | null> {
  const booking = await bookingDetail(db, input);
  if (!booking || booking.order.userId !== input.userId) return null;
  const facts = await bookingFacts(db, input);
  if (!facts) return null;
  return { booking, quote: quoteFor(facts, now) };
}

/** Bookings of an order (optionally one seller's part of it) in the given statuses. */
export function orderBookings(db: Database, orderId: number, options: { sellerOrderId?: number; statuses?: ("held" | "confirmed" | "cancelled")[] } = {}) {
  const statuses = options.statuses ?? ["confirmed"];
  const part = (table: typeof stayBookings | typeof experienceBookings) =>
    and(
      eq(table.orderId, orderId),
      inArray(table.status, statuses),
      options.sellerOrderId === undefined ? undefined : eq(table.sellerOrderId, options.sellerOrderId),
    );
  return loadBookingDetails(db, { stay: part(stayBookings), experience: part(experienceBookings) });
}

/** A booking as pages receive it (instants as ISO strings). */
export function toBookingView(b: BookingDetail) {
  return {
    ...b,
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
    experience: b.experience ? { ...b.experience, startsAt: b.experience.startsAt.toISOString() } : null,
  };
}
export type BookingView = ReturnType<typeof toBookingView>;
