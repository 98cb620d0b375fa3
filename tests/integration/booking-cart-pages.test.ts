// Booking from the pages, through the route modules as a browser uses them (forms, cookies), on
// the real database: the stay and experience pages post `add-stay` / `add-slot` to /cart; bad
// dates, guests and people are a 400/404/409/422 with the reason shown and nothing changed; the
// checkout of a cart of stays asks for no address, offers paying on arrival where the host takes
// it, and holds the nights when payment starts.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives } from "../../db/schema/index";
import type { CartView } from "~/modules/cart/types";
import { addDays } from "~/modules/catalog/listing-dates";
import { closeDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { createExperience, createStay } from "./catalog-listing-fixtures";
import { callAction, callLoader, cookieOf } from "./route-support";

process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-booking-pages-"));

let t: TestDb;
let cartRoute: typeof import("~/routes/cart");
let checkout: typeof import("~/routes/checkout");
let villageId: number;
let hostId: number;
let unitId: number;
let slotId: number;
const today = todayInShanghai();
const day = (n: number) => addDays(today, n);

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  cartRoute = await import("~/routes/cart");
  checkout = await import("~/routes/checkout");
  villageId = (await createVillage(t.db)).id;
  hostId = (await createCooperative(t.db, { kind: "homestay_host", villageId, nameZh: "竹里民宿", nameEn: "Zhuli Homestay" })).id;
  const { rooms } = await createStay(t.db, { cooperativeId: hostId, villageId, titleZh: "竹里小院", titleEn: "Zhuli Courtyard" }, [
    { maxGuests: 2, basePriceCents: 42_000, nameZh: "竹影房", nameEn: "Bamboo Room" },
  ]);
  unitId = rooms[0]!.id;
  const farm = await createCooperative(t.db, { kind: "leisure_farm", villageId });
  const experience = await createExperience(t.db, { cooperativeId: farm.id, villageId, minPeople: 1, maxPeople: 4, titleZh: "采茶体验", titleEn: "Tea picking" }, [
    { startsAt: new Date(Date.now() + 4 * 24 * 3_600_000), capacity: 6 },
  ]);
  const [slot] = await t.db.execute<{ id: number }>(sql`SELECT id FROM experience_slots WHERE experience_id = ${experience.id}`);
  slotId = slot!.id;
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

const TRAVELLER = { email: "traveller@example.com", name: "李华", phone: "139 1234 5678" };

async function addStay(cookie: string | null, fields: Record<string, string>) {
  return callAction(cartRoute, "/cart", { cookie, form: { intent: "add-stay", unitId: String(unitId), checkIn: day(10), checkOut: day(12), guests: "2", ...fields } });
}

async function cartOf(cookie: string): Promise<CartView> {
  const res = await callLoader(cartRoute, "/cart", { cookie });
  return (res.body as { cart: CartView }).cart;
}

async function fingerprint(): Promise<string> {
  const [row] = await t.db.execute<{ f: string }>(sql`
    SELECT concat_ws(' ', (SELECT count(*) FROM cart_lines), (SELECT count(*) FROM stay_bookings), (SELECT count(*) FROM experience_bookings),
      (SELECT sum(booked_count) FROM experience_slots), (SELECT count(*) FROM orders)) AS f`);
  return row!.f;
}

describe("adding stays and experiences from their pages", () => {
  it("a stay and an experience go into the cart (303 to the cart), grouped by host with their dates, guests and prices; nothing is held", async () => {
    const stay = await addStay(null, { returnTo: "/stays/somewhere" });
    expect(stay.status, JSON.stringify(stay.body)).toBe(303);
    expect(stay.location).toMatch(/\/cart\?notice=booked$/);
    const cookie = cookieOf(stay)!;
    const slot = await callAction(cartRoute, "/cart", { cookie, form: { intent: "add-slot", slotId: String(slotId), people: "2" } });
    expect(slot.status).toBe(303);

    const cart = await cartOf(cookie);
    const stays = cart.groups.flatMap((g) => g.stays);
    const slots = cart.groups.flatMap((g) => g.experiences);
    expect(stays.map((s) => [s.roomZh, s.checkIn, s.checkOut, s.nights, s.guests, s.totalCents, s.problem])).toEqual([
      ["竹影房", day(10), day(12), 2, 2, 84_000, null],
    ]);
    expect(slots.map((s) => [s.titleZh, s.people, s.totalCents])).toEqual([["采茶体验", 2, 2 * 12_800]]);
    expect(cart.shippingCents).toBe(0);
    expect(cart.itemCount).toBe(2);
    expect(cart.hasProducts).toBe(false);
    const [held] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM stay_bookings WHERE unit_id = ${unitId}`);
    expect(held!.n).toBe(0);

    // People can be changed on the cart page; a stay's nights cannot (remove and book again).
    const line = slots[0]!;
    const more = await callAction(cartRoute, "/cart", { cookie, form: { intent: "set", lineId: String(line.id), quantity: "3" } });
    expect(more.status).toBe(303);
    expect((await cartOf(cookie)).groups.flatMap((g) => g.experiences)[0]!.people).toBe(3);
    const tooMany = await callAction(cartRoute, "/cart", { cookie, form: { intent: "set", lineId: String(line.id), quantity: "5" } });
    expect(tooMany.status).toBe(422);
    expect((tooMany.body as { error: { code: string; reason: string } }).error).toMatchObject({ code: "invalid_booking", reason: "too_many_people" });
    const stayLine = stays[0]!;
    const nights = await callAction(cartRoute, "/cart", { cookie, form: { intent: "set", lineId: String(stayLine.id), quantity: "2" } });
    expect(nights.status).toBe(422);
  });

  const bad: [string, Record<string, string>, number, string, string | undefined][] = [
    ["check-out before check-in", { checkIn: day(12), checkOut: day(10) }, 422, "invalid_booking", "order"],
    ["past check-in", { checkIn: day(-2), checkOut: day(1) }, 422, "invalid_booking", "past"],
    ["31 nights", { checkIn: day(10), checkOut: day(41) }, 422, "invalid_booking", "too_long"],
    ["3 guests in a room for 2", { guests: "3" }, 422, "invalid_booking", "too_many_guests"],
    ["0 guests", { guests: "0" }, 422, "invalid_booking", "invalid_guests"],
    ["malformed date", { checkIn: "10/04/2027" }, 400, "invalid_booking", undefined],
    ["guests not a number", { guests: "two" }, 400, "invalid_booking", undefined],
    ["unknown room", { unitId: "2000000000" }, 404, "unknown_listing", undefined],
    ["room id not a number", { unitId: "1; DROP TABLE stays" }, 400, "invalid_booking", undefined],
  ];
  for (const [name, fields, status, code, reason] of bad) {
    it(`a stay with ${name} → ${status}, the reason shown, nothing changed`, async () => {
      const before = await fingerprint();
      const res = await addStay(null, fields);
      expect(res.status).toBe(status);
      const body = res.body as { ok: boolean; error: { code: string; reason?: string } };
      expect(body.ok).toBe(false);
      expect(body.error.code).toBe(code);
      expect(body.error.reason).toBe(reason);
      expect(await fingerprint()).toBe(before);
    });
  }

  it("a slot for 0 people, for more than its seats, or an unknown slot → 4xx and nothing changed", async () => {
    const before = await fingerprint();
    for (const [people, status] of [
      ["0", 400],
      ["7", 422],
      ["abc", 400],
    ] as const) {
      const res = await callAction(cartRoute, "/cart", { form: { intent: "add-slot", slotId: String(slotId), people } });
      expect(res.status, people).toBe(status);
    }
    const unknown = await callAction(cartRoute, "/cart", { form: { intent: "add-slot", slotId: "2000000000", people: "1" } });
    expect(unknown.status).toBe(404);
    expect(await fingerprint()).toBe(before);
  });
});

describe("checking out stays", () => {
  it("no address is asked for; paying online holds the nights and goes on to the payment page", async () => {
    const added = await addStay(null, { checkIn: day(20), checkOut: day(21), guests: "1" });
    const cookie = cookieOf(added)!;
    const page = await callLoader(checkout, "/checkout", { cookie });
    expect(page.status).toBe(200);
    expect((page.body as { cart: CartView }).cart.hasProducts).toBe(false);
    const res = await callAction(checkout, "/checkout", { cookie, form: TRAVELLER });
    expect(res.status, JSON.stringify(res.body)).toBe(303);
    expect(res.location).toMatch(/\/pay\/test\//);
    const [row] = await t.db.execute<{ status: string; province: string }>(sql`
      SELECT b.status::text, o.province FROM stay_bookings b JOIN orders o ON o.id = b.order_id WHERE b.unit_id = ${unitId} AND b.check_in = ${day(20)}`);
    expect(row).toEqual({ status: "held", province: "" });
  });

  it("pay on arrival is offered where the host takes it: confirmed at once, the order page instead of a payment page", async () => {
    await t.db.update(cooperatives).set({ payOnArrival: "auto" }).where(eq(cooperatives.id, hostId));
    try {
      const added = await addStay(null, { checkIn: day(25), checkOut: day(26), guests: "1" });
      const cookie = cookieOf(added)!;
      expect((await cartOf(cookie)).payOnArrivalAllowed).toBe(true);
      const res = await callAction(checkout, "/checkout", { cookie, form: { ...TRAVELLER, payment: "on_arrival" } });
      expect(res.status, JSON.stringify(res.body)).toBe(303);
      expect(res.location).toMatch(/\/orders\/XJ\d{6}-[A-Z0-9]{6}\?t=/);
      const [row] = await t.db.execute<{ status: string; order: string }>(sql`
        SELECT b.status::text, o.status::text AS order FROM stay_bookings b JOIN orders o ON o.id = b.order_id WHERE b.unit_id = ${unitId} AND b.check_in = ${day(25)}`);
      expect(row).toEqual({ status: "confirmed", order: "confirmed" });
    } finally {
      await t.db.update(cooperatives).set({ payOnArrival: "off" }).where(eq(cooperatives.id, hostId));
    }
  });

  it("a forged pay-on-arrival at a host who does not take it → 400 with the reason, nothing held", async () => {
    const added = await addStay(null, { checkIn: day(28), checkOut: day(29), guests: "1" });
    const cookie = cookieOf(added)!;
    const before = await fingerprint();
    const res = await callAction(checkout, "/checkout", { cookie, form: { ...TRAVELLER, payment: "on_arrival" } });
    expect(res.status).toBe(400);
    expect((res.body as { problem: { code: string } }).problem.code).toBe("invalid_checkout");
    expect(await fingerprint()).toBe(before);
    const garbage = await callAction(checkout, "/checkout", { cookie, form: { ...TRAVELLER, payment: "bitcoin" } });
    expect(garbage.status).toBe(400);
    expect(await fingerprint()).toBe(before);
  });

  it("nights someone else booked meanwhile → 409 naming the room, nothing held", async () => {
    const first = cookieOf(await addStay(null, { checkIn: day(32), checkOut: day(34), guests: "2" }))!;
    const second = cookieOf(await addStay(null, { checkIn: day(33), checkOut: day(35), guests: "2" }))!;
    expect((await callAction(checkout, "/checkout", { cookie: first, form: TRAVELLER })).status).toBe(303);
    const before = await fingerprint();
    const res = await callAction(checkout, "/checkout", { cookie: second, form: TRAVELLER });
    expect(res.status).toBe(409);
    const problem = (res.body as { problem: { code: string; lines: { titleZh: string }[] } }).problem;
    expect(problem.code).toBe("unavailable");
    expect(problem.lines[0]!.titleZh).toContain("竹影房");
    expect(await fingerprint()).toBe(before);
  });
});
