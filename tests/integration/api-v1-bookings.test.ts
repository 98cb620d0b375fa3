// Booking rooms and seats through the JSON API on the real database (issue 6): stays and
// experiences in the same cart as products and one payment; 100 travellers asking for one room's
// overlapping nights at once → exactly one booking, 99 clear 409s, no 5xx; 40 groups of 1–3 on a
// 12-seat slot → seats taken = the successful bookings' people ≤ 12; bad dates and guest counts
// → 400/422 with a message and nothing held. Dates are Asia/Shanghai calendar days whatever TZ is.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addStayToCart, addSlotToCart } from "~/modules/cart/bookings.server";
import { createCart } from "~/modules/cart/cart.server";
import { addDays } from "~/modules/catalog/listing-dates";
import { closeDb, getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Answer, type Routes, buyer, call, expectError, loadRoutes } from "./api-v1-cart-support";
import { createProduct } from "./api-v1-support";
import { createExperience, createStay } from "./catalog-listing-fixtures";

const mailDir = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-api-bookings-"));
process.env.MAIL_DIR = mailDir;

let t: TestDb;
let r: Routes;
let villageId: number;
let hostId: number;
let farmId: number;
let shopId: number;
const today = todayInShanghai();
const day = (n: number) => addDays(today, n);

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  r = await loadRoutes();
  villageId = (await createVillage(t.db)).id;
  hostId = (await createCooperative(t.db, { nameZh: "莫干山竹里民宿", nameEn: "Moganshan Bamboo House", kind: "homestay_host", villageId })).id;
  farmId = (await createCooperative(t.db, { nameZh: "安吉茶园体验", nameEn: "Anji Tea Garden", kind: "leisure_farm", villageId })).id;
  shopId = (await createCooperative(t.db, { nameZh: "余村白茶合作社", nameEn: "Yucun White Tea Co-op", shippingFeeCents: 1200 })).id;
});

afterAll(async () => {
  await closeDb();
  await t.close();
  rmSync(mailDir, { recursive: true, force: true });
});

async function room(values: { maxGuests?: number; basePriceCents?: number; minNights?: number; hostId?: number } = {}) {
  const { rooms, stay } = await createStay(t.db, { cooperativeId: values.hostId ?? hostId, villageId, cancellationPolicy: "moderate" }, [
    { maxGuests: values.maxGuests ?? 3, basePriceCents: values.basePriceCents ?? 48_000, minNights: values.minNights ?? 1 },
  ]);
  return { unitId: rooms[0]!.id, stay };
}

async function slot(capacity: number, startsInHours = 72) {
  const experience = await createExperience(t.db, { cooperativeId: farmId, villageId, pricePerPersonCents: 12_800, minPeople: 1, maxPeople: 6 }, [
    { startsAt: new Date(Date.now() + startsInHours * 3_600_000), capacity },
  ]);
  const [row] = await t.db.execute<{ id: number }>(sql`SELECT id FROM experience_slots WHERE experience_id = ${experience.id}`);
  return row!.id;
}

async function newCart(): Promise<string> {
  const answer = await call(r.carts, "/api/v1/carts", { method: "POST" });
  expect(answer.status).toBe(201);
  return (answer.body as { cartId: string }).cartId;
}

const addLine = (cartId: string, json: unknown) => call(r.lines, `/api/v1/carts/${cartId}/lines`, { json, params: { cartId } });
const checkout = (cartId: string, over: Record<string, unknown> = {}) =>
  call(r.checkout, `/api/v1/carts/${cartId}/checkout`, { json: buyer(over), params: { cartId } }).catch(
    (error: unknown) => ({ status: 599, headers: new Headers(), body: { thrown: String(error) } }) as Answer,
  );
const pay = (placed: { orderNumber: string; accessToken: string }) =>
  call(r.testPayment, `/api/v1/orders/${placed.orderNumber}/test-payment`, {
    json: { outcome: "succeeded" },
    params: { number: placed.orderNumber },
    token: placed.accessToken,
  });

