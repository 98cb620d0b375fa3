// Experiences and their sessions from the dashboard: create, edit, archive; one session at a
// time; the weekly schedule of the acceptance list (Saturdays and Sundays at 9:00 and 14:00
// for 8 weeks, 12 seats: 32 sessions at the right instants, and 0 more when sent again);
// capacity never below the seats booked (409); booked sessions are never deleted (409).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experienceSlots, experiences } from "../../db/schema/index";
import { getExperienceBySlug, listExperiences } from "~/modules/catalog/experiences.server";
import { addDays } from "~/modules/catalog/listing-dates";
import { isoWeekday } from "~/modules/seller-listings/schedule";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, sellerTeams, uniqueSlug } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let closeDb: () => Promise<void>;
let newRoute: typeof import("~/routes/dashboard.experiences.new");
let editRoute: typeof import("~/routes/dashboard.experience");
let slotsRoute: typeof import("~/routes/dashboard.experience.slots");
let listRoute: typeof import("~/routes/dashboard.experiences");
let coopA = 0;
let coopB = 0;
let villageId = 0;
const cookie: Record<"owner" | "staff" | "memberB", string> = {} as never;
const today = todayInShanghai();
/** The first Saturday at least a week ahead (Asia/Shanghai calendar). */
const saturday = (() => {
  let d = addDays(today, 7);
  while (isoWeekday(d) !== 6) d = addDays(d, 1);
  return d;
})();

const experienceForm = (overrides: Record<string, string> = {}) => ({
  intent: "save",
  titleZh: "明前采茶",
  titleEn: "Spring tea picking",
  descriptionZh: "跟茶农上山采一芽一叶。",
  meetingPointZh: "村口茶亭",
  villageId: String(villageId),
  durationMinutes: "150",
  price: "128",
  minPeople: "1",
  maxPeople: "12",
  status: "active",
  ...overrides,
});

async function makeExperience(cooperativeId: number) {
  const slug = uniqueSlug("exp-test");
  const [row] = await t.db
    .insert(experiences)
    .values({ cooperativeId, villageId, slug, titleZh: "测试体验", titleEn: "", durationMinutes: 120, pricePerPersonCents: 8800 })
    .returning();
  return row!;
}

const slotsOf = (experienceId: number) =>
  t.db.select().from(experienceSlots).where(eq(experienceSlots.experienceId, experienceId)).orderBy(experienceSlots.startsAt);

function postSlots(experienceId: number | string, form: Record<string, string | string[]>, who = cookie.owner) {
  return callAction(slotsRoute, `/dashboard/experiences/${experienceId}/slots`, { cookie: who, params: { experienceId: String(experienceId) }, form });
}

