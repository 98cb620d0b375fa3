// Finding a free room, on the real database: nights taken by held and confirmed bookings show as
// taken (cancelled ones free), the check-out day of a stay is free for the next guest, the stays
// list with dates keeps only stays with a room free for every night — priced with dated rates and
// weekend nights — and brings a stay back when the booking that took its night is cancelled.
// Dates are computed from todayInShanghai(), so the file passes under any TZ.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stayBookings, unitRates } from "../../db/schema/index";
import { quoteRooms, roomAvailability } from "~/modules/bookings/availability.server";
import { availabilityEnd } from "~/modules/bookings/find-dates";
import { addDays } from "~/modules/catalog/listing-dates";
import { listStays } from "~/modules/catalog/stays.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, type CooperativeRow, type VillageRow } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { type BookingStatus, bookNights, mondayAfter } from "./bookings-find-support";
import { addBlackout, addRate, createStay } from "./catalog-listing-fixtures";

let t: TestDb;
let village: VillageRow;
let host: CooperativeRow;
const today = todayInShanghai();
/** The first Monday at least two weeks ahead: its Friday and Saturday are weekend nights. */
const monday = mondayAfter(today);
const day = (n: number) => addDays(monday, n);

beforeAll(async () => {
  t = openTestDb();
  village = await createVillage(t.db);
  host = await createCooperative(t.db, { kind: "homestay_host", villageId: village.id });
});
afterAll(() => t.close());

const book = (unitId: number, checkIn: string, checkOut: string, status: BookingStatus) => bookNights(t.db, host.id, unitId, checkIn, checkOut, status);

const stay = (units: Parameters<typeof createStay>[2] = [{}]) => createStay(t.db, { cooperativeId: host.id, villageId: village.id }, units);
const statesOf = (nights: { date: string; state: string }[]) => Object.fromEntries(nights.map((n) => [n.date, n.state]));

describe("roomAvailability", () => {
  it("held and confirmed nights are taken, cancelled ones free; the check-out day stays free", async () => {
    const { rooms } = await stay();
    const unitId = rooms[0]!.id;
    await book(unitId, day(0), day(2), "confirmed");
    await book(unitId, day(2), day(3), "held");
    await book(unitId, day(3), day(5), "cancelled");
    await addBlackout(t.db, unitId, day(6), day(7));
    const [room] = await roomAvailability(t.db, { unitIds: [unitId], from: day(-1), to: day(8), today });
    expect(statesOf(room!.nights)).toEqual({
      [day(-1)]: "free",
      [day(0)]: "booked",
      [day(1)]: "booked",
      [day(2)]: "held", // the confirmed stay's check-out day is the held stay's check-in
      [day(3)]: "free",
      [day(4)]: "free",
      [day(5)]: "free",
      [day(6)]: "blackout",
      [day(7)]: "free",
    });
  });

  it("prices each night by the host's rules and marks past and beyond-six-months nights", async () => {
    const { rooms } = await stay([{ basePriceCents: 40000, weekendPriceCents: 55000, minNights: 1 }]);
    const unitId = rooms[0]!.id;
    await addRate(t.db, unitId, day(2), day(4), 70000, "Festival");
    const [room] = await roomAvailability(t.db, { unitIds: [unitId], from: day(0), to: day(7), today });
    expect(room!.nights.map((n) => n.priceCents)).toEqual([40000, 40000, 70000, 70000, 55000, 55000, 40000]);
    const end = availabilityEnd(today);
    const [edges] = await roomAvailability(t.db, { unitIds: [unitId], from: today, to: addDays(end, 1), today });
    expect(edges!.nights[0]).toMatchObject({ date: today, state: "free" });
    expect(edges!.nights.at(-2)).toMatchObject({ date: addDays(end, -1), state: "free" });
    expect(edges!.nights.at(-1)).toMatchObject({ date: end, state: "outside" });
    const [past] = await roomAvailability(t.db, { unitIds: [unitId], from: addDays(today, -2), to: addDays(today, 1), today });
    expect(past!.nights.map((n) => n.state)).toEqual(["past", "past", "free"]);
  });
});

describe("quoteRooms", () => {
  it("a taken night makes the range unavailable; the same range is available again once the booking is cancelled", async () => {
    const { rooms } = await stay([{ maxGuests: 3, basePriceCents: 30000 }]);
    const unitId = rooms[0]!.id;
    const bookingId = await book(unitId, day(1), day(2), "held");
    const range = { unitIds: [unitId], checkIn: day(0), checkOut: day(3), guests: 2, today };
    expect((await quoteRooms(t.db, range))[0]).toMatchObject({ available: false, problem: "taken", totalCents: 90000 });
    await t.db.update(stayBookings).set({ status: "cancelled" }).where(eq(stayBookings.id, bookingId));
    expect((await quoteRooms(t.db, range))[0]).toMatchObject({ available: true, problem: null, nights: 3 });
    // Back to back: arriving on the day a confirmed guest leaves is fine.
    await book(unitId, day(3), day(5), "confirmed");
    expect((await quoteRooms(t.db, range))[0]).toMatchObject({ available: true });
    expect((await quoteRooms(t.db, { ...range, checkOut: day(4) }))[0]).toMatchObject({ available: false, problem: "taken" });
    expect((await quoteRooms(t.db, { ...range, guests: 4 }))[0]).toMatchObject({ available: false, problem: "too_many_guests" });
  });
});

