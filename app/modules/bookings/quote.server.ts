// What a room for some nights, or seats on a slot, would cost now, and whether they can be had.
// Used when a line goes into the cart, when the cart is shown and again inside checkout (where
// the database has the last word: the exclusion constraint and the slot's conditional UPDATE).
import { and, asc, eq, gt, inArray, lt, or, sql } from "drizzle-orm";
import {
  cooperatives,
  experienceSlots,
  experiences,
  orders,
  stayBookings,
  stayUnits,
  stays,
  unitBlackouts,
  unitRates,
  villages,
} from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { type RoomQuote, quoteRoom } from "../api/stay-quote";
import { type StayRangeProblem, checkStayRange } from "./dates";

export type StayProblem =
  | "not_found"
  | StayRangeProblem
  | "min_nights"
  | "blackout"
  | "too_many_guests"
  | "invalid_guests"
  | "taken";

export type StayQuote = {
  unitId: number;
  stayId: number;
  staySlug: string;
  stayZh: string;
  stayEn: string;
  roomZh: string;
  roomEn: string;
  image: string;
  villageZh: string;
  villageEn: string;
  cooperativeId: number;
  cooperativeSlug: string;
  cooperativeZh: string;
  cooperativeEn: string;
  commissionBps: number;
  payOnArrival: "off" | "auto" | "host";
  cancellationPolicy: "flexible" | "moderate" | "strict";
  checkInTime: string;
  checkOutTime: string;
  maxGuests: number;
  checkIn: string;
  checkOut: string;
  guests: number;
  quote: RoomQuote | null;
  /** The first reason the range cannot be booked now, or null. */
  problem: StayProblem | null;
};

export type StayRequest = { unitId: number; checkIn: string; checkOut: string; guests: number };

type Ctx = {
  today: string;
  /** This cart's own open checkout: the nights it holds come back when it checks out again. */
  cartId?: string | null;
};

/** Held or confirmed nights of the room overlapping [checkIn, checkOut), others' only. */
function overlapping(unitIds: number[], checkIn: string, checkOut: string, cartId: string | null | undefined) {
  const conditions = [
    inArray(stayBookings.unitId, unitIds),
    inArray(stayBookings.status, ["held", "confirmed"]),
    lt(stayBookings.checkIn, checkOut),
    gt(stayBookings.checkOut, checkIn),
  ];
  if (cartId) {
    conditions.push(
      sql`NOT EXISTS (SELECT 1 FROM ${orders} o WHERE o.id = ${stayBookings.orderId} AND o.cart_id = ${cartId} AND o.status = 'pending_payment')`,
    );
  }
  return and(...conditions);
}

/**
 * Quotes several room requests at once (a cart's stay lines): three queries whatever their number.
 * Requests for unknown rooms, rooms of stays that are not public, or of hosts not approved get
 * `not_found`.
 */
