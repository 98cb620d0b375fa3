// Checkout of rooms and seats beyond the happy path, on the real database: pay-on-arrival (hosts
// who confirm at once, hosts who confirm by hand, requests declined or left unanswered), a late
// payment whose nights are still free (kept) or were taken meanwhile (refunded), and a stay whose
// price or calendar changed between the cart and the checkout.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, unitBlackouts, unitRates } from "../../db/schema/index";
import { ArrivalRequestError, confirmArrivalRequest, declineArrivalRequest, withdrawArrivalRequest } from "~/modules/bookings/on-arrival.server";
import { addSlotToCart, addStayToCart } from "~/modules/cart/bookings.server";
import { addToCart, createCart, getCart } from "~/modules/cart/cart.server";
import { addDays } from "~/modules/catalog/listing-dates";
import { CheckoutError, placeOrder } from "~/modules/orders/checkout.server";
import { blockNights } from "~/modules/bookings/host-calendar.server";
import { releaseExpiredHolds } from "~/modules/orders/holds.server";
import { refundSellerOrder } from "~/modules/orders/refunds.server";
import { applyPaymentEvent } from "~/modules/orders/payment-events.server";
import type { CheckoutInput } from "~/modules/orders/schemas";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createShopVariant, createVillage, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { createExperience, createStay } from "./catalog-listing-fixtures";

const mailDir = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-bookings-checkout-"));
process.env.MAIL_DIR = mailDir;

let t: TestDb;
let villageId: number;
const today = todayInShanghai();
const day = (n: number) => addDays(today, n);
const traveller: CheckoutInput = { email: "traveller@example.com", name: "李华", phone: "13912345678" };

beforeAll(async () => {
  t = openTestDb();
  villageId = (await createVillage(t.db)).id;
});
afterAll(async () => {
  await t.close();
  rmSync(mailDir, { recursive: true, force: true });
});

async function host(payOnArrival: "off" | "auto" | "host") {
  const c = await createCooperative(t.db, { kind: "homestay_host", villageId });
  await t.db.update(cooperatives).set({ payOnArrival }).where(eq(cooperatives.id, c.id));
  return c.id;
}

async function room(hostId: number, basePriceCents = 52_000) {
  const { rooms } = await createStay(t.db, { cooperativeId: hostId, villageId }, [{ maxGuests: 2, basePriceCents }]);
  return rooms[0]!.id;
}

async function cartWithStay(unitId: number, checkIn: number, checkOut: number): Promise<string> {
  const cartId = await createCart(t.db, null);
  await addStayToCart(t.db, cartId, { unitId, checkIn: day(checkIn), checkOut: day(checkOut), guests: 2 }, { today });
  return cartId;
}

const place = (cartId: string, input: Partial<CheckoutInput> = {}) =>
  placeOrder(t.db, { cartId, userId: null, input: { ...traveller, ...input }, locale: "zh-CN", origin: "http://test.local" });

async function statusOf(orderNumber: string) {
  const [row] = await t.db.execute<{ order: string; parts: string; bookings: string }>(sql`
    SELECT o.status::text AS order,
      (SELECT string_agg(s.status::text, ',' ORDER BY s.id) FROM seller_orders s WHERE s.order_id = o.id) AS parts,
      (SELECT string_agg(b.status::text, ',' ORDER BY b.id) FROM stay_bookings b WHERE b.order_id = o.id) AS bookings
    FROM orders o WHERE o.number = ${orderNumber}`);
  return row!;
}

async function orderIdOf(orderNumber: string): Promise<number> {
  const [row] = await t.db.execute<{ id: number }>(sql`SELECT id FROM orders WHERE number = ${orderNumber}`);
  return row!.id;
}

