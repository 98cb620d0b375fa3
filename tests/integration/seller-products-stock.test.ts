// The stock page: adjustments with a reason and their history, refusals that change nothing,
// and many people adjusting the same variant at once (stock never below zero, no 500).
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products, stockAdjustments } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { createCooperative, sellerTeams, uniqueSlug } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let stock: typeof import("~/routes/dashboard.product.stock");
let owner: string;
let staff: string;
let ownerB: string;
let ownerId: number;
let staffId: number;
let coopA: number;
let coopB: number;

async function product(cooperativeId: number, stocks: number[]): Promise<{ id: number; variants: number[] }> {
  const slug = uniqueSlug("stock");
  const [p] = await t.db
    .insert(products)
    .values({ cooperativeId, handle: slug, slug, category: "honey", titleZh: `库存测试蜂蜜${slug.slice(-4)}`, priceFromCents: 5000 })
    .returning();
  const rows = await t.db
    .insert(productVariants)
    .values(stocks.map((s, i) => ({ productId: p!.id, sku: `${slug}-${i}`.toUpperCase(), nameZh: `${i + 1}号`, priceCents: 5000, stock: s, position: i })))
    .returning({ id: productVariants.id });
  return { id: p!.id, variants: rows.map((r) => r.id) };
}

const stockOf = async (variantId: number) =>
  (await t.db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId)))[0]!.stock;
const historyOf = (variantId: number) =>
  t.db.select().from(stockAdjustments).where(eq(stockAdjustments.variantId, variantId)).orderBy(stockAdjustments.id);

async function digest(): Promise<string> {
  const [row] = await t.db.execute<{ d: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(v::text, ',' ORDER BY v.id) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.cooperative_id IN (${coopA}, ${coopB})),
      (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM stock_adjustments a JOIN product_variants v ON v.id = a.variant_id
        JOIN products p ON p.id = v.product_id WHERE p.cooperative_id IN (${coopA}, ${coopB})))) AS d`);
  return row!.d;
}

const adjust = (cookie: string, productId: number, form: Record<string, string>) =>
  callAction(stock, `/dashboard/products/${productId}/stock`, { cookie, params: { productId: String(productId) }, form: { intent: "adjust", ...form } });

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  stock = await import("~/routes/dashboard.product.stock");
  coopA = (await createCooperative(t.db)).id;
  coopB = (await createCooperative(t.db)).id;
  ({ owner, staff, ownerB, ownerId, staffId } = await sellerTeams(t.db, coopA, coopB, { owner: { name: "王店主" }, staff: { name: "李店员" } }));
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("adjusting stock", () => {
  it("adds stock with a reason, records who and the stock after, and shows it in the history", async () => {
    const p = await product(coopA, [40, 3]);
    const [v] = p.variants;
    const res = await adjust(owner, p.id, { variantId: String(v), delta: "+20", reason: "restock", note: "春茶到货" });
    expect([res.status, res.location]).toEqual([302, `/dashboard/products/${p.id}/stock?adjusted=${v}`]);
    expect(await stockOf(v!)).toBe(60);
    const down = await adjust(staff, p.id, { variantId: String(v), delta: "-3", reason: "damaged" });
    expect(down.status).toBe(302);
    expect(await stockOf(v!)).toBe(57);
    expect((await historyOf(v!)).map((h) => [h.delta, h.stockAfter, h.reason, h.note, h.userId])).toEqual([
      [20, 60, "restock", "春茶到货", ownerId],
      [-3, 57, "damaged", "", staffId],
    ]);

    const page = await callLoader(stock, `/dashboard/products/${p.id}/stock`, { cookie: staff, params: { productId: String(p.id) } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const body = page.body as { variants: { id: number; stock: number }[]; history: { delta: number; userName: string; stockAfter: number }[] };
    expect(body.variants.map((x) => [x.id, x.stock])).toEqual([
      [v, 57],
      [p.variants[1], 3],
    ]);
    expect(body.history.map((h) => [h.delta, h.stockAfter, h.userName])).toEqual([
      [-3, 57, "李店员"],
      [20, 60, "王店主"],
    ]);
  });

  it("refuses a change below zero with 409 and a message with the current stock, changing nothing", async () => {
    const p = await product(coopA, [5]);
    const before = await digest();
    const res = await adjust(owner, p.id, { variantId: String(p.variants[0]), delta: "-6", reason: "offline_sale" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ variantId: String(p.variants[0]), result: { error: { "": ["productsDashboard.stock.error.negative:5"] } } });
    expect(await digest()).toBe(before);
  });

  it.each<[string, Record<string, string>]>([
    ["no change", { delta: "0", reason: "correction" }],
    ["a change of abc", { delta: "abc", reason: "correction" }],
    ["a fraction", { delta: "1.5", reason: "correction" }],
    ["a huge change", { delta: "99999999999", reason: "restock" }],
    ["an unknown reason", { delta: "1", reason: "theft" }],
    ["“other” without a note", { delta: "1", reason: "other" }],
    ["a 100 KB note", { delta: "1", reason: "other", note: "备".repeat(100_000) }],
    ["a garbage variant id", { delta: "1", reason: "restock", variantId: "x'; DROP TABLE products;--" }],
    ["no intent", { delta: "1", reason: "restock", intent: "" }],
  ])("refuses %s with 400 and changes nothing", async (_label, form) => {
    const p = await product(coopA, [10]);
    const before = await digest();
    const res = await adjust(owner, p.id, { variantId: String(p.variants[0]), ...form });
    expect(res.status).toBe(400);
    expect(await digest()).toBe(before);
  });

  it("answers a variant of another cooperative, or of another product, with 404 and changes nothing", async () => {
    const mine = await product(coopA, [10]);
    const otherOfMine = await product(coopA, [10]);
    const theirs = await product(coopB, [10]);
    const before = await digest();
    for (const variantId of [theirs.variants[0], otherOfMine.variants[0], 2_147_483_647]) {
      const res = await adjust(owner, mine.id, { variantId: String(variantId), delta: "-1", reason: "correction" });
      expect(res.status, String(variantId)).toBe(404);
    }
    expect(await digest()).toBe(before);
  });

  it("answers another cooperative's product page and its adjustments with 404", async () => {
    const theirs = await product(coopB, [10]);
    const before = await digest();
    const params = { productId: String(theirs.id) };
    expect((await callLoader(stock, `/dashboard/products/${theirs.id}/stock`, { cookie: owner, params })).status).toBe(404);
    expect((await adjust(owner, theirs.id, { variantId: String(theirs.variants[0]), delta: "5", reason: "restock" })).status).toBe(404);
    expect((await callLoader(stock, "/dashboard/products/abc/stock", { cookie: ownerB, params: { productId: "abc" } })).status).toBe(404);
    expect(await digest()).toBe(before);
  });

  it("lets 20 people take one unit each of 10 at once: exactly 10 succeed, stock 0, 10 history rows, no 500", async () => {
    const p = await product(coopA, [10]);
    const [v] = p.variants;
    const cookies = [owner, staff];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => adjust(cookies[i % 2]!, p.id, { variantId: String(v), delta: "-1", reason: "offline_sale" })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 302)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    expect(await stockOf(v!)).toBe(0);
    const history = await historyOf(v!);
    expect(history).toHaveLength(10);
    expect(history.map((h) => h.stockAfter).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