export async function quoteStays(db: Database, requests: StayRequest[], ctx: Ctx): Promise<StayQuote[]> {
  if (!requests.length) return [];
  const unitIds = [...new Set(requests.map((r) => r.unitId))].filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  const rooms = unitIds.length
    ? await db
        .select({
          unitId: stayUnits.id,
          roomZh: stayUnits.nameZh,
          roomEn: stayUnits.nameEn,
          maxGuests: stayUnits.maxGuests,
          basePriceCents: stayUnits.basePriceCents,
          weekendPriceCents: stayUnits.weekendPriceCents,
          minNights: stayUnits.minNights,
          stayId: stays.id,
          staySlug: stays.slug,
          stayZh: stays.titleZh,
          stayEn: stays.titleEn,
          image: stays.image,
          cancellationPolicy: stays.cancellationPolicy,
          checkInTime: stays.checkInTime,
          checkOutTime: stays.checkOutTime,
          villageZh: villages.nameZh,
          villageEn: villages.nameEn,
          cooperativeId: cooperatives.id,
          cooperativeSlug: cooperatives.slug,
          cooperativeZh: cooperatives.nameZh,
          cooperativeEn: cooperatives.nameEn,
          commissionBps: cooperatives.commissionBps,
          payOnArrival: cooperatives.payOnArrival,
        })
        .from(stayUnits)
        .innerJoin(stays, eq(stays.id, stayUnits.stayId))
        .innerJoin(villages, eq(villages.id, stays.villageId))
        .innerJoin(cooperatives, eq(cooperatives.id, stays.cooperativeId))
        .where(and(inArray(stayUnits.id, unitIds), eq(stays.status, "active"), eq(cooperatives.status, "approved")))
    : [];
  const found = rooms.map((r) => r.unitId);
  const [rates, blackouts] = found.length
    ? await Promise.all([
        db.select().from(unitRates).where(inArray(unitRates.unitId, found)).orderBy(asc(unitRates.startDate), asc(unitRates.id)),
        db.select().from(unitBlackouts).where(inArray(unitBlackouts.unitId, found)),
      ])
    : [[], []];
  // One query for the taken nights of all requests: any booking overlapping any request's range.
  const valid = requests.filter((r) => found.includes(r.unitId) && checkStayRange(r, ctx.today) === null);
  const taken = valid.length
    ? await db
        .select({ unitId: stayBookings.unitId, checkIn: stayBookings.checkIn, checkOut: stayBookings.checkOut })
        .from(stayBookings)
        .where(or(...valid.map((r) => overlapping([r.unitId], r.checkIn, r.checkOut, ctx.cartId))))
    : [];

  return requests.map((r) => {
    const room = rooms.find((x) => x.unitId === r.unitId);
    if (!room) return notFound(r);
    const base = {
      ...room,
      cancellationPolicy: room.cancellationPolicy,
      checkIn: r.checkIn,
      checkOut: r.checkOut,
      guests: r.guests,
    };
    const rangeProblem = checkStayRange(r, ctx.today);
    if (rangeProblem) return { ...base, quote: null, problem: rangeProblem };
    const quote = quoteRoom(
      {
        ...room,
        rates: rates
          .filter((x) => x.unitId === r.unitId)
          .map((x) => ({ label: { zh: x.labelZh, en: x.labelEn }, startDate: x.startDate, endDate: x.endDate, priceCents: x.priceCents, minNights: x.minNights })),
        blackouts: blackouts.filter((x) => x.unitId === r.unitId),
      },
      r,
    );
    let problem: StayProblem | null = null;
    if (!Number.isInteger(r.guests) || r.guests < 1) problem = "invalid_guests";
    else if (!quote.fitsGuests) problem = "too_many_guests";
    else if (!quote.meetsMinNights) problem = "min_nights";
    else if (quote.blackedOut) problem = "blackout";
    else if (taken.some((b) => b.unitId === r.unitId && b.checkIn < r.checkOut && b.checkOut > r.checkIn)) problem = "taken";
    return { ...base, quote, problem };
  });
}

function notFound(r: StayRequest): StayQuote {
  return {
    unitId: r.unitId,
    stayId: 0,
    staySlug: "",
    stayZh: "",
    stayEn: "",
    roomZh: "",
    roomEn: "",
    image: "",
    villageZh: "",
    villageEn: "",
    cooperativeId: 0,
    cooperativeSlug: "",
    cooperativeZh: "",
    cooperativeEn: "",
    commissionBps: 0,
    payOnArrival: "off",
    cancellationPolicy: "moderate",
    checkInTime: "",
    checkOutTime: "",
    maxGuests: 0,
    checkIn: r.checkIn,
    checkOut: r.checkOut,
    guests: r.guests,
    quote: null,
    problem: "not_found",
  };
}

/** `quoteStay`: one room, nights [checkIn, checkOut) × guests, priced and checked against holds. */
export async function quoteStay(db: Database, request: StayRequest, ctx: Ctx): Promise<StayQuote> {
  const [quote] = await quoteStays(db, [request], ctx);
  return quote!;
}

// ------------------------------------------------------------------ experience slots

export type SlotProblem = "not_found" | "closed" | "too_few_people" | "too_many_people" | "full" | "not_enough_seats";

export type SlotQuote = {
  slotId: number;
  startsAt: Date | null;
  experienceId: number;
  experienceSlug: string;
  titleZh: string;
  titleEn: string;
  image: string;
  villageZh: string;
  villageEn: string;
  durationMinutes: number;
  meetingPointZh: string;
  meetingPointEn: string;
  cooperativeId: number;
  cooperativeSlug: string;
  cooperativeZh: string;
  cooperativeEn: string;
  commissionBps: number;
  pricePerPersonCents: number;
  minPeople: number;
  maxPeople: number;
  /** Bookings close at this moment (start − the experience's cut-off). */
  closesAt: Date | null;
  seatsLeft: number;
  people: number;
  totalCents: number;
  problem: SlotProblem | null;
};

export type SlotRequest = { slotId: number; people: number };

