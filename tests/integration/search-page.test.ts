// The /search page and /products?q= loaders, called the way Remix calls them, on the real
// database and the PostgreSQL engine: what the pages show, their cache headers, stale page
// links, garbage links, and the engine's order kept on /products.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema/index";
import { listProductCardsByIds } from "~/modules/catalog/products.server";
import { configureSearch, drainSearchOutbox, search } from "~/modules/search/search.server";
import { closeDb } from "~/utils/db.server";
import { createCooperative, createVillage, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { createProduct } from "./api-v1-support";

type Loaded<T> = { data: T; init: ResponseInit | null };
type PageData = {
  state: { q: string; type?: string; village?: string };
  page: number;
  pages: number;
  result: { engine: string; total: number; hits: { slug: string; titleParts: { text: string; hit: boolean }[] }[] } | null;
  villages: { slug: string; name: string }[];
};
type ProductsData = { total: number; page: number; pages: number; items: { slug: string }[]; filters: { q?: string } };

let t: TestDb;
let village: VillageRow;
let searchRoute: typeof import("~/routes/search");
let productsRoute: typeof import("~/routes/products");
const slugs: string[] = [];
let hidden: string;

const args = (url: string) => ({ request: new Request(`http://test.local${url}`), params: {}, context: {} }) as never;
const page = async (url: string) => (await searchRoute.loader(args(url))) as unknown as Loaded<PageData>;
const list = async (url: string) => (await productsRoute.loader(args(url))) as unknown as Loaded<ProductsData>;

// 23 teas with a made-up word only they contain: two pages of 20 on /search, one of 24 on /products.
const WORD = "wombatberry";
const COUNT = 23;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  configureSearch({ engine: "postgres" });
  searchRoute = await import("~/routes/search");
  productsRoute = await import("~/routes/products");
  village = await createVillage(t.db, { nameZh: "袋熊村", nameEn: "Wombat Village" });
  const coop = await createCooperative(t.db, { villageId: village.id });
  for (let i = 0; i < COUNT; i++) {
    slugs.push(
      await createProduct(
        t.db,
        { cooperativeId: coop.id, villageId: village.id, category: i % 2 ? "tea" : "snacks", titleZh: `袋熊莓${i}号`, titleEn: `Wombatberry tea ${i}`, priceFromCents: 1000 + i * 100 },
        [{ priceCents: 1000 + i * 100 }],
      ),
    );
  }
  hidden = await createProduct(t.db, { cooperativeId: coop.id, titleZh: "袋熊莓草稿", titleEn: "Wombatberry draft", status: "draft" }, [{}]);
  await drainSearchOutbox(t.db);
}, 60_000);

afterAll(async () => {
  configureSearch({});
  await closeDb();
  await t.close();
});

describe("/search loader", () => {
  it("answers a query with hits, highlights, village names for the facet, publicly cacheable", async () => {
    const res = await page(`/en/search?q=${WORD}`);
    expect(new Headers(res.init?.headers).get("Cache-Control")).toMatch(/^public/);
    const { result, villages, pages } = res.data;
    expect(result).toMatchObject({ engine: "postgres", total: COUNT });
    expect(result!.hits).toHaveLength(20);
    expect(pages).toBe(2);
    expect(result!.hits.every((h) => slugs.includes(h.slug))).toBe(true);
    expect(result!.hits[0]!.titleParts.find((p) => p.hit)?.text.toLowerCase()).toBe(WORD);
    expect(villages).toContainEqual({ slug: village.slug, name: "Wombat Village" });
  });

  it("a page past the end shows the last page", async () => {
    const { data } = await page(`/search?q=${WORD}&page=9`);
    expect(data.page).toBe(2);
    expect(data.result!.hits).toHaveLength(COUNT - 20);
  });

  it("nothing asked yet: no search at all, just the page", async () => {
    const { data, init } = await page("/search");
    expect(data.result).toBeNull();
    expect(new Headers(init?.headers).get("Cache-Control")).toMatch(/^public/);
  });

  it.each([
    ["a 5,000-character query (cut to 200)", `/search?q=${"袋".repeat(5000)}`],
    ["a page number past any offset", `/search?q=${WORD}&page=99999999999`],
    ["broken percent-encoding and odd separators", "/search?q=%E0%A4%A&cert=gi;;organic,"],
  ])("a garbage link still shows results: %s", async (_, url) => {
    const { data } = await page(url);
    expect(data.result).not.toBeNull();
    expect(data.page).toBeGreaterThanOrEqual(1);
    expect(data.state.q.length).toBeLessThanOrEqual(200);
  });

  it("a link of nothing but unusable values is the plain search page", async () => {
    const { data } = await page("/search?q=%00%01&page=-3&min=abc&max=1e9&cert=bogus&type=unicorn&village=%3Cscript%3E&category=toString&sort=x");
    expect(data.result).toBeNull();
    expect(data.state).toEqual({ q: "" });
  });
});

describe("/products?q=", () => {
  it("lists the engine's products in the engine's order; drafts never", async () => {
    const engine = await search({ q: WORD, lang: "zh-CN", type: "product", sort: "price_desc", limit: 24, offset: 0 }, { db: t.db });
    const { data } = await list(`/products?q=${WORD}&sort=price_desc`);
    expect(data.filters.q).toBe(WORD);
    expect(data.total).toBe(COUNT);
    expect(data.items.map((p) => p.slug)).toEqual(engine.hits.map((h) => h.slug));
    expect(data.items.map((p) => p.slug)).not.toContain(hidden);
    expect(data.items[0]!.slug).toBe(slugs[COUNT - 1]);
  });

  it("filters and pages apply to the search", async () => {
    const tea = await list(`/products?q=${WORD}&category=tea`);
    expect(tea.data.total).toBe(Math.floor(COUNT / 2));
    const last = await list(`/products?q=${WORD}&page=7`);
    expect(last.data.page).toBe(1);
    expect(last.data.items).toHaveLength(COUNT);
  });

  it("without q the catalogue is listed as before", async () => {
    const { data } = await list(`/products?village=${village.slug}`);
    expect(data.total).toBe(COUNT);
    expect(data.filters.q).toBeUndefined();
  });
});

describe("listProductCardsByIds", () => {
  it("keeps the given order, skips unknown and hidden products and duplicates", async () => {
    const rows = await t.db.select({ id: products.id, slug: products.slug }).from(products).where(eq(products.villageId, village.id));
    const id = (slug: string) => rows.find((r) => r.slug === slug)!.id;
    const [draft] = await t.db.select({ id: products.id }).from(products).where(eq(products.slug, hidden));
    const cards = await listProductCardsByIds(t.db, [id(slugs[5]!), 999_999_999, draft!.id, id(slugs[2]!), id(slugs[5]!), id(slugs[9]!)]);
    expect(cards.map((c) => c.slug)).toEqual([slugs[5], slugs[2], slugs[9]]);
    expect(await listProductCardsByIds(t.db, [])).toEqual([]);
  });
});
