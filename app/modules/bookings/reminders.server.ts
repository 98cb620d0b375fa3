// The reminder two days before a stay's check-in day or an experience's day (Asia/Shanghai), once
// per confirmed booking. Run by the periodic sweeper on every instance at once: a booking is
// claimed by setting its reminded_at in the same statement that picks it (FOR UPDATE SKIP
// LOCKED), so two sweeps never pick the same one; the mail goes out after the claim, and a mail
// that fails un-claims its booking for the next sweep.
//
// Due: the day is two days away — or tomorrow, for a booking made before today (a sweep that did
// not run on the right day catches up). A booking made today for tomorrow gets no reminder: its
// confirmation just went out.
import { and, inArray, isNull, sql } from "drizzle-orm";
import { experienceBookings, stayBookings } from "../../../db/schema/index";
import { sendMail } from "~/modules/mail/mailer.server";
import type { Database } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { todayInShanghai } from "~/utils/format";
import { addDays } from "../catalog/listing-dates";
import { reminderMail } from "./mails.server";
import { loadBookingDetails } from "./traveller.server";

const BATCH = 200;

/** The site's origin for links in mails sent outside a request (the sweeper). */
export function mailOriginFromEnv(): string {
  const e = env();
  return e.PUBLIC_ORIGIN ?? `http://localhost:${e.PORT}`;
}

async function claim(db: Database, now: Date): Promise<{ stays: number[]; experiences: number[] }> {
  const today = todayInShanghai(now);
  const tomorrow = addDays(today, 1);
  const inTwoDays = addDays(today, 2);
  // Midnight of today in Shanghai (UTC+8 all year: China has no daylight saving time).
  const startOfToday = `${today}T00:00:00+08:00`;
  const at = now.toISOString();
  const stays = await db.execute<{ id: number }>(sql`
    UPDATE ${stayBookings} SET reminded_at = ${at}::timestamptz
    WHERE id IN (
      SELECT id FROM ${stayBookings}
      WHERE status = 'confirmed' AND reminded_at IS NULL
        AND (check_in = ${inTwoDays}::date OR (check_in = ${tomorrow}::date AND created_at < ${startOfToday}::timestamptz))
      ORDER BY id LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED)
    RETURNING id`);
  const experiences = await db.execute<{ id: number }>(sql`
    UPDATE ${experienceBookings} SET reminded_at = ${at}::timestamptz
    WHERE id IN (
      SELECT b.id FROM ${experienceBookings} b
      JOIN experience_slots s ON s.id = b.slot_id
      WHERE b.status = 'confirmed' AND b.reminded_at IS NULL AND s.starts_at > ${at}::timestamptz
        AND ((s.starts_at AT TIME ZONE 'Asia/Shanghai')::date = ${inTwoDays}::date
          OR ((s.starts_at AT TIME ZONE 'Asia/Shanghai')::date = ${tomorrow}::date AND b.created_at < ${startOfToday}::timestamptz))
      ORDER BY b.id LIMIT ${BATCH}
      FOR UPDATE OF b SKIP LOCKED)
    RETURNING id`);
  return { stays: stays.map((r) => Number(r.id)), experiences: experiences.map((r) => Number(r.id)) };
}

/** Sends the reminders that are due; returns how many went out and how many failed (retried next time). */
export async function sendBookingReminders(db: Database, now: Date = new Date(), origin: string = mailOriginFromEnv()): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let round = 0; round < 10; round++) {
    const claimed = await claim(db, now);
    const count = claimed.stays.length + claimed.experiences.length;
    if (!count) break;
    const bookings = await loadBookingDetails(db, {
      stay: claimed.stays.length ? inArray(stayBookings.id, claimed.stays) : undefined,
      experience: claimed.experiences.length ? inArray(experienceBookings.id, claimed.experiences) : undefined,
    });
    for (const b of bookings) {
      try {
        await sendMail(reminderMail(b, origin));
        sent++;
      } catch (error) {
        failed++;
        console.error(`[bookings] reminder for ${b.kind} ${b.id} failed:`, error instanceof Error ? error.message : error);
        const table = b.kind === "stay" ? stayBookings : experienceBookings;
        await db.update(table).set({ remindedAt: null }).where(and(inArray(table.id, [b.id]), isNull(table.cancelledAt)));
      }
    }
    if (count < BATCH) break;
  }
  return { sent, failed };
}
