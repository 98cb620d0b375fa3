// GET /api/v1/search as a client sees it, on the real database and both engines: what was just
// written is found (after the outbox is drained), limit is capped at 50, filters and SKUs work,
// a query over 200 characters or a bad parameter is a 400 naming it, and when Meilisearch is
// unreachable PostgreSQL answers and the response says so.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { configureSearch, drainSearchOutbox } from "~/modules/search/search.server";
import { closeDb } from "~/utils/db.server";
import { createCooperative, createVillage, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type ErrorBody, type Route, createProduct, expectJson, get } from "./api-v1-support";

let t: TestDb;
let village: VillageRow;
let coop: CooperativeRow;
let route: Route;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  route = await import("~/routes/api.v1.search");
  village = await createVillage(t.db, { nameEn: "Yu Village API" });
  coop = await createCooperative(t.db, { villageId: village.id });
});

afterAll(async () => {
  configureSearch({});
  await closeDb();
  await t.close();
});

describe("GET /api/v1/search", () => {
  // 55 jams with a made-up English word only they contain, prices ¥10.00, ¥11.00, … ¥64.00.
  const JAMS = 55;
  const jam: string[] = [];
  type Hit = { type: string; slug: string; title: string; url: string; priceFrom: number; sku?: string; village: unknown; cooperative: unknown };
  type Body = { query: string; engine: string; total: number; limit: number; offset: number; hits: Hit[]; facets: { type: Record<string, number> }; didYouMean: unknown };
  const find = async (qs: string) => {
    const { res, body } = await get(route, `/api/v1/search?${qs}`);
    return { res, body: body as unknown as Body & ErrorBody };
  };

  beforeAll(async () => {
    configureSearch({ engine: "postgres" });
    for (let i = 0; i < JAMS; i++) {
      jam.push(
        await createProduct(
          t.db,
          { cooperativeId: coop.id, villageId: village.id, category: "preserved", titleZh: `接口果酱${i}号`, titleEn: `Quokkaberry jam ${i}`, priceFromCents: 1000 + i * 100 },
          [{ sku: `QKB-API-${i}`, priceCents: 1000 + i * 100 }],
        ),
      );
    }
    await drainSearchOutbox(t.db);
  }, 60_000);

  it("finds what was just written, in the language asked, publicly cacheable", async () => {
    const { res, body } = await find("q=quokkaberry&lang=en&limit=5");
    expect(res.status).toBe(200);
    expectJson(res, "public");
    expect(body).toMatchObject({ query: "quokkaberry", engine: "postgres", total: JAMS, limit: 5, offset: 0, didYouMean: null });
    expect(body.hits).toHaveLength(5);
    const hit = body.hits[0]!;
    expect(jam).toContain(hit.slug);
    expect(hit).toMatchObject({
      type: "product",
      title: expect.stringMatching(/^Quokkaberry jam \d+$/),
      url: `/en/products/${hit.slug}`,
      village: { slug: village.slug, name: "Yu Village API", url: `/en/villages/${village.slug}` },
      cooperative: { slug: coop.slug, url: `/en/cooperatives/${coop.slug}` },
    });
    expect(hit.priceFrom).toBeGreaterThanOrEqual(1000);
    expect(body.facets.type).toMatchObject({ product: JAMS, stay: 0 });
    expect(JSON.stringify(body)).not.toMatch(/"id"/);
  });

  it("limit=500 answers at most 50 hits and says limit 50; offset pages on", async () => {
    const first = await find("q=quokkaberry&limit=500");
    expect(first.res.status).toBe(200);
    expect(first.body.limit).toBe(50);
    expect(first.body.hits).toHaveLength(50);
    const rest = await find("q=quokkaberry&limit=500&offset=50");
    expect(rest.body.hits).toHaveLength(JAMS - 50);
    expect(new Set([...first.body.hits, ...rest.body.hits].map((h) => h.slug)).size).toBe(JAMS);
  });

  it("filters and sorts: type, category, price in yuan, price_desc", async () => {
    expect((await find("q=quokkaberry&type=stay")).body.total).toBe(0);
    const cheap = await find("q=quokkaberry&category=preserved&min=12&max=10&sort=price_desc");
    expect(cheap.body.hits.map((h) => h.priceFrom)).toEqual([1200, 1100, 1000]);
  });

  it("a SKU finds its product and names the SKU", async () => {
    const { body } = await find("q=QKB-API-7");
    expect(body.hits[0]).toMatchObject({ slug: jam[7], sku: "QKB-API-7" });
  });

  it("q of 200 characters is searched; 201 is a 400 naming q", async () => {
    expect((await find(`q=${"果".repeat(200)}`)).res.status).toBe(200);
    const { res, body } = await find(`q=${"果".repeat(201)}`);
    expect(res.status).toBe(400);
    expectJson(res, "no-store");
    expect(body.error).toEqual({
      code: "invalid_params",
      message: "Invalid query parameter: q.",
      fields: { q: "Must be at most 200 characters." },
    });
  });

  it("bad parameters → 400 with every bad field", async () => {
    const { res, body } = await find("type=shop&cert=organic;fake&min=cheap&sort=best&limit=0&offset=10001&lang=de");
    expect(res.status).toBe(400);
    expect(Object.keys(body.error!.fields!).sort()).toEqual(["cert", "lang", "limit", "min", "offset", "sort", "type"]);
  });

  it("Meilisearch unreachable: still 200, answered by PostgreSQL, and says so", async () => {
    configureSearch({ engine: "meilisearch", meiliUrl: "http://127.0.0.1:9", timeoutMs: 200 });
    try {
      const { res, body } = await find("q=quokkaberry");
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ engine: "postgres", total: JAMS });
    } finally {
      configureSearch({ engine: "postgres" });
    }
  });

  it("on Meilisearch: the same answer shape and the same cap", async () => {
    const meiliUrl = inject("meiliUrl");
    expect(meiliUrl, "no Meilisearch for this run (binary missing): set TEST_MEILI_URL").toBeTruthy();
    configureSearch({ engine: "meilisearch", meiliUrl, meiliKey: inject("meiliKey"), indexName: `api_v1_${Date.now().toString(36)}` });
    try {
      await drainSearchOutbox(t.db);
      const { res, body } = await find("q=quokkaberry&limit=500");
      expect(res.status).toBe(200);
      expect(body).toMatchObject({ engine: "meilisearch", total: JAMS, limit: 50 });
      expect(body.hits).toHaveLength(50);
      expect(body.hits.every((h) => jam.includes(h.slug))).toBe(true);
    } finally {
      configureSearch({ engine: "postgres" });
    }
  }, 60_000);
});