function tally(answers: Answer[]) {
  const by = new Map<string, number>();
  for (const a of answers) {
    const key = `${a.status} ${a.body.error?.code ?? ""}`.trim();
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...by.entries()].sort());
}

async function bookingsOf(unitId: number) {
  return t.db.execute<{ status: string; check_in: string; check_out: string }>(
    sql`SELECT status::text, check_in::text, check_out::text FROM stay_bookings WHERE unit_id = ${unitId} ORDER BY id`,
  );
}

/** Everything a refused booking request could have written. */
async function bookingFingerprint(cartId: string, unitIds: number[], slotIds: number[]) {
  const [row] = await t.db.execute<{ f: string }>(sql`
    SELECT concat_ws(' ',
      (SELECT md5(coalesce(string_agg(l::text, '|' ORDER BY l.id), '')) FROM cart_lines l WHERE l.cart_id = ${cartId}),
      (SELECT md5(coalesce(string_agg(b::text, '|' ORDER BY b.id), '')) FROM stay_bookings b WHERE b.unit_id = ANY(${`{${unitIds.join(",")}}`}::int[])),
      (SELECT md5(coalesce(string_agg(b::text, '|' ORDER BY b.id), '')) FROM experience_bookings b WHERE b.slot_id = ANY(${`{${slotIds.join(",")}}`}::int[])),
      (SELECT md5(coalesce(string_agg(s.id || ':' || s.booked_count, '|' ORDER BY s.id), '')) FROM experience_slots s WHERE s.id = ANY(${`{${slotIds.join(",")}}`}::int[])),
      (SELECT count(*) FROM orders WHERE cart_id = ${cartId})
    ) AS f`);
  return row!.f;
}

