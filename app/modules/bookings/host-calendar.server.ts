// The host's bookings calendar: a month of nights per room of the acting cooperative (booked,
// held by an open checkout, closed by the host, closed by another channel's calendar, free),
// the month's experience sessions, and what is coming up. Every query is scoped to the
// cooperative; another cooperative's stay, room or blackout is "not found".
import { and, asc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import {
  experienceBookings,
  experienceSlots,
  experiences,
  orders,
  stayBookings,
  stayUnits,
  stays,
  unitBlackouts,
  unitCalendarImports,
} from "../../../db/schema/index";
import { addDays } from "~/modules/catalog/listing-dates";
import { addBlackout, deleteBlackout } from "~/modules/seller-listings/calendar.server";
import { listingNotFound } from "~/modules/seller-listings/errors";
import type { Database } from "~/utils/db.server";
import { type BlockNightsInput, daysOfMonth, shiftMonth } from "./host-schemas";

export type NightState = "confirmed" | "held" | "blocked" | "imported" | "free";

export type NightCell = {
  night: string;
  state: NightState;
  past: boolean;
  /** `request`: a pay-on-arrival booking held until the host confirms it (not a checkout being paid). */
  booking?: { id: number; orderNumber: string; guestInitial: string; checkIn: string; checkOut: string; expiresAt: string | null; request: boolean };
  /** The closing that covers the night (host's or imported), when there is one. */
  closed?: { reason: string; importName: string | null; imported: boolean };
  /** A booking on a night another channel's calendar says is busy: the host must sort it out. */
  conflict: boolean;
};

export type CalendarRoom = { id: number; stayId: number; nameZh: string; nameEn: string; stayTitleZh: string; stayTitleEn: string; nights: NightCell[] };

export type HostBlackout = { id: number; unitId: number; roomNameZh: string; roomNameEn: string; startDate: string; endDate: string; reason: string };

export type MonthSlot = { id: number; experienceId: number; titleZh: string; titleEn: string; startsAt: string; capacity: number; bookedCount: number };

export type UpcomingBooking =
  | { kind: "stay"; id: number; status: "held" | "confirmed"; request: boolean; orderNumber: string; guestName: string; titleZh: string; titleEn: string; checkIn: string; checkOut: string; guests: number; sortKey: string }
  | { kind: "experience"; id: number; status: "held" | "confirmed"; request: boolean; orderNumber: string; guestName: string; titleZh: string; titleEn: string; startsAt: string; people: number; sortKey: string };

export type HostCalendar = {
  month: string;
  prev: string;
  next: string;
  days: string[];
  stays: { id: number; titleZh: string; titleEn: string }[];
  stayId: number | null;
  rooms: CalendarRoom[];
  /** The host's own closings still to come in this month's view, for "reopen". */
  blackouts: HostBlackout[];
  slots: MonthSlot[];
  upcoming: UpcomingBooking[];
};

const ACTIVE = ["held", "confirmed"] as const;
const UPCOMING_LIMIT = 30;

/** The instant a Shanghai calendar day starts (UTC+8 all year, no daylight saving). */
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

export async function hostCalendar(
  db: Database,
  cooperativeId: number,
  { month, stayId, today, now }: { month: string; stayId: number | null; today: string; now: Date },
): Promise<HostCalendar> {
  const days = daysOfMonth(month);
  const start = days[0]!;
  const end = addDays(days[days.length - 1]!, 1);
  const stayList = await db
    .select({ id: stays.id, titleZh: stays.titleZh, titleEn: stays.titleEn })
    .from(stays)
    .where(eq(stays.cooperativeId, cooperativeId))
    .orderBy(asc(stays.id));
  if (stayId !== null && !stayList.some((s) => s.id === stayId)) listingNotFound();
  const roomRows = await db
    .select({ id: stayUnits.id, stayId: stays.id, nameZh: stayUnits.nameZh, nameEn: stayUnits.nameEn, stayTitleZh: stays.titleZh, stayTitleEn: stays.titleEn })
    .from(stayUnits)
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(and(eq(stays.cooperativeId, cooperativeId), stayId === null ? undefined : eq(stays.id, stayId)))
    .orderBy(asc(stays.id), asc(stayUnits.position), asc(stayUnits.id));
  const unitIds = roomRows.map((r) => r.id);
  const [bookings, closings, slots, upcoming] = await Promise.all([
    unitIds.length
      ? db
          .select({
            id: stayBookings.id,
            unitId: stayBookings.unitId,
            checkIn: stayBookings.checkIn,
            checkOut: stayBookings.checkOut,
            status: stayBookings.status,
            expiresAt: stayBookings.expiresAt,
            orderNumber: orders.number,
            guestName: orders.name,
            provider: orders.provider,
          })
          .from(stayBookings)
          .innerJoin(orders, eq(orders.id, stayBookings.orderId))
          .where(and(inArray(stayBookings.unitId, unitIds), inArray(stayBookings.status, [...ACTIVE]), lt(stayBookings.checkIn, end), gt(stayBookings.checkOut, start)))
      : [],
    unitIds.length
      ? db
          .select({
            id: unitBlackouts.id,
            unitId: unitBlackouts.unitId,
            startDate: unitBlackouts.startDate,
            endDate: unitBlackouts.endDate,
            reason: unitBlackouts.reason,
            importId: unitBlackouts.importId,
            importName: unitCalendarImports.name,
          })
          .from(unitBlackouts)
          .leftJoin(unitCalendarImports, eq(unitCalendarImports.id, unitBlackouts.importId))
          .where(and(inArray(unitBlackouts.unitId, unitIds), lt(unitBlackouts.startDate, end), gt(unitBlackouts.endDate, start)))
          .orderBy(asc(unitBlackouts.startDate), asc(unitBlackouts.id))
      : [],
    monthSlots(db, cooperativeId, start, end),
    upcomingBookings(db, cooperativeId, { today, now }),
  ]);

  const rooms: CalendarRoom[] = roomRows.map((room) => ({
    ...room,
    nights: days.map((night) => {
      const booking = bookings.find((b) => b.unitId === room.id && b.checkIn <= night && night < b.checkOut);
      const covering = closings.filter((c) => c.unitId === room.id && c.startDate <= night && night < c.endDate);
      const closing = covering.find((c) => c.importId === null) ?? covering[0];
      const cell: NightCell = { night, state: "free", past: night < today, conflict: false };
      if (closing) {
        cell.state = closing.importId === null ? "blocked" : "imported";
        cell.closed = { reason: closing.reason, importName: closing.importId === null ? null : (closing.importName ?? ""), imported: closing.importId !== null };
      }
      if (booking) {
        cell.state = booking.status === "held" ? "held" : "confirmed";
        cell.booking = {
          id: booking.id,
          orderNumber: booking.orderNumber,
          guestInitial: Array.from(booking.guestName.trim())[0] ?? "?",
          checkIn: booking.checkIn,
          checkOut: booking.checkOut,
          expiresAt: booking.expiresAt ? booking.expiresAt.toISOString() : null,
          request: booking.status === "held" && booking.provider === "on_arrival",
        };
        cell.conflict = covering.length > 0;
      }
      return cell;
    }),
  }));
  const names = new Map(roomRows.map((r) => [r.id, r]));
  const blackouts: HostBlackout[] = closings
    .filter((c) => c.importId === null && c.endDate > today)
    .map((c) => ({
      id: c.id,
      unitId: c.unitId,
      roomNameZh: names.get(c.unitId)!.nameZh,
      roomNameEn: names.get(c.unitId)!.nameEn,
      startDate: c.startDate,
      endDate: c.endDate,
      reason: c.reason,
    }));
  return { month, prev: shiftMonth(month, -1), next: shiftMonth(month, 1), days, stays: stayList, stayId, rooms, blackouts, slots, upcoming };
}

async function monthSlots(db: Database, cooperativeId: number, start: string, end: string): Promise<MonthSlot[]> {
  const rows = await db
    .select({
      id: experienceSlots.id,
      experienceId: experiences.id,
      titleZh: experiences.titleZh,
      titleEn: experiences.titleEn,
      startsAt: experienceSlots.startsAt,
      capacity: experienceSlots.capacity,
      bookedCount: experienceSlots.bookedCount,
    })
    .from(experienceSlots)
    .innerJoin(experiences, eq(experiences.id, experienceSlots.experienceId))
    .where(
      and(
        eq(experiences.cooperativeId, cooperativeId),
        // Instants go in as ISO strings with a cast: drizzle's postgres-js driver leaves timestamptz raw.
        sql`${experienceSlots.startsAt} >= ${shanghaiMidnight(start).toISOString()}::timestamptz`,
        sql`${experienceSlots.startsAt} < ${shanghaiMidnight(end).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(experienceSlots.startsAt), asc(experienceSlots.id));
  return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString() }));
}

/** Held and confirmed bookings still to come (stays not yet checked out, sessions not yet started), soonest first. */
export async function upcomingBookings(db: Database, cooperativeId: number, { today, now }: { today: string; now: Date }): Promise<UpcomingBooking[]> {
  const [roomBookings, seatBookings] = await Promise.all([
    db
      .select({
        id: stayBookings.id,
        status: stayBookings.status,
        provider: orders.provider,
        orderNumber: orders.number,
        guestName: orders.name,
        titleZh: stayUnits.nameZh,
        titleEn: stayUnits.nameEn,
        stayZh: stays.titleZh,
        stayEn: stays.titleEn,
        checkIn: stayBookings.checkIn,
        checkOut: stayBookings.checkOut,
        guests: stayBookings.guests,
      })
      .from(stayBookings)
      .innerJoin(stayUnits, eq(stayUnits.id, stayBookings.unitId))
      .innerJoin(stays, eq(stays.id, stayUnits.stayId))
      .innerJoin(orders, eq(orders.id, stayBookings.orderId))
      .where(and(eq(stays.cooperativeId, cooperativeId), inArray(stayBookings.status, [...ACTIVE]), gt(stayBookings.checkOut, today)))
      .orderBy(asc(stayBookings.checkIn), asc(stayBookings.id))
      .limit(UPCOMING_LIMIT),
    db
      .select({
        id: experienceBookings.id,
        status: experienceBookings.status,
        orderNumber: orders.number,
        guestName: orders.name,
        titleZh: experiences.titleZh,
        titleEn: experiences.titleEn,
        startsAt: experienceSlots.startsAt,
        people: experienceBookings.people,
      })
      .from(experienceBookings)
      .innerJoin(experienceSlots, eq(experienceSlots.id, experienceBookings.slotId))
      .innerJoin(experiences, eq(experiences.id, experienceSlots.experienceId))
      .innerJoin(orders, eq(orders.id, experienceBookings.orderId))
      .where(
        and(
          eq(experiences.cooperativeId, cooperativeId),
          inArray(experienceBookings.status, [...ACTIVE]),
          sql`${experienceSlots.startsAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .orderBy(asc(experienceSlots.startsAt), asc(experienceBookings.id))
      .limit(UPCOMING_LIMIT),
  ]);
  const list: UpcomingBooking[] = [
    ...roomBookings.map((b) => ({
      kind: "stay" as const,
      id: b.id,
      status: b.status as "held" | "confirmed",
      request: b.status === "held" && b.provider === "on_arrival",
      orderNumber: b.orderNumber,
      guestName: b.guestName,
      titleZh: `${b.stayZh} · ${b.titleZh}`,
      titleEn: `${b.stayEn || b.stayZh} · ${b.titleEn || b.titleZh}`,
      checkIn: b.checkIn,
      checkOut: b.checkOut,
      guests: b.guests,
      sortKey: shanghaiMidnight(b.checkIn).toISOString(),
    })),
    ...seatBookings.map((b) => ({
      kind: "experience" as const,
      id: b.id,
      status: b.status as "held" | "confirmed",
      request: false,
      orderNumber: b.orderNumber,
      guestName: b.guestName,
      titleZh: b.titleZh,
      titleEn: b.titleEn,
      startsAt: b.startsAt.toISOString(),
      people: b.people,
      sortKey: b.startsAt.toISOString(),
    })),
  ];
  return list.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0)).slice(0, UPCOMING_LIMIT);
}

