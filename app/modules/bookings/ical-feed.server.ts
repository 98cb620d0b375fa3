// A room's calendar for other channels (Airbnb, Booking.com, a phone's calendar app), at a
// secret URL /calendars/<ical_token>.ics: one all-day event per held or confirmed booking and per
// night range the host closed. Nights closed by an imported calendar are left out, so two
// channels that read each other's feeds never echo a busy date back and forth. No guest data:
// a booking is "已预订 / Booked", nothing more.
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import ical, { ICalCalendarMethod } from "ical-generator";
import { stayBookings, stayUnits, stays, unitBlackouts } from "../../../db/schema/index";
import { addDays } from "~/modules/catalog/listing-dates";
import { listingNotFound } from "~/modules/seller-listings/errors";
import { roomOf } from "~/modules/seller-listings/rooms.server";
import type { Database } from "~/utils/db.server";

/** The token is 32 hex characters (the column's default, and what regenerating makes). */
const TOKEN = /^[0-9a-f]{32}$/;
/** Past stays stay in the feed this long, so a channel does not see them vanish at once. */
const PAST_DAYS = 30;
const UID_DOMAIN = "xiangji.calendar";

/** The token of a "<token>.ics" file name, or null for anything else. */
export function tokenOfFile(file: string | undefined): string | null {
  const match = /^([0-9a-f]{32})\.ics$/.exec(file ?? "");
  return match ? match[1]! : null;
}

/** A date column "YYYY-MM-DD" as the UTC midnight ical-generator writes as a DATE, whatever the process zone. */
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** The feed of the room with this token, or null when there is none. */
export async function roomFeed(db: Database, token: string, { today, now }: { today: string; now: Date }): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const [room] = await db
    .select({ id: stayUnits.id, nameZh: stayUnits.nameZh, stayZh: stays.titleZh })
    .from(stayUnits)
    .innerJoin(stays, eq(stays.id, stayUnits.stayId))
    .where(eq(stayUnits.icalToken, token));
  if (!room) return null;
  const since = addDays(today, -PAST_DAYS);
  const [bookings, closings] = await Promise.all([
    db
      .select({ id: stayBookings.id, checkIn: stayBookings.checkIn, checkOut: stayBookings.checkOut })
      .from(stayBookings)
      .where(and(eq(stayBookings.unitId, room.id), inArray(stayBookings.status, ["held", "confirmed"]), gt(stayBookings.checkOut, since)))
      .orderBy(asc(stayBookings.checkIn), asc(stayBookings.id)),
    db
      .select({ id: unitBlackouts.id, startDate: unitBlackouts.startDate, endDate: unitBlackouts.endDate })
      .from(unitBlackouts)
      .where(and(eq(unitBlackouts.unitId, room.id), isNull(unitBlackouts.importId), gt(unitBlackouts.endDate, since)))
      .orderBy(asc(unitBlackouts.startDate), asc(unitBlackouts.id)),
  ]);
  // No calendar time zone: all-day events are DATE values, and a zone would make ical-generator
  // read the dates in the process's local time.
  const calendar = ical({ name: `${room.stayZh} · ${room.nameZh}`, prodId: { company: "Xiangji", product: "rooms", language: "ZH" } });
  calendar.method(ICalCalendarMethod.PUBLISH);
  for (const b of bookings) {
    calendar.createEvent({
      id: `booking-${b.id}@${UID_DOMAIN}`,
      start: asDate(b.checkIn),
      end: asDate(b.checkOut),
      allDay: true,
      stamp: now,
      summary: "已预订 / Booked",
    });
  }
  for (const c of closings) {
    calendar.createEvent({
      id: `closed-${c.id}@${UID_DOMAIN}`,
      start: asDate(c.startDate),
      end: asDate(c.endDate),
      allDay: true,
      stamp: now,
      summary: "不可预订 / Not available",
    });
  }
  return calendar.toString();
}

/** The room's token (for the calendars page), scoped to the cooperative. */
export async function roomFeedToken(db: Database, cooperativeId: number, stayId: number, unitId: number): Promise<string> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  const [row] = await db.select({ token: stayUnits.icalToken }).from(stayUnits).where(eq(stayUnits.id, id));
  if (!row) listingNotFound();
  return row.token;
}

/** A new secret for the room's feed: the old URL answers 404 from now on. */
export async function regenerateFeedToken(db: Database, cooperativeId: number, stayId: number, unitId: number): Promise<string> {
  const id = await roomOf(db, cooperativeId, stayId, unitId);
  const token = randomBytes(16).toString("hex");
  await db.update(stayUnits).set({ icalToken: token }).where(eq(stayUnits.id, id));
  return token;
}