describe("one cart, one payment: a product, a stay and an experience", () => {
  it("splits per cooperative, ships only the product, holds the nights and seats, confirms them when paid and empties the cart", async () => {
    const sku = `BK-${uniqueToken().toUpperCase()}`;
    await createProduct(t.db, { cooperativeId: shopId, titleZh: "安吉白茶", titleEn: "Anji White Tea" }, [{ sku, nameZh: "250克", priceCents: 16_800, stock: 5 }]);
    const { unitId } = await room({ basePriceCents: 48_000 });
    const slotId = await slot(12);
    const cartId = await newCart();

    expect((await addLine(cartId, { sku, quantity: 1 })).status).toBe(201);
    const stay = await addLine(cartId, { unitId, checkIn: day(20), checkOut: day(22), guests: 2 });
    expect(stay.status).toBe(201);
    const seats = await addLine(cartId, { slotId, people: 3 });
    expect(seats.status).toBe(201);

    const cart = seats.body as unknown as { cart: { totalCents: number; needsAddress: boolean; groups: { stays: { nights: number; totalCents: number }[]; experiences: { totalCents: number }[]; shippingCents: number }[] } };
    const groups = cart.cart.groups;
    expect(groups).toHaveLength(3);
    expect(groups.flatMap((g) => g.stays)).toEqual([expect.objectContaining({ nights: 2, totalCents: expect.any(Number) })]);
    expect(groups.flatMap((g) => g.experiences)).toEqual([expect.objectContaining({ totalCents: 3 * 12_800 })]);
    // Shipping on the tea only (¥168 < the co-op's threshold: its flat ¥12); nothing on nights or seats.
    expect(groups.map((g) => g.shippingCents).sort((a, b) => a - b)).toEqual([0, 0, 1200]);
    expect(cart.cart.needsAddress).toBe(true);

    // Adding to the cart holds nothing.
    expect((await bookingsOf(unitId)).length).toBe(0);

    const placed = await checkout(cartId);
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const order = placed.body as unknown as { orderNumber: string; accessToken: string; status: string };
    expect(order.status).toBe("pending_payment");
    const [held] = await bookingsOf(unitId);
    expect(held).toEqual({ status: "held", check_in: day(20), check_out: day(22) });
    const [expiry] = await t.db.execute<{ ok: boolean }>(
      sql`SELECT expires_at > now() AND expires_at < now() + interval '1 hour' AS ok FROM stay_bookings WHERE unit_id = ${unitId}`,
    );
    expect(expiry!.ok).toBe(true);
    const [seat] = await t.db.execute<{ booked: number }>(sql`SELECT booked_count AS booked FROM experience_slots WHERE id = ${slotId}`);
    expect(seat!.booked).toBe(3);

    const [totals] = await t.db.execute<{ total: number; parts: number }>(sql`
      SELECT o.total_cents AS total, (SELECT count(*)::int FROM seller_orders s WHERE s.order_id = o.id) AS parts FROM orders o WHERE o.number = ${order.orderNumber}`);
    expect(totals).toEqual({ total: cart.cart.totalCents, parts: 3 });

    expect((await pay(order)).status).toBe(200);
    expect((await bookingsOf(unitId))[0]!.status).toBe("confirmed");
    const [eb] = await t.db.execute<{ status: string }>(sql`SELECT status::text FROM experience_bookings WHERE slot_id = ${slotId}`);
    expect(eb!.status).toBe("confirmed");
    const after = await call(r.cart, `/api/v1/carts/${cartId}`, { params: { cartId } });
    expect((after.body as { cart: { lineCount: number } }).cart.lineCount).toBe(0);

    const got = await call(r.order, `/api/v1/orders/${order.orderNumber}`, { params: { number: order.orderNumber }, token: order.accessToken });
    expect(got.status).toBe(200);
    const parts = (got.body as unknown as { order: { sellerOrders: { bookings: { kind: string; status: string; checkIn: string | null; people: number | null }[] }[] } }).order.sellerOrders;
    expect(parts.flatMap((p) => p.bookings).map((b) => [b.kind, b.status, b.checkIn ?? b.people])).toEqual(
      expect.arrayContaining([
        ["stay", "confirmed", day(20)],
        ["experience", "confirmed", 3],
      ]),
    );
  });

  it("a cart of stays and experiences needs no address; one with a product does (400, nothing held)", async () => {
    const { unitId } = await room();
    const cartId = await newCart();
    await addLine(cartId, { unitId, checkIn: day(30), checkOut: day(31), guests: 1 });
    const placed = await checkout(cartId, { address: undefined });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);

    const sku = `BK-${uniqueToken().toUpperCase()}`;
    await createProduct(t.db, { cooperativeId: shopId, titleZh: "笋干", titleEn: "Dried bamboo shoots" }, [{ sku, nameZh: "500克", priceCents: 5_800, stock: 5 }]);
    const other = await newCart();
    const { unitId: second } = await room();
    await addLine(other, { sku, quantity: 1 });
    await addLine(other, { unitId: second, checkIn: day(30), checkOut: day(31), guests: 1 });
    const before = await bookingFingerprint(other, [second], []);
    const refused = await checkout(other, { address: undefined });
    expectError(refused, 400, "invalid_body");
    expect(refused.body.error!.fields).toHaveProperty("address");
    expect(await bookingFingerprint(other, [second], [])).toBe(before);
  });
});