/** The stay of the cooperative's room, or 404 (another cooperative's room id in a form). */
async function stayOfRoom(db: Database, cooperativeId: number, unitId: number): Promise<number> {
  const [row] = await db
    .select({ stayId: stays.id })
    .from(stayUnits)
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(and(eq(stayUnits.id, unitId), eq(stays.cooperativeId, cooperativeId)));
  if (!row) listingNotFound();
  return row.stayId;
}

/** Closes the nights [from, to) of a room; a held or booked night among them → 409 naming them. */
export async function blockNights(db: Database, cooperativeId: number, input: BlockNightsInput): Promise<number> {
  const stayId = await stayOfRoom(db, cooperativeId, input.unitId);
  return addBlackout(db, cooperativeId, stayId, input.unitId, { firstNight: input.from, lastNight: addDays(input.to, -1), reason: input.reason });
}

/** Reopens nights the host closed (one of the cooperative's own blackouts). */
export async function unblockNights(db: Database, cooperativeId: number, blackoutId: number): Promise<void> {
  const [row] = await db
    .select({ unitId: unitBlackouts.unitId, stayId: stays.id })
    .from(unitBlackouts)
    .innerJoin(stayUnits, eq(stayUnits.id, unitBlackouts.unitId))
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(and(eq(unitBlackouts.id, blackoutId), eq(stays.cooperativeId, cooperativeId)));
  if (!row) listingNotFound();
  await deleteBlackout(db, cooperativeId, row.stayId, row.unitId, blackoutId);
}

/**
 * Whether the bookings calendar belongs in this seller's menu: hosts and leisure farms always,
 * anyone else once they list a stay or an experience.
 */
export async function hasBookables(db: Database, cooperativeId: number, kind: string): Promise<boolean> {
  if (kind === "homestay_host" || kind === "leisure_farm") return true;
  const [row] = await db.execute<{ any: boolean }>(sql`
    SELECT EXISTS (SELECT 1 FROM ${stays} WHERE ${stays.cooperativeId} = ${cooperativeId})
        OR EXISTS (SELECT 1 FROM ${experiences} WHERE ${experiences.cooperativeId} = ${cooperativeId}) AS any`);
  return Boolean(row?.any);
}

