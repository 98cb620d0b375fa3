// The host's bookings calendar on the real database: each night of each room says what it is
// (confirmed, held, closed by the host, closed by an imported calendar, free), only the acting
// cooperative's rooms appear, closing nights a guest holds or booked is refused (409) naming
// them, bad dates are 400, another cooperative's ids are 404 — and a refusal changes nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, experienceSlots, experiences, orders, stayUnits, unitBlackouts, unitCalendarImports } from "../../db/schema/index";
import type { HostCalendar, NightCell } from "~/modules/bookings/host-calendar.server";
import { uniqueSlug } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { type HostWorld, book, calendarDigest, day, hostWorld, makeStay, today } from "./host-support";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let closeDb: () => Promise<void>;
let route: typeof import("~/routes/dashboard.bookings");
let roomRoute: typeof import("~/routes/dashboard.stay.room");
let w: HostWorld;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  route = await import("~/routes/dashboard.bookings");
  roomRoute = await import("~/routes/dashboard.stay.room");
  closeDb = (await import("~/utils/db.server")).closeDb;
  w = await hostWorld(t.db);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

const month = (offset: number) => day(offset).slice(0, 7);

async function calendar(query = "", cookie = w.cookie.owner) {
  return callLoader(route, `/dashboard/bookings${query}`, { cookie });
}

function nightsOf(body: unknown, unitId: number): Record<string, NightCell> {
  const room = (body as HostCalendar).rooms.find((r) => r.id === unitId);
  if (!room) throw new Error(`room ${unitId} not in the calendar`);
  return Object.fromEntries(room.nights.map((n) => [n.night, n]));
}

function post(form: Record<string, string>, cookie = w.cookie.owner, query = "") {
  return callAction(route, `/dashboard/bookings${query}`, { cookie, form });
}

const block = (unitId: number, from: string, to: string, extra: Record<string, string> = {}) => ({ intent: "block", unitId: String(unitId), from, to, ...extra });

