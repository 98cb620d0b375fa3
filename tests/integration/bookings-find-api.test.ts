// The JSON API's availability, as a mobile client sees it on the real database:
// GET /api/v1/stays/:slug/availability (defaults, states, prices, 400s for every kind of bad
// range with nothing changed, 404s), the stay quote knowing about others' bookings, and
// experience slots with seats left, whether they can be booked and when bookings close.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AVAILABILITY_CACHE, MAX_AVAILABILITY_DAYS, availabilityEnd } from "~/modules/bookings/find-dates";
import type { NightAvailability } from "~/modules/bookings/find-types";
import { addDays } from "~/modules/catalog/listing-dates";
import { closeDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, type CooperativeRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Route, expectJson, get } from "./api-v1-support";
import { bookNights, bookingFingerprint, mondayAfter } from "./bookings-find-support";
import { DAY, HOUR, addBlackout, addRate, createExperience, createStay } from "./catalog-listing-fixtures";

let t: TestDb;
let host: CooperativeRow;
const routes = {} as Record<"availability" | "stay" | "experience", Route>;
const today = todayInShanghai();
const monday = mondayAfter(today);
const day = (n: number) => addDays(monday, n);
let slug: string;
let draftSlug: string;
let twinId: number;
let suiteId: number;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  routes.availability = await import("~/routes/api.v1.stay.availability");
  routes.stay = await import("~/routes/api.v1.stay");
  routes.experience = await import("~/routes/api.v1.experience");
  const village = await createVillage(t.db);
  host = await createCooperative(t.db, { kind: "homestay_host", villageId: village.id });
  const { stay, rooms } = await createStay(t.db, { cooperativeId: host.id, villageId: village.id }, [
    { nameEn: "Twin", maxGuests: 2, basePriceCents: 38000, weekendPriceCents: 48000, position: 1 },
    { nameEn: "Suite", maxGuests: 4, basePriceCents: 68000, minNights: 2, position: 2 },
  ]);
  slug = stay.slug;
  [twinId, suiteId] = [rooms[0]!.id, rooms[1]!.id];
  await addRate(t.db, twinId, day(2), day(3), 58000, "Festival");
  await addBlackout(t.db, suiteId, day(0), day(1));
  await bookNights(t.db, host.id, twinId, day(0), day(2), "confirmed");
  await bookNights(t.db, host.id, suiteId, day(3), day(4), "held");
  await bookNights(t.db, host.id, suiteId, day(5), day(7), "cancelled");
  draftSlug = (await createStay(t.db, { cooperativeId: host.id, villageId: village.id, status: "draft" })).stay.slug;
});
afterAll(async () => {
  await closeDb();
  await t.close();
});

type AvailabilityBody = {
  from: string;
  to: string;
  today: string;
  calendarEnd: string;
  stay: { slug: string; url: string };
  rooms: { unitId: number; name: string; maxGuests: number; minNights: number; nights: NightAvailability[] }[];
};

const availability = (qs = "", s = slug) => get(routes.availability, `/api/v1/stays/${s}/availability${qs}`, { slug: s });

describe("GET /api/v1/stays/:slug/availability", () => {
  it("defaults to the 30 nights from today, each room with its nights", async () => {
    const { res, body } = await availability("?lang=en");
    expect(res.status).toBe(200);
    expectJson(res, "public");
    expect(res.headers.get("Cache-Control")).toBe(AVAILABILITY_CACHE);
    const b = body as unknown as AvailabilityBody;
    expect(b).toMatchObject({ from: today, to: addDays(today, 30), today, calendarEnd: availabilityEnd(today), stay: { slug, url: `/en/stays/${slug}` } });
    expect(b.rooms.map((r) => [r.unitId, r.name, r.maxGuests, r.minNights, r.nights.length])).toEqual([
      [twinId, "Twin", 2, 1, 30],
      [suiteId, "Suite", 4, 2, 30],
    ]);
    expect(b.rooms[0]!.nights[0]).toMatchObject({ date: today, state: "free" });
  });

  it("states and prices: booked, held, blackout, cancelled free, rates and weekend nights", async () => {
    const { res, body } = await availability(`?from=${day(0)}&to=${day(7)}`);
    expect(res.status).toBe(200);
    const [twin, suite] = (body as unknown as AvailabilityBody).rooms;
    expect(twin!.nights.map((n) => [n.state, n.priceCents])).toEqual([
      ["booked", 38000],
      ["booked", 38000],
      ["free", 58000], // the festival rate; also the booked stay's check-out day
      ["free", 38000],
      ["free", 48000], // Friday
      ["free", 48000], // Saturday
      ["free", 38000],
    ]);
    expect(suite!.nights.map((n) => n.state)).toEqual(["blackout", "free", "free", "held", "free", "free", "free"]);
    expect(suite!.nights.every((n) => n.minNights === 2)).toBe(true);
  });

  it("answers for up to 186 days; nights beyond the six-month calendar are outside", async () => {
    const { res, body } = await availability(`?from=${today}&to=${addDays(today, MAX_AVAILABILITY_DAYS)}`);
    expect(res.status).toBe(200);
    const nights = (body as unknown as AvailabilityBody).rooms[0]!.nights;
    expect(nights).toHaveLength(MAX_AVAILABILITY_DAYS);
    expect(nights.find((n) => n.date === availabilityEnd(today))?.state).toBe("outside");
    expect(nights.find((n) => n.date === addDays(availabilityEnd(today), -1))?.state).not.toBe("outside");
  });

  it.each([
    ["malformed from", () => "?from=2027-02-30", ["from"]],
    ["from not a date", () => "?from=tomorrow", ["from"]],
    ["malformed to", () => `?from=${day(0)}&to=2027/05/01`, ["to"]],
    ["from in the past", () => `?from=${addDays(today, -1)}&to=${addDays(today, 3)}`, ["from"]],
    ["to before from", () => `?from=${day(5)}&to=${day(3)}`, ["to"]],
    ["to equal to from", () => `?from=${day(5)}&to=${day(5)}`, ["to"]],
    ["to alone, before today", () => `?to=${addDays(today, -3)}`, ["to"]],
    ["a range of 187 days", () => `?from=${today}&to=${addDays(today, MAX_AVAILABILITY_DAYS + 1)}`, ["to"]],
    ["a range of ten years", () => `?from=${today}&to=${addDays(today, 3650)}`, ["to"]],
    ["an unknown language", () => "?lang=fr", ["lang"]],
    ["both malformed", () => "?from=x&to=y", ["from", "to"]],
  ])("%s → 400 naming the field, nothing changed", async (_, qs, fields) => {
    const before = await bookingFingerprint(t.db);
    const { res, body } = await availability(qs());
    expect(res.status).toBe(400);
    expectJson(res, "no-store");
    expect(body.error?.code).toBe("invalid_params");
    expect(body.error?.message).toBeTruthy();
    expect(Object.keys(body.error?.fields ?? {}).sort()).toEqual(fields);
    expect(await bookingFingerprint(t.db)).toBe(before);
  });

  it("unknown, draft or malformed stays → 404 in the API's shape", async () => {
    for (const s of ["no-such-stay-zz9", draftSlug, "<script>"]) {
      const { res, body } = await availability("", s);
      expect(res.status, s).toBe(404);
      expect(body.error?.code).toBe("not_found");
    }
  });

  it("garbage in any parameter never answers 500", async () => {
    for (const key of ["from", "to", "lang", "x"]) {
      for (const value of ["a".repeat(20_000), "%00", "%ED%A0%80", "🍵".repeat(300), "'; DROP TABLE stays; --"]) {
        const encoded = value.startsWith("%") ? value : encodeURIComponent(value);
        const { res } = await availability(`?${key}=${encoded}`);
        expect(res.status, `${key}=${value.slice(0, 12)}`).toBeLessThan(500);
      }
    }
  });

  it("takes GET only", async () => {
    const res = await routes.availability.action({ request: new Request(`http://test.local/api/v1/stays/${slug}/availability`, { method: "POST" }), params: { slug }, context: {} } as never);
    expect(res.status).toBe(405);
  });
});

