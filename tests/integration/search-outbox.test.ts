// The index stays consistent (issue 3, acceptance 2): every write announces itself in the same
// transaction, the worker projects and ships it, and nothing is lost when Meilisearch is away.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, productVariants, products, villages } from "../../db/schema/index";
import { meiliClient } from "~/modules/search/meilisearch.server";
import { configureSearch, drainSearchOutbox, search, searchConfig } from "~/modules/search/search.server";
import type { SearchQuery } from "~/modules/search/types";
import { importProductsCsv } from "~/modules/imports/products-csv.server";
import { createCooperative, createVillage, productCsv, teaRow, uniqueToken } from "../factories";
import type { TestDb } from "../setup/db";
import { openScratchTestDb, useMeilisearch } from "../setup/search";

let t: TestDb;
beforeAll(async () => {
  t = await openScratchTestDb("xiangji_outbox");
});
afterAll(() => t?.close());

const q = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ q: text, lang: "zh-CN", limit: 20, offset: 0, ...extra });
const outboxCount = async () => Number(((await t.db.execute(sql`SELECT count(*) AS n FROM search_outbox`)) as { n: string }[])[0]?.n);

async function seller(marker: string) {
  const village = await createVillage(t.db);
  const coop = await createCooperative(t.db, { villageId: village.id });
  const file = Buffer.from(
    productCsv([
      teaRow({ handle: `tea-${marker}`, sku: `SKU-${marker}-1`, title_en: `Marker ${marker} white tea`, village: village.slug }),
      teaRow({ handle: `tea-${marker}`, sku: `SKU-${marker}-2`, title_en: `Marker ${marker} white tea`, variant_zh: "500克", price_cny: "300.00", village: village.slug }),
    ]),
  );
  const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file });
  if (!result.ok) throw new Error(JSON.stringify(result));
  const [product] = await t.db.select().from(products).where(eq(products.handle, `tea-${marker}`));
  return { village, coop, product: product! };
}

describe("the outbox is written in the same transaction as the change", () => {
  it("a product import announces the product; a rolled-back change announces nothing", async () => {
    await drainSearchOutbox(t.db);
    const marker = `m${uniqueToken()}`;
    const { product } = await seller(marker);
    const rows = (await t.db.execute(sql`SELECT entity::text AS entity, entity_id FROM search_outbox`)) as { entity: string; entity_id: number }[];
    expect(rows.some((r) => r.entity === "product" && Number(r.entity_id) === product.id)).toBe(true);

    await drainSearchOutbox(t.db);
    expect(await outboxCount()).toBe(0);
    await t.db
      .transaction(async (tx) => {
        await tx.update(products).set({ titleZh: "回滚的标题" }).where(eq(products.id, product.id));
        expect(((await tx.execute(sql`SELECT count(*)::int AS n FROM search_outbox`)) as { n: number }[])[0]?.n).toBeGreaterThan(0);
        throw new Error("rollback");
      })
      .catch(() => {});
    expect(await outboxCount()).toBe(0);
  });

  it("variants, villages and sellers announce the documents that show them", async () => {
    configureSearch({ engine: "postgres" });
    const marker = `m${uniqueToken()}`;
    const { product, village, coop } = await seller(marker);
    await drainSearchOutbox(t.db);

    // A variant's price change reaches the product's document.
    await t.db.update(productVariants).set({ priceCents: 100 }).where(eq(productVariants.sku, `SKU-${marker}-1`));
    await t.db.update(products).set({ priceFromCents: 100 }).where(eq(products.id, product.id));
    await drainSearchOutbox(t.db);
    expect((await search(q(marker), { db: t.db })).hits[0]?.priceFrom).toBe(100);

    // Renaming the village renames it on its products.
    await t.db.update(villages).set({ nameZh: `新名字村${marker}` }).where(eq(villages.id, village.id));
    await drainSearchOutbox(t.db);
    const renamed = await search(q(marker), { db: t.db });
    expect(renamed.hits[0]?.village?.name).toBe(`新名字村${marker}`);

    // Suspending the seller takes its products out of search; approving brings them back.
    await t.db.update(cooperatives).set({ status: "suspended" }).where(eq(cooperatives.id, coop.id));
    await drainSearchOutbox(t.db);
    expect((await search(q(marker), { db: t.db })).total).toBe(0);
    await t.db.update(cooperatives).set({ status: "approved" }).where(eq(cooperatives.id, coop.id));
    await drainSearchOutbox(t.db);
    expect((await search(q(marker), { db: t.db })).total).toBe(1);

    // Deleting the product removes it.
    await t.db.delete(products).where(eq(products.id, product.id));
    await drainSearchOutbox(t.db);
    expect((await search(q(marker), { db: t.db })).total).toBe(0);
  });
});

