import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import { importProductsCsv, UnknownCooperativeError } from "~/modules/imports/products-csv.server";
import { type CooperativeRow, type CsvRow, createCooperative, createVillage, productCsv, teaRow, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

// Pending sellers: their imported products stay out of public catalogue queries that other
// test files run against the same database (the importer does not look at the status).
const HIDDEN = { status: "pending" } as const;

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
});
afterAll(() => t.close());

const file = (rows: CsvRow[], columns?: readonly string[]) => Buffer.from(productCsv(rows, { columns }));

/** Rows with SKUs and handles no other test file uses (SKUs are unique site-wide). */
function catalogue(tag = uniqueToken(), village = "") {
  const sku = (s: string) => `${tag.toUpperCase()}-${s}`;
  const tea = `tea-${tag}`;
  const honey = `honey-${tag}`;
  const rows = [
    teaRow({ handle: tea, sku: sku("WT-250"), price_cny: "168.00", village }),
    teaRow({ handle: tea, sku: sku("WT-500"), variant_zh: "500克礼盒", variant_en: "500 g gift box", price_cny: "318.50", stock: "12", village }),
    teaRow({
      handle: honey,
      title_zh: "百花蜜",
      title_en: "Wildflower honey",
      category: "honey",
      certifications: "green_food",
      harvest_season: "夏季",
      village,
      sku: sku("HN-1"),
      variant_zh: "500克瓶装",
      variant_en: "500 g jar",
      price_cny: "0.29",
      stock: "0",
      weight_g: "",
      ships_from: "2027-04-10",
      status: "draft",
    }),
  ];
  return { tag, sku, tea, honey, rows };
}

async function snapshot(cooperativeId: number) {
  const ps = await t.db.select().from(products).where(eq(products.cooperativeId, cooperativeId)).orderBy(products.id);
  const vs = ps.length
    ? await t.db.select().from(productVariants).where(inArray(productVariants.productId, ps.map((p) => p.id))).orderBy(productVariants.id)
    : [];
  return { products: ps, variants: vs };
}

async function totals() {
  const [p] = await t.db.select({ n: count() }).from(products);
  const [v] = await t.db.select({ n: count() }).from(productVariants);
  return { products: p!.n, variants: v!.n };
}