describe("listStays with dates", () => {
  it("keeps only stays with a room free for the whole range, priced with rates and weekend nights", async () => {
    // One village of its own so other tests' stays do not interfere.
    const own = await createVillage(t.db);
    const make = (units: Parameters<typeof createStay>[2]) => createStay(t.db, { cooperativeId: host.id, villageId: own.id }, units);
    const open = await make([{ basePriceCents: 40000, weekendPriceCents: 50000, maxGuests: 2 }, { basePriceCents: 90000, maxGuests: 4 }]);
    const single = await make([{ basePriceCents: 20000, maxGuests: 2 }]);
    const blacked = await make([{ basePriceCents: 20000 }]);
    const longStay = await make([{ basePriceCents: 20000, minNights: 5 }]);
    await addRate(t.db, open.rooms[0]!.id, day(3), day(4), 80000, "Thursday special");
    await addBlackout(t.db, blacked.rooms[0]!.id, day(5), day(6));
    const bookingId = await book(single.rooms[0]!.id, day(4), day(5), "confirmed");

    // Wednesday to Sunday: Wed base, Thu rate, Fri and Sat weekend.
    const range = { village: own.slug, checkIn: day(2), checkOut: day(6), today };
    const found = await listStays(t.db, range);
    expect(found.items.map((s) => s.slug)).toEqual([open.stay.slug]);
    expect(found.total).toBe(1);
    expect(found.items[0]!.range).toEqual({ checkIn: day(2), checkOut: day(6), nights: 4, totalCents: 40000 + 80000 + 50000 + 50000 });

    // For four guests only the big room fits: its total is the stay's price.
    const four = await listStays(t.db, { ...range, guests: 4 });
    expect(four.items.map((s) => [s.slug, s.range?.totalCents])).toEqual([[open.stay.slug, 4 * 90000]]);

    // The booked night was the only obstacle: cancelled, the stay is back.
    await t.db.update(stayBookings).set({ status: "cancelled" }).where(eq(stayBookings.id, bookingId));
    const again = await listStays(t.db, range);
    expect(again.items.map((s) => s.slug).sort()).toEqual([open.stay.slug, single.stay.slug].sort());
    expect(again.total).toBe(2);

    // A five-night stay meets the long stay's minimum (and avoids the blackout by ending before it).
    const five = await listStays(t.db, { village: own.slug, checkIn: day(0), checkOut: day(5), today });
    expect(five.items.map((s) => s.slug)).toContain(longStay.stay.slug);
    expect(five.items.map((s) => s.slug)).toContain(blacked.stay.slug);
    expect((await listStays(t.db, { village: own.slug, checkIn: day(0), checkOut: day(4), today })).items.map((s) => s.slug)).not.toContain(longStay.stay.slug);

    // Without dates the list is what it always was.
    const undated = await listStays(t.db, { village: own.slug });
    expect(undated.total).toBe(4);
    expect(undated.items.every((s) => s.range === null)).toBe(true);
  });

  it("a dated rate's minimum stay counts only on the nights it covers", async () => {
    const own = await createVillage(t.db);
    const { stay: s, rooms } = await createStay(t.db, { cooperativeId: host.id, villageId: own.id }, [{ basePriceCents: 30000 }]);
    await t.db.insert(unitRates).values({ unitId: rooms[0]!.id, startDate: day(10), endDate: day(12), priceCents: 50000, minNights: 3 });
    const list = (checkIn: string, checkOut: string) => listStays(t.db, { village: own.slug, checkIn, checkOut, today }).then((p) => p.items.map((i) => i.slug));
    expect(await list(day(8), day(10))).toEqual([s.slug]);
    expect(await list(day(9), day(11))).toEqual([]);
    expect(await list(day(9), day(12))).toEqual([s.slug]);
    const [quote] = await quoteRooms(t.db, { unitIds: [rooms[0]!.id], checkIn: day(9), checkOut: day(11), today });
    expect(quote).toMatchObject({ available: false, problem: "min_nights", minNights: 3 });
  });

  it("finds nothing for nights beyond the six-month calendar, and everything free up to its last night", async () => {
    const own = await createVillage(t.db);
    const { stay: s } = await createStay(t.db, { cooperativeId: host.id, villageId: own.id }, [{}]);
    const end = availabilityEnd(today);
    const list = (checkIn: string, checkOut: string) => listStays(t.db, { village: own.slug, checkIn, checkOut, today }).then((p) => p.items.map((i) => i.slug));
    expect(await list(addDays(end, -2), end)).toEqual([s.slug]);
    expect(await list(addDays(end, -1), addDays(end, 1))).toEqual([]);
  });

  it("pages correctly when dates filter stays out", async () => {
    const own = await createVillage(t.db);
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await createStay(t.db, { cooperativeId: host.id, villageId: own.id, createdAt: new Date(Date.UTC(2030, 0, 1 + i)) }, [{}]));
    // The two newest are booked on the range's night.
    await book(made[4]!.rooms[0]!.id, day(20), day(21), "held");
    await book(made[3]!.rooms[0]!.id, day(19), day(22), "confirmed");
    const page = (n: number) => listStays(t.db, { village: own.slug, checkIn: day(20), checkOut: day(21), today, pageSize: 2, page: n });
    const [one, two] = await Promise.all([page(1), page(2)]);
    expect(one).toMatchObject({ total: 3, pages: 2, page: 1 });
    expect(one.items.map((s) => s.slug)).toEqual([made[2]!.stay.slug, made[1]!.stay.slug]);
    expect(two.items.map((s) => s.slug)).toEqual([made[0]!.stay.slug]);
  });
});
