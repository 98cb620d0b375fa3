// Stays as a traveller finds them: only active stays of approved hosts, a village's list holds
// only that village's stays, the group-size filter and prices follow the rooms that fit, and a
// stay's page shows its rooms in order with rates and blackouts from today on (Shanghai time).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStayBySlug, listStayVillages, listStays } from "~/modules/catalog/stays.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { addBlackout, addRate, createStay } from "./catalog-listing-fixtures";

let t: TestDb;
let v1: VillageRow;
let v2: VillageRow;
let host: CooperativeRow;
let pending: CooperativeRow;
let suspended: CooperativeRow;
const s: Record<string, string> = {};

beforeAll(async () => {
  t = openTestDb();
  const db = t.db;
  [v1, v2] = await Promise.all([createVillage(db), createVillage(db)]);
  [host, pending, suspended] = await Promise.all([
    createCooperative(db, { kind: "homestay_host", villageId: v1.id }),
    createCooperative(db, { kind: "homestay_host", status: "pending" }),
    createCooperative(db, { kind: "homestay_host", status: "suspended" }),
  ]);
  const base = { cooperativeId: host.id, villageId: v1.id };
  // Created in this order so "newest first" is deterministic.
  const family = await createStay(db, { ...base, cancellationPolicy: "strict", createdAt: new Date("2030-01-01T00:00:00Z") }, [
    { nameEn: "Twin", maxGuests: 2, basePriceCents: 38000, position: 2 },
    { nameEn: "Family suite", maxGuests: 4, basePriceCents: 68000, weekendPriceCents: 88000, minNights: 2, position: 1 },
    { nameEn: "Attic", maxGuests: 2, basePriceCents: 30000, position: 2 },
  ]);
  s.family = family.stay.slug;
  const [twin, suite] = [family.rooms[0]!, family.rooms[1]!];
  // Inserted out of date order on purpose.
  await addRate(db, suite.id, "2030-07-01", "2030-07-03", 98000, "Summer");
  await addRate(db, suite.id, "2030-05-01", "2030-05-05", 90000, "May Day"); // over
  await addRate(db, suite.id, "2030-06-08", "2030-06-12", 95000, "Dragon Boat"); // running
  await addRate(db, suite.id, "2030-06-01", "2030-06-10", 93000, "Ended yesterday"); // last night 06-09
  await addRate(db, twin.id, "2030-10-01", "2030-10-08", 58000, "National Day");
  await addBlackout(db, twin.id, "2030-06-20", "2030-06-22");
  await addBlackout(db, twin.id, "2030-06-01", "2030-06-03"); // over

  s.other = (await createStay(db, { ...base, createdAt: new Date("2029-01-01T00:00:00Z") })).stay.slug;
  s.draft = (await createStay(db, { ...base, status: "draft" })).stay.slug;
  s.archived = (await createStay(db, { ...base, status: "archived" })).stay.slug;
  s.noRooms = (await createStay(db, base, [])).stay.slug;
  s.pending = (await createStay(db, { cooperativeId: pending.id, villageId: v1.id })).stay.slug;
  s.suspended = (await createStay(db, { cooperativeId: suspended.id, villageId: v1.id })).stay.slug;
  s.elsewhere = (await createStay(db, { cooperativeId: host.id, villageId: v2.id, createdAt: new Date("2028-01-01T00:00:00Z") })).stay.slug;
});
afterAll(() => t.close());

const slugsOf = (items: { slug: string }[]) => items.map((i) => i.slug);