describe("the month grid", () => {
  it("shows each night's state for the right nights, and only the acting cooperative's rooms", async () => {
    // Nights far enough ahead to sit in one month whatever today is: the 10th–20th of the month after next.
    const base = `${month(62)}-10`;
    const at = (n: number) => {
      const [y, m, d] = base.split("-").map(Number) as [number, number, number];
      return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
    };
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId, 2);
    const { stay: bStay } = await makeStay(t.db, w.coopB, w.villageId, 1);
    const confirmed = await book(t.db, w.coopA, units[0]!.id, at(0), at(2), { name: "李四" });
    const held = await book(t.db, w.coopA, units[0]!.id, at(2), at(3), { status: "held" });
    await t.db.insert(unitBlackouts).values({ unitId: units[0]!.id, startDate: at(4), endDate: at(6), reason: "自住" });
    // An imported busy night over a confirmed booking (the other channel's calendar read after
    // the booking was made): both kept, the cell says "conflict".
    await book(t.db, w.coopA, units[1]!.id, at(2), at(4));
    const [imp] = await t.db.insert(unitCalendarImports).values({ unitId: units[1]!.id, url: null, name: "Airbnb" }).returning();
    await t.db.insert(unitBlackouts).values({ unitId: units[1]!.id, startDate: at(1), endDate: at(3), importId: imp!.id, reason: "Airbnb" });

    const out = await calendar(`?month=${base.slice(0, 7)}`);
    expect(out.status).toBe(200);
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    const body = out.body as HostCalendar;
    expect(body.days[0]).toBe(`${base.slice(0, 7)}-01`);
    expect(body.rooms.every((r) => r.stayId !== bStay.id)).toBe(true);
    const a = nightsOf(body, units[0]!.id);
    expect([at(0), at(1), at(2), at(3), at(4), at(5), at(6)].map((n) => a[n]!.state)).toEqual([
      "confirmed",
      "confirmed",
      "held",
      "free",
      "blocked",
      "blocked",
      "free",
    ]);
    expect(a[at(0)]!.booking).toMatchObject({ id: confirmed.bookingId, orderNumber: confirmed.orderNumber, guestInitial: "李" });
    expect(a[at(2)]!.booking?.id).toBe(held.bookingId);
    expect(a[at(2)]!.booking?.expiresAt).not.toBeNull();
    expect(a[at(4)]!.closed).toMatchObject({ reason: "自住", imported: false });
    const b = nightsOf(body, units[1]!.id);
    expect([at(0), at(1), at(2), at(3), at(4)].map((n) => [b[n]!.state, b[n]!.conflict])).toEqual([
      ["free", false],
      ["imported", false],
      ["confirmed", true],
      ["confirmed", false],
      ["free", false],
    ]);
    expect(body.blackouts.map((x) => [x.unitId, x.startDate, x.endDate])).toContainEqual([units[0]!.id, at(4), at(6)]);
    expect(body.blackouts.some((x) => x.unitId === units[1]!.id)).toBe(false);
    expect(body.upcoming.filter((u) => u.kind === "stay").map((u) => u.id)).toEqual(expect.arrayContaining([confirmed.bookingId, held.bookingId]));

    // The stay filter, and B's stay (or garbage) as the filter: 404.
    const filtered = await calendar(`?month=${base.slice(0, 7)}&stay=${stay.id}`);
    expect((filtered.body as HostCalendar).rooms.map((r) => r.id)).toEqual(units.map((u) => u.id));
    expect((await calendar(`?stay=${bStay.id}`)).status).toBe(404);
    expect((await calendar(`?stay=abc`)).status).toBe(404);
    // B's member sees B's rooms only.
    const forB = (await calendar(`?month=${base.slice(0, 7)}`, w.cookie.memberB)).body as HostCalendar;
    expect(forB.rooms.map((r) => r.stayId)).toEqual([bStay.id]);
  });

  it("tells a pay-on-arrival request waiting for the host from a checkout being paid", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId);
    const paying = await book(t.db, w.coopA, units[0]!.id, day(70), day(71), { status: "held" });
    const request = await book(t.db, w.coopA, units[0]!.id, day(71), day(72), { status: "held" });
    await t.db.update(orders).set({ provider: "on_arrival" }).where(eq(orders.id, request.orderId));
    const body = (await calendar(`?month=${month(70)}`)).body as HostCalendar;
    const cells = nightsOf(body, units[0]!.id);
    if (cells[day(70)]) expect(cells[day(70)]!.booking).toMatchObject({ id: paying.bookingId, request: false });
    const body2 = (await calendar(`?month=${month(71)}`)).body as HostCalendar;
    expect(nightsOf(body2, units[0]!.id)[day(71)]).toMatchObject({ state: "held", booking: { id: request.bookingId, request: true } });
    const upcoming = body2.upcoming.filter((u) => u.kind === "stay" && [paying.bookingId, request.bookingId].includes(u.id));
    expect(upcoming.map((u) => [u.id, u.request])).toEqual([
      [paying.bookingId, false],
      [request.bookingId, true],
    ]);
  });

  it("defaults to this month in Shanghai, links the months around it, and refuses a malformed month (400)", async () => {
    const out = (await calendar()).body as HostCalendar;
    expect(out.month).toBe(today.slice(0, 7));
    expect(out.days).toContain(today);
    const [y, m] = today.split("-").map(Number) as [number, number];
    expect(out.next).toBe(m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`);
    expect((await calendar("?month=2027-02")).body).toMatchObject({ days: expect.arrayContaining(["2027-02-28"]), prev: "2027-01", next: "2027-03" });
    expect(((await calendar("?month=2028-02")).body as HostCalendar).days).toHaveLength(29);
    for (const bad of ["2027-13", "2027-2", "abc", "2027-02-01"]) expect((await calendar(`?month=${bad}`)).status, bad).toBe(400);
  });

  it("lists the month's experience sessions with seats booked of capacity", async () => {
    const [experience] = await t.db
      .insert(experiences)
      .values({ cooperativeId: w.coopA, villageId: w.villageId, slug: uniqueSlug("host-exp"), titleZh: "采茶", titleEn: "Tea", durationMinutes: 120, pricePerPersonCents: 8800 })
      .returning();
    // 23:30 on the last evening of the month before, Shanghai time, is that month's; 00:30 on the 1st is this month's.
    const first = `${month(40)}-01`;
    const startOfMonth = new Date(`${first}T00:00:00+08:00`);
    await t.db.insert(experienceSlots).values([
      { experienceId: experience!.id, startsAt: new Date(startOfMonth.getTime() - 30 * 60_000), capacity: 10 },
      { experienceId: experience!.id, startsAt: new Date(startOfMonth.getTime() + 30 * 60_000), capacity: 12, bookedCount: 5 },
    ]);
    const out = (await calendar(`?month=${first.slice(0, 7)}`)).body as HostCalendar;
    const mine = out.slots.filter((s) => s.experienceId === experience!.id);
    expect(mine.map((s) => [s.capacity, s.bookedCount])).toEqual([[12, 5]]);
  });
});

describe("closing and reopening nights", () => {
  it("closes [from, to) and reopens it; the storefront's blackouts follow", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    const out = await post(block(unitId, day(10), day(12), { reason: "装修" }), w.cookie.staff);
    expect(out.status).toBe(200);
    expect((out.body as { notice: { key: string } }).notice.key).toBe("hostBookings.block.done");
    const rows = await t.db.select().from(unitBlackouts).where(eq(unitBlackouts.unitId, unitId));
    expect(rows.map((r) => [r.startDate, r.endDate, r.reason, r.importId])).toEqual([[day(10), day(12), "装修", null]]);
    const reopened = await post({ intent: "unblock", blackoutId: String(rows[0]!.id) });
    expect(reopened.status).toBe(200);
    expect(await t.db.select().from(unitBlackouts).where(eq(unitBlackouts.unitId, unitId))).toEqual([]);
  });

  it("refuses (409) to close nights a guest holds or booked, naming them, and writes nothing; the check-out day is free", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    await book(t.db, w.coopA, unitId, day(20), day(22));
    await book(t.db, w.coopA, unitId, day(25), day(26), { status: "held" });
    const before = await calendarDigest(t.db, w.coopA);
    for (const [from, to, named] of [
      [day(18), day(21), [day(20)]],
      [day(21), day(30), [day(21), day(25)]],
    ] as const) {
      const out = await post(block(unitId, from, to));
      expect(out.status).toBe(409);
      const errors = (out.body as { form: string; result: { error: Record<string, string[]> } }).result.error[""]!;
      expect(errors).toEqual([`listings.error.nightsBooked:${named.join("、")}`]);
    }
    // The room page's own form meets the same rule.
    const [stayRow] = await t.db.select({ stayId: stayUnits.stayId }).from(stayUnits).where(eq(stayUnits.id, unitId));
    const viaRoom = await callAction(roomRoute, `/dashboard/stays/${stayRow!.stayId}/rooms/${unitId}`, {
      cookie: w.cookie.owner,
      params: { stayId: String(stayRow!.stayId), unitId: String(unitId) },
      form: { intent: "add-blackout", firstNight: day(21), lastNight: day(21) },
    });
    expect(viaRoom.status).toBe(409);
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
    // Back to back: closing from the check-out day on is fine.
    expect((await post(block(unitId, day(22), day(24)))).status).toBe(200);
  });

  it("bad dates are 400 and change nothing", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId);
    const unitId = units[0]!.id;
    const before = await calendarDigest(t.db, w.coopA);
    const cases: Record<string, string>[] = [
      block(unitId, day(5), day(5)), // to = from
      block(unitId, day(6), day(5)), // to before from
      block(unitId, day(-3), day(2)), // starts in the past
      block(unitId, day(300), day(367)), // last night more than a year ahead
      block(unitId, "2027-02-30", day(5)),
      block(unitId, day(5), "next week"),
      block(unitId, day(5), day(7), { reason: "r".repeat(201) }),
      { intent: "block", from: day(5), to: day(7) }, // no room
      { intent: "block", unitId: String(unitId) },
      { intent: "unblock" },
    ];
    for (const form of cases) expect((await post(form)).status, JSON.stringify(form)).toBe(400);
    expect((await post({ intent: "explode" })).status).toBe(400);
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
    // The edges that are allowed: tonight, and the last night a year ahead.
    expect((await post(block(unitId, day(0), day(1)))).status).toBe(200);
    expect((await post(block(unitId, day(364), day(366)))).status).toBe(200);
  });

  it("another cooperative's room or blackout is 404; an imported blackout is not reopened here (409)", async () => {
    const { units } = await makeStay(t.db, w.coopA, w.villageId);
    const { units: bUnits } = await makeStay(t.db, w.coopB, w.villageId);
    const [theirs] = await t.db.insert(unitBlackouts).values({ unitId: bUnits[0]!.id, startDate: day(3), endDate: day(4) }).returning();
    const [imp] = await t.db.insert(unitCalendarImports).values({ unitId: units[0]!.id, url: null, name: "Booking" }).returning();
    const [imported] = await t.db.insert(unitBlackouts).values({ unitId: units[0]!.id, startDate: day(3), endDate: day(4), importId: imp!.id }).returning();
    const beforeA = await calendarDigest(t.db, w.coopA);
    const beforeB = await calendarDigest(t.db, w.coopB);
    expect((await post(block(bUnits[0]!.id, day(8), day(9)))).status).toBe(404);
    expect((await post({ intent: "unblock", blackoutId: String(theirs!.id) })).status).toBe(404);
    expect((await post({ intent: "unblock", blackoutId: "99999999" })).status).toBe(404);
    expect((await post({ intent: "unblock", blackoutId: "1 OR 1=1" })).status).toBe(404);
    expect((await post(block(units[0]!.id, day(8), day(9)), w.cookie.memberB)).status).toBe(404);
    const importedOut = await post({ intent: "unblock", blackoutId: String(imported!.id) });
    expect(importedOut.status).toBe(409);
    expect(await calendarDigest(t.db, w.coopA)).toBe(beforeA);
    expect(await calendarDigest(t.db, w.coopB)).toBe(beforeB);
  });
});

describe("rooms with bookings", () => {
  it("keeps a room with bookings from today on (409, not a 500) and one with any booking at all", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId, 3);
    const params = (unitId: number) => ({ stayId: String(stay.id), unitId: String(unitId) });
    const del = (unitId: number) =>
      callAction(roomRoute, `/dashboard/stays/${stay.id}/rooms/${unitId}`, { cookie: w.cookie.owner, params: params(unitId), form: { intent: "delete" } });
    await book(t.db, w.coopA, units[0]!.id, day(3), day(5), { status: "held" });
    const upcoming = await del(units[0]!.id);
    expect(upcoming.status).toBe(409);
    expect((upcoming.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["listings.error.roomBooked"]);
    // A stay that ended: still part of an order's record.
    await book(t.db, w.coopA, units[1]!.id, day(-5), day(-2));
    const past = await del(units[1]!.id);
    expect(past.status).toBe(409);
    expect((past.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["listings.error.roomHasBookings"]);
    expect(await t.db.select({ id: stayUnits.id }).from(stayUnits).where(eq(stayUnits.stayId, stay.id))).toHaveLength(3);
    expect((await del(units[2]!.id)).status).toBe(302);
  });

  it("lowering a room's maximum guests below a booking's guests is allowed: the booking keeps its guests", async () => {
    const { stay, units } = await makeStay(t.db, w.coopA, w.villageId);
    await book(t.db, w.coopA, units[0]!.id, day(7), day(8), { guests: 3 });
    const out = await callAction(roomRoute, `/dashboard/stays/${stay.id}/rooms/${units[0]!.id}`, {
      cookie: w.cookie.owner,
      params: { stayId: String(stay.id), unitId: String(units[0]!.id) },
      form: { intent: "save", nameZh: "小房", maxGuests: "1", basePrice: "300", minNights: "1" },
    });
    expect(out.status).toBe(200);
    const [unit] = await t.db.select().from(stayUnits).where(eq(stayUnits.id, units[0]!.id));
    expect(unit!.maxGuests).toBe(1);
  });
});

describe("booking settings", () => {
  let settings: typeof import("~/routes/dashboard.bookings.settings");
  beforeAll(async () => {
    settings = await import("~/routes/dashboard.bookings.settings");
  });
  const mode = async (id: number) => (await t.db.select({ m: cooperatives.payOnArrival }).from(cooperatives).where(eq(cooperatives.id, id)))[0]!.m;

  it("an owner sets pay on arrival; staff are refused (403); a made-up mode is 400; B's owner changes only B", async () => {
    const page = await callLoader(settings, "/dashboard/bookings/settings", { cookie: w.cookie.owner });
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ payOnArrival: "off" });
    const save = (payOnArrival: string, cookie = w.cookie.owner) =>
      callAction(settings, "/dashboard/bookings/settings", { cookie, form: { intent: "save", payOnArrival } });
    expect((await save("host")).status).toBe(200);
    expect(await mode(w.coopA)).toBe("host");
    const before = await calendarDigest(t.db, w.coopA);
    expect((await callLoader(settings, "/dashboard/bookings/settings", { cookie: w.cookie.staff })).status).toBe(403);
    expect((await save("auto", w.cookie.staff)).status).toBe(403);
    expect((await save("always")).status).toBe(400);
    expect((await save("")).status).toBe(400);
    expect(await calendarDigest(t.db, w.coopA)).toBe(before);
    expect((await save("auto", w.cookie.memberB)).status).toBe(200);
    expect(await mode(w.coopB)).toBe("auto");
    expect(await mode(w.coopA)).toBe("host");
  });
});

describe("the experience's booking close time", () => {
  it("is entered in hours and stored in minutes (0–168 h); out of range is 400", async () => {
    const newRoute = await import("~/routes/dashboard.experiences.new");
    const editRoute = await import("~/routes/dashboard.experience");
    const form = { intent: "save", titleZh: "做青团", villageId: String(w.villageId), durationMinutes: "120", price: "88", minPeople: "1", maxPeople: "8", status: "draft" };
    const created = await callAction(newRoute, "/dashboard/experiences/new", { cookie: w.cookie.owner, form: { ...form, bookingCutoffHours: "1.5" } });
    expect(created.status).toBe(302);
    const id = Number(/(\d+)$/.exec(created.location ?? "")?.[1]);
    const stored = async () => (await t.db.select({ m: experiences.bookingCutoffMinutes }).from(experiences).where(eq(experiences.id, id)))[0]!.m;
    expect(await stored()).toBe(90);
    const edit = (hours: string | undefined) =>
      callAction(editRoute, `/dashboard/experiences/${id}`, {
        cookie: w.cookie.owner,
        params: { experienceId: String(id) },
        form: hours === undefined ? form : { ...form, bookingCutoffHours: hours },
      });
    expect((await edit("0")).status).toBe(200);
    expect(await stored()).toBe(0);
    expect((await edit("168")).status).toBe(200);
    expect(await stored()).toBe(10_080);
    for (const bad of ["-1", "168.5", "abc", "1e9"]) expect((await edit(bad)).status, bad).toBe(400);
    expect(await stored()).toBe(10_080);
    // Left out (an older form): the stored value stays.
    expect((await edit(undefined)).status).toBe(200);
    expect(await stored()).toBe(10_080);
    // Without the field a new experience gets the default two hours.
    const plain = await callAction(newRoute, "/dashboard/experiences/new", { cookie: w.cookie.owner, form });
    const plainId = Number(/(\d+)$/.exec(plain.location ?? "")?.[1]);
    expect((await t.db.select({ m: experiences.bookingCutoffMinutes }).from(experiences).where(eq(experiences.id, plainId)))[0]!.m).toBe(120);
  });
});

