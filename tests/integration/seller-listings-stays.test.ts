// A host keeps its stays in /dashboard/stays: creates one (slug in pinyin), edits it, archives
// and restores it, and the storefront follows. Staff may do it too; another cooperative's
// member, a made-up id or garbage input gets a 4xx and changes nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stayUnits, stays } from "../../db/schema/index";
import { getStayBySlug, listStays } from "~/modules/catalog/stays.server";
import { todayInShanghai } from "~/utils/format";
import { type VillageRow, createCooperative, createVillage, sellerTeams, uniqueToken } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let closeDb: () => Promise<void>;
let listRoute: typeof import("~/routes/dashboard.stays");
let newRoute: typeof import("~/routes/dashboard.stays.new");
let stayRoute: typeof import("~/routes/dashboard.stay");
let village: VillageRow;
let otherVillage: VillageRow;
let coopA = 0;
let coopB = 0;
const cookie: Record<"owner" | "staff" | "memberB", string> = {} as never;

function stayForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "save",
    titleZh: "竹林小院",
    titleEn: `Bamboo Courtyard ${uniqueToken()}`,
    descriptionZh: "院子里有一片竹林。",
    villageId: String(village.id),
    amenities: ["wifi", "tea_room"],
    houseRulesZh: "晚上十点后请保持安静。",
    checkInTime: "15:00",
    checkOutTime: "11:30",
    cancellationPolicy: "flexible",
    status: "active",
    ...overrides,
  };
}

async function stayRow(id: number) {
  const [row] = await t.db.select().from(stays).where(eq(stays.id, id));
  return row!;
}

