// Rooms and seats held for checkouts, on the real database: the exclusion constraint lets one of
// many concurrent holds of overlapping nights through, back-to-back stays are fine, seats never
// exceed capacity, and releasing or confirming an order's bookings does what a host expects.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experienceBookings, experienceSlots, experiences, stayBookings, stayUnits, stays } from "../../db/schema/index";
import { BookingError, holdStayNights, releaseBookings, takeSlotSeats, confirmBookings } from "~/modules/bookings/holds.server";
import { cancelUnpaidOrder } from "~/modules/orders/holds.server";
import { createCooperative, createVillage, uniqueSlug } from "../factories";
import { createOrder } from "../factories/orders";
import { type TestDb, openTestDb } from "../setup/db";

let t: TestDb;
let cooperativeId: number;
let villageId: number;
beforeAll(async () => {
  t = openTestDb(20);
  villageId = (await createVillage(t.db)).id;
  cooperativeId = (await createCooperative(t.db, { kind: "homestay_host", villageId })).id;
});
afterAll(() => t.close());

async function room(): Promise<number> {
  const [stay] = await t.db
    .insert(stays)
    .values({ cooperativeId, villageId, slug: uniqueSlug("stay"), titleZh: "测试民宿", titleEn: "Test stay" })
    .returning({ id: stays.id });
  const [unit] = await t.db
    .insert(stayUnits)
    .values({ stayId: stay!.id, nameZh: "溪景房", nameEn: "Stream room", maxGuests: 3, basePriceCents: 48_000 })
    .returning({ id: stayUnits.id });
  return unit!.id;
}

async function slot(capacity: number): Promise<number> {
  const [experience] = await t.db
    .insert(experiences)
    .values({ cooperativeId, villageId, slug: uniqueSlug("exp"), titleZh: "采茶体验", titleEn: "Tea picking", durationMinutes: 180, pricePerPersonCents: 12_800 })
    .returning({ id: experiences.id });
  const [row] = await t.db
    .insert(experienceSlots)
    .values({ experienceId: experience!.id, startsAt: new Date("2027-04-03T01:00:00Z"), capacity })
    .returning({ id: experienceSlots.id });
  return row!.id;
}

async function pendingOrder() {
  const order = await createOrder(t.db, { status: "pending_payment", parts: [{ cooperativeId, status: "pending_payment" }] });
  return { orderId: order.id, sellerOrderId: order.sellerOrders[0]!.id };
}

const expiresAt = () => new Date(Date.now() + 15 * 60_000);

function holdRoom(unitId: number, checkIn: string, checkOut: string) {
  return async () => {
    const ids = await pendingOrder();
    return t.db.transaction((tx) => holdStayNights(tx, { ...ids, unitId, checkIn, checkOut, guests: 2, totalCents: 96_000, expiresAt: expiresAt() }));
  };
}