describe("pay on arrival", () => {
  it("a host who confirms automatically: booked at once, nothing to pay online, the cart emptied, a confirmation mailed", async () => {
    const hostId = await host("auto");
    const unitId = await room(hostId);
    const cartId = await cartWithStay(unitId, 20, 22);
    expect((await getCart(t.db, cartId))!.payOnArrivalAllowed).toBe(true);
    const mailsBefore = readdirSync(mailDir).length;

    const placed = await place(cartId, { payment: "on_arrival" });
    expect(placed.status).toBe("confirmed");
    expect(placed.paymentUrl).toBe(`http://test.local/orders/${placed.orderNumber}?t=${placed.accessToken}`);
    expect(await statusOf(placed.orderNumber)).toEqual({ order: "confirmed", parts: "confirmed", bookings: "confirmed" });
    const [order] = await t.db.execute<{ provider: string }>(sql`SELECT provider::text FROM orders WHERE number = ${placed.orderNumber}`);
    expect(order!.provider).toBe("on_arrival");
    expect((await getCart(t.db, cartId))!.lineCount).toBe(0);
    expect(readdirSync(mailDir).length).toBeGreaterThan(mailsBefore);
    // The sweeper never touches it.
    await releaseExpiredHolds(t.db, new Date(Date.now() + 3 * 24 * 3_600_000));
    expect((await statusOf(placed.orderNumber)).bookings).toBe("confirmed");
  });

  it("a host who confirms by hand: the nights are held until they do; another cooperative cannot answer; a second answer is 409", async () => {
    const hostId = await host("host");
    const unitId = await room(hostId);
    const placed = await place(await cartWithStay(unitId, 25, 27), { payment: "on_arrival" });
    expect(placed.status).toBe("pending_payment");
    expect(await statusOf(placed.orderNumber)).toEqual({ order: "pending_payment", parts: "pending_payment", bookings: "held" });
    // The request stands on its own: its line left the cart.
    const [left] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cart_lines WHERE unit_id = ${unitId}`);
    expect(left!.n).toBe(0);
    // Held: nobody else can take those nights meanwhile.
    await expect(cartWithStay(unitId, 26, 28)).rejects.toMatchObject({ code: "unavailable", status: 409 });

    const orderId = await orderIdOf(placed.orderNumber);
    const stranger = await host("host");
    await expect(confirmArrivalRequest(t.db, { orderId, cooperativeId: stranger })).rejects.toMatchObject({ status: 404 });
    expect(await confirmArrivalRequest(t.db, { orderId, cooperativeId: hostId })).toEqual({ orderStatus: "confirmed" });
    expect(await statusOf(placed.orderNumber)).toEqual({ order: "confirmed", parts: "confirmed", bookings: "confirmed" });
    const again = await confirmArrivalRequest(t.db, { orderId, cooperativeId: hostId }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ArrivalRequestError);
    expect((again as ArrivalRequestError).status).toBe(409);
  });

  it("a declined request frees the nights at once; an unanswered one lapses after a day", async () => {
    const hostId = await host("host");
    const unitId = await room(hostId);
    const first = await place(await cartWithStay(unitId, 30, 32), { payment: "on_arrival" });
    await declineArrivalRequest(t.db, { orderId: await orderIdOf(first.orderNumber), cooperativeId: hostId, reason: "家里有事" });
    expect(await statusOf(first.orderNumber)).toEqual({ order: "cancelled", parts: "cancelled", bookings: "cancelled" });
    const [reason] = await t.db.execute<{ r: string }>(sql`SELECT b.cancel_reason AS r FROM stay_bookings b JOIN orders o ON o.id = b.order_id WHERE o.number = ${first.orderNumber}`);
    expect(reason!.r).toBe("家里有事");

    const second = await place(await cartWithStay(unitId, 30, 32), { payment: "on_arrival" });
    expect(second.status).toBe("pending_payment");
    await releaseExpiredHolds(t.db, new Date(Date.now() + 23 * 3_600_000));
    expect((await statusOf(second.orderNumber)).order).toBe("pending_payment");
    await releaseExpiredHolds(t.db, new Date(Date.now() + 25 * 3_600_000));
    expect(await statusOf(second.orderNumber)).toEqual({ order: "cancelled", parts: "cancelled", bookings: "cancelled" });
    // Free again.
    expect((await place(await cartWithStay(unitId, 30, 32))).status).toBe("pending_payment");
  });

  it("the traveller may withdraw a request the host has not answered: the nights are free again; not someone else's, not twice", async () => {
    const hostId = await host("host");
    const unitId = await room(hostId);
    const [user] = await t.db.execute<{ id: number }>(sql`INSERT INTO users (email, name, password_hash) VALUES (${`w-${uniqueToken()}@example.com`}, '王', 'x') RETURNING id`);
    const cartId = await cartWithStay(unitId, 35, 37);
    const placed = await placeOrder(t.db, { cartId, userId: user!.id, input: { ...traveller, payment: "on_arrival" }, locale: "zh-CN", origin: "http://test.local" });
    const orderId = await orderIdOf(placed.orderNumber);
    await expect(withdrawArrivalRequest(t.db, { orderId, userId: user!.id + 100_000 })).rejects.toMatchObject({ status: 404 });
    expect(await withdrawArrivalRequest(t.db, { orderId, userId: user!.id })).toEqual({ orderStatus: "cancelled" });
    expect(await statusOf(placed.orderNumber)).toEqual({ order: "cancelled", parts: "cancelled", bookings: "cancelled" });
    await expect(withdrawArrivalRequest(t.db, { orderId, userId: user!.id })).rejects.toMatchObject({ status: 409 });
    await expect(confirmArrivalRequest(t.db, { orderId, cooperativeId: hostId })).rejects.toMatchObject({ status: 409 });
    expect((await place(await cartWithStay(unitId, 35, 37))).status).toBe("pending_payment");
  });

  it("is refused for a cart with a product or an experience, and at a host who does not offer it (400, nothing written)", async () => {
    const off = await room(await host("off"));
    const refusedOff = await place(await cartWithStay(off, 40, 41), { payment: "on_arrival" }).catch((e: unknown) => e);
    expect(refusedOff).toMatchObject({ code: "invalid_checkout", status: 400 });

    const auto = await room(await host("auto"));
    const cartId = await cartWithStay(auto, 40, 41);
    const variant = await createShopVariant(t.db, { stock: 5 });
    await addToCart(t.db, cartId, { sku: variant.sku, quantity: 1 }, { merge: true });
    const before = await t.db.execute(sql`SELECT count(*)::int AS n FROM orders WHERE cart_id = ${cartId}`);
    const refused = await place(cartId, {
      payment: "on_arrival",
      address: { province: "浙江省", city: "湖州市", district: "德清县", detail: "莫干山镇 1 号" },
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CheckoutError);
    expect((refused as CheckoutError).code).toBe("invalid_checkout");
    expect(await t.db.execute(sql`SELECT count(*)::int AS n FROM orders WHERE cart_id = ${cartId}`)).toEqual(before);
    expect((await getCart(t.db, cartId))!.payOnArrivalAllowed).toBe(false);
  });
});

describe("late payments and changes between cart and checkout", () => {
  const paid = (orderNumber: string) =>
    applyPaymentEvent(
      t.db,
      { provider: "test", eventId: `evt_${uniqueToken()}`, type: "test.succeeded", kind: "payment_succeeded", orderNumber, paymentId: `pay_${uniqueToken()}` },
      { origin: "http://test.local" },
    );

  it("paid after the hold expired: kept when the nights and seats are still free", async () => {
    const hostId = await host("off");
    const unitId = await room(hostId);
    const farm = await createCooperative(t.db, { kind: "leisure_farm", villageId });
    const experience = await createExperience(t.db, { cooperativeId: farm.id, villageId, maxPeople: 4 }, [
      { startsAt: new Date(Date.now() + 5 * 24 * 3_600_000), capacity: 4 },
    ]);
    const [slot] = await t.db.execute<{ id: number }>(sql`SELECT id FROM experience_slots WHERE experience_id = ${experience.id}`);
    const cartId = await cartWithStay(unitId, 45, 47);
    await addSlotToCart(t.db, cartId, { slotId: slot!.id, people: 2 }, { now: new Date(), merge: true });
    const placed = await place(cartId);
    await releaseExpiredHolds(t.db, new Date(Date.now() + 60 * 60_000));
    expect(await statusOf(placed.orderNumber)).toMatchObject({ order: "cancelled", bookings: "cancelled" });
    const [freed] = await t.db.execute<{ booked: number }>(sql`SELECT booked_count AS booked FROM experience_slots WHERE id = ${slot!.id}`);
    expect(freed!.booked).toBe(0);

    expect((await paid(placed.orderNumber)).outcome).toBe("late_payment_taken");
    expect(await statusOf(placed.orderNumber)).toMatchObject({ order: "paid", bookings: "confirmed" });
    const [seats] = await t.db.execute<{ booked: number }>(sql`SELECT booked_count AS booked FROM experience_slots WHERE id = ${slot!.id}`);
    expect(seats!.booked).toBe(2);
  });

  it("paid after the hold expired: refunded when someone booked those nights meanwhile", async () => {
    const unitId = await room(await host("off"));
    const late = await place(await cartWithStay(unitId, 50, 52));
    await releaseExpiredHolds(t.db, new Date(Date.now() + 60 * 60_000));
    const other = await place(await cartWithStay(unitId, 51, 53));
    expect((await paid(other.orderNumber)).outcome).toBe("applied");

    expect((await paid(late.orderNumber)).outcome).toBe("late_payment_refunded");
    const [order] = await t.db.execute<{ status: string; refunded: boolean }>(
      sql`SELECT status::text, refunded_cents = total_cents AS refunded FROM orders WHERE number = ${late.orderNumber}`,
    );
    expect(order).toEqual({ status: "refunded", refunded: true });
    expect((await statusOf(other.orderNumber)).bookings).toBe("confirmed");
  });

  it("a rate added after the stay went into the cart → cart_changed; a night closed by the host → unavailable; nothing held", async () => {
    const unitId = await room(await host("off"), 40_000);
    const priced = await cartWithStay(unitId, 55, 57);
    await t.db.insert(unitRates).values({ unitId, startDate: day(55), endDate: day(56), priceCents: 60_000 });
    await expect(place(priced)).rejects.toMatchObject({ code: "cart_changed", status: 409 });

    const closed = await cartWithStay(unitId, 58, 59);
    await t.db.insert(unitBlackouts).values({ unitId, startDate: day(58), endDate: day(59) });
    await expect(place(closed)).rejects.toMatchObject({ code: "unavailable", status: 409 });
    const [held] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stay_bookings WHERE unit_id = ${unitId}`);
    expect(held!.n).toBe(0);
  });

  it("a host refunding its whole part cancels the part's rooms and seats: the nights are bookable again at once", async () => {
    const hostId = await host("off");
    const unitId = await room(hostId);
    const placed = await place(await cartWithStay(unitId, 66, 68));
    expect((await paid(placed.orderNumber)).outcome).toBe("applied");
    const [part] = await t.db.execute<{ id: number }>(sql`SELECT s.id FROM seller_orders s JOIN orders o ON o.id = s.order_id WHERE o.number = ${placed.orderNumber}`);
    const result = await refundSellerOrder(t.db, { cooperativeId: hostId, sellerOrderId: part!.id, userId: null, reason: "房屋漏水" });
    expect(result.orderStatus).toBe("refunded");
    expect(await statusOf(placed.orderNumber)).toEqual({ order: "refunded", parts: "refunded", bookings: "cancelled" });
    const [booking] = await t.db.execute<{ by: string; reason: string; refunded: boolean }>(sql`
      SELECT cancelled_by AS by, cancel_reason AS reason, refunded_cents = total_cents AS refunded FROM stay_bookings WHERE unit_id = ${unitId}`);
    expect(booking).toEqual({ by: "host", reason: "房屋漏水", refunded: true });
    expect((await place(await cartWithStay(unitId, 66, 68))).status).toBe("pending_payment");
    // Twice is refused (409), with one refund on record.
    await expect(refundSellerOrder(t.db, { cooperativeId: hostId, sellerOrderId: part!.id, userId: null, reason: "again" })).rejects.toMatchObject({ code: "not_refundable" });
    const [refundRows] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM refunds WHERE seller_order_id = ${part!.id}`);
    expect(refundRows!.n).toBe(1);
  });

  it("a host closing nights while a traveller checks out: one of them wins, never both (20 races)", async () => {
    const hostId = await host("off");
    const outcomes: string[] = [];
    const rooms: number[] = [];
    for (let i = 0; i < 20; i++) {
      const unitId = await room(hostId);
      rooms.push(unitId);
      const cartId = await cartWithStay(unitId, 80, 82);
      const [block, order] = await Promise.allSettled([
        blockNights(t.db, hostId, { unitId, from: day(81), to: day(82), reason: "自用" }),
        place(cartId),
      ]);
      outcomes.push(`${block.status}/${order.status}`);
      expect([block.status, order.status].sort(), JSON.stringify([block, order]).slice(0, 300)).toEqual(["fulfilled", "rejected"]);
    }
    // No held or confirmed night sits on a closed one.
    const [overlap] = await t.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM stay_bookings b JOIN unit_blackouts x ON x.unit_id = b.unit_id
      WHERE b.status IN ('held', 'confirmed') AND x.start_date < b.check_out AND x.end_date > b.check_in
        AND b.unit_id = ANY(${`{${rooms.join(",")}}`}::int[])`);
    expect(overlap!.n).toBe(0);
    expect(outcomes.length).toBe(20);
  });

  it("the cart's own open checkout does not make its nights look taken, and checking out again replaces it", async () => {
    const unitId = await room(await host("off"));
    const cartId = await cartWithStay(unitId, 61, 63);
    const first = await place(cartId);
    expect((await getCart(t.db, cartId))!.hasProblems).toBe(false);
    const second = await place(cartId);
    expect((await statusOf(first.orderNumber)).bookings).toBe("cancelled");
    expect((await statusOf(second.orderNumber)).bookings).toBe("held");
  });
});