async function createViaForm(form = stayForm(), who = cookie.owner): Promise<number> {
  const out = await callAction(newRoute, "/dashboard/stays/new", { cookie: who, form });
  expect(out.status, JSON.stringify(out.body)).toBe(302);
  const id = Number(/\/dashboard\/stays\/(\d+)$/.exec(out.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  listRoute = await import("~/routes/dashboard.stays");
  newRoute = await import("~/routes/dashboard.stays.new");
  stayRoute = await import("~/routes/dashboard.stay");
  closeDb = (await import("~/utils/db.server")).closeDb;
  [village, otherVillage] = await Promise.all([createVillage(t.db), createVillage(t.db)]);
  const a = await createCooperative(t.db, { kind: "homestay_host", villageId: village.id });
  const b = await createCooperative(t.db, { kind: "homestay_host", villageId: otherVillage.id });
  coopA = a.id;
  coopB = b.id;
  const team = await sellerTeams(t.db, a.id, b.id);
  Object.assign(cookie, { owner: team.owner, staff: team.staff, memberB: team.ownerB });
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("creating a stay", () => {
  it("the new-stay page offers the villages with the cooperative's own first choice", async () => {
    const out = await callLoader(newRoute, "/dashboard/stays/new", { cookie: cookie.owner });
    expect(out.status).toBe(200);
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    const body = out.body as { villageId: number; villages: { id: number }[] };
    expect(body.villageId).toBe(village.id);
    expect(body.villages.map((v) => v.id)).toEqual(expect.arrayContaining([village.id, otherVillage.id]));
  });

  it("saves every field, makes a pinyin slug and a second one with the same title gets its own", async () => {
    const id = await createViaForm();
    const row = await stayRow(id);
    expect(row).toMatchObject({
      cooperativeId: coopA,
      villageId: village.id,
      titleZh: "竹林小院",
      amenities: ["wifi", "tea_room"],
      checkInTime: "15:00",
      checkOutTime: "11:30",
      cancellationPolicy: "flexible",
      status: "active",
    });
    expect(row.slug).toMatch(/^zhu-lin-xiao-yuan(-\d+)?$/);
    const twin = await stayRow(await createViaForm());
    expect(twin.slug).toMatch(/^zhu-lin-xiao-yuan-\d+$/);
    expect(twin.slug).not.toBe(row.slug);
  });

  it("stays in English under /en", async () => {
    const out = await callAction(newRoute, "/en/dashboard/stays/new", { cookie: cookie.owner, form: stayForm() });
    expect(out.location).toMatch(/^\/en\/dashboard\/stays\/\d+$/);
  });

  it("staff may create stays too", async () => {
    const id = await createViaForm(stayForm({ titleZh: "员工新建的民宿" }), cookie.staff);
    expect((await stayRow(id)).cooperativeId).toBe(coopA);
  });

  it("garbage gets 400 with the fields marked and creates nothing", async () => {
    const count = async () => (await t.db.select({ id: stays.id }).from(stays).where(eq(stays.cooperativeId, coopA))).length;
    const before = await count();
    const cases: Record<string, string | string[]>[] = [
      stayForm({ titleZh: "" }),
      stayForm({ titleZh: "长".repeat(5000) }),
      stayForm({ checkInTime: "25:00" }),
      stayForm({ checkOutTime: "noon" }),
      stayForm({ villageId: "abc" }),
      stayForm({ villageId: "999999999" }),
      stayForm({ amenities: Array(1000).fill("wifi") }),
      stayForm({ amenities: ["sauna"] }),
      stayForm({ cancellationPolicy: "none" }),
      stayForm({ status: "archived" }),
      stayForm({ descriptionZh: "x".repeat(100_000) }),
      stayForm({ houseRulesZh: "安静\u0000" }),
    ];
    for (const form of cases) {
      const out = await callAction(newRoute, "/dashboard/stays/new", { cookie: cookie.owner, form });
      expect(out.status, JSON.stringify(form).slice(0, 80)).toBe(400);
    }
    const unknownVillage = await callAction(newRoute, "/dashboard/stays/new", { cookie: cookie.owner, form: stayForm({ villageId: "999999999" }) });
    expect((unknownVillage.body as { result: { error: Record<string, string[]> } }).result.error.villageId).toEqual(["listings.error.village"]);
    expect(await count()).toBe(before);
  });

  it("a visitor is sent to log in and a cross-site post is refused", async () => {
    const out = await callAction(newRoute, "/dashboard/stays/new", { form: stayForm() });
    expect(out.status).toBe(302);
    expect(out.location).toMatch(/^\/login\?redirectTo=/);
    const crossSite = await callAction(newRoute, "/dashboard/stays/new", { cookie: cookie.owner, form: stayForm(), origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
  });
});

describe("the list and a stay's page", () => {
  it("lists only the cooperative's stays with their rooms and lowest price", async () => {
    const id = await createViaForm(stayForm({ titleZh: "列表里的民宿" }));
    await t.db.insert(stayUnits).values([
      { stayId: id, nameZh: "大床房", nameEn: "", maxGuests: 2, basePriceCents: 38800 },
      { stayId: id, nameZh: "家庭房", nameEn: "", maxGuests: 4, basePriceCents: 58800 },
    ]);
    const mine = (await callLoader(listRoute, "/dashboard/stays", { cookie: cookie.owner })).body as { stays: { id: number; roomCount: number; priceFromCents: number }[] };
    expect(mine.stays.find((s) => s.id === id)).toMatchObject({ roomCount: 2, priceFromCents: 38800 });
    const theirs = (await callLoader(listRoute, "/dashboard/stays", { cookie: cookie.memberB })).body as { stays: { id: number }[] };
    expect(theirs.stays.some((s) => s.id === id)).toBe(false);

    const page = await callLoader(stayRoute, `/dashboard/stays/${id}`, { cookie: cookie.staff, params: { stayId: String(id) } });
    expect(page.status).toBe(200);
    expect((page.body as { stay: { rooms: { nameZh: string }[] } }).stay.rooms.map((r) => r.nameZh)).toEqual(["大床房", "家庭房"]);
  });

  it("another cooperative's stay, a made-up id or garbage in the URL is 404", async () => {
    const id = await createViaForm();
    for (const [who, stayId] of [
      [cookie.memberB, String(id)],
      [cookie.owner, "999999999"],
      [cookie.owner, "abc"],
      [cookie.owner, "-1"],
    ] as const) {
      const out = await callLoader(stayRoute, `/dashboard/stays/${stayId}`, { cookie: who, params: { stayId } });
      expect(out.status).toBe(404);
    }
  });
});

describe("editing, archiving and restoring", () => {
  it("saves the form and a new active stay with a room reaches the storefront", async () => {
    const id = await createViaForm(stayForm({ status: "draft" }));
    const { slug } = await stayRow(id);
    await t.db.insert(stayUnits).values({ stayId: id, nameZh: "茶园景观房", nameEn: "", maxGuests: 3, basePriceCents: 46800 });
    const today = todayInShanghai();
    expect(await getStayBySlug(t.db, slug, { today })).toBeNull();

    const out = await callAction(stayRoute, `/dashboard/stays/${id}`, {
      cookie: cookie.staff,
      params: { stayId: String(id) },
      form: stayForm({ titleZh: "茶园边的小院", villageId: String(otherVillage.id), amenities: [], cancellationPolicy: "strict", status: "active" }),
    });
    expect(out.status).toBe(200);
    expect((out.body as { notice: { key: string } }).notice.key).toBe("listings.saved");
    const row = await stayRow(id);
    expect(row).toMatchObject({ titleZh: "茶园边的小院", villageId: otherVillage.id, amenities: [], cancellationPolicy: "strict", status: "active", slug });

    const page = await getStayBySlug(t.db, slug, { today });
    expect(page?.titleZh).toBe("茶园边的小院");
    expect(page?.rooms.map((r) => r.basePriceCents)).toEqual([46800]);
    const listed = await listStays(t.db, { cooperativeId: coopA, villageId: otherVillage.id, pageSize: 100 });
    expect(listed.items.map((s) => s.slug)).toContain(slug);
  });

  it("archive hides it, saving keeps it archived, restore brings it back as a draft", async () => {
    const id = await createViaForm();
    const { slug } = await stayRow(id);
    await t.db.insert(stayUnits).values({ stayId: id, nameZh: "房", nameEn: "", maxGuests: 2, basePriceCents: 20000 });
    const post = (form: Record<string, string | string[]>) =>
      callAction(stayRoute, `/dashboard/stays/${id}`, { cookie: cookie.owner, params: { stayId: String(id) }, form });

    expect((await post({ intent: "archive" })).status).toBe(200);
    expect((await stayRow(id)).status).toBe("archived");
    expect(await getStayBySlug(t.db, slug, { today: todayInShanghai() })).toBeNull();

    expect((await post(stayForm({ titleZh: "归档后改名", status: "active" }))).status).toBe(200);
    expect(await stayRow(id)).toMatchObject({ titleZh: "归档后改名", status: "archived" });

    expect((await post({ intent: "restore" })).status).toBe(200);
    expect((await stayRow(id)).status).toBe("draft");
    // Restoring something that is not archived changes nothing.
    await t.db.update(stays).set({ status: "active" }).where(eq(stays.id, id));
    expect((await post({ intent: "restore" })).status).toBe(200);
    expect((await stayRow(id)).status).toBe("active");
  });

  it("garbage, an unknown intent or another cooperative's member change nothing", async () => {
    const id = await createViaForm();
    const before = await stayRow(id);
    const post = (form: Record<string, string | string[]>, who = cookie.owner, stayId = String(id)) =>
      callAction(stayRoute, `/dashboard/stays/${stayId}`, { cookie: who, params: { stayId }, form });

    for (const form of [stayForm({ titleZh: "" }), stayForm({ checkInTime: "24:00" }), stayForm({ villageId: "-3" }), stayForm({ titleEn: "e".repeat(10_000) })]) {
      expect((await post(form)).status).toBe(400);
    }
    expect((await post({ intent: "delete-everything" })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    for (const form of [stayForm({ titleZh: "越权修改" }), { intent: "archive" }, { intent: "restore" }, { ...stayForm(), stayId: String(id) }]) {
      expect((await post(form, cookie.memberB)).status).toBe(404);
    }
    expect((await post(stayForm(), cookie.owner, "abc")).status).toBe(404);
    expect(await stayRow(id)).toEqual(before);
    // B's own stay cannot be reached through A's session either.
    const [bStay] = await t.db
      .insert(stays)
      .values({ cooperativeId: coopB, villageId: otherVillage.id, slug: `b-stay-${uniqueToken()}`, titleZh: "B的民宿", titleEn: "" })
      .returning();
    expect((await post({ intent: "archive" }, cookie.owner, String(bStay!.id))).status).toBe(404);
    expect((await stayRow(bStay!.id)).status).toBe("active");
  });
});
