// Cancelling bookings on the real database: what the traveller gets back on the deadline day and
// the day after for each policy (Asia/Shanghai days, whatever TZ the suite runs in), the nights
// and seats free again at once, one refund for five cancels at once, the order's status moving
// paid → partially_refunded → refunded, host cancellations (reason, full refund), other people's
// bookings not found, and pay-on-arrival orders (nothing to refund; cancelled when empty).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experienceBookings, orders, refunds, sellerOrders, stayBookings } from "../../db/schema/index";
import type { PaymentProvider } from "~/modules/payments/port";
import { createCooperative, createUser, createVillage } from "../factories";
import { createBookingOrder, createRoom, seatsTaken } from "../factories/bookings";
import { type TestDb, openTestDb } from "../setup/db";
import { createExperience } from "./catalog-listing-fixtures";

process.env.MAIL_DIR ??= mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-booking-cancel-"));

let t: TestDb;
let coopId: number;
let otherCoopId: number;
let villageId: number;
let userId: number;
let otherUserId: number;
let cancellation: typeof import("~/modules/bookings/cancellation.server");
let holds: typeof import("~/modules/bookings/holds.server");

/** The test provider, counting the refunds asked of it (and their keys and amounts). */
function countingProvider() {
  const calls: { idempotencyKey: string; amountCents: number }[] = [];
  const provider: PaymentProvider = {
    name: "test",
    startPayment: () => Promise.reject(new Error("not here")),
    async refund(input) {
      calls.push({ idempotencyKey: input.idempotencyKey, amountCents: input.amountCents });
      await new Promise((r) => setTimeout(r, 30)); // a provider takes a moment: concurrent cancels overlap
      return { refundId: `test_re_${calls.length}` };
    },
    transfer: () => Promise.reject(new Error("not here")),
    reverseTransfer: () => Promise.reject(new Error("not here")),
    expirePayment: async () => {},
  };
  return { provider, calls };
}

beforeAll(async () => {
  t = openTestDb(12);
  process.env.DATABASE_URL = t.url;
  cancellation = await import("~/modules/bookings/cancellation.server");
  holds = await import("~/modules/bookings/holds.server");
  villageId = (await createVillage(t.db)).id;
  coopId = (await createCooperative(t.db, { kind: "homestay_host", villageId })).id;
  otherCoopId = (await createCooperative(t.db, { kind: "homestay_host", villageId })).id;
  userId = (await createUser(t.db)).id;
  otherUserId = (await createUser(t.db)).id;
});
afterAll(async () => {
  await (await import("~/utils/db.server")).closeDb();
  await t.close();
});

/** An instant given as Asia/Shanghai wall-clock time (UTC+8, no DST). */
const shanghai = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

async function bookedRoom(policy: "flexible" | "moderate" | "strict", checkIn: string, checkOut: string, totalCents = 96_000, extra: { products?: boolean } = {}) {
  const room = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: policy });
  const order = await createBookingOrder(t.db, {
    userId,
    parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn, checkOut, totalCents }], products: extra.products ? [{ unitPriceCents: 5_000 }] : undefined }],
  });
  return { room, order, bookingId: order.stayIds[0]! };
}

async function orderState(orderId: number) {
  const [o] = await t.db.select({ status: orders.status, refundedCents: orders.refundedCents }).from(orders).where(eq(orders.id, orderId));
  const so = await t.db.select({ status: sellerOrders.status, refundedCents: sellerOrders.refundedCents }).from(sellerOrders).where(eq(sellerOrders.orderId, orderId));
  const r = await t.db.select({ amountCents: refunds.amountCents }).from(refunds).where(eq(refunds.orderId, orderId));
  return { order: o!, sellerOrders: so, refunds: r.map((x) => x.amountCents) };
}

/** Holds the nights for a new order (what a second traveller's checkout does). */
async function holdAgain(unitId: number, checkIn: string, checkOut: string) {
  const other = await createBookingOrder(t.db, { parts: [{ cooperativeId: coopId }] });
  return t.db.transaction((tx) =>
    holds.holdStayNights(tx, { orderId: other.id, sellerOrderId: other.sellerOrders[0]!.id, unitId, checkIn, checkOut, guests: 2, totalCents: 1, expiresAt: null }),
  );
}

