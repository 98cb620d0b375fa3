import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import {
  getProductBySlug,
  listFacets,
  listProducts,
  listRelatedProducts,
  parseProductFilters,
} from "~/modules/catalog/products.server";
import type { CategoryKey, CertificationKey, ProductCardData } from "~/modules/catalog/types";
import { createCooperative, createVillage, uniqueSlug, uniqueToken, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

// Every test scopes its query to this file's own cooperative or villages (unique slugs), so
// other test files writing products into the same database cannot change the answers.

type VariantSpec = { price: number; stock: number; shipsFrom?: string; nameZh?: string; weightG?: number };
type ProductSpec = {
  key: string;
  coop: CooperativeRow;
  category: CategoryKey;
  village?: VillageRow | null;
  certs?: CertificationKey[];
  status?: "active" | "draft" | "archived";
  createdAt?: Date;
  variants: VariantSpec[];
};

let t: TestDb;
let villageA: VillageRow;
let villageB: VillageRow;
let coop: CooperativeRow;
let tieCoop: CooperativeRow;
const slugs: Record<string, string> = {};

async function createProduct(spec: ProductSpec) {
  const slug = uniqueSlug(spec.key);
  slugs[spec.key] = slug;
  const [row] = await t.db
    .insert(products)
    .values({
      cooperativeId: spec.coop.id,
      handle: slug,
      slug,
      villageId: spec.village?.id ?? null,
      category: spec.category,
      titleZh: `测试商品 ${spec.key}`,
      titleEn: `Test product ${spec.key}`,
      descriptionZh: `${spec.key} 的介绍。`,
      certifications: spec.certs ?? [],
      harvestSeason: "3-4",
      status: spec.status ?? "active",
      priceFromCents: Math.min(...spec.variants.map((v) => v.price)),
      ...(spec.createdAt ? { createdAt: spec.createdAt } : {}),
    })
    .returning();
  await t.db.insert(productVariants).values(
    spec.variants.map((v, i) => ({
      productId: row!.id,
      sku: `SKU-${uniqueToken()}`.toUpperCase(),
      nameZh: v.nameZh ?? `规格${i + 1}`,
      nameEn: `Option ${i + 1}`,
      priceCents: v.price,
      stock: v.stock,
      weightG: v.weightG ?? null,
      shipsFrom: v.shipsFrom ?? null,
      position: i,
    })),
  );
  return row!;
}

const day = (d: number) => new Date(Date.UTC(2026, 0, d));
const slugsOf = (items: ProductCardData[]) => items.map((p) => p.slug);
const keysOf = (items: ProductCardData[]) => items.map((p) => Object.keys(slugs).find((k) => slugs[k] === p.slug) ?? p.slug);

beforeAll(async () => {
  t = openTestDb();
  villageA = await createVillage(t.db, { nameZh: "余村测试", nameEn: "Yucun Test" });
  villageB = await createVillage(t.db);
  coop = await createCooperative(t.db, { villageId: villageA.id, nameZh: "测试茶叶合作社", nameEn: "Test Tea Cooperative" });
  const pending = await createCooperative(t.db, { status: "pending" });
  const suspended = await createCooperative(t.db, { status: "suspended" });
  tieCoop = await createCooperative(t.db);

  await createProduct({
    key: "tea-a",
    coop,
    category: "tea",
    village: villageA,
    certs: ["organic", "gi"],
    createdAt: day(1),
    variants: [
      { price: 16800, stock: 40, nameZh: "250克罐装", weightG: 250 },
      { price: 31800, stock: 0, nameZh: "500克礼盒", weightG: 500 },
    ],
  });
  await createProduct({ key: "tea-a2", coop, category: "tea", village: villageA, certs: ["gi"], createdAt: day(2), variants: [{ price: 12000, stock: 5 }] });
  await createProduct({ key: "tea-b", coop, category: "tea", village: villageB, certs: ["gi"], createdAt: day(3), variants: [{ price: 8800, stock: 0 }] });
  await createProduct({
    key: "honey",
    coop,
    category: "honey",
    village: villageA,
    certs: ["organic"],
    createdAt: day(4),
    variants: [{ price: 5000, stock: 10, shipsFrom: "2099-04-10" }],
  });
  await createProduct({ key: "nuts", coop, category: "nuts", village: null, createdAt: day(5), variants: [{ price: 9950, stock: 3 }] });
  // Never shown to shoppers:
  await createProduct({ key: "draft", coop, category: "tea", village: villageA, status: "draft", variants: [{ price: 100, stock: 9 }] });
  await createProduct({ key: "archived", coop, category: "tea", village: villageA, status: "archived", variants: [{ price: 100, stock: 9 }] });
  await createProduct({ key: "pending", coop: pending, category: "tea", village: villageA, variants: [{ price: 100, stock: 9 }] });
  await createProduct({ key: "suspended", coop: suspended, category: "tea", village: villageA, variants: [{ price: 100, stock: 9 }] });
  // Five products with the same price and creation time, to check the order is stable.
  for (let i = 0; i < 5; i++) {
    await createProduct({ key: `tie-${i}`, coop: tieCoop, category: "snacks", createdAt: day(10), variants: [{ price: 1000, stock: 1 }] });
  }
});

afterAll(() => t.close());

describe("listProducts: what shoppers see", () => {
  it("shows only active products of approved sellers", async () => {
    const page = await listProducts(t.db, { cooperativeId: coop.id });
    expect(page.total).toBe(5);
    expect(keysOf(page.items).sort()).toEqual(["honey", "nuts", "tea-a", "tea-a2", "tea-b"]);

    const inVillage = await listProducts(t.db, { village: villageA.slug });
    expect(keysOf(inVillage.items).sort()).toEqual(["honey", "tea-a", "tea-a2"]);
    for (const hidden of ["draft", "archived", "pending", "suspended"]) {
      expect(slugsOf(inVillage.items)).not.toContain(slugs[hidden]);
    }
  });

  it("cards carry the names, price, sold-out and pre-sale state", async () => {
    const { items } = await listProducts(t.db, { cooperativeId: coop.id, pageSize: 50 });
    const card = (key: string) => items.find((p) => p.slug === slugs[key])!;
    expect(card("tea-a")).toMatchObject({
      titleZh: "测试商品 tea-a",
      category: "tea",
      certifications: ["organic", "gi"],
      priceFromCents: 16800,
      villageSlug: villageA.slug,
      villageNameZh: "余村测试",
      villageNameEn: "Yucun Test",
      cooperativeSlug: coop.slug,
      cooperativeNameZh: "测试茶叶合作社",
      cooperativeNameEn: "Test Tea Cooperative",
      soldOut: false, // one of its two variants is in stock
      preSale: false,
    });
    expect(card("tea-b").soldOut).toBe(true);
    expect(card("honey").preSale).toBe(true);
    expect(card("nuts")).toMatchObject({ villageSlug: null, villageNameZh: null });
  });
});

describe("listProducts: filters", () => {
  it("by category", async () => {
    const { items, total } = await listProducts(t.db, { cooperativeId: coop.id, category: "tea" });
    expect(total).toBe(3);
    expect(keysOf(items).sort()).toEqual(["tea-a", "tea-a2", "tea-b"]);
  });

  it("by village slug; an unknown village finds nothing", async () => {
    expect((await listProducts(t.db, { village: villageB.slug })).total).toBe(1);
    expect(await listProducts(t.db, { village: "no-such-village-zz9" })).toEqual({ items: [], total: 0, page: 1, pages: 1 });
  });

  it("by certifications: a product must have every selected one", async () => {
    const ids = async (certs: CertificationKey[]) => keysOf((await listProducts(t.db, { cooperativeId: coop.id, certs })).items).sort();
    expect(await ids(["organic"])).toEqual(["honey", "tea-a"]);
    expect(await ids(["organic", "gi"])).toEqual(["tea-a"]);
    expect(await ids(["gi"])).toEqual(["tea-a", "tea-a2", "tea-b"]);
    expect(await ids(["heritage"])).toEqual([]);
  });

  it("by price range in fen, bounds included", async () => {
    const ids = async (minCents?: number, maxCents?: number) =>
      keysOf((await listProducts(t.db, { cooperativeId: coop.id, minCents, maxCents })).items).sort();
    expect(await ids(5000, 9950)).toEqual(["honey", "nuts", "tea-b"]);
    expect(await ids(10000)).toEqual(["tea-a", "tea-a2"]);
    expect(await ids(undefined, 8800)).toEqual(["honey", "tea-b"]);
  });

  it("straight from a URL: village + certification + max price in yuan", async () => {
    const filters = parseProductFilters(new URLSearchParams(`village=${villageA.slug}&cert=organic&max=99.5`));
    const { items } = await listProducts(t.db, filters);
    expect(keysOf(items)).toEqual(["honey"]);
  });

  it("a link full of garbage still lists the products", async () => {
    const filters = parseProductFilters(new URLSearchParams("page=-1&min=abc&category=%3Cscript%3E&sort=%27%3B+drop&cert=x&q=" + "z".repeat(10_000)));
    const page = await listProducts(t.db, { ...filters, cooperativeId: coop.id });
    expect(page.total).toBe(5);
    expect(page.page).toBe(1);
  });
});

describe("listProducts: sorting", () => {
  const order = async (sort: "relevance" | "price_asc" | "price_desc" | "newest") =>
    keysOf((await listProducts(t.db, { cooperativeId: coop.id, sort })).items);

  it("price low to high and high to low", async () => {
    expect(await order("price_asc")).toEqual(["honey", "tea-b", "nuts", "tea-a2", "tea-a"]);
    expect(await order("price_desc")).toEqual(["tea-a", "tea-a2", "nuts", "tea-b", "honey"]);
  });

  it("newest first", async () => {
    expect(await order("newest")).toEqual(["nuts", "honey", "tea-b", "tea-a2", "tea-a"]);
  });

  it("recommended: what can be bought now first, sold out last", async () => {
    expect(await order("relevance")).toEqual(["nuts", "honey", "tea-a2", "tea-a", "tea-b"]);
  });
});

describe("listProducts: pagination", () => {
  it("counts pages and shows the last page for a page past the end", async () => {
    const p1 = await listProducts(t.db, { cooperativeId: coop.id, sort: "price_asc", pageSize: 2, page: 1 });
    const p3 = await listProducts(t.db, { cooperativeId: coop.id, sort: "price_asc", pageSize: 2, page: 3 });
    expect(p1).toMatchObject({ total: 5, pages: 3, page: 1 });
    expect(keysOf(p1.items)).toEqual(["honey", "tea-b"]);
    expect(keysOf(p3.items)).toEqual(["tea-a"]);
    const past = await listProducts(t.db, { cooperativeId: coop.id, sort: "price_asc", pageSize: 2, page: 99 });
    expect(past).toMatchObject({ page: 3, pages: 3, total: 5 });
    expect(keysOf(past.items)).toEqual(["tea-a"]);
  });

  it.each(["relevance", "price_asc", "price_desc", "newest"] as const)(
    "with equal prices and dates, %s pages through every product exactly once",
    async (sort) => {
      const seen: string[] = [];
      for (let page = 1; page <= 3; page++) {
        const result = await listProducts(t.db, { cooperativeId: tieCoop.id, sort, pageSize: 2, page });
        expect(result.pages).toBe(3);
        seen.push(...slugsOf(result.items));
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    },
  );
});

describe("getProductBySlug", () => {
  it("returns the product page data with variants in order", async () => {
    const product = await getProductBySlug(t.db, slugs["tea-a"]!);
    expect(product).toMatchObject({
      slug: slugs["tea-a"],
      category: "tea",
      certifications: ["organic", "gi"],
      harvestSeason: "3-4",
      priceFromCents: 16800,
      village: { slug: villageA.slug, nameZh: "余村测试", nameEn: "Yucun Test" },
      cooperative: { slug: coop.slug, nameZh: "测试茶叶合作社", kind: "cooperative" },
    });
    expect(product!.variants.map((v) => [v.nameZh, v.priceCents, v.stock, v.weightG])).toEqual([
      ["250克罐装", 16800, 40, 250],
      ["500克礼盒", 31800, 0, 500],
    ]);
    const honey = await getProductBySlug(t.db, slugs.honey!);
    expect(honey!.variants[0]!.shipsFrom).toBe("2099-04-10");
    expect((await getProductBySlug(t.db, slugs.nuts!))!.village).toBeNull();
  });

  it.each(["draft", "archived", "pending", "suspended"])("is null for a %s product", async (key) => {
    expect(await getProductBySlug(t.db, slugs[key]!)).toBeNull();
  });

  it("is null for an unknown slug", async () => {
    expect(await getProductBySlug(t.db, "no-such-product-zz9")).toBeNull();
  });
});

describe("listRelatedProducts", () => {
  it("same category or same village, best match first, never itself or hidden products", async () => {
    const product = (await getProductBySlug(t.db, slugs["tea-a"]!))!;
    const related = await listRelatedProducts(t.db, product, 24);
    const found = slugsOf(related);
    expect(found[0]).toBe(slugs["tea-a2"]); // same village and same category
    for (const key of ["tea-a", "nuts", "draft", "pending", "suspended"]) expect(found).not.toContain(slugs[key]);
    expect(await listRelatedProducts(t.db, product, 2)).toHaveLength(2);
    // Other test files add tea to the shared database, so "same category only" is checked where
    // this file's products are the only match on both counts: tea from village B is tea-b…
    const fromB = slugsOf(await listRelatedProducts(t.db, { ...product, village: { id: villageB.id } }, 4));
    expect(fromB[0]).toBe(slugs["tea-b"]);
    // …and "same village only" with a category no test sells: village A's honey and tea.
    const sameVillage = slugsOf(await listRelatedProducts(t.db, { ...product, category: "aquatic" }, 24));
    expect(sameVillage).toEqual(expect.arrayContaining([slugs.honey, slugs["tea-a2"]]));
    for (const key of ["tea-a", "nuts", "draft", "pending", "suspended"]) expect(sameVillage).not.toContain(slugs[key]);
  });
});

describe("listFacets", () => {
  it("lists villages with visible products and their counts", async () => {
    const facets = await listFacets(t.db);
    expect(facets.villages.find((v) => v.slug === villageA.slug)).toEqual({
      slug: villageA.slug,
      nameZh: "余村测试",
      nameEn: "Yucun Test",
      count: 3,
    });
    expect(facets.villages.find((v) => v.slug === villageB.slug)?.count).toBe(1);
    expect(facets.categories.find((c) => c.key === "tea")?.count).toBeGreaterThanOrEqual(3);
  });
});
