// Villages and sellers as a visitor finds them: a village page lists only that village's approved
// sellers, and its counts match what the lists show; a seller's page exists only while approved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema/index";
import { getCooperativeBySlug } from "~/modules/catalog/cooperatives.server";
import { listExperiences } from "~/modules/catalog/experiences.server";
import { listStays } from "~/modules/catalog/stays.server";
import type { VillageCardData } from "~/modules/catalog/listing-types";
import { getVillageBySlug, listVillageCooperatives, listVillages } from "~/modules/catalog/villages.server";
import type { Database } from "~/utils/db.server";
import { createCooperative, createVillage, uniqueSlug, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { DAY, createExperience, createStay } from "./catalog-listing-fixtures";

let t: TestDb;
let village: VillageRow;
let neighbour: VillageRow;
let coop: CooperativeRow;
let farm: CooperativeRow;
let pending: CooperativeRow;
let suspended: CooperativeRow;
let elsewhere: CooperativeRow;

async function createProduct(db: Database, cooperativeId: number, villageId: number | null, status: "active" | "draft" = "active") {
  const slug = uniqueSlug("prod");
  await db.insert(products).values({ cooperativeId, villageId, handle: slug, slug, category: "tea", titleZh: `茶 ${slug}`, status, priceFromCents: 16800 });
}

beforeAll(async () => {
  t = openTestDb();
  const db = t.db;
  [village, neighbour] = await Promise.all([
    createVillage(db, {
      storyZh: "第一段：竹海。\n\n第二段：白茶。",
      storyEn: "First: the bamboo.\n\nSecond: the white tea.",
      highlights: [{ kind: "scenery", zh: "竹海", en: "Bamboo sea" }],
      townZh: "天荒坪镇",
      townEn: "Tianhuangping",
      lat: 30.63,
      lng: 119.68,
    }),
    createVillage(db),
  ]);
  // One after the other: the village lists its sellers oldest first.
  coop = await createCooperative(db, { villageId: village.id, foundedYear: 2008, storyEn: "We grow white tea." });
  farm = await createCooperative(db, { villageId: village.id, kind: "leisure_farm" });
  [pending, suspended, elsewhere] = await Promise.all([
    createCooperative(db, { villageId: village.id, status: "pending" }),
    createCooperative(db, { villageId: village.id, status: "suspended" }),
    createCooperative(db, { villageId: neighbour.id }),
  ]);
  const now = new Date();
  await Promise.all([
    createStay(db, { cooperativeId: coop.id, villageId: village.id }),
    createStay(db, { cooperativeId: coop.id, villageId: village.id, status: "draft" }),
    createStay(db, { cooperativeId: pending.id, villageId: village.id }),
    createStay(db, { cooperativeId: coop.id, villageId: village.id }, []), // no rooms
    createStay(db, { cooperativeId: elsewhere.id, villageId: neighbour.id }),
    createExperience(db, { cooperativeId: farm.id, villageId: village.id }, [{ startsAt: new Date(now.getTime() + DAY) }]),
    createExperience(db, { cooperativeId: farm.id, villageId: village.id }),
    createExperience(db, { cooperativeId: suspended.id, villageId: village.id }),
    createExperience(db, { cooperativeId: farm.id, villageId: village.id, status: "archived" }),
    createProduct(db, coop.id, village.id),
    createProduct(db, coop.id, village.id),
    createProduct(db, coop.id, village.id, "draft"),
    createProduct(db, pending.id, village.id),
    createProduct(db, elsewhere.id, neighbour.id),
  ]);
});
afterAll(() => t.close());

async function findCard(slug: string): Promise<VillageCardData | undefined> {
  for (let page = 1; page < 100; page++) {
    const result = await listVillages(t.db, { page, pageSize: 100 });
    const card = result.items.find((v) => v.slug === slug);
    if (card || page >= result.pages) return card;
  }
  return undefined;
}

describe("a village page", () => {
  it("has the story, location, highlights and map point", async () => {
    const detail = await getVillageBySlug(t.db, village.slug);
    expect(detail).toMatchObject({
      slug: village.slug,
      storyEn: "First: the bamboo.\n\nSecond: the white tea.",
      provinceZh: "浙江省",
      countyEn: "Anji County",
      townEn: "Tianhuangping",
      lat: 30.63,
      lng: 119.68,
    });
    expect(detail?.highlights).toEqual([{ kind: "scenery", zh: "竹海", en: "Bamboo sea" }]);
  });

  it("an unknown village is null", async () => {
    expect(await getVillageBySlug(t.db, "no-such-village-anywhere")).toBeNull();
  });

  it("lists only the village's approved sellers", async () => {
    const sellers = await listVillageCooperatives(t.db, village.slug);
    expect(sellers.map((c) => c.slug)).toEqual([coop.slug, farm.slug]);
    expect(sellers[0]).toMatchObject({ foundedYear: 2008, storyEn: "We grow white tea.", village: { slug: village.slug } });
    expect(await listVillageCooperatives(t.db, neighbour.slug)).toEqual([expect.objectContaining({ slug: elsewhere.slug })]);
  });

  it("the village card counts exactly what the village's lists show", async () => {
    const card = await findCard(village.slug);
    const [stays, experiences] = await Promise.all([
      listStays(t.db, { village: village.slug }),
      listExperiences(t.db, { village: village.slug }),
    ]);
    expect(card).toMatchObject({ stayCount: 1, experienceCount: 2, productCount: 2 });
    expect(card!.stayCount).toBe(stays.total);
    expect(card!.experienceCount).toBe(experiences.total);
    expect(stays.items.every((s) => s.village.slug === village.slug)).toBe(true);
    expect(experiences.items.every((x) => x.village.slug === village.slug)).toBe(true);
  });

  it("featured villages come first", async () => {
    const featured = await createVillage(t.db, { featured: true });
    const first = await listVillages(t.db, { pageSize: 100 });
    const firstNotFeatured = first.items.findIndex((v) => !v.featured);
    const index = first.items.findIndex((v) => v.slug === featured.slug);
    expect(index).toBeGreaterThanOrEqual(0);
    if (firstNotFeatured >= 0) expect(index).toBeLessThan(firstNotFeatured);
  });
});

describe("a seller's page", () => {
  it("shows an approved seller with its village", async () => {
    expect(await getCooperativeBySlug(t.db, coop.slug)).toMatchObject({
      slug: coop.slug,
      kind: "cooperative",
      foundedYear: 2008,
      village: { slug: village.slug, nameZh: village.nameZh, nameEn: village.nameEn },
    });
  });

  it("a seller without a village has village null", async () => {
    const lone = await createCooperative(t.db);
    expect((await getCooperativeBySlug(t.db, lone.slug))?.village).toBeNull();
  });

  it("pending, suspended and unknown sellers are null (404)", async () => {
    for (const slug of [pending.slug, suspended.slug, "no-such-seller-anywhere"]) {
      expect(await getCooperativeBySlug(t.db, slug), slug).toBeNull();
    }
  });
});