describe("what a traveller gets back, by policy, on the deadline day and the day after (Asia/Shanghai)", () => {
  const checkIn = "2027-06-20";
  const cases = [
    { policy: "flexible", lastDay: "2027-06-19", dayAfter: "2027-06-20", percent: 100 },
    { policy: "moderate", lastDay: "2027-06-15", dayAfter: "2027-06-16", percent: 100 },
    { policy: "strict", lastDay: "2027-06-13", dayAfter: "2027-06-14", percent: 50 },
  ] as const;
  for (const c of cases) {
    it(`${c.policy}: ${c.percent}% until 23:59 on ${c.lastDay}, nothing from 00:00 on ${c.dayAfter}`, async () => {
      const inTime = await bookedRoom(c.policy, checkIn, "2027-06-22", 96_001);
      const late = await bookedRoom(c.policy, checkIn, "2027-06-22", 96_001);
      // 23:59 and 00:00 in Shanghai are the same calendar day in Los Angeles and in UTC.
      const lastMinute = shanghai(c.lastDay, "23:59");
      const firstMinute = shanghai(c.dayAfter, "00:00");
      const expected = Math.round((96_001 * c.percent) / 100);
      expect(await cancellation.cancellationQuote(t.db, { kind: "stay", bookingId: inTime.bookingId }, lastMinute)).toMatchObject({
        cancellable: true,
        percent: c.percent,
        refundCents: expected,
        deadline: c.lastDay,
      });
      expect(await cancellation.cancellationQuote(t.db, { kind: "stay", bookingId: late.bookingId }, firstMinute)).toMatchObject({ cancellable: true, percent: 0, refundCents: 0 });

      const { provider, calls } = countingProvider();
      const a = await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: inTime.bookingId, userId }, lastMinute, { provider });
      expect(a.refundCents).toBe(expected);
      const b = await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: late.bookingId, userId }, firstMinute, { provider });
      expect(b.refundCents).toBe(0);
      expect(calls).toEqual([{ idempotencyKey: `refund-booking-stay-${inTime.bookingId}`, amountCents: expected }]);

      const [row] = await t.db.select().from(stayBookings).where(eq(stayBookings.id, inTime.bookingId));
      expect(row).toMatchObject({ status: "cancelled", cancelledBy: "traveller", refundedCents: expected });
      expect((await orderState(inTime.order.id)).refunds).toEqual([expected]);
      const lateState = await orderState(late.order.id);
      expect(lateState.refunds).toEqual([]);
      expect(lateState.order).toEqual({ status: "paid", refundedCents: 0 });
    });
  }

  it("refuses a traveller's cancellation once the check-in day is over, and changes nothing", async () => {
    const { bookingId } = await bookedRoom("flexible", checkIn, "2027-06-23");
    const next = shanghai("2027-06-21", "09:00");
    expect(await cancellation.cancellationQuote(t.db, { kind: "stay", bookingId }, next)).toMatchObject({ cancellable: false, blocked: "too_late" });
    await expect(cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId, userId }, next)).rejects.toMatchObject({ code: "too_late", status: 409 });
    const [row] = await t.db.select({ status: stayBookings.status }).from(stayBookings).where(eq(stayBookings.id, bookingId));
    expect(row!.status).toBe("confirmed");
  });
});

