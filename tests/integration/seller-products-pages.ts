// What the dashboard's product-page tests share: two cooperatives in one village (A with an
// owner and a staff member, B with an owner), the route modules, a valid product form, and a
// digest of a cooperative's rows to prove that a refusal changed nothing.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { productVariants } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { createCooperative, createVillage, sellerTeams, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { callAction } from "./route-support";

export type Form = Record<string, string | string[]>;

// Set by setupProductPages() before the first test (live bindings: read them inside tests).
export let t: TestDb;
export let list: typeof import("~/routes/dashboard.products");
export let create: typeof import("~/routes/dashboard.products.new");
export let edit: typeof import("~/routes/dashboard.product");
export let coopA: { id: number; slug: string; villageId: number | null };
export let coopB: { id: number; slug: string; nameZh: string };
export let villageId: number;
export let owner: string;
export let staff: string;
export let ownerB: string;

/** The world of a test file: its database, route modules, cooperatives and signed-in members. */
export function setupProductPages() {
  beforeAll(async () => {
    t = openTestDb();
    process.env.DATABASE_URL = t.url;
    list = await import("~/routes/dashboard.products");
    create = await import("~/routes/dashboard.products.new");
    edit = await import("~/routes/dashboard.product");
    const village = await createVillage(t.db);
    villageId = village.id;
    coopA = await createCooperative(t.db, { villageId });
    coopB = await createCooperative(t.db, { villageId });
    ({ owner, staff, ownerB } = await sellerTeams(t.db, coopA.id, coopB.id));
  });

  afterAll(async () => {
    await closeDb();
    await t.close();
  });
}

export const sku = (label = "SKU") => `${label}-${uniqueToken().slice(0, 10)}`.toUpperCase();

export function productForm(overrides: Form = {}): Form {
  return {
    intent: "save",
    titleZh: "安吉白茶 明前一级",
    titleEn: "Anji White Tea",
    descriptionZh: "溪龙乡茶园手工炒制。",
    category: "tea",
    certifications: ["organic", "gi"],
    harvestSeason: "3-4",
    villageId: String(villageId),
    status: "active",
    "variants[0].sku": sku("AJ"),
    "variants[0].nameZh": "250克罐装",
    "variants[0].price": "168",
    "variants[0].stock": "40",
    "variants[0].weightG": "250",
    ...overrides,
  };
}

/** Every product, variant and adjustment row of a cooperative, to prove a refusal changed nothing. */
export async function digest(cooperativeId: number): Promise<string> {
  const [row] = await t.db.execute<{ d: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM products p WHERE p.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(v::text, ',' ORDER BY v.id) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM stock_adjustments a JOIN product_variants v ON v.id = a.variant_id
        JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${cooperativeId}))) AS d`);
  return row!.d;
}

export async function createVia(cookie: string, form: Form): Promise<number> {
  const res = await callAction(create, "/dashboard/products/new", { cookie, form });
  expect(res.status, JSON.stringify(res.body)).toBe(302);
  const id = Number(/\/dashboard\/products\/(\d+)\?created=1$/.exec(res.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

export const variantsOf = (productId: number) =>
  t.db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(productVariants.position);
