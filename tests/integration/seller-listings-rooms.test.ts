// Rooms and their calendars from the dashboard: add, edit and delete rooms (never the last room
// of an active stay), prices for particular dates (no overlaps: 422) and closed dates, entered
// as nights with the last one included. Another cooperative's ids, in the URL or in a form
// field, are 404; garbage is 400; either way nothing changes. The storefront shows the result.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stayUnits, stays, unitBlackouts, unitRates } from "../../db/schema/index";
import { addDays } from "~/modules/catalog/listing-dates";
import { getStayBySlug } from "~/modules/catalog/stays.server";
import { addRate } from "~/modules/seller-listings/calendar.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, sellerTeams, uniqueSlug } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let closeDb: () => Promise<void>;
let newRoom: typeof import("~/routes/dashboard.stay.room-new");
let roomRoute: typeof import("~/routes/dashboard.stay.room");
let coopA = 0;
let coopB = 0;
let villageId = 0;
const cookie: Record<"owner" | "staff" | "memberB", string> = {} as never;
const today = todayInShanghai();
const day = (n: number) => addDays(today, n);

async function makeStay(cooperativeId: number, status: "active" | "draft" = "active", rooms = 1) {
  const slug = uniqueSlug("room-test");
  const [stay] = await t.db.insert(stays).values({ cooperativeId, villageId, slug, titleZh: "测试民宿", titleEn: "", status }).returning();
  const units = [];
  for (let i = 0; i < rooms; i++) {
    const [unit] = await t.db
      .insert(stayUnits)
      .values({ stayId: stay!.id, nameZh: `房间${i + 1}`, nameEn: "", maxGuests: 2, basePriceCents: 30000, position: i })
      .returning();
    units.push(unit!);
  }
  return { stay: stay!, units };
}

const roomUrl = (stayId: number, unitId: number) => `/dashboard/stays/${stayId}/rooms/${unitId}`;

function postRoom(stayId: number | string, unitId: number | string, form: Record<string, string | string[]>, who = cookie.owner) {
  return callAction(roomRoute, `/dashboard/stays/${stayId}/rooms/${unitId}`, { cookie: who, params: { stayId: String(stayId), unitId: String(unitId) }, form });
}

const rateForm = (first: number, last: number, extra: Record<string, string> = {}) => ({
  intent: "add-rate",
  firstNight: day(first),
  lastNight: day(last),
  price: "588",
  minNights: "2",
  labelZh: "假期",
  ...extra,
});