describe("Meilisearch receives every change", () => {
  it("creates, updates and deletes reach Meilisearch; unchanged documents are not shipped again", async () => {
    useMeilisearch("outbox");
    const marker = `m${uniqueToken()}`;
    const { product } = await seller(marker);
    await drainSearchOutbox(t.db);
    let result = await search(q(marker), { db: t.db });
    expect(result.engine).toBe("meilisearch");
    expect(result.hits.map((h) => h.slug)).toEqual([product.slug]);

    await t.db.update(products).set({ titleZh: `改名的白茶${marker}` }).where(eq(products.id, product.id));
    await drainSearchOutbox(t.db);
    result = await search(q(marker), { db: t.db });
    expect(result.hits[0]?.title).toBe(`改名的白茶${marker}`);

    // A stock change changes nothing searchable: nothing waits to be shipped.
    await t.db.update(productVariants).set({ stock: 7 }).where(eq(productVariants.sku, `SKU-${marker}-2`));
    await drainSearchOutbox(t.db);
    const [pending] = (await t.db.execute(sql`SELECT count(*)::int AS n FROM search_documents WHERE NOT shipped`)) as { n: number }[];
    expect(pending?.n).toBe(0);

    await t.db.delete(products).where(eq(products.id, product.id));
    await drainSearchOutbox(t.db);
    expect((await search(q(marker), { db: t.db })).total).toBe(0);
    // The tombstone is gone once Meilisearch has dropped the document.
    const [left] = (await t.db.execute(sql`SELECT count(*)::int AS n FROM search_documents WHERE key = ${`product:${product.id}`}`)) as { n: number }[];
    expect(left?.n).toBe(0);
  });

  it("a document whose shipment failed stays pending and ships on the next try", async () => {
    const live = useMeilisearch("retry");
    const marker = `m${uniqueToken()}`;
    await seller(marker);
    // Meilisearch "down": a port nobody listens on.
    configureSearch({ engine: "meilisearch", meiliUrl: "http://127.0.0.1:9", meiliKey: live.key, indexName: live.index });
    await expect(drainSearchOutbox(t.db)).rejects.toThrow();
    const [pending] = (await t.db.execute(sql`SELECT count(*)::int AS n FROM search_documents WHERE NOT shipped`)) as { n: number }[];
    expect(pending?.n).toBeGreaterThan(0);
    // Meilisearch back: everything pending arrives.
    configureSearch({ engine: "meilisearch", meiliUrl: live.url, meiliKey: live.key, indexName: live.index });
    await drainSearchOutbox(t.db);
    const result = await search(q(marker), { db: t.db });
    expect(result.engine).toBe("meilisearch");
    expect(result.total).toBe(1);
    const config = searchConfig().meili!;
    const stats = await meiliClient(config, "index").index(config.index).getStats();
    const [docs] = (await t.db.execute(sql`SELECT count(*)::int AS n FROM search_documents WHERE NOT deleted`)) as { n: number }[];
    expect(stats.numberOfDocuments).toBe(docs?.n);
  });
});