export async function quoteSlots(
  db: Database,
  requests: SlotRequest[],
  ctx: { now: Date; cartId?: string | null },
): Promise<SlotQuote[]> {
  if (!requests.length) return [];
  const slotIds = [...new Set(requests.map((r) => r.slotId))].filter((id) => Number.isInteger(id) && id > 0 && id <= 2_147_483_647);
  const rows = slotIds.length
    ? await db
        .select({
          slotId: experienceSlots.id,
          startsAt: experienceSlots.startsAt,
          capacity: experienceSlots.capacity,
          bookedCount: experienceSlots.bookedCount,
          // Seats this cart's own open checkout holds come back when it checks out again.
          ownHeld: ctx.cartId
            ? sql<number>`(SELECT coalesce(sum(eb.people), 0)::int FROM experience_bookings eb JOIN ${orders} o ON o.id = eb.order_id
                WHERE eb.slot_id = ${experienceSlots.id} AND eb.status = 'held' AND o.cart_id = ${ctx.cartId} AND o.status = 'pending_payment')`
            : sql<number>`0`,
          experienceId: experiences.id,
          experienceSlug: experiences.slug,
          titleZh: experiences.titleZh,
          titleEn: experiences.titleEn,
          image: experiences.image,
          durationMinutes: experiences.durationMinutes,
          meetingPointZh: experiences.meetingPointZh,
          meetingPointEn: experiences.meetingPointEn,
          pricePerPersonCents: experiences.pricePerPersonCents,
          minPeople: experiences.minPeople,
          maxPeople: experiences.maxPeople,
          cutoffMinutes: experiences.bookingCutoffMinutes,
          villageZh: villages.nameZh,
          villageEn: villages.nameEn,
          cooperativeId: cooperatives.id,
          cooperativeSlug: cooperatives.slug,
          cooperativeZh: cooperatives.nameZh,
          cooperativeEn: cooperatives.nameEn,
          commissionBps: cooperatives.commissionBps,
        })
        .from(experienceSlots)
        .innerJoin(experiences, eq(experiences.id, experienceSlots.experienceId))
        .innerJoin(villages, eq(villages.id, experiences.villageId))
        .innerJoin(cooperatives, eq(cooperatives.id, experiences.cooperativeId))
        .where(and(inArray(experienceSlots.id, slotIds), eq(experiences.status, "active"), eq(cooperatives.status, "approved")))
    : [];
  // Several lines of one slot in a cart add up against its seats.
  const wanted = new Map<number, number>();
  for (const r of requests) wanted.set(r.slotId, (wanted.get(r.slotId) ?? 0) + r.people);

  return requests.map((r) => {
    const row = rows.find((x) => x.slotId === r.slotId);
    if (!row) {
      return {
        slotId: r.slotId,
        startsAt: null,
        experienceId: 0,
        experienceSlug: "",
        titleZh: "",
        titleEn: "",
        image: "",
        villageZh: "",
        villageEn: "",
        durationMinutes: 0,
        meetingPointZh: "",
        meetingPointEn: "",
        cooperativeId: 0,
        cooperativeSlug: "",
        cooperativeZh: "",
        cooperativeEn: "",
        commissionBps: 0,
        pricePerPersonCents: 0,
        minPeople: 1,
        maxPeople: 1,
        closesAt: null,
        seatsLeft: 0,
        people: r.people,
        totalCents: 0,
        problem: "not_found" as const,
      };
    }
    const closesAt = new Date(row.startsAt.getTime() - row.cutoffMinutes * 60_000);
    const seatsLeft = Math.max(0, row.capacity - row.bookedCount + Number(row.ownHeld));
    let problem: SlotProblem | null = null;
    if (ctx.now >= closesAt) problem = "closed";
    else if (r.people < row.minPeople) problem = "too_few_people";
    else if (r.people > row.maxPeople) problem = "too_many_people";
    else if (seatsLeft <= 0) problem = "full";
    else if ((wanted.get(r.slotId) ?? r.people) > seatsLeft) problem = "not_enough_seats";
    const { capacity: _c, bookedCount: _b, ownHeld: _o, cutoffMinutes: _m, ...rest } = row;
    return { ...rest, closesAt, seatsLeft, people: r.people, totalCents: row.pricePerPersonCents * r.people, problem };
  });
}

export async function quoteSlot(db: Database, request: SlotRequest, ctx: { now: Date; cartId?: string | null }): Promise<SlotQuote> {
  const [quote] = await quoteSlots(db, [request], ctx);
  return quote!;
}