describe("importProductsCsv", () => {
  let coop: CooperativeRow;
  beforeAll(async () => {
    coop = await createCooperative(t.db, HIDDEN);
  });

  it("creates products and variants with exact prices, village, certifications and price_from", async () => {
    const village = await createVillage(t.db);
    const c = catalogue(undefined, village.nameZh);
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    expect(result).toEqual({
      ok: true,
      products: { created: 2, updated: 0, unchanged: 0 },
      variants: { created: 3, updated: 0, unchanged: 0 },
    });
    const { products: ps, variants: vs } = await snapshot(coop.id);
    const tea = ps.find((p) => p.handle === c.tea)!;
    const honey = ps.find((p) => p.handle === c.honey)!;
    expect(tea).toMatchObject({
      slug: c.tea,
      titleZh: "安吉白茶 明前一级",
      category: "tea",
      certifications: ["organic", "gi"],
      villageId: village.id,
      status: "active",
      priceFromCents: 16800,
    });
    expect(honey).toMatchObject({ category: "honey", certifications: ["green_food"], status: "draft", harvestSeason: "夏季", priceFromCents: 29 });
    expect(vs.map((v) => [v.sku, v.productId, v.priceCents, v.stock, v.weightG, v.shipsFrom, v.position])).toEqual([
      [c.sku("WT-250"), tea.id, 16800, 40, 250, null, 0],
      [c.sku("WT-500"), tea.id, 31850, 12, 250, null, 1],
      [c.sku("HN-1"), honey.id, 29, 0, null, "2027-04-10", 0],
    ]);
  });

  it("changes nothing when the same file is imported again", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const before = await snapshot(coop.id);
    const totalsBefore = await totals();

    const again = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    expect(again).toEqual({
      ok: true,
      products: { created: 0, updated: 0, unchanged: 2 },
      variants: { created: 0, updated: 0, unchanged: 3 },
    });
    // Rows of this file are identical, updated_at included (no write happened).
    expect(await snapshot(coop.id)).toEqual(before);
    expect(await totals()).toEqual(totalsBefore);
  });

  it("updates only the variant whose price changed, and price_from when the minimum moves", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const before = await snapshot(coop.id);

    c.rows[1]!.price_cny = "299.90"; // the 500 g tin, not the cheapest
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    expect(result).toMatchObject({ ok: true, products: { updated: 0, unchanged: 2 }, variants: { updated: 1, unchanged: 2 } });
    const after = await snapshot(coop.id);
    const changed = after.variants.find((v) => v.sku === c.sku("WT-500"))!;
    const was = before.variants.find((v) => v.sku === c.sku("WT-500"))!;
    expect(changed.priceCents).toBe(29990);
    expect(changed.updatedAt.getTime()).toBeGreaterThan(was.updatedAt.getTime());
    expect(after.variants.filter((v) => v !== changed)).toEqual(before.variants.filter((v) => v.id !== changed.id));
    expect(after.products).toEqual(before.products);

    c.rows[1]!.price_cny = "99.00"; // now the cheapest: the product's price_from follows
    const second = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    expect(second).toMatchObject({ ok: true, products: { updated: 1, unchanged: 1 }, variants: { updated: 1, unchanged: 2 } });
    const [tea] = await t.db.select().from(products).where(and(eq(products.cooperativeId, coop.id), eq(products.handle, c.tea)));
    expect(tea!.priceFromCents).toBe(9900);
  });

  it("writes nothing when one row is invalid, and reports that row", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const before = await snapshot(coop.id);
    const totalsBefore = await totals();

    const changed = c.rows.map((r) => ({ ...r, stock: "7", title_en: r.title_en + " (new)" }));
    const newProduct = teaRow({ handle: `new-${c.tag}`, sku: c.sku("NEW-1") });
    const bad = teaRow({ handle: `bad-${c.tag}`, sku: c.sku("BAD-1"), price_cny: "-3" });
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file([...changed, newProduct, bad]) });
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ line: 6, column: "price_cny", code: "negative" })] });
    expect(await snapshot(coop.id)).toEqual(before);
    expect(await totals()).toEqual(totalsBefore);
  });

  it("rolls back writes already made when a later write fails, and reports a conflict instead of crashing", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const before = await snapshot(coop.id);
    // A trigger makes the insert of one new variant fail as a concurrent writer would (unique
    // violation) after the product updates of this import were written.
    const doomed = c.sku("DOOMED");
    const fn = `fail_${c.tag}`;
    await t.db.execute(
      sql.raw(`CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.sku = '${doomed}' THEN RAISE unique_violation USING MESSAGE = 'simulated race'; END IF; RETURN NEW; END $$;
        CREATE TRIGGER ${fn} BEFORE INSERT ON product_variants FOR EACH ROW EXECUTE FUNCTION ${fn}();`),
    );
    try {
      const rows = [...c.rows.map((r) => ({ ...r, title_en: "renamed", stock: "1" })), teaRow({ handle: c.tea, sku: doomed, title_en: "renamed", stock: "1" })];
      const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(rows) });
      expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ line: 0, code: "concurrent_change" })] });
      expect(await snapshot(coop.id)).toEqual(before);
    } finally {
      await t.db.execute(sql.raw(`DROP TRIGGER ${fn} ON product_variants; DROP FUNCTION ${fn}();`));
    }
  });

  it("reports unknown and ambiguous villages and writes nothing", async () => {
    const name = `重名村${uniqueToken()}`;
    const a = await createVillage(t.db, { nameZh: name });
    const b = await createVillage(t.db, { nameZh: name });
    const c = catalogue();
    const rows = [
      teaRow({ ...c.rows[0], village: name }),
      teaRow({ ...c.rows[2], village: "atlantis" }),
    ];
    const totalsBefore = await totals();
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(rows) });
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { line: 2, column: "village", code: "ambiguous_village", params: { slugs: `${a.slug}, ${b.slug}` } },
        { line: 3, column: "village", code: "unknown_village" },
      ],
    });
    expect(await totals()).toEqual(totalsBefore);
    // The slug settles it.
    const bySlug = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file([teaRow({ ...c.rows[0], village: b.slug })]) });
    expect(bySlug.ok).toBe(true);
    const [tea] = await t.db.select().from(products).where(and(eq(products.cooperativeId, coop.id), eq(products.handle, c.tea)));
    expect(tea!.villageId).toBe(b.id);
  });

  it("keeps variants the file does not mention and counts them in price_from", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const onlyBigTin = [{ ...c.rows[1]!, price_cny: "400.00" }];
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(onlyBigTin) });
    expect(result).toMatchObject({ ok: true, products: { unchanged: 1 }, variants: { updated: 1 } });
    const { products: ps, variants: vs } = await snapshot(coop.id);
    const tea = ps.find((p) => p.handle === c.tea)!;
    expect(vs.filter((v) => v.productId === tea.id).map((v) => [v.sku, v.priceCents])).toEqual([
      [c.sku("WT-250"), 16800],
      [c.sku("WT-500"), 40000],
    ]);
    expect(tea.priceFromCents).toBe(16800);
  });

  it("leaves the fields of columns absent from the file alone", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const before = await snapshot(coop.id);
    const columns = ["handle", "title_zh", "category", "sku", "variant_zh", "price_cny", "stock"];
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows, columns) });
    expect(result).toMatchObject({ ok: true, products: { unchanged: 2 }, variants: { unchanged: 3 } });
    expect(await snapshot(coop.id)).toEqual(before);
  });

  it("refuses to move a SKU to another product of the same cooperative", async () => {
    const c = catalogue();
    await importProductsCsv(t.db, { cooperativeId: coop.id, file: file(c.rows) });
    const moved = teaRow({ ...c.rows[2], sku: c.sku("WT-250") });
    const result = await importProductsCsv(t.db, { cooperativeId: coop.id, file: file([moved]) });
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2, column: "sku", code: "sku_in_other_product", params: { handle: c.tea } }] });
  });

  it("throws a typed error for a cooperative that does not exist", async () => {
    await expect(importProductsCsv(t.db, { cooperativeId: 2_000_000_000, file: file(catalogue().rows) })).rejects.toBeInstanceOf(
      UnknownCooperativeError,
    );
  });
});