describe("room nights", () => {
  it("100 concurrent holds of overlapping nights on one room: exactly one gets them, 99 hear 'unavailable'", async () => {
    const unitId = await room();
    // Every request overlaps night 2027-05-02 (stays of 1–3 nights around it).
    const ranges = Array.from({ length: 100 }, (_, i) => {
      const start = 1 + (i % 2);
      const nights = 1 + (i % 3);
      return [`2027-05-0${start}`, `2027-05-0${Math.max(start + nights, 3)}`] as const;
    });
    const orders = await Promise.all(ranges.map(() => pendingOrder()));
    const results = await Promise.allSettled(
      ranges.map(([checkIn, checkOut], i) =>
        t.db.transaction((tx) => holdStayNights(tx, { ...orders[i]!, unitId, checkIn, checkOut, guests: 2, totalCents: 1, expiresAt: expiresAt() })),
      ),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(99);
    expect(lost.every((r) => r.reason instanceof BookingError && r.reason.status === 409)).toBe(true);
    const rows = await t.db.select().from(stayBookings).where(eq(stayBookings.unitId, unitId));
    expect(rows).toHaveLength(1);
  });

  it("allows back-to-back stays (check-out day = the next check-in day) and refuses a one-night overlap", async () => {
    const unitId = await room();
    await holdRoom(unitId, "2027-06-01", "2027-06-03")();
    await expect(holdRoom(unitId, "2027-06-03", "2027-06-05")()).resolves.toBeGreaterThan(0);
    await expect(holdRoom(unitId, "2027-05-30", "2027-06-01")()).resolves.toBeGreaterThan(0);
    await expect(holdRoom(unitId, "2027-06-04", "2027-06-06")()).rejects.toBeInstanceOf(BookingError);
    // Another room on the same nights is independent.
    await expect(holdRoom(await room(), "2027-06-01", "2027-06-03")()).resolves.toBeGreaterThan(0);
  });

  it("the database itself refuses an overlapping held or confirmed row, whatever the code does", async () => {
    const unitId = await room();
    const a = await pendingOrder();
    const b = await pendingOrder();
    await t.db.insert(stayBookings).values({ ...a, unitId, checkIn: "2027-07-01", checkOut: "2027-07-04", guests: 1, totalCents: 1, status: "confirmed" });
    const error = await t.db
      .insert(stayBookings)
      .values({ ...b, unitId, checkIn: "2027-07-03", checkOut: "2027-07-05", guests: 1, totalCents: 1, status: "held" })
      .catch((e: unknown) => e);
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as { cause?: unknown }).cause)).toMatch(/stay_bookings_no_overlap/);
    // Cancelled bookings do not count.
    await t.db.insert(stayBookings).values({ ...b, unitId, checkIn: "2027-07-02", checkOut: "2027-07-03", guests: 1, totalCents: 1, status: "cancelled" });
  });

  it("a cancelled unpaid order frees its nights at once; a paid one keeps them confirmed", async () => {
    const unitId = await room();
    const ids = await pendingOrder();
    await t.db.transaction((tx) => holdStayNights(tx, { ...ids, unitId, checkIn: "2027-08-01", checkOut: "2027-08-03", guests: 2, totalCents: 1, expiresAt: expiresAt() }));
    await t.db.transaction((tx) => cancelUnpaidOrder(tx, ids.orderId, "hold_expired"));
    await expect(holdRoom(unitId, "2027-08-02", "2027-08-04")()).resolves.toBeGreaterThan(0);
    const paid = await pendingOrder();
    await t.db.transaction((tx) => holdStayNights(tx, { ...paid, unitId, checkIn: "2027-08-10", checkOut: "2027-08-12", guests: 2, totalCents: 1, expiresAt: expiresAt() }));
    await t.db.transaction((tx) => confirmBookings(tx, paid.orderId));
    const [row] = await t.db.select().from(stayBookings).where(eq(stayBookings.orderId, paid.orderId));
    expect(row).toMatchObject({ status: "confirmed", expiresAt: null });
    await expect(holdRoom(unitId, "2027-08-11", "2027-08-13")()).rejects.toBeInstanceOf(BookingError);
  });
});

describe("experience seats", () => {
  it("40 concurrent bookings of 1–3 people on a 12-seat slot: seats taken ≤ 12 and equal to the successful bookings", async () => {
    const slotId = await slot(12);
    const sizes = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const orders = await Promise.all(sizes.map(() => pendingOrder()));
    const results = await Promise.allSettled(
      sizes.map((people, i) => t.db.transaction((tx) => takeSlotSeats(tx, { ...orders[i]!, slotId, people, totalCents: people * 12_800, expiresAt: expiresAt() }))),
    );
    const won = sizes.filter((_, i) => results[i]!.status === "fulfilled").reduce((n, p) => n + p, 0);
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(failures.every((r) => r.reason instanceof BookingError)).toBe(true);
    const [s] = await t.db.select().from(experienceSlots).where(eq(experienceSlots.id, slotId));
    expect(s!.bookedCount).toBe(won);
    expect(s!.bookedCount).toBeLessThanOrEqual(12);
    expect(s!.bookedCount).toBeGreaterThanOrEqual(10); // the slot fills up (only a 1–2 seat gap can remain)
    const [booked] = await t.db
      .select({ n: sql<number>`coalesce(sum(${experienceBookings.people}), 0)::int` })
      .from(experienceBookings)
      .where(eq(experienceBookings.slotId, slotId));
    expect(booked!.n).toBe(won);
  });

  it("released seats return to the slot; confirmed ones stay taken", async () => {
    const slotId = await slot(4);
    const a = await pendingOrder();
    const b = await pendingOrder();
    await t.db.transaction((tx) => takeSlotSeats(tx, { ...a, slotId, people: 3, totalCents: 1, expiresAt: expiresAt() }));
    await expect(t.db.transaction((tx) => takeSlotSeats(tx, { ...b, slotId, people: 2, totalCents: 1, expiresAt: expiresAt() }))).rejects.toBeInstanceOf(BookingError);
    await t.db.transaction((tx) => releaseBookings(tx, a.orderId));
    await t.db.transaction((tx) => takeSlotSeats(tx, { ...b, slotId, people: 2, totalCents: 1, expiresAt: expiresAt() }));
    await t.db.transaction((tx) => confirmBookings(tx, b.orderId));
    await t.db.transaction((tx) => releaseBookings(tx, b.orderId)); // nothing held any more: no change
    const [s] = await t.db.select().from(experienceSlots).where(eq(experienceSlots.id, slotId));
    expect(s!.bookedCount).toBe(2);
  });
});
