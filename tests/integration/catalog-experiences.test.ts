// Experiences as a traveller finds them: only active ones of approved hosts, slots from now to
// 60 days ahead with seats left (full ones marked), past slots gone, and lists ordered by the
// next slot that can still be booked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLOT_HORIZON_DAYS, getExperienceBySlug, listExperienceVillages, listExperiences } from "~/modules/catalog/experiences.server";
import { createCooperative, createVillage, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { DAY, HOUR, createExperience } from "./catalog-listing-fixtures";

// A fixed "now" far from the real date, so the test does not depend on when it runs.
const now = new Date("2030-06-01T02:00:00Z"); // 10:00 in Shanghai
const at = (offset: number) => new Date(now.getTime() + offset);

let t: TestDb;
let v1: VillageRow;
let v2: VillageRow;
let farm: CooperativeRow;
let pending: CooperativeRow;
const e: Record<string, string> = {};

beforeAll(async () => {
  t = openTestDb();
  const db = t.db;
  [v1, v2] = await Promise.all([createVillage(db), createVillage(db)]);
  [farm, pending] = await Promise.all([
    createCooperative(db, { kind: "leisure_farm", villageId: v1.id }),
    createCooperative(db, { kind: "leisure_farm", status: "pending" }),
  ]);
  const base = { cooperativeId: farm.id, villageId: v1.id };
  e.picking = (
    await createExperience(db, { ...base, durationMinutes: 150, pricePerPersonCents: 12800 }, [
      { startsAt: at(-HOUR), capacity: 10, bookedCount: 2 }, // started an hour ago
      { startsAt: at(10 * DAY), capacity: 8, bookedCount: 0 },
      { startsAt: at(DAY), capacity: 6, bookedCount: 6 }, // full
      { startsAt: at(2 * DAY), capacity: 10, bookedCount: 3 },
      { startsAt: at((SLOT_HORIZON_DAYS + 10) * DAY), capacity: 10 }, // beyond the horizon
    ])
  ).slug;
  e.sooner = (await createExperience(db, base, [{ startsAt: at(12 * HOUR), capacity: 4, bookedCount: 1 }])).slug;
  e.noSlots = (await createExperience(db, { ...base, createdAt: new Date("2030-01-01T00:00:00Z") })).slug;
  e.onlyFull = (await createExperience(db, { ...base, createdAt: new Date("2029-01-01T00:00:00Z") }, [{ startsAt: at(DAY), capacity: 5, bookedCount: 5 }])).slug;
  e.draft = (await createExperience(db, { ...base, status: "draft" }, [{ startsAt: at(DAY) }])).slug;
  e.pending = (await createExperience(db, { cooperativeId: pending.id, villageId: v1.id }, [{ startsAt: at(DAY) }])).slug;
  e.elsewhere = (await createExperience(db, { cooperativeId: farm.id, villageId: v2.id }, [{ startsAt: at(3 * DAY) }])).slug;
});
afterAll(() => t.close());

const slugsOf = (items: { slug: string }[]) => items.map((i) => i.slug);

describe("getExperienceBySlug", () => {
  it("shows slots from now to 60 days ahead, earliest first, with seats left; past ones are hidden", async () => {
    const experience = await getExperienceBySlug(t.db, e.picking!, { now });
    expect(experience?.slots.map((s) => ({ at: s.startsAt, seatsLeft: s.seatsLeft, capacity: s.capacity }))).toEqual([
      { at: at(DAY).toISOString(), seatsLeft: 0, capacity: 6 },
      { at: at(2 * DAY).toISOString(), seatsLeft: 7, capacity: 10 },
      { at: at(10 * DAY).toISOString(), seatsLeft: 8, capacity: 8 },
    ]);
  });

  it("gives the facts a traveller needs", async () => {
    const experience = await getExperienceBySlug(t.db, e.picking!, { now });
    expect(experience).toMatchObject({ durationMinutes: 150, pricePerPersonCents: 12800, minPeople: 1, maxPeople: 10 });
    expect(experience?.village.slug).toBe(v1.slug);
    expect(experience?.host).toMatchObject({ slug: farm.slug, kind: "leisure_farm" });
  });

  it("a slot that has begun is no longer offered", async () => {
    const later = await getExperienceBySlug(t.db, e.picking!, { now: at(DAY + 1) });
    expect(later?.slots.map((s) => s.startsAt)).toEqual([at(2 * DAY).toISOString(), at(10 * DAY).toISOString()]);
  });

  it("is null for drafts, hosts not approved and unknown slugs", async () => {
    for (const slug of [e.draft!, e.pending!, "no-such-experience-anywhere"]) {
      expect(await getExperienceBySlug(t.db, slug, { now }), slug).toBeNull();
    }
  });
});

describe("listExperiences", () => {
  it("a village's list holds only its own public experiences, soonest bookable slot first", async () => {
    const page = await listExperiences(t.db, { village: v1.slug, now });
    // onlyFull and noSlots have no bookable slot: last, newest first.
    expect(slugsOf(page.items)).toEqual([e.sooner, e.picking, e.noSlots, e.onlyFull]);
    expect(page.total).toBe(4);
  });

  it("the next slot skips full slots and past ones", async () => {
    const page = await listExperiences(t.db, { village: v1.slug, now });
    const bySlug = Object.fromEntries(page.items.map((i) => [i.slug, i.nextSlotAt]));
    expect(bySlug[e.picking!]).toBe(at(2 * DAY).toISOString());
    expect(bySlug[e.onlyFull!]).toBeNull();
    expect(bySlug[e.noSlots!]).toBeNull();
  });

  it("upcoming-only (the home page) leaves out experiences with nothing to book", async () => {
    const page = await listExperiences(t.db, { cooperativeId: farm.id, upcomingOnly: true, now });
    expect(slugsOf(page.items)).toEqual([e.sooner, e.picking, e.elsewhere]);
  });

  it("a host's list spans its villages", async () => {
    const page = await listExperiences(t.db, { cooperativeId: farm.id, now });
    expect(slugsOf(page.items).sort()).toEqual([e.sooner, e.picking, e.elsewhere, e.noSlots, e.onlyFull].sort());
  });

  it("pages; a page past the end shows the last page", async () => {
    const beyond = await listExperiences(t.db, { village: v1.slug, now, pageSize: 3, page: 50 });
    expect(beyond).toMatchObject({ page: 2, pages: 2, total: 4 });
    expect(slugsOf(beyond.items)).toEqual([e.onlyFull]);
  });

  it("the village filter offers villages with experiences", async () => {
    const villages = (await listExperienceVillages(t.db)).map((v) => v.slug);
    expect(villages).toEqual(expect.arrayContaining([v1.slug, v2.slug]));
  });
});