describe("GET /api/v1/stays/:slug with dates knows about bookings", () => {
  type Room = { unitId: number; quote: { bookable: boolean; available: boolean; problem: string | null; totalCents: number; nights: number } };
  const rooms = async (qs: string) => {
    const { res, body } = await get(routes.stay, `/api/v1/stays/${slug}${qs}`, { slug });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(AVAILABILITY_CACHE);
    return (body.stay as { rooms: Room[] }).rooms;
  };

  it("a booked night makes a room not bookable; the check-out day is free for the next guest", async () => {
    const [twin, suite] = await rooms(`?checkIn=${day(1)}&checkOut=${day(3)}&guests=2`);
    expect(twin).toMatchObject({ unitId: twinId, quote: { bookable: false, available: false, problem: "taken", nights: 2, totalCents: 38000 + 58000 } });
    expect(suite).toMatchObject({ unitId: suiteId, quote: { bookable: true, problem: null, totalCents: 2 * 68000 } });
    const [after] = await rooms(`?checkIn=${day(2)}&checkOut=${day(4)}&guests=2`);
    expect(after!.quote).toMatchObject({ bookable: true, totalCents: 58000 + 38000 });
  });

  it("a held night counts as taken; a cancelled one does not", async () => {
    const [, held] = await rooms(`?checkIn=${day(2)}&checkOut=${day(4)}`);
    expect(held!.quote).toMatchObject({ bookable: false, problem: "taken" });
    const [, cancelled] = await rooms(`?checkIn=${day(5)}&checkOut=${day(7)}`);
    expect(cancelled!.quote).toMatchObject({ bookable: true });
  });
});

describe("GET /api/v1/experiences/:slug slots", () => {
  it("carry slotId, seats left, whether they can be booked and when bookings close", async () => {
    const village = await createVillage(t.db);
    const farm = await createCooperative(t.db, { kind: "leisure_farm", villageId: village.id });
    const now = Date.now();
    const { slug: exp } = await createExperience(t.db, { cooperativeId: farm.id, villageId: village.id, bookingCutoffMinutes: 120 }, [
      { startsAt: new Date(now + HOUR), capacity: 10, bookedCount: 2 },
      { startsAt: new Date(now + DAY), capacity: 12, bookedCount: 5 },
      { startsAt: new Date(now + 2 * DAY), capacity: 6, bookedCount: 6 },
    ]);
    const { res, body } = await get(routes.experience, `/api/v1/experiences/${exp}`, { slug: exp });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(AVAILABILITY_CACHE);
    type Slot = { slotId: number; startsAt: string; seatsLeft: number; full: boolean; bookable: boolean; state: string; closesAt: string };
    const e = body.experience as { bookingCutoffMinutes: number; slots: Slot[] };
    expect(e.bookingCutoffMinutes).toBe(120);
    expect(e.slots.map((s) => [s.seatsLeft, s.bookable, s.state, s.full])).toEqual([
      [8, false, "closed", false],
      [7, true, "open", false],
      [0, false, "full", true],
    ]);
    for (const s of e.slots) {
      expect(s.slotId).toBeGreaterThan(0);
      expect(s.closesAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(new Date(s.startsAt).getTime() - new Date(s.closesAt).getTime()).toBe(120 * 60_000);
    }
  });
});
