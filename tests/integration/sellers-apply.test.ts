// Applying to sell at /sell, through the real loader and action: a pending cooperative with a
// readable slug and the applicant as owner; garbage changes nothing; and a seller that is not
// approved never shows on the storefront.
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, memberships, productVariants, products } from "../../db/schema/index";
import { type UserRow, type VillageRow, createUser, createVillage, sessionCookieFor, uniqueToken } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let sell: typeof import("~/routes/sell");
let cooperativePage: typeof import("~/routes/cooperative");
let catalog: typeof import("~/modules/catalog/products.server");
let sellers: typeof import("~/modules/catalog/cooperatives.server");
let review: typeof import("~/modules/sellers/review.server");
let closeDb: () => Promise<void>;
let village: VillageRow;

function application(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    nameZh: "余村白茶合作社",
    nameEn: "",
    kind: "cooperative",
    villageId: String(village.id),
    contactName: "潘溪云",
    contactPhone: "138-1234-5678",
    contactEmail: "pan@example.test",
    storyZh: "我们在余村的山坡上种安吉白茶，已经三代人了。",
    storyEn: "",
    ...overrides,
  };
}

async function applicant(): Promise<{ user: UserRow; cookie: string }> {
  const user = await createUser(t.db, { name: "潘溪云" });
  return { user, cookie: await sessionCookieFor(t.db, user.id) };
}

async function ownedBy(userId: number) {
  return t.db
    .select({ id: cooperatives.id, slug: cooperatives.slug, status: cooperatives.status, role: memberships.role, nameZh: cooperatives.nameZh })
    .from(memberships)
    .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .where(eq(memberships.userId, userId))
    .orderBy(cooperatives.id);
}

async function countNamed(nameZh: string): Promise<number> {
  const [row] = await t.db.select({ n: count() }).from(cooperatives).where(eq(cooperatives.nameZh, nameZh));
  return row!.n;
}

const apply = (cookie: string | null, form: Record<string, string>, origin?: string | null) => callAction(sell, "/sell", { cookie, form, origin });

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  sell = await import("~/routes/sell");
  cooperativePage = await import("~/routes/cooperative");
  catalog = await import("~/modules/catalog/products.server");
  sellers = await import("~/modules/catalog/cooperatives.server");
  review = await import("~/modules/sellers/review.server");
  closeDb = (await import("~/utils/db.server")).closeDb;
  village = await createVillage(t.db);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("/sell", () => {
  it("sends logged-out visitors to the login page and creates nothing for them", async () => {
    const out = await callLoader(sell, "/sell");
    expect(out.status).toBe(302);
    expect(out.location).toBe("/login?redirectTo=%2Fsell");
    expect((await callLoader(sell, "/en/sell")).location).toBe("/en/login?redirectTo=%2Fen%2Fsell");
    const name = `未登录合作社${uniqueToken()}`;
    expect((await apply(null, application({ nameZh: name }))).status).toBe(302);
    expect(await countNamed(name)).toBe(0);
  });

  it("shows the villages to choose from and fills the contact from the account", async () => {
    const { user, cookie } = await applicant();
    const out = await callLoader(sell, "/sell", { cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    const body = out.body as { villages: { id: number }[]; defaults: { contactEmail: string }; applications: unknown[] };
    expect(body.villages.some((v) => v.id === village.id)).toBe(true);
    expect(body.defaults.contactEmail).toBe(user.email);
    expect(body.applications).toEqual([]);
  });

  it("files a pending cooperative with a pinyin slug and the applicant as its owner", async () => {
    const { user, cookie } = await applicant();
    const out = await apply(cookie, application());
    expect(out.status).toBe(302);
    const [mine] = await ownedBy(user.id);
    expect(mine).toMatchObject({ status: "pending", role: "owner", nameZh: "余村白茶合作社" });
    expect(mine!.slug).toMatch(/^yucun-baicha-hezuoshe(-\d+)?$/);
    expect(out.location).toBe(`/sell?applied=${mine!.slug}`);
    const [row] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, mine!.id));
    expect(row).toMatchObject({ contactPhone: "13812345678", villageId: village.id, kind: "cooperative", nameEn: "", reviewedAt: null });

    // The page then says the application is pending.
    const page = await callLoader(sell, out.location!, { cookie });
    const body = page.body as { applications: { cooperativeId: number; status: string }[]; justApplied: number | null };
    expect(body.justApplied).toBe(mine!.id);
    expect(body.applications).toEqual([expect.objectContaining({ cooperativeId: mine!.id, status: "pending" })]);
  });

  it("lets one person apply for several sellers, each with its own slug", async () => {
    const { user, cookie } = await applicant();
    const english = `Hillside Farm ${uniqueToken()}`;
    await apply(cookie, application({ kind: "family_farm" }));
    await apply(cookie, application({ kind: "homestay_host" }));
    const en = await apply(cookie, application({ nameZh: "山坡农场", nameEn: english, kind: "leisure_farm" }), undefined);
    expect(en.status).toBe(302);
    const mine = await ownedBy(user.id);
    expect(mine).toHaveLength(3);
    expect(new Set(mine.map((m) => m.slug)).size).toBe(3);
    expect(mine.every((m) => m.role === "owner" && m.status === "pending")).toBe(true);
    expect(mine[2]!.slug).toBe(english.toLowerCase().replace(/\s+/g, "-"));
    expect(mine.slice(0, 2).every((m) => /^yucun-baicha-hezuoshe(-\d+)?$/.test(m.slug))).toBe(true);
  });

  it("stops at five applications waiting for review (422)", async () => {
    const { user, cookie } = await applicant();
    for (let i = 0; i < 5; i++) expect((await apply(cookie, application())).status).toBe(302);
    const out = await apply(cookie, application());
    expect(out.status).toBe(422);
    expect((out.body as { error: Record<string, string[]> }).error[""]).toEqual(["sellers.error.tooManyPending"]);
    expect(await ownedBy(user.id)).toHaveLength(5);
  });

  it("answers garbage with 400, the field's message, the typed values kept, and no rows", async () => {
    const { user, cookie } = await applicant();
    const name = `乱填合作社${uniqueToken()}`;
    const cases: [Record<string, string>, string][] = [
      [{ nameZh: "" }, "nameZh"],
      [{ kind: "factory" }, "kind"],
      [{ villageId: "abc" }, "villageId"],
      [{ villageId: "2147483647" }, "villageId"],
      [{ villageId: "-1" }, "villageId"],
      [{ contactPhone: "12345" }, "contactPhone"],
      [{ contactEmail: "pan at example" }, "contactEmail"],
      [{ storyZh: "短" }, "storyZh"],
      [{ nameZh: "名".repeat(5000) }, "nameZh"],
      [{ storyEn: "x".repeat(4001) }, "storyEn"],
    ];
    for (const [bad, field] of cases) {
      const out = await apply(cookie, application({ nameZh: name, ...bad }));
      expect(out.status, field).toBe(400);
      const body = out.body as { error: Record<string, string[]>; initialValue: Record<string, string> };
      expect(body.error[field]?.length, field).toBeGreaterThan(0);
      expect(body.initialValue.contactName).toBe("潘溪云");
    }
    const { villageId: _v, ...withoutVillage } = application({ nameZh: name });
    expect((await apply(cookie, withoutVillage)).status).toBe(400);
    expect((await callAction(sell, "/sell", { cookie })).status).toBe(400);
    expect((await apply(cookie, application({ nameZh: name }), "https://evil.example")).status).toBe(403);
    expect(await countNamed(name)).toBe(0);
    expect(await ownedBy(user.id)).toEqual([]);
  });
});

