// The traveller's pages with dates, their loaders called the way Remix calls them, on the real
// database: /stays filtered by dates and guests (a stay whose only room is booked one night of
// the range drops out, and comes back when that booking is cancelled), polite notices for dates
// that cannot be used, a stay's month calendar kept between this month and six months on, its
// quote for the chosen dates, and an experience's slots (seats left, closed within the cutoff,
// full). Dates come from todayInShanghai(), so the file passes under any TZ.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stayBookings } from "../../db/schema/index";
import type { AvailableQuote, NightAvailability } from "~/modules/bookings/find-types";
import { AVAILABILITY_CACHE, addMonths, availabilityEnd, calendarMonths, monthOf, neighbourMonths } from "~/modules/bookings/find-dates";
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";
import type { BookableSlot, Paged, StayCardData } from "~/modules/catalog/listing-types";
import { closeDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { bookNights, bookingFingerprint, mondayAfter } from "./bookings-find-support";
import { DAY, HOUR, addBlackout, addRate, createExperience, createStay } from "./catalog-listing-fixtures";
import { type RouteModule, callLoader } from "./route-support";

let t: TestDb;
let village: VillageRow;
let host: CooperativeRow;
const routes = {} as Record<"stays" | "stay" | "experience", RouteModule>;
const today = todayInShanghai();
const monday = mondayAfter(today);
const day = (n: number) => addDays(monday, n);

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  routes.stays = await import("~/routes/stays");
  routes.stay = await import("~/routes/stay");
  routes.experience = await import("~/routes/experience");
  village = await createVillage(t.db);
  host = await createCooperative(t.db, { kind: "homestay_host", villageId: village.id });
});
afterAll(async () => {
  await closeDb();
  await t.close();
});

type StaysBody = { result: Paged<StayCardData>; datesNotice: string | null; query: Record<string, unknown> };
type StayBody = { month: string; calendar: { unitId: number; nights: NightAvailability[] }[]; quotes: AvailableQuote[]; datesNotice: string | null };

describe("/stays with dates", () => {
  it("shows only stays with a room free for the whole range, with the total; a cancelled booking brings a stay back", async () => {
    const { stay: free, rooms: freeRooms } = await createStay(t.db, { cooperativeId: host.id, villageId: village.id }, [
      { maxGuests: 2, basePriceCents: 30000, weekendPriceCents: 45000 },
      { maxGuests: 4, basePriceCents: 70000 },
    ]);
    const { stay: busy, rooms: busyRooms } = await createStay(t.db, { cooperativeId: host.id, villageId: village.id }, [{ maxGuests: 4, basePriceCents: 20000 }]);
    await addRate(t.db, freeRooms[0]!.id, day(3), day(4), 50000, "Thursday");
    // Thursday to Sunday: Thursday's rate, then Friday and Saturday at the weekend price.
    const qs = `village=${village.slug}&checkIn=${day(3)}&checkOut=${day(6)}`;
    const bookingId = await bookNights(t.db, host.id, busyRooms[0]!.id, day(5), day(6), "confirmed");

    const before = await callLoader(routes.stays, `/stays?${qs}`);
    expect(before.status).toBe(200);
    expect(before.headers.get("Cache-Control")).toBe(AVAILABILITY_CACHE);
    const body = before.body as StaysBody;
    expect(body.datesNotice).toBeNull();
    expect(body.result.items.map((s) => s.slug)).toEqual([free.slug]);
    expect(body.result.items[0]!.range).toEqual({ checkIn: day(3), checkOut: day(6), nights: 3, totalCents: 50000 + 45000 + 45000 });

    // Three guests: only the family room fits, so the price is its.
    const three = (await callLoader(routes.stays, `/stays?${qs}&guests=3`)).body as StaysBody;
    expect(three.result.items.map((s) => [s.slug, s.range?.totalCents])).toEqual([[free.slug, 3 * 70000]]);

    await t.db.update(stayBookings).set({ status: "cancelled" }).where(eq(stayBookings.id, bookingId));
    const after = (await callLoader(routes.stays, `/stays?${qs}`)).body as StaysBody;
    expect(after.result.items.map((s) => s.slug).sort()).toEqual([free.slug, busy.slug].sort());
    expect(after.result.total).toBe(2);
  });

  it.each([
    ["a check-in in the past", () => `checkIn=${addDays(today, -1)}&checkOut=${addDays(today, 2)}`, "past"],
    ["check-out before check-in", () => `checkIn=${day(5)}&checkOut=${day(3)}`, "order"],
    ["check-out on check-in", () => `checkIn=${day(5)}&checkOut=${day(5)}`, "order"],
    ["a malformed date", () => `checkIn=2027-02-30&checkOut=${day(3)}`, "invalid_date"],
    ["more than 30 nights", () => `checkIn=${day(0)}&checkOut=${day(31)}`, "too_long"],
    ["beyond the six-month calendar", () => `checkIn=${addDays(availabilityEnd(today), -1)}&checkOut=${addDays(availabilityEnd(today), 1)}`, "too_far"],
    ["a check-in without check-out", () => `checkIn=${day(0)}`, "incomplete"],
  ])("%s: the dates are ignored with a notice, the list is the plain one", async (_, qs, notice) => {
    const before = await bookingFingerprint(t.db);
    const res = await callLoader(routes.stays, `/stays?village=${village.slug}&${qs()}`);
    expect(res.status).toBe(200);
    const body = res.body as StaysBody;
    expect(body.datesNotice).toBe(notice);
    expect(body.query.checkOut).toBeUndefined();
    expect(body.result.items.every((s) => !s.range)).toBe(true);
    expect(res.headers.get("Cache-Control")).toMatch(/max-age=60/);
    expect(await bookingFingerprint(t.db)).toBe(before);
  });
});