describe("no double booking under load", () => {
  it("100 concurrent bookings of one room for overlapping nights → exactly 1 confirmed, 99 × 409 unavailable, 0 ≥ 500", { timeout: 120_000 }, async () => {
    const { unitId } = await room();
    const db = getDb();
    // Every range covers night day(50); they start and end on different days.
    const cartIds = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const cartId = await createCart(db, null);
        const start = 50 - (i % 3);
        await addStayToCart(db, cartId, { unitId, checkIn: day(start), checkOut: day(51 + (i % 2)), guests: 2 }, { today });
        return cartId;
      }),
    );
    const answers = await Promise.all(cartIds.map((id) => checkout(id, { address: undefined, email: `t-${id.slice(0, 6).toLowerCase()}@example.com` })));
    expect(tally(answers)).toEqual({ "201": 1, "409 unavailable": 99 });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error!.message).toMatch(/no longer available/i);

    const winner = answers.find((a) => a.status === 201)!.body as unknown as { orderNumber: string; accessToken: string };
    expect((await pay(winner)).status).toBe(200);
    const rows = await bookingsOf(unitId);
    expect(rows.filter((b) => b.status === "confirmed")).toHaveLength(1);
    expect(rows.filter((b) => b.status !== "cancelled")).toHaveLength(1);
  });

  it("40 concurrent bookings of 1–3 people on a 12-seat slot → seats taken ≤ 12 and equal to the successful bookings' people", { timeout: 120_000 }, async () => {
    const slotId = await slot(12);
    const db = getDb();
    const groups = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const cartIds = await Promise.all(
      groups.map(async (people) => {
        const cartId = await createCart(db, null);
        await addSlotToCart(db, cartId, { slotId, people }, { now: new Date(), merge: false });
        return cartId;
      }),
    );
    const answers = await Promise.all(cartIds.map((id) => checkout(id, { address: undefined })));
    expect(answers.every((a) => a.status === 201 || (a.status === 409 && a.body.error?.code === "unavailable")), JSON.stringify(tally(answers))).toBe(true);
    const won = answers.map((a, i) => (a.status === 201 ? groups[i]! : 0)).reduce((n, p) => n + p, 0);
    const [row] = await t.db.execute<{ booked: number; held: number }>(sql`
      SELECT s.booked_count AS booked, (SELECT coalesce(sum(people), 0)::int FROM experience_bookings b WHERE b.slot_id = s.id AND b.status = 'held') AS held
      FROM experience_slots s WHERE s.id = ${slotId}`);
    expect(row!.booked).toBe(won);
    expect(row!.held).toBe(won);
    expect(won).toBeLessThanOrEqual(12);
    expect(won).toBeGreaterThanOrEqual(10); // with groups of ≤ 3, a full slot leaves at most 2 seats
  });

  it("back-to-back stays (check-out day = next check-in day) are both booked", async () => {
    const { unitId } = await room();
    const first = await newCart();
    const second = await newCart();
    await addLine(first, { unitId, checkIn: day(60), checkOut: day(62), guests: 2 });
    await addLine(second, { unitId, checkIn: day(62), checkOut: day(64), guests: 2 });
    const answers = await Promise.all([checkout(first, { address: undefined }), checkout(second, { address: undefined })]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
  });

  it("a room someone holds is refused when added (409 unavailable), and free again once that checkout is released", async () => {
    const { unitId } = await room();
    const first = await newCart();
    await addLine(first, { unitId, checkIn: day(70), checkOut: day(72), guests: 2 });
    expect((await checkout(first, { address: undefined })).status).toBe(201);
    const second = await newCart();
    expectError(await addLine(second, { unitId, checkIn: day(71), checkOut: day(73), guests: 2 }), 409, "unavailable");

    const { releaseExpiredHolds } = await import("~/modules/orders/holds.server");
    await releaseExpiredHolds(t.db, new Date(Date.now() + 24 * 3_600_000));
    expect((await addLine(second, { unitId, checkIn: day(71), checkOut: day(73), guests: 2 })).status).toBe(201);
  });
});