describe("the storefront", () => {
  it("never shows a pending, rejected or suspended seller, and shows it once approved", async () => {
    const { user, cookie } = await applicant();
    const names = { pending: `待审店${uniqueToken()}`, rejected: `拒绝店${uniqueToken()}`, suspended: `暂停店${uniqueToken()}` };
    for (const nameZh of Object.values(names)) expect((await apply(cookie, application({ nameZh }))).status).toBe(302);
    const mine = await ownedBy(user.id);
    const idOf = (name: string) => mine.find((m) => m.nameZh === name)!;
    // An active product in each, as a seller might have prepared.
    for (const coop of mine) {
      const handle = `p-${uniqueToken()}`;
      const [product] = await t.db
        .insert(products)
        .values({ cooperativeId: coop.id, handle, slug: handle, villageId: village.id, category: "tea", titleZh: "白茶", status: "active", priceFromCents: 100 })
        .returning();
      await t.db.insert(productVariants).values({ productId: product!.id, sku: handle.toUpperCase(), nameZh: "一罐", priceCents: 100, stock: 5 });
    }
    await review.reviewCooperative(t.db, { intent: "reject", cooperativeId: idOf(names.rejected).id, reason: "资料不全请补充" });
    await review.reviewCooperative(t.db, { intent: "approve", cooperativeId: idOf(names.suspended).id });
    await review.reviewCooperative(t.db, { intent: "suspend", cooperativeId: idOf(names.suspended).id, reason: "顾客投诉较多" });

    const shown = async (coop: { id: number; slug: string }) => ({
      page: await sellers.getCooperativeBySlug(t.db, coop.slug),
      products: (await catalog.listProducts(t.db, { cooperativeId: coop.id })).total,
      inList: (await sellers.listCooperatives(t.db, { village: village.slug, limit: 100 })).items.some((c) => c.slug === coop.slug),
      route: (await callLoader(cooperativePage, `/cooperatives/${coop.slug}`, { params: { slug: coop.slug } })).status,
    });
    for (const coop of mine) expect(await shown(coop), coop.nameZh).toEqual({ page: null, products: 0, inList: false, route: 404 });

    const pending = idOf(names.pending);
    await review.reviewCooperative(t.db, { intent: "approve", cooperativeId: pending.id });
    const after = await shown(pending);
    expect(after).toMatchObject({ products: 1, inList: true, route: 200 });
    expect(after.page?.slug).toBe(pending.slug);
  });
});