const acceptance = () => ({ intent: "schedule", startDate: saturday, weeks: "8", weekdays: ["6", "7"], times: "09:00, 14:00", capacity: "12" });

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  newRoute = await import("~/routes/dashboard.experiences.new");
  editRoute = await import("~/routes/dashboard.experience");
  slotsRoute = await import("~/routes/dashboard.experience.slots");
  listRoute = await import("~/routes/dashboard.experiences");
  closeDb = (await import("~/utils/db.server")).closeDb;
  villageId = (await createVillage(t.db)).id;
  coopA = (await createCooperative(t.db, { kind: "leisure_farm", villageId })).id;
  coopB = (await createCooperative(t.db, { kind: "leisure_farm", villageId })).id;
  const team = await sellerTeams(t.db, coopA, coopB);
  Object.assign(cookie, { owner: team.owner, staff: team.staff, memberB: team.ownerB });
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("experiences", () => {
  it("staff create one (pinyin slug, yuan → fen), edit, archive and restore it", async () => {
    const out = await callAction(newRoute, "/dashboard/experiences/new", { cookie: cookie.staff, form: experienceForm() });
    expect(out.status).toBe(302);
    const id = Number(/\/dashboard\/experiences\/(\d+)$/.exec(out.location ?? "")?.[1]);
    const [row] = await t.db.select().from(experiences).where(eq(experiences.id, id));
    expect(row).toMatchObject({ cooperativeId: coopA, slug: expect.stringMatching(/^ming-qian-cai-cha(-\d+)?$/), pricePerPersonCents: 12800, durationMinutes: 150, maxPeople: 12 });

    const post = (form: Record<string, string>) => callAction(editRoute, `/dashboard/experiences/${id}`, { cookie: cookie.owner, params: { experienceId: String(id) }, form });
    expect((await post(experienceForm({ price: "98.5", maxPeople: "20", meetingPointEn: "Tea pavilion" }))).status).toBe(200);
    const [edited] = await t.db.select().from(experiences).where(eq(experiences.id, id));
    expect(edited).toMatchObject({ pricePerPersonCents: 9850, maxPeople: 20, meetingPointEn: "Tea pavilion", slug: row!.slug });
    expect((await post({ intent: "archive" })).status).toBe(200);
    expect((await post(experienceForm({ status: "active" }))).status).toBe(200);
    expect((await t.db.select().from(experiences).where(eq(experiences.id, id)))[0]!.status).toBe("archived");
    expect(await getExperienceBySlug(t.db, row!.slug, { now: new Date() })).toBeNull();
    expect((await post({ intent: "restore" })).status).toBe(200);
    expect((await t.db.select().from(experiences).where(eq(experiences.id, id)))[0]!.status).toBe("draft");

    const list = (await callLoader(listRoute, "/dashboard/experiences", { cookie: cookie.owner })).body as { experiences: { id: number }[] };
    expect(list.experiences.some((e) => e.id === id)).toBe(true);
    const theirs = (await callLoader(listRoute, "/dashboard/experiences", { cookie: cookie.memberB })).body as { experiences: { id: number }[] };
    expect(theirs.experiences.some((e) => e.id === id)).toBe(false);
  });

  it("garbage is 400, another cooperative's experience is 404, and nothing changes", async () => {
    const mine = await makeExperience(coopA);
    const count = async () => (await t.db.select().from(experiences).where(eq(experiences.cooperativeId, coopA))).length;
    const before = await count();
    const garbage: Record<string, string>[] = [
      { durationMinutes: "10" },
      { durationMinutes: "1441" },
      { durationMinutes: "abc" },
      { minPeople: "5", maxPeople: "2" },
      { price: "-1" },
      { titleZh: "" },
      { titleZh: "题".repeat(10_000) },
      { villageId: "0" },
      { villageId: "999999999" },
      { status: "archived" },
      { titleZh: "茶\u0000园" },
    ];
    for (const bad of garbage) {
      expect((await callAction(newRoute, "/dashboard/experiences/new", { cookie: cookie.owner, form: experienceForm(bad) })).status, JSON.stringify(bad)).toBe(400);
      expect(
        (await callAction(editRoute, `/dashboard/experiences/${mine.id}`, { cookie: cookie.owner, params: { experienceId: String(mine.id) }, form: experienceForm(bad) })).status,
      ).toBe(400);
    }
    expect(await count()).toBe(before);
    for (const form of [experienceForm(), { intent: "archive" }]) {
      const out = await callAction(editRoute, `/dashboard/experiences/${mine.id}`, { cookie: cookie.memberB, params: { experienceId: String(mine.id) }, form });
      expect(out.status).toBe(404);
    }
    expect((await callLoader(editRoute, `/dashboard/experiences/${mine.id}`, { cookie: cookie.memberB, params: { experienceId: String(mine.id) } })).status).toBe(404);
    expect((await callLoader(editRoute, "/dashboard/experiences/x", { cookie: cookie.owner, params: { experienceId: "x" } })).status).toBe(404);
    expect((await t.db.select().from(experiences).where(eq(experiences.id, mine.id)))[0]).toEqual(mine);
  });
});