async function calendarOf(unitId: number) {
  const [rates, blackouts, [unit]] = await Promise.all([
    t.db.select().from(unitRates).where(eq(unitRates.unitId, unitId)).orderBy(unitRates.id),
    t.db.select().from(unitBlackouts).where(eq(unitBlackouts.unitId, unitId)).orderBy(unitBlackouts.id),
    t.db.select().from(stayUnits).where(eq(stayUnits.id, unitId)),
  ]);
  return { rates, blackouts, unit };
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  newRoom = await import("~/routes/dashboard.stay.room-new");
  roomRoute = await import("~/routes/dashboard.stay.room");
  closeDb = (await import("~/utils/db.server")).closeDb;
  villageId = (await createVillage(t.db)).id;
  coopA = (await createCooperative(t.db, { kind: "homestay_host", villageId })).id;
  coopB = (await createCooperative(t.db, { kind: "homestay_host", villageId })).id;
  const team = await sellerTeams(t.db, coopA, coopB);
  Object.assign(cookie, { owner: team.owner, staff: team.staff, memberB: team.ownerB });
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

const roomForm = { intent: "save", nameZh: "山景大床房", nameEn: "Mountain view double", maxGuests: "2", beds: "一张1.8米大床", basePrice: "388.50", weekendPrice: "", minNights: "1" };

describe("rooms", () => {
  it("staff add a room (yuan → fen, no weekend price) and land on its page, after the other rooms", async () => {
    const { stay } = await makeStay(coopA, "draft", 1);
    const out = await callAction(newRoom, `/dashboard/stays/${stay.id}/rooms/new`, { cookie: cookie.staff, params: { stayId: String(stay.id) }, form: roomForm });
    expect(out.status).toBe(302);
    const unitId = Number(new RegExp(`^/dashboard/stays/${stay.id}/rooms/(\\d+)$`).exec(out.location ?? "")?.[1]);
    const { unit } = await calendarOf(unitId);
    expect(unit).toMatchObject({ stayId: stay.id, nameZh: "山景大床房", basePriceCents: 38850, weekendPriceCents: null, maxGuests: 2, position: 1 });
    const page = await callLoader(roomRoute, roomUrl(stay.id, unitId), { cookie: cookie.staff, params: { stayId: String(stay.id), unitId: String(unitId) } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("a room for another cooperative's stay, or with garbage, is refused and nothing is added", async () => {
    const { stay: bStay } = await makeStay(coopB);
    const { stay } = await makeStay(coopA);
    const count = async (stayId: number) => (await t.db.select().from(stayUnits).where(eq(stayUnits.stayId, stayId))).length;
    const post = (stayId: number | string, form: Record<string, string>) =>
      callAction(newRoom, `/dashboard/stays/${stayId}/rooms/new`, { cookie: cookie.owner, params: { stayId: String(stayId) }, form });
    expect((await post(bStay.id, roomForm)).status).toBe(404);
    expect((await post(bStay.id, { nameZh: "" })).status).toBe(404);
    expect((await post("abc", roomForm)).status).toBe(404);
    for (const bad of [{ maxGuests: "0" }, { maxGuests: "21" }, { basePrice: "-100" }, { basePrice: "abc" }, { minNights: "31" }, { nameZh: "" }, { beds: "床".repeat(5000) }]) {
      expect((await post(stay.id, { ...roomForm, ...bad })).status, JSON.stringify(bad)).toBe(400);
    }
    expect(await count(bStay.id)).toBe(1);
    expect(await count(stay.id)).toBe(1);
    const loader = await callLoader(newRoom, `/dashboard/stays/${bStay.id}/rooms/new`, { cookie: cookie.owner, params: { stayId: String(bStay.id) } });
    expect(loader.status).toBe(404);
  });

  it("edits a room; garbage and other cooperatives' members change nothing", async () => {
    const { stay, units } = await makeStay(coopA);
    const unit = units[0]!;
    const saved = await postRoom(stay.id, unit.id, { ...roomForm, maxGuests: "4", weekendPrice: "468", minNights: "2" });
    expect(saved.status).toBe(200);
    const after = (await calendarOf(unit.id)).unit!;
    expect(after).toMatchObject({ maxGuests: 4, weekendPriceCents: 46800, minNights: 2, basePriceCents: 38850 });
    for (const bad of [{ maxGuests: "-1" }, { weekendPrice: "-1" }, { basePrice: "" }, { minNights: "1.5" }]) {
      expect((await postRoom(stay.id, unit.id, { ...roomForm, ...bad })).status).toBe(400);
    }
    expect((await postRoom(stay.id, unit.id, { ...roomForm, nameZh: "改" }, cookie.memberB)).status).toBe(404);
    expect((await calendarOf(unit.id)).unit).toEqual(after);
  });

  it("the URL must name the room through its own stay of the acting cooperative", async () => {
    const { stay, units } = await makeStay(coopA);
    const { stay: other } = await makeStay(coopA);
    const { stay: bStay, units: bUnits } = await makeStay(coopB);
    const cases: [number | string, number | string][] = [
      [other.id, units[0]!.id], // a room of A, under A's other stay
      [stay.id, bUnits[0]!.id], // B's room under A's stay
      [bStay.id, bUnits[0]!.id], // B's room
      [stay.id, "garbage"],
      ["0", units[0]!.id],
    ];
    for (const [stayId, unitId] of cases) {
      const params = { stayId: String(stayId), unitId: String(unitId) };
      expect((await callLoader(roomRoute, `/dashboard/stays/${stayId}/rooms/${unitId}`, { cookie: cookie.owner, params })).status).toBe(404);
      const forms: Record<string, string>[] = [roomForm, rateForm(10, 12), { intent: "delete" }, { intent: "add-blackout", firstNight: day(3), lastNight: day(4) }];
      for (const form of forms) {
        expect((await postRoom(stayId, unitId, form)).status).toBe(404);
      }
    }
    expect((await calendarOf(bUnits[0]!.id)).rates).toEqual([]);
    expect((await calendarOf(units[0]!.id)).rates).toEqual([]);
  });

  it("never deletes the last room of an active stay (409); does delete otherwise", async () => {
    const { stay, units } = await makeStay(coopA, "active", 2);
    expect((await postRoom(stay.id, units[0]!.id, { intent: "delete" })).status).toBe(302);
    const last = await postRoom(stay.id, units[1]!.id, { intent: "delete" });
    expect(last.status).toBe(409);
    expect((last.body as { form: string; result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["listings.error.lastRoom"]);
    expect((await calendarOf(units[1]!.id)).unit).toBeDefined();
    await t.db.update(stays).set({ status: "draft" }).where(eq(stays.id, stay.id));
    const done = await postRoom(stay.id, units[1]!.id, { intent: "delete" });
    expect(done.location).toBe(`/dashboard/stays/${stay.id}`);
    expect(await t.db.select().from(stayUnits).where(eq(stayUnits.stayId, stay.id))).toEqual([]);
  });
});

describe("prices for particular dates", () => {
  it("stores nights first-to-last-included as [first, last + 1) and shows them on the storefront", async () => {
    const { stay, units } = await makeStay(coopA);
    const unit = units[0]!;
    const out = await postRoom(stay.id, unit.id, rateForm(30, 36, { labelEn: "Holiday" }));
    expect(out.status).toBe(200);
    expect((out.body as { notice: { key: string } }).notice.key).toBe("listings.rates.added");
    const [rate] = (await calendarOf(unit.id)).rates;
    expect(rate).toMatchObject({ startDate: day(30), endDate: day(37), priceCents: 58800, minNights: 2, labelZh: "假期", labelEn: "Holiday" });
    // One night: first = last.
    expect((await postRoom(stay.id, unit.id, rateForm(40, 40))).status).toBe(200);
    const page = await getStayBySlug(t.db, stay.slug, { today });
    expect(page?.rooms[0]?.rates.map((r) => [r.startDate, r.endDate])).toEqual([
      [day(30), day(37)],
      [day(40), day(41)],
    ]);
    const loaded = (await callLoader(roomRoute, roomUrl(stay.id, unit.id), { cookie: cookie.owner, params: { stayId: String(stay.id), unitId: String(unit.id) } }))
      .body as { rates: { firstNight: string; lastNight: string }[] };
    expect(loaded.rates.map((r) => [r.firstNight, r.lastNight])).toEqual([
      [day(30), day(36)],
      [day(40), day(40)],
    ]);
  });

  it("an overlapping range is 422 with a message; touching ranges are fine", async () => {
    const { stay, units } = await makeStay(coopA);
    const unit = units[0]!;
    expect((await postRoom(stay.id, unit.id, rateForm(20, 25))).status).toBe(200);
    for (const [first, last] of [[25, 27], [18, 20], [21, 22], [10, 40]] as const) {
      const out = await postRoom(stay.id, unit.id, rateForm(first, last));
      expect(out.status, `${first}-${last}`).toBe(422);
      expect((out.body as { form: string; result: { error: Record<string, string[]> } })).toMatchObject({ form: "rate", result: { error: { "": ["listings.error.rateOverlap"] } } });
    }
    expect((await postRoom(stay.id, unit.id, rateForm(26, 27))).status).toBe(200);
    expect((await postRoom(stay.id, unit.id, rateForm(18, 19))).status).toBe(200);
    // Another room of the same stay has its own calendar.
    const [second] = await t.db.insert(stayUnits).values({ stayId: stay.id, nameZh: "二号房", nameEn: "", maxGuests: 2, basePriceCents: 1 }).returning();
    expect((await postRoom(stay.id, second!.id, rateForm(20, 25))).status).toBe(200);
    expect((await calendarOf(unit.id)).rates).toHaveLength(3);
  });

  it("two overlapping rates sent at the same moment: exactly one is added", async () => {
    const { stay, units } = await makeStay(coopA);
    const input = { firstNight: day(50), lastNight: day(55), price: 10000, minNights: 1, labelZh: "", labelEn: "" };
    const results = await Promise.allSettled([
      addRate(t.db, coopA, stay.id, units[0]!.id, input),
      addRate(t.db, coopA, stay.id, units[0]!.id, { ...input, firstNight: day(53), lastNight: day(58) }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await calendarOf(units[0]!.id)).rates).toHaveLength(1);
  });

  it("garbage dates and amounts are 400 and add nothing", async () => {
    const { stay, units } = await makeStay(coopA);
    const unit = units[0]!;
    const cases = [
      rateForm(10, 9), // last night before the first
      rateForm(-10, -2), // all in the past
      { ...rateForm(10, 12), firstNight: "2027-02-30" },
      { ...rateForm(10, 12), lastNight: "tomorrow" },
      rateForm(10, 12, { price: "-588" }),
      rateForm(10, 12, { price: "1e12" }),
      rateForm(10, 12, { minNights: "0" }),
      rateForm(10, 12, { labelZh: "节".repeat(61) }),
      rateForm(10, 500),
      { intent: "add-rate" },
    ];
    for (const form of cases) expect((await postRoom(stay.id, unit.id, form)).status, JSON.stringify(form)).toBe(400);
    const pastOnly = await postRoom(stay.id, unit.id, rateForm(-10, -2));
    expect((pastOnly.body as { result: { error: Record<string, string[]> } }).result.error.lastNight).toEqual(["listings.error.pastRange"]);
    expect((await calendarOf(unit.id)).rates).toEqual([]);
  });

  it("deletes its own rate; another room's, another cooperative's or a made-up rate id is 404", async () => {
    const { stay, units } = await makeStay(coopA, "active", 2);
    const { stay: bStay, units: bUnits } = await makeStay(coopB);
    await postRoom(stay.id, units[0]!.id, rateForm(10, 12));
    await postRoom(stay.id, units[1]!.id, rateForm(10, 12));
    await postRoom(bStay.id, bUnits[0]!.id, rateForm(10, 12), cookie.memberB);
    const [mine] = (await calendarOf(units[0]!.id)).rates;
    const [sibling] = (await calendarOf(units[1]!.id)).rates;
    const [theirs] = (await calendarOf(bUnits[0]!.id)).rates;
    for (const rateId of [String(sibling!.id), String(theirs!.id), "999999999", "abc", "-1", "1 OR 1=1"]) {
      expect((await postRoom(stay.id, units[0]!.id, { intent: "delete-rate", rateId })).status, rateId).toBe(404);
    }
    expect((await postRoom(stay.id, units[0]!.id, { intent: "delete-rate" })).status).toBe(400);
    expect((await postRoom(bStay.id, bUnits[0]!.id, { intent: "delete-rate", rateId: String(theirs!.id) })).status).toBe(404);
    expect((await calendarOf(bUnits[0]!.id)).rates).toHaveLength(1);
    expect((await calendarOf(units[1]!.id)).rates).toHaveLength(1);
    const out = await postRoom(stay.id, units[0]!.id, { intent: "delete-rate", rateId: String(mine!.id) }, cookie.staff);
    expect(out.status).toBe(200);
    expect((await calendarOf(units[0]!.id)).rates).toEqual([]);
  });
});

describe("closed dates", () => {
  it("closes nights from … to … (included), reopens them, and the storefront follows", async () => {
    const { stay, units } = await makeStay(coopA);
    const unit = units[0]!;
    const out = await postRoom(stay.id, unit.id, { intent: "add-blackout", firstNight: day(5), lastNight: day(5), reason: "自住" });
    expect(out.status).toBe(200);
    expect((await postRoom(stay.id, unit.id, { intent: "add-blackout", firstNight: day(4), lastNight: day(7) })).status).toBe(200);
    const { blackouts } = await calendarOf(unit.id);
    expect(blackouts.map((b) => [b.startDate, b.endDate, b.reason])).toEqual([
      [day(5), day(6), "自住"],
      [day(4), day(8), ""],
    ]);
    expect((await getStayBySlug(t.db, stay.slug, { today }))?.rooms[0]?.blackouts).toHaveLength(2);
    expect((await postRoom(stay.id, unit.id, { intent: "delete-blackout", blackoutId: String(blackouts[0]!.id) })).status).toBe(200);
    expect((await calendarOf(unit.id)).blackouts).toHaveLength(1);
  });

  it("garbage is 400, and another cooperative's blackout id is 404; nothing changes", async () => {
    const { stay, units } = await makeStay(coopA);
    const { stay: bStay, units: bUnits } = await makeStay(coopB);
    await postRoom(bStay.id, bUnits[0]!.id, { intent: "add-blackout", firstNight: day(3), lastNight: day(4) }, cookie.memberB);
    const [theirs] = (await calendarOf(bUnits[0]!.id)).blackouts;
    const garbage: Record<string, string>[] = [
      { intent: "add-blackout", firstNight: day(9), lastNight: day(8) },
      { intent: "add-blackout", firstNight: day(-9), lastNight: day(-8) },
      { intent: "add-blackout", firstNight: "2026-13-01", lastNight: day(8) },
      { intent: "add-blackout", firstNight: day(8), lastNight: day(9), reason: "r".repeat(201) },
      { intent: "add-blackout", firstNight: day(8), lastNight: day(9), reason: "\u0000" },
    ];
    for (const form of garbage) {
      expect((await postRoom(stay.id, units[0]!.id, form)).status).toBe(400);
    }
    expect((await postRoom(stay.id, units[0]!.id, { intent: "delete-blackout", blackoutId: String(theirs!.id) })).status).toBe(404);
    expect((await postRoom(bStay.id, bUnits[0]!.id, { intent: "delete-blackout", blackoutId: String(theirs!.id) })).status).toBe(404);
    expect((await calendarOf(units[0]!.id)).blackouts).toEqual([]);
    expect(await t.db.select().from(unitBlackouts).where(eq(unitBlackouts.unitId, bUnits[0]!.id))).toHaveLength(1);
  });
});