describe("two cooperatives", () => {
  it("share handles (with distinct public slugs) but never SKUs; the other seller's rows stay untouched", async () => {
    const a = await createCooperative(t.db, HIDDEN);
    const b = await createCooperative(t.db, HIDDEN);
    const c = catalogue();
    expect((await importProductsCsv(t.db, { cooperativeId: a.id, file: file(c.rows) })).ok).toBe(true);
    const aBefore = await snapshot(a.id);

    // Same handles, own SKUs: allowed; the slug gets the cooperative's slug as suffix.
    const own = c.rows.map((r) => ({ ...r, sku: `${r.sku}-B`, price_cny: "1.00", title_zh: "别家的茶" }));
    expect(await importProductsCsv(t.db, { cooperativeId: b.id, file: file(own) })).toMatchObject({
      ok: true,
      products: { created: 2 },
      variants: { created: 3 },
    });
    const bProducts = (await snapshot(b.id)).products;
    expect(bProducts.map((p) => p.slug).sort()).toEqual([`${c.honey}-${b.slug}`, `${c.tea}-${b.slug}`]);

    // Someone else's SKU: rejected on its line, nothing written.
    const stolen = [teaRow({ handle: `x-${c.tag}`, sku: `${c.tag.toUpperCase()}-NEW` }), { ...c.rows[0]!, price_cny: "1.00" }];
    const bBefore = await snapshot(b.id);
    expect(await importProductsCsv(t.db, { cooperativeId: b.id, file: file(stolen) })).toMatchObject({
      ok: false,
      errors: [{ line: 3, column: "sku", code: "sku_taken" }],
    });
    expect(await snapshot(b.id)).toEqual(bBefore);
    expect(await snapshot(a.id)).toEqual(aBefore);
  });

  it("serialises concurrent imports: a SKU raced for by two sellers goes to exactly one", async () => {
    const a = await createCooperative(t.db, HIDDEN);
    const b = await createCooperative(t.db, HIDDEN);
    const c = catalogue();
    const results = await Promise.all([
      importProductsCsv(t.db, { cooperativeId: a.id, file: file(c.rows) }),
      importProductsCsv(t.db, { cooperativeId: b.id, file: file(c.rows) }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser).toMatchObject({ ok: false, errors: [{ code: "sku_taken" }, { code: "sku_taken" }, { code: "sku_taken" }] });
  });
});

describe("inside the caller's transaction (as the seed does)", () => {
  it("joins it: rolled back with it, and a failed import leaves it usable", async () => {
    const coop = await createCooperative(t.db, HIDDEN);
    const c = catalogue();
    class Abort extends Error {}
    await expect(
      t.db.transaction(async (tx) => {
        const bad = await importProductsCsv(tx, { cooperativeId: coop.id, file: file([{ ...c.rows[0]!, stock: "-1" }]) });
        expect(bad.ok).toBe(false);
        const good = await importProductsCsv(tx, { cooperativeId: coop.id, file: file(c.rows) });
        expect(good).toMatchObject({ ok: true, products: { created: 2 } });
        const [inside] = await tx.select({ n: count() }).from(products).where(eq(products.cooperativeId, coop.id));
        expect(inside!.n).toBe(2);
        throw new Abort();
      }),
    ).rejects.toBeInstanceOf(Abort);
    expect((await snapshot(coop.id)).products).toEqual([]);

    await t.db.transaction(async (tx) => {
      expect((await importProductsCsv(tx, { cooperativeId: coop.id, file: file(c.rows) })).ok).toBe(true);
    });
    expect((await snapshot(coop.id)).products).toHaveLength(2);
    const [{ locks } = { locks: -1 }] = await t.db.execute<{ locks: number }>(
      sql`SELECT count(*)::int AS locks FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
    );
    expect(locks).toBe(0);
  });
});
