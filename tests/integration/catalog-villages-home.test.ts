// The home page's "in season" shelf: products whose harvest months include this month in
// Shanghai (ranges may wrap the new year) or on pre-sale come before newer products that are
// not; drafts and products of sellers not approved never appear.
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import { getHomeData, inSeasonSql, listSeasonalProducts } from "~/modules/catalog/home.server";
import { createCooperative, createVillage, uniqueSlug, uniqueToken, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { DAY, createExperience, createStay } from "./catalog-listing-fixtures";

let t: TestDb;
let coop: CooperativeRow;
let pending: CooperativeRow;
let village: VillageRow;
const p: Record<string, { id: number; slug: string }> = {};

async function product(key: string, spec: { season?: string; createdAt: string; shipsFrom?: string; stock?: number; status?: "active" | "draft"; cooperativeId?: number }) {
  const slug = uniqueSlug(key);
  const [row] = await t.db
    .insert(products)
    .values({
      cooperativeId: spec.cooperativeId ?? coop.id,
      villageId: village.id,
      handle: slug,
      slug,
      category: "fruit",
      titleZh: `测试 ${key}`,
      harvestSeason: spec.season ?? "",
      status: spec.status ?? "active",
      priceFromCents: 9900,
      // Far-future creation times put these products ahead of every other test's by "newest".
      createdAt: new Date(spec.createdAt),
    })
    .returning({ id: products.id, slug: products.slug });
  await t.db.insert(productVariants).values({
    productId: row!.id,
    sku: `HOME-${uniqueToken()}`.toUpperCase(),
    nameZh: "一份",
    priceCents: 9900,
    stock: spec.stock ?? 10,
    shipsFrom: spec.shipsFrom ?? null,
  });
  p[key] = row!;
}

beforeAll(async () => {
  t = openTestDb();
  village = await createVillage(t.db);
  [coop, pending] = await Promise.all([createCooperative(t.db, { villageId: village.id }), createCooperative(t.db, { status: "pending" })]);
  await product("winter", { season: "11-2", createdAt: "2099-01-01T00:00:00Z" });
  await product("december", { season: "12月", createdAt: "2099-01-02T00:00:00Z" });
  await product("presale", { season: "6-7", shipsFrom: "2031-06-01", createdAt: "2099-01-03T00:00:00Z" });
  await product("soldout", { season: "12", stock: 0, createdAt: "2099-01-04T00:00:00Z" });
  await product("spring", { season: "3-4", createdAt: "2099-06-01T00:00:00Z" }); // newest, off season
  await product("text", { season: "秋冬季", createdAt: "2099-06-02T00:00:00Z" });
  await product("draft", { season: "12", status: "draft", createdAt: "2099-12-01T00:00:00Z" });
  await product("pending", { season: "12", cooperativeId: pending.id, createdAt: "2099-12-02T00:00:00Z" });
});
afterAll(() => t.close());

describe("harvest months", () => {
  async function inSeason(month: number) {
    const ids = Object.values(p).map((x) => x.id);
    const rows = await t.db
      .select({ slug: products.slug, seasonal: inSeasonSql(month) })
      .from(products)
      .where(inArray(products.id, ids));
    const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r.seasonal]));
    return (key: string) => bySlug[p[key]!.slug];
  }

  it("reads single months, ranges and ranges that wrap the new year", async () => {
    const dec = await inSeason(12);
    expect([dec("winter"), dec("december"), dec("soldout"), dec("spring"), dec("presale"), dec("text")]).toEqual([true, true, true, false, false, false]);
    const jan = await inSeason(1);
    expect([jan("winter"), jan("december"), jan("spring")]).toEqual([true, false, false]);
    const apr = await inSeason(4);
    expect([apr("winter"), apr("spring"), apr("presale")]).toEqual([false, true, false]);
  });
});

describe("the seasonal shelf", () => {
  it("puts in-season and pre-sale products, in stock first, ahead of newer products that are not", async () => {
    const { items, inSeason } = await listSeasonalProducts(t.db, { today: "2030-12-15", limit: 8 });
    expect(inSeason).toBe(true);
    const slugs = items.map((i) => i.slug);
    expect(slugs.slice(0, 3)).toEqual([p.presale!.slug, p.december!.slug, p.winter!.slug]);
    expect(slugs.indexOf(p.soldout!.slug)).toBeGreaterThan(2);
    expect(items.find((i) => i.slug === p.presale!.slug)?.preSale).toBe(true);
    const spring = slugs.indexOf(p.spring!.slug);
    if (spring >= 0) expect(spring).toBeGreaterThan(slugs.indexOf(p.winter!.slug));
  });

  it("never shows drafts or products of sellers not approved", async () => {
    const { items } = await listSeasonalProducts(t.db, { today: "2030-12-15", limit: 50 });
    const slugs = items.map((i) => i.slug);
    expect(slugs).not.toContain(p.draft!.slug);
    expect(slugs).not.toContain(p.pending!.slug);
  });

  it("the cards carry what the product card shows", async () => {
    const { items } = await listSeasonalProducts(t.db, { today: "2030-12-15" });
    expect(items.find((i) => i.slug === p.december!.slug)).toMatchObject({
      villageSlug: village.slug,
      cooperativeSlug: coop.slug,
      priceFromCents: 9900,
      soldOut: false,
      preSale: false,
    });
  });
});

describe("getHomeData", () => {
  it("gathers villages, products, stays and upcoming experiences in one call", async () => {
    const now = new Date();
    await createStay(t.db, { cooperativeId: coop.id, villageId: village.id, createdAt: new Date("2099-01-01T00:00:00Z") });
    const upcoming = await createExperience(t.db, { cooperativeId: coop.id, villageId: village.id }, [{ startsAt: new Date(now.getTime() + 2 * DAY) }]);
    const home = await getHomeData(t.db, { today: "2030-12-15", now });
    expect(home.villages.length).toBeGreaterThan(0);
    expect(home.products.length).toBeGreaterThan(0);
    expect(home.stays.length).toBeGreaterThan(0);
    expect(home.stays.length).toBeLessThanOrEqual(4);
    // Every experience on the home page has a slot that can still be booked.
    expect(home.experiences.every((x) => x.nextSlotAt !== null && new Date(x.nextSlotAt) > now)).toBe(true);
    expect(upcoming.slug).toBeTruthy();
  });
});