describe("freed nights and seats", () => {
  it("the nights are bookable again right after a cancellation, and not before", async () => {
    const { room, bookingId } = await bookedRoom("moderate", "2027-07-10", "2027-07-13");
    await expect(holdAgain(room.unitId, "2027-07-12", "2027-07-14")).rejects.toBeInstanceOf(holds.BookingError);
    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId, userId }, shanghai("2027-07-01", "12:00"), { provider: countingProvider().provider });
    await expect(holdAgain(room.unitId, "2027-07-12", "2027-07-14")).resolves.toBeGreaterThan(0);
  });

  it("an experience: full refund up to 24 h before, the seats go back; no traveller cancellation later", async () => {
    const startsAt = shanghai("2027-04-03", "09:00");
    const exp = await createExperience(t.db, { cooperativeId: coopId, villageId, durationMinutes: 180 }, [{ startsAt, capacity: 12 }]);
    const [slot] = await t.db.execute<{ id: number }>(sql`SELECT id FROM experience_slots WHERE experience_id = ${exp.id}`);
    const slotId = Number(slot!.id);
    const order = await createBookingOrder(t.db, { userId, parts: [{ cooperativeId: coopId, seats: [{ slotId, people: 3, totalCents: 38_400 }, { slotId, people: 2, totalCents: 25_600 }] }] });
    expect(await seatsTaken(t.db, slotId)).toBe(5);
    const [first, second] = order.seatIds as [number, number];

    const dayBefore = shanghai("2027-04-02", "09:00"); // exactly 24 h before
    expect(await cancellation.cancellationQuote(t.db, { kind: "experience", bookingId: first }, dayBefore)).toMatchObject({ cancellable: true, refundCents: 38_400, percent: 100 });
    const { provider, calls } = countingProvider();
    await cancellation.cancelBookingByTraveller(t.db, { kind: "experience", bookingId: first, userId }, dayBefore, { provider });
    expect(await seatsTaken(t.db, slotId)).toBe(2);
    expect(calls.map((c) => c.amountCents)).toEqual([38_400]);
    expect((await orderState(order.id)).order).toEqual({ status: "partially_refunded", refundedCents: 38_400 });

    const late = new Date(dayBefore.getTime() + 60_000);
    expect(await cancellation.cancellationQuote(t.db, { kind: "experience", bookingId: second }, late)).toMatchObject({ cancellable: false, blocked: "too_late" });
    await expect(cancellation.cancelBookingByTraveller(t.db, { kind: "experience", bookingId: second, userId }, late, { provider })).rejects.toMatchObject({ code: "too_late" });
    expect(await seatsTaken(t.db, slotId)).toBe(2);
    // The host still can, with a reason: everything back, the order refunded in full.
    await cancellation.cancelBookingByHost(t.db, { kind: "experience", bookingId: second, cooperativeId: coopId, reason: "暴雨，茶园关闭" }, late, { provider });
    expect(await seatsTaken(t.db, slotId)).toBe(0);
    const state = await orderState(order.id);
    expect(state.order).toEqual({ status: "refunded", refundedCents: 64_000 });
    expect(state.sellerOrders).toEqual([{ status: "refunded", refundedCents: 64_000 }]);
    const [row] = await t.db.select().from(experienceBookings).where(eq(experienceBookings.id, second));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: "host", cancelReason: "暴雨，茶园关闭", refundedCents: 25_600 });
  });
});

describe("one refund, whoever asks and however often", () => {
  it("5 concurrent cancels of one booking: one cancels (one refund row, one provider call), four hear 409", async () => {
    const { order, bookingId } = await bookedRoom("flexible", "2027-08-10", "2027-08-12");
    const { provider, calls } = countingProvider();
    const now = shanghai("2027-08-01", "10:00");
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId, userId }, now, { provider })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost.map((r) => [r.reason.code, r.reason.status])).toEqual(Array(4).fill(["not_cancellable", 409]));
    expect(calls).toHaveLength(1);
    expect((await orderState(order.id)).refunds).toEqual([96_000]);
  });

  it("order status: paid → partially_refunded → refunded as its bookings are cancelled (products stay paid)", async () => {
    const a = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: "flexible" });
    const b = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: "flexible" });
    const order = await createBookingOrder(t.db, {
      userId,
      parts: [
        {
          cooperativeId: coopId,
          stays: [
            { unitId: a.unitId, checkIn: "2027-09-01", checkOut: "2027-09-03", totalCents: 60_000 },
            { unitId: b.unitId, checkIn: "2027-09-01", checkOut: "2027-09-02", totalCents: 30_000 },
          ],
        },
      ],
    });
    const now = shanghai("2027-08-20", "10:00");
    const { provider } = countingProvider();
    expect((await orderState(order.id)).order.status).toBe("paid");
    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: order.stayIds[0]!, userId }, now, { provider });
    let state = await orderState(order.id);
    expect(state.order).toEqual({ status: "partially_refunded", refundedCents: 60_000 });
    expect(state.sellerOrders).toEqual([{ status: "paid", refundedCents: 60_000 }]);
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: order.stayIds[1]!, cooperativeId: coopId, reason: "水管检修" }, now, { provider });
    state = await orderState(order.id);
    expect(state.order).toEqual({ status: "refunded", refundedCents: 90_000 });
    expect(state.sellerOrders).toEqual([{ status: "refunded", refundedCents: 90_000 }]);
    expect(state.refunds).toEqual([60_000, 30_000]);
  });

  it("a provider that refuses: nothing changes, the nights stay booked, a retry works", async () => {
    const { order, bookingId } = await bookedRoom("flexible", "2027-10-10", "2027-10-12");
    const failing = countingProvider();
    failing.provider.refund = () => Promise.reject(new Error("card network down"));
    const now = shanghai("2027-10-01", "10:00");
    await expect(cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId, userId }, now, { provider: failing.provider })).rejects.toMatchObject({
      code: "provider_failed",
      status: 503,
    });
    const [row] = await t.db.select({ status: stayBookings.status }).from(stayBookings).where(eq(stayBookings.id, bookingId));
    expect(row!.status).toBe("confirmed");
    expect((await orderState(order.id)).refunds).toEqual([]);
    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId, userId }, now, { provider: countingProvider().provider });
    expect((await orderState(order.id)).refunds).toEqual([96_000]);
  });
});