describe("bad dates, guests and people: 400/422 with a message, nothing held", () => {
  const cases: [string, (u: number) => unknown, number, string][] = [
    ["check-out before check-in", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(8), guests: 2 }), 422, "invalid_booking"],
    ["check-out = check-in", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(10), guests: 2 }), 422, "invalid_booking"],
    ["check-in in the past", (u) => ({ unitId: u, checkIn: day(-1), checkOut: day(2), guests: 2 }), 422, "invalid_booking"],
    ["31 nights", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(41), guests: 2 }), 422, "invalid_booking"],
    ["more than a year ahead", (u) => ({ unitId: u, checkIn: day(400), checkOut: day(401), guests: 2 }), 422, "invalid_booking"],
    ["ending beyond the six-month calendar", (u) => ({ unitId: u, checkIn: day(180), checkOut: day(190), guests: 2 }), 422, "invalid_booking"],
    ["a day that does not exist", (u) => ({ unitId: u, checkIn: "2027-02-30", checkOut: "2027-03-02", guests: 2 }), 422, "invalid_booking"],
    ["malformed date", (u) => ({ unitId: u, checkIn: "2027/04/03", checkOut: day(12), guests: 2 }), 400, "invalid_body"],
    ["date as a number", (u) => ({ unitId: u, checkIn: 20270403, checkOut: day(12), guests: 2 }), 400, "invalid_body"],
    ["0 guests", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(12), guests: 0 }), 400, "invalid_body"],
    ["-1 guests", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(12), guests: -1 }), 400, "invalid_body"],
    ["2.5 guests", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(12), guests: 2.5 }), 400, "invalid_body"],
    ['guests "2"', (u) => ({ unitId: u, checkIn: day(10), checkOut: day(12), guests: "2" }), 400, "invalid_body"],
    ["more guests than the room takes", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(12), guests: 4 }), 422, "invalid_booking"],
    ["guests missing", (u) => ({ unitId: u, checkIn: day(10), checkOut: day(12) }), 400, "invalid_body"],
    ["unknown room", () => ({ unitId: 2_000_000_000, checkIn: day(10), checkOut: day(12), guests: 2 }), 404, "not_found"],
    ["room id too big", () => ({ unitId: 9_999_999_999, checkIn: day(10), checkOut: day(12), guests: 2 }), 400, "invalid_body"],
    ["10 000-character date", (u) => ({ unitId: u, checkIn: "2".repeat(10_000), checkOut: day(12), guests: 2 }), 400, "invalid_body"],
  ];
  for (const [name, body, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const { unitId } = await room({ maxGuests: 3 });
      const cartId = await newCart();
      const before = await bookingFingerprint(cartId, [unitId], []);
      const answer = await addLine(cartId, body(unitId));
      expectError(answer, status, code);
      expect(answer.body.error!.message.length).toBeGreaterThan(5);
      expect(await bookingFingerprint(cartId, [unitId], [])).toBe(before);
    });
  }

  it("a stay shorter than the room's minimum nights → 422 naming checkOut", async () => {
    const { unitId } = await room({ minNights: 2 });
    const cartId = await newCart();
    const answer = await addLine(cartId, { unitId, checkIn: day(10), checkOut: day(11), guests: 1 });
    expectError(answer, 422, "invalid_booking");
    expect(answer.body.error!.fields).toHaveProperty("checkOut");
  });

  const slotCases: [string, (s: number) => unknown, number, string][] = [
    ["0 people", (s) => ({ slotId: s, people: 0 }), 400, "invalid_body"],
    ["7 people (experience takes 6)", (s) => ({ slotId: s, people: 7 }), 422, "invalid_booking"],
    ["13 people on 12 seats", (s) => ({ slotId: s, people: 100 }), 400, "invalid_body"],
    ["people as text", (s) => ({ slotId: s, people: "3" }), 400, "invalid_body"],
    ["unknown slot", () => ({ slotId: 2_000_000_000, people: 1 }), 404, "not_found"],
  ];
  for (const [name, body, status, code] of slotCases) {
    it(`slot: ${name} → ${status} ${code}`, async () => {
      const slotId = await slot(12);
      const cartId = await newCart();
      const before = await bookingFingerprint(cartId, [], [slotId]);
      expectError(await addLine(cartId, body(slotId)), status, code);
      expect(await bookingFingerprint(cartId, [], [slotId])).toBe(before);
    });
  }

  it("a slot whose bookings have closed (starts within the cut-off) → 409 unavailable", async () => {
    const slotId = await slot(12, 1); // starts in 1 h; bookings close 2 h before
    const cartId = await newCart();
    const answer = await addLine(cartId, { slotId, people: 1 });
    expectError(answer, 409, "unavailable");
    expect(answer.body.error!.message).toMatch(/closed/);
  });
});