describe("sessions", () => {
  it("the acceptance schedule creates 32 sessions of 12 seats at 9:00 and 14:00 Shanghai time, and 0 more the second time", async () => {
    const experience = await makeExperience(coopA);
    const first = await postSlots(experience.id, acceptance());
    expect(first.status).toBe(200);
    expect((first.body as { notice: unknown }).notice).toEqual({ key: "listings.schedule.result", params: { created: 32, existed: 0, past: 0 } });
    const slots = await slotsOf(experience.id);
    expect(slots).toHaveLength(32);
    expect(slots.every((s) => s.capacity === 12 && s.bookedCount === 0)).toBe(true);
    expect(slots[0]!.startsAt.toISOString()).toBe(`${saturday}T01:00:00.000Z`);
    expect(slots[1]!.startsAt.toISOString()).toBe(`${saturday}T06:00:00.000Z`);
    expect(slots.at(-1)!.startsAt.toISOString()).toBe(`${addDays(saturday, 50)}T06:00:00.000Z`);
    expect(new Set(slots.map((s) => s.startsAt.toISOString().slice(11)))).toEqual(new Set(["01:00:00.000Z", "06:00:00.000Z"]));
    const localWeekdays = new Set(slots.map((s) => new Date(s.startsAt.getTime() + 8 * 3_600_000).getUTCDay()));
    expect(localWeekdays).toEqual(new Set([6, 0]));

    const again = await postSlots(experience.id, acceptance(), cookie.staff);
    expect((again.body as { notice: unknown }).notice).toEqual({ key: "listings.schedule.result", params: { created: 0, existed: 32, past: 0 } });
    expect(await slotsOf(experience.id)).toHaveLength(32);

    const page = await callLoader(slotsRoute, `/dashboard/experiences/${experience.id}/slots`, { cookie: cookie.staff, params: { experienceId: String(experience.id) } });
    expect((page.body as { total: number; slots: { seatsLeft: number }[] }).total).toBe(32);
    // The storefront shows the sessions within its 60-day horizon.
    const publicPage = await getExperienceBySlug(t.db, experience.slug, { now: new Date() });
    expect(publicPage?.slots.length).toBeGreaterThan(0);
    expect(publicPage?.slots[0]).toMatchObject({ startsAt: `${saturday}T01:00:00.000Z`, seatsLeft: 12 });
    const listed = await listExperiences(t.db, { cooperativeId: coopA, pageSize: 100 });
    expect(listed.items.find((e) => e.slug === experience.slug)?.nextSlotAt).toBe(`${saturday}T01:00:00.000Z`);
  });

  it("an end date works instead of weeks, and times already past are skipped and counted", async () => {
    const experience = await makeExperience(coopA);
    const out = await postSlots(experience.id, { intent: "schedule", startDate: addDays(today, -7), endDate: addDays(today, 6), weekdays: ["1", "2", "3", "4", "5", "6", "7"], times: "00:00", capacity: "5" });
    expect(out.status).toBe(200);
    const { params } = (out.body as { notice: { params: { created: number; existed: number; past: number } } }).notice;
    // 14 midnights: the 8 up to today's have passed, the 6 after are ahead.
    expect(params).toEqual({ created: 6, existed: 0, past: 8 });
    expect(await slotsOf(experience.id)).toHaveLength(6);
  });

  it("a garbage schedule is 400 and creates nothing", async () => {
    const experience = await makeExperience(coopA);
    const cases = [
      { ...acceptance(), weekdays: Array(1000).fill("6") },
      { ...acceptance(), weekdays: ["0", "8"] },
      { ...acceptance(), times: "25:00" },
      { ...acceptance(), times: "9点" },
      { ...acceptance(), startDate: "2027-02-30" },
      { ...acceptance(), weeks: "27" },
      { ...acceptance(), weeks: "0" },
      { ...acceptance(), endDate: addDays(saturday, 10) },
      { ...acceptance(), capacity: "-12" },
      { ...acceptance(), capacity: "100000" },
      { ...acceptance(), weeks: "26", weekdays: ["1", "2", "3", "4", "5", "6", "7"], times: "08:00, 12:00, 16:00" },
      { intent: "schedule" },
    ];
    for (const form of cases) expect((await postSlots(experience.id, form)).status, JSON.stringify(form).slice(0, 100)).toBe(400);
    const tooMany = await postSlots(experience.id, cases[10]!);
    expect((tooMany.body as { result: { error: Record<string, string[]> } }).result.error[""]).toEqual(["listings.error.tooManySlots:500"]);
    expect(await slotsOf(experience.id)).toEqual([]);
  });

  it("adds one session at a Shanghai wall-clock time; the same time twice is 409, a past or impossible one 400", async () => {
    const experience = await makeExperience(coopA);
    const out = await postSlots(experience.id, { intent: "add-slot", date: saturday, time: "9:30", capacity: "8" });
    expect(out.status).toBe(200);
    const [slot] = await slotsOf(experience.id);
    expect(slot).toMatchObject({ capacity: 8, bookedCount: 0 });
    expect(slot!.startsAt.toISOString()).toBe(`${saturday}T01:30:00.000Z`);
    const twice = await postSlots(experience.id, { intent: "add-slot", date: saturday, time: "09:30", capacity: "8" });
    expect(twice.status).toBe(409);
    expect((twice.body as { result: { error: Record<string, string[]> } }).result.error.time).toEqual(["listings.error.slotExists"]);
    for (const form of [
      { intent: "add-slot", date: addDays(today, -1), time: "09:00", capacity: "8" },
      { intent: "add-slot", date: "2027-02-30", time: "09:00", capacity: "8" },
      { intent: "add-slot", date: saturday, time: "25:00", capacity: "8" },
      { intent: "add-slot", date: saturday, time: "10:00", capacity: "0" },
      { intent: "add-slot", date: saturday, time: "10:00", capacity: "ten" },
    ]) {
      expect((await postSlots(experience.id, form)).status, JSON.stringify(form)).toBe(400);
    }
    expect(await slotsOf(experience.id)).toHaveLength(1);
  });

  it("capacity never goes below the seats booked (409); a booked session is never deleted (409)", async () => {
    const experience = await makeExperience(coopA);
    await postSlots(experience.id, { intent: "add-slot", date: saturday, time: "09:00", capacity: "12" });
    await postSlots(experience.id, { intent: "add-slot", date: saturday, time: "14:00", capacity: "12" });
    const [booked, free] = await slotsOf(experience.id);
    await t.db.update(experienceSlots).set({ bookedCount: 5 }).where(eq(experienceSlots.id, booked!.id));

    const below = await postSlots(experience.id, { intent: "capacity", slotId: String(booked!.id), capacity: "3" });
    expect(below.status).toBe(409);
    expect(below.body).toMatchObject({ form: `slot-${booked!.id}`, result: { error: { capacity: ["listings.error.capacityBelowBooked:5"] } } });
    expect((await postSlots(experience.id, { intent: "capacity", slotId: String(booked!.id), capacity: "5" })).status).toBe(200);
    expect((await postSlots(experience.id, { intent: "capacity", slotId: String(booked!.id), capacity: "20" }, cookie.staff)).status).toBe(200);
    expect((await postSlots(experience.id, { intent: "capacity", slotId: String(booked!.id), capacity: "-1" })).status).toBe(400);

    const deleteBooked = await postSlots(experience.id, { intent: "delete-slot", slotId: String(booked!.id) });
    expect(deleteBooked.status).toBe(409);
    expect(deleteBooked.body).toMatchObject({ form: `slot-delete-${booked!.id}`, result: { error: { "": ["listings.error.slotBooked:5"] } } });
    expect((await postSlots(experience.id, { intent: "delete-slot", slotId: String(free!.id) })).status).toBe(200);
    const left = await slotsOf(experience.id);
    expect(left.map((s) => [s.id, s.capacity, s.bookedCount])).toEqual([[booked!.id, 20, 5]]);
  });

  it("another cooperative's experience or session, anywhere, is 404 and nothing changes", async () => {
    const mine = await makeExperience(coopA);
    const theirs = await makeExperience(coopB);
    await postSlots(mine.id, { intent: "add-slot", date: saturday, time: "09:00", capacity: "12" });
    await postSlots(theirs.id, { intent: "add-slot", date: saturday, time: "09:00", capacity: "12" }, cookie.memberB);
    const [mySlot] = await slotsOf(mine.id);
    const [theirSlot] = await slotsOf(theirs.id);

    // Their session through my experience's page, and my session through theirs.
    for (const slotId of [String(theirSlot!.id), "999999999", "abc", "0"]) {
      expect((await postSlots(mine.id, { intent: "capacity", slotId, capacity: "3" })).status, slotId).toBe(404);
      expect((await postSlots(mine.id, { intent: "delete-slot", slotId })).status, slotId).toBe(404);
    }
    const attacks: Record<string, string | string[]>[] = [
      acceptance(),
      { intent: "add-slot", date: saturday, time: "15:00", capacity: "12" },
      { intent: "capacity", slotId: String(theirSlot!.id), capacity: "1" },
      { intent: "delete-slot", slotId: String(theirSlot!.id) },
      { intent: "schedule", weekdays: Array(1000).fill("6") },
    ];
    for (const form of attacks) {
      expect((await postSlots(theirs.id, form)).status).toBe(404);
    }
    expect((await postSlots(mine.id, { intent: "capacity", slotId: String(mySlot!.id), capacity: "1" }, cookie.memberB)).status).toBe(404);
    expect((await callLoader(slotsRoute, `/dashboard/experiences/${theirs.id}/slots`, { cookie: cookie.owner, params: { experienceId: String(theirs.id) } })).status).toBe(404);
    expect((await postSlots(mine.id, { intent: "nonsense" })).status).toBe(400);

    expect((await slotsOf(theirs.id)).map((s) => [s.id, s.capacity])).toEqual([[theirSlot!.id, 12]]);
    expect((await slotsOf(mine.id)).map((s) => [s.id, s.capacity])).toEqual([[mySlot!.id, 12]]);
  });
});