describe("listStays", () => {
  it("a village's list holds only its own active stays of approved hosts with a room, newest first", async () => {
    const page = await listStays(t.db, { village: v1.slug });
    expect(slugsOf(page.items)).toEqual([s.family, s.other]);
    expect(page.total).toBe(2);
  });

  it("a host's list spans villages but still hides drafts, archived stays and stays without rooms", async () => {
    const page = await listStays(t.db, { cooperativeId: host.id });
    expect(slugsOf(page.items)).toEqual([s.family, s.other, s.elsewhere]);
  });

  it("shows the lowest nightly price, the room count and the largest room", async () => {
    const [family] = (await listStays(t.db, { village: v1.slug })).items;
    expect(family).toMatchObject({ slug: s.family, priceFromCents: 30000, roomCount: 3, maxGuests: 4 });
    expect(family!.village.slug).toBe(v1.slug);
    expect(family!.host.slug).toBe(host.slug);
  });

  it("for a group, keeps only stays with a room that fits and prices from those rooms", async () => {
    const three = await listStays(t.db, { village: v1.slug, guests: 3 });
    expect(slugsOf(three.items)).toEqual([s.family]);
    expect(three.items[0]).toMatchObject({ priceFromCents: 68000, roomCount: 1, maxGuests: 4 });
    expect((await listStays(t.db, { village: v1.slug, guests: 5 })).items).toEqual([]);
  });

  it("pages through the list; a page past the end shows the last page", async () => {
    const second = await listStays(t.db, { cooperativeId: host.id, pageSize: 1, page: 2 });
    expect(second).toMatchObject({ page: 2, pages: 3, total: 3 });
    expect(slugsOf(second.items)).toEqual([s.other]);
    const beyond = await listStays(t.db, { cooperativeId: host.id, pageSize: 1, page: 99 });
    expect(beyond.page).toBe(3);
    expect(slugsOf(beyond.items)).toEqual([s.elsewhere]);
  });

  it("an unknown village gives an empty list, not an error", async () => {
    expect(await listStays(t.db, { village: "no-such-village-anywhere" })).toMatchObject({ items: [], total: 0, page: 1, pages: 1 });
  });

  it("the village filter offers villages that have stays", async () => {
    const villages = slugsOf(await listStayVillages(t.db));
    expect(villages).toContain(v1.slug);
    expect(villages).toContain(v2.slug);
  });
});

describe("getStayBySlug", () => {
  const today = "2030-06-10";

  it("lists rooms in the host's order (position, then creation)", async () => {
    const stay = await getStayBySlug(t.db, s.family!, { today });
    expect(stay?.rooms.map((r) => r.nameEn)).toEqual(["Family suite", "Twin", "Attic"]);
    expect(stay?.rooms[0]).toMatchObject({ maxGuests: 4, basePriceCents: 68000, weekendPriceCents: 88000, minNights: 2 });
    expect(stay?.cancellationPolicy).toBe("strict");
    expect(stay?.village.slug).toBe(v1.slug);
    expect(stay?.host.slug).toBe(host.slug);
  });

  it("shows only rates and blackouts that still cover a night from today on, in date order", async () => {
    const stay = await getStayBySlug(t.db, s.family!, { today });
    const [suite, twin] = stay!.rooms;
    expect(suite!.rates.map((r) => r.label.en)).toEqual(["Dragon Boat", "Summer"]);
    expect(suite!.rates[0]).toMatchObject({ startDate: "2030-06-08", endDate: "2030-06-12", priceCents: 95000 });
    expect(twin!.rates.map((r) => r.label.en)).toEqual(["National Day"]);
    expect(twin!.blackouts).toEqual([{ startDate: "2030-06-20", endDate: "2030-06-22" }]);
  });

  it("'today' is the Shanghai calendar day: at 00:30 in Shanghai (16:30 UTC the day before) yesterday's rate is gone", async () => {
    const shanghaiToday = todayInShanghai(new Date("2030-06-09T16:30:00Z"));
    expect(shanghaiToday).toBe("2030-06-10");
    const stay = await getStayBySlug(t.db, s.family!, { today: shanghaiToday });
    expect(stay!.rooms[0]!.rates.map((r) => r.label.en)).not.toContain("Ended yesterday");
    // While it is still 9 June in Shanghai, that rate's last night (9 June) is bookable.
    const earlier = await getStayBySlug(t.db, s.family!, { today: todayInShanghai(new Date("2030-06-09T15:30:00Z")) });
    expect(earlier!.rooms[0]!.rates.map((r) => r.label.en)).toContain("Ended yesterday");
  });

  it("is null for drafts, archived stays, hosts not approved and unknown slugs", async () => {
    for (const slug of [s.draft!, s.archived!, s.pending!, s.suspended!, "no-such-stay-anywhere"]) {
      expect(await getStayBySlug(t.db, slug, { today }), slug).toBeNull();
    }
  });
});