describe("/stays/:slug calendar and quote", () => {
  let slug: string;
  let unitId: number;
  beforeAll(async () => {
    const { stay, rooms } = await createStay(t.db, { cooperativeId: host.id, villageId: village.id }, [
      { maxGuests: 2, basePriceCents: 30000, weekendPriceCents: 40000, minNights: 1 },
    ]);
    slug = stay.slug;
    unitId = rooms[0]!.id;
    await bookNights(t.db, host.id, unitId, day(1), day(3), "held");
    await addBlackout(t.db, unitId, day(8), day(9));
  });
  const load = (qs = "") => callLoader(routes.stay, `/stays/${slug}${qs}`, { params: { slug } });

  it("opens on this month: every day of it with state and price; short-lived cache", async () => {
    const res = await load();
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(AVAILABILITY_CACHE);
    const body = res.body as StayBody;
    expect(body.month).toBe(monthOf(today));
    const nights = body.calendar[0]!.nights;
    expect(nights[0]!.date).toBe(`${monthOf(today)}-01`);
    expect(nights.find((n) => n.date === today)).toMatchObject({ state: "free" });
    if (today.slice(8) !== "01") expect(nights[0]!.state).toBe("past");
  });

  it("pages between this month and six months on, never beyond; odd months fall back", async () => {
    const { first, last } = calendarMonths(today);
    expect(last).toBe(addMonths(first, 6));
    for (const [asked, shown] of [
      [addMonths(first, 3), addMonths(first, 3)],
      [addMonths(first, -1), first],
      [addMonths(first, 7), last],
      ["2019-01", first],
      ["9999-12", last],
      ["2027-13", first],
      ["<script>", first],
    ] as const) {
      const body = (await load(`?month=${encodeURIComponent(asked)}`)).body as StayBody;
      expect(body.month, asked).toBe(shown);
    }
    expect(neighbourMonths(first, today)).toEqual({ previous: null, next: addMonths(first, 1) });
    expect(neighbourMonths(last, today)).toEqual({ previous: addMonths(last, -1), next: null });
    // The last month shows nights beyond the six months as outside.
    const lastMonth = ((await load(`?month=${last}`)).body as StayBody).calendar[0]!.nights;
    expect(lastMonth.find((n) => n.date === availabilityEnd(today))?.state).toBe("outside");
  });

  it("shows the held nights and the blackout in the check-in's month, and the quote for the dates", async () => {
    const res = await load(`?checkIn=${day(0)}&checkOut=${day(2)}&guests=2`);
    const body = res.body as StayBody;
    expect(body.month).toBe(monthOf(day(0)));
    const states = Object.fromEntries(body.calendar[0]!.nights.map((n) => [n.date, n.state]));
    if (monthOf(day(8)) === body.month) expect(states[day(8)]).toBe("blackout");
    expect(states[day(1)]).toBe("held");
    expect(body.quotes[0]).toMatchObject({ unitId, nights: 2, totalCents: 60000, available: false, problem: "taken" });
    // Leaving on the morning the held stay begins is fine: Friday and Saturday are weekend nights.
    const fine = (await load(`?checkIn=${day(4)}&checkOut=${day(6)}&guests=2`)).body as StayBody;
    expect(fine.quotes[0]).toMatchObject({ available: true, problem: null, totalCents: 80000 });
    const crowded = (await load(`?checkIn=${day(4)}&checkOut=${day(6)}&guests=3`)).body as StayBody;
    expect(crowded.quotes[0]).toMatchObject({ available: false, problem: "too_many_guests" });
    const closed = (await load(`?checkIn=${day(7)}&checkOut=${day(10)}`)).body as StayBody;
    expect(closed.quotes[0]).toMatchObject({ available: false, problem: "blackout" });
    expect(nightsBetween(day(7), day(10))).toBe(3);
  });

  it("ignores unusable dates with a notice and no quote", async () => {
    const body = (await load(`?checkIn=${day(5)}&checkOut=${day(2)}`)).body as StayBody;
    expect(body).toMatchObject({ datesNotice: "order", quotes: [] });
  });
});

describe("an experience's slots", () => {
  it("seats left, closed within the host's cutoff, full when no group fits", async () => {
    const now = Date.now();
    const farm = await createCooperative(t.db, { kind: "leisure_farm", villageId: village.id });
    const { slug } = await createExperience(t.db, { cooperativeId: farm.id, villageId: village.id, bookingCutoffMinutes: 180, minPeople: 2, maxPeople: 6 }, [
      { startsAt: new Date(now + 2 * HOUR), capacity: 10, bookedCount: 1 }, // inside the 3-hour cutoff
      { startsAt: new Date(now + DAY), capacity: 10, bookedCount: 3 },
      { startsAt: new Date(now + 2 * DAY), capacity: 8, bookedCount: 7 }, // one seat, smallest group 2
      { startsAt: new Date(now + 3 * DAY), capacity: 5, bookedCount: 5 },
    ]);
    const res = await callLoader(routes.experience, `/experiences/${slug}`, { params: { slug } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe(AVAILABILITY_CACHE);
    const { experience } = res.body as { experience: { bookingCutoffMinutes: number; slots: BookableSlot[] } };
    expect(experience.bookingCutoffMinutes).toBe(180);
    expect(experience.slots.map((s) => [s.seatsLeft, s.state])).toEqual([
      [9, "closed"],
      [7, "open"],
      [1, "full"],
      [0, "full"],
    ]);
    const first = experience.slots[0]!;
    expect(new Date(first.startsAt).getTime() - new Date(first.closesAt).getTime()).toBe(180 * 60_000);
  });
});
