// Shared by the host-side bookings tests: two host cooperatives with their teams, stays with
// rooms, bookings made the way checkout makes them (holdStayNights, then confirmBookings), and a
// digest of a cooperative's calendar rows to prove a refused request changed nothing.
import { sql } from "drizzle-orm";
import { stayUnits, stays } from "../../db/schema/index";
import { confirmBookings, holdStayNights } from "~/modules/bookings/holds.server";
import { addDays } from "~/modules/catalog/listing-dates";
import type { Database } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, sellerTeams, uniqueSlug } from "../factories";
import { createOrder } from "../factories/orders";

export const today = todayInShanghai();
export const day = (n: number) => addDays(today, n);

export type HostWorld = {
  villageId: number;
  coopA: number;
  coopB: number;
  cookie: { owner: string; staff: string; memberB: string };
};

export async function hostWorld(db: Database): Promise<HostWorld> {
  const villageId = (await createVillage(db)).id;
  const coopA = (await createCooperative(db, { kind: "homestay_host", villageId })).id;
  const coopB = (await createCooperative(db, { kind: "homestay_host", villageId })).id;
  const team = await sellerTeams(db, coopA, coopB);
  return { villageId, coopA, coopB, cookie: { owner: team.owner, staff: team.staff, memberB: team.ownerB } };
}

export async function makeStay(db: Database, cooperativeId: number, villageId: number, rooms = 1, status: "active" | "draft" = "active") {
  const [stay] = await db
    .insert(stays)
    .values({ cooperativeId, villageId, slug: uniqueSlug("host-stay"), titleZh: "溪边民宿", titleEn: "Stream house", status })
    .returning();
  const units = [];
  for (let i = 0; i < rooms; i++) {
    const [unit] = await db
      .insert(stayUnits)
      .values({ stayId: stay!.id, nameZh: `溪景房${i + 1}`, nameEn: `Stream room ${i + 1}`, maxGuests: 3, basePriceCents: 48_000, position: i })
      .returning();
    units.push(unit!);
  }
  return { stay: stay!, units };
}

/** A booking of the room's nights [checkIn, checkOut): held (checkout open) or confirmed (paid). */
export async function book(
  db: Database,
  cooperativeId: number,
  unitId: number,
  checkIn: string,
  checkOut: string,
  { status = "confirmed", name = "王小明", guests = 2 }: { status?: "held" | "confirmed"; name?: string; guests?: number } = {},
) {
  const order = await createOrder(db, {
    name,
    status: status === "held" ? "pending_payment" : "paid",
    parts: [{ cooperativeId, status: status === "held" ? "pending_payment" : "paid" }],
  });
  const bookingId = await db.transaction(async (tx) => {
    const id = await holdStayNights(tx, {
      orderId: order.id,
      sellerOrderId: order.sellerOrders[0]!.id,
      unitId,
      checkIn,
      checkOut,
      guests,
      totalCents: 96_000,
      expiresAt: new Date(Date.now() + 15 * 60_000),
    });
    if (status === "confirmed") await confirmBookings(tx, order.id);
    return id;
  });
  return { bookingId, orderId: order.id, orderNumber: order.number };
}

/** A digest of the cooperative's rooms, blackouts, imports and bookings. */
export async function calendarDigest(db: Database, cooperativeId: number): Promise<string> {
  const [row] = await db.execute<{ digest: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM cooperatives c WHERE c.id = ${cooperativeId}),
      (SELECT string_agg(u::text, ',' ORDER BY u.id) FROM stay_units u JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(b::text, ',' ORDER BY b.id) FROM unit_blackouts b JOIN stay_units u ON u.id = b.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(i::text, ',' ORDER BY i.id) FROM unit_calendar_imports i JOIN stay_units u ON u.id = i.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(k::text, ',' ORDER BY k.id) FROM stay_bookings k JOIN stay_units u ON u.id = k.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${cooperativeId})
    )) AS digest`);
  return row!.digest;
}