describe("who may cancel", () => {
  it("another traveller's booking and another cooperative's are not found, and nothing changes", async () => {
    const { order, bookingId } = await bookedRoom("flexible", "2027-11-10", "2027-11-12");
    const now = shanghai("2027-11-01", "10:00");
    const before = await orderState(order.id);
    await expect(cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId, userId: otherUserId }, now)).rejects.toMatchObject({ code: "not_found", status: 404 });
    await expect(cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId, cooperativeId: otherCoopId, reason: "x" }, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancellation.cancelBookingByTraveller(t.db, { kind: "experience", bookingId, userId }, now)).rejects.toMatchObject({ code: "not_found" });
    await expect(cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId, cooperativeId: coopId, reason: "   " }, now)).rejects.toMatchObject({
      code: "reason_required",
      status: 400,
    });
    expect(await orderState(order.id)).toEqual(before);
    const [row] = await t.db.select({ status: stayBookings.status }).from(stayBookings).where(eq(stayBookings.id, bookingId));
    expect(row!.status).toBe("confirmed");
  });

  it("a held booking (checkout still open) cannot be cancelled here", async () => {
    const room = await createRoom(t.db, { cooperativeId: coopId, villageId });
    const order = await createBookingOrder(t.db, { userId, parts: [{ cooperativeId: coopId }] });
    const id = await t.db.transaction((tx) =>
      holds.holdStayNights(tx, { orderId: order.id, sellerOrderId: order.sellerOrders[0]!.id, unitId: room.unitId, checkIn: "2027-12-01", checkOut: "2027-12-02", guests: 1, totalCents: 1, expiresAt: new Date(Date.now() + 600_000) }),
    );
    await expect(cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: id, userId }, shanghai("2027-11-01", "10:00"))).rejects.toMatchObject({ code: "not_cancellable" });
  });
});

describe("paid on arrival", () => {
  it("refunds nothing, frees the nights; the order and its part are cancelled once nothing is booked", async () => {
    const a = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: "flexible" });
    const b = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: "strict" });
    const order = await createBookingOrder(t.db, {
      userId,
      provider: "on_arrival",
      parts: [
        {
          cooperativeId: coopId,
          stays: [
            { unitId: a.unitId, checkIn: "2028-01-10", checkOut: "2028-01-12", totalCents: 50_000 },
            { unitId: b.unitId, checkIn: "2028-01-10", checkOut: "2028-01-12", totalCents: 50_000 },
          ],
        },
      ],
    });
    const { provider, calls } = countingProvider();
    const now = shanghai("2028-01-09", "20:00");
    expect(await cancellation.cancellationQuote(t.db, { kind: "stay", bookingId: order.stayIds[0]! }, now)).toMatchObject({ cancellable: true, refundCents: 0, paidOnline: false });
    const first = await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: order.stayIds[0]!, userId }, now, { provider });
    expect(first.refundCents).toBe(0);
    let state = await orderState(order.id);
    expect(state.order.status).toBe("confirmed");
    expect(state.sellerOrders[0]!.status).toBe("confirmed");
    await expect(holdAgain(a.unitId, "2028-01-10", "2028-01-11")).resolves.toBeGreaterThan(0);
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: order.stayIds[1]!, cooperativeId: coopId, reason: "房间维修" }, now, { provider });
    state = await orderState(order.id);
    expect(state.order).toEqual({ status: "cancelled", refundedCents: 0 });
    expect(state.sellerOrders).toEqual([{ status: "cancelled", refundedCents: 0 }]);
    expect(state.refunds).toEqual([]);
    expect(calls).toEqual([]);
  });
});
