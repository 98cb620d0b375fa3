// A cooperative's own products, as its members see and change them in the dashboard. Every
// function takes the acting cooperative and touches nothing outside it: a product or variant id
// of another cooperative is answered exactly like an id that does not exist.
import { and, asc, desc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { cooperatives, productImages, productVariants, products, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { escapeLike } from "~/utils/sql-like.server";
import { pickSlugs } from "../imports/products-csv.server";
import { firstFreeHandle, handleFromTitle } from "./handle.server";
import { LOW_STOCK, type ProductFormValue, type ProductListFilter } from "./schemas";
import type { SellerProductRow } from "./types";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const PAGE_SIZE = 30;

/** Field errors keyed by Conform field names (`variants[1].sku`), messages as locale keys. */
export type FieldErrors = Record<string, string[]>;
export type WriteResult =
  | { ok: true; productId: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; fieldErrors: FieldErrors }
  | { ok: false; reason: "conflict"; formError: string };

// The importer takes the same lock: handles, slugs and SKUs are chosen by one writer at a time.
const lockCatalog = (tx: Tx) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('xiangji:products-import'))`);

// Drizzle writes a lone table's columns unqualified inside sql``, where a subquery would read
// them as its own: the outer product is named in full.
const PRODUCT_ID = sql.raw(`"products"."id"`);

// ---- reading ------------------------------------------------------------------------------------

export async function listSellerProducts(
  db: Database,
  cooperativeId: number,
  filter: ProductListFilter,
): Promise<{ items: SellerProductRow[]; total: number; page: number; pages: number }> {
  const conditions = [eq(products.cooperativeId, cooperativeId)];
  if (filter.status) conditions.push(eq(products.status, filter.status));
  if (filter.lowStock) {
    conditions.push(sql`EXISTS (SELECT 1 FROM product_variants lv WHERE lv.product_id = ${PRODUCT_ID} AND lv.stock <= ${LOW_STOCK})`);
  }
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    conditions.push(
      or(
        ilike(products.titleZh, like),
        ilike(products.titleEn, like),
        sql`EXISTS (SELECT 1 FROM product_variants sv WHERE sv.product_id = ${PRODUCT_ID} AND sv.sku ILIKE ${like})`,
      )!,
    );
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await db.select({ total: sql<number>`count(*)::int` }).from(products).where(where);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const items = await db
    .select({
      id: products.id,
      titleZh: products.titleZh,
      titleEn: products.titleEn,
      status: products.status,
      priceFromCents: products.priceFromCents,
      variantCount: sql<number>`(SELECT count(*)::int FROM product_variants v WHERE v.product_id = ${PRODUCT_ID})`,
      totalStock: sql<number>`(SELECT coalesce(sum(v.stock), 0)::int FROM product_variants v WHERE v.product_id = ${PRODUCT_ID})`,
      lowestStock: sql<number | null>`(SELECT min(v.stock) FROM product_variants v WHERE v.product_id = ${PRODUCT_ID})`,
    })
    .from(products)
    .where(where)
    .orderBy(desc(products.updatedAt), desc(products.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return { items, total, page, pages };
}

export type SellerVariant = typeof productVariants.$inferSelect;
export type SellerProduct = typeof products.$inferSelect & { variants: SellerVariant[]; imageCount: number };

/** The product with its variants (in their order), or null when it is not this cooperative's. */
export async function getSellerProduct(db: Database, cooperativeId: number, productId: number): Promise<SellerProduct | null> {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)));
  if (!product) return null;
  const variants = await db
    .select()
    .from(productVariants)
    .where(eq(productVariants.productId, product.id))
    .orderBy(asc(productVariants.position), asc(productVariants.id));
  const [images] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(productImages)
    .where(eq(productImages.productId, product.id));
  return { ...product, variants, imageCount: images?.n ?? 0 };
}

export type VillageOption = { id: number; nameZh: string; nameEn: string; countyZh: string; countyEn: string };

export async function listVillageOptions(db: Database): Promise<VillageOption[]> {
  return db
    .select({ id: villages.id, nameZh: villages.nameZh, nameEn: villages.nameEn, countyZh: villages.countyZh, countyEn: villages.countyEn })
    .from(villages)
    .orderBy(asc(villages.countyZh), asc(villages.nameZh));
}

export async function cooperativeVillageId(db: Database, cooperativeId: number): Promise<number | null> {
  const [row] = await db.select({ villageId: cooperatives.villageId }).from(cooperatives).where(eq(cooperatives.id, cooperativeId));
  return row?.villageId ?? null;
}

// ---- writing ------------------------------------------------------------------------------------

const productFields = (input: ProductFormValue) => ({
  titleZh: input.titleZh,
  titleEn: input.titleEn,
  descriptionZh: input.descriptionZh,
  descriptionEn: input.descriptionEn,
  category: input.category,
  certifications: input.certifications,
  harvestSeason: input.harvestSeason,
  villageId: input.villageId ?? null,
  status: input.status,
  priceFromCents: Math.min(...input.variants.map((v) => v.price)),
});

const variantFields = (v: ProductFormValue["variants"][number], position: number) => ({
  sku: v.sku,
  nameZh: v.nameZh,
  nameEn: v.nameEn,
  priceCents: v.price,
  weightG: v.weightG ?? null,
  shipsFrom: v.shipsFrom ?? null,
  position,
});

/** Checks against the database that a form alone cannot make: the village exists, SKUs are free. */
async function checkReferences(tx: Tx, input: ProductFormValue, productId: number | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (input.villageId !== undefined) {
    const [village] = await tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
    if (!village) errors.villageId = ["form.choice"];
  }
  // SKUs are unique across the marketplace; whose SKU it is stays unsaid.
  const skus = input.variants.map((v) => v.sku);
  const holders = await tx
    .select({ sku: productVariants.sku })
    .from(productVariants)
    .where(
      productId === null
        ? inArray(productVariants.sku, skus)
        : and(inArray(productVariants.sku, skus), ne(productVariants.productId, productId)),
    );
  const taken = new Set(holders.map((h) => h.sku));
  input.variants.forEach((v, i) => {
    if (taken.has(v.sku)) errors[`variants[${i}].sku`] = ["productsDashboard.error.skuTaken"];
  });
  return errors;
}

/** A unique-violation from PostgreSQL: which constraint, and the SKU when it was a SKU. */
function uniqueViolation(error: unknown): { constraint: string; sku?: string } | null {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; detail?: unknown };
    if (pg.code === "23505") {
      const sku = typeof pg.detail === "string" ? /\(sku\)=\((.*)\) already exists/.exec(pg.detail)?.[1] : undefined;
      return { constraint: String(pg.constraint_name ?? ""), sku };
    }
  }
  return null;
}

/** Another writer took a SKU between our check and our write: the same answer as the check. */
function raceResult(error: unknown, input: ProductFormValue): WriteResult {
  const violation = uniqueViolation(error);
  if (!violation) throw error;
  const index = input.variants.findIndex((v) => v.sku === violation.sku);
  if (violation.constraint === "product_variants_sku_key" && index >= 0) {
    return { ok: false, reason: "invalid", fieldErrors: { [`variants[${index}].sku`]: ["productsDashboard.error.skuTaken"] } };
  }
  return { ok: false, reason: "conflict", formError: "productsDashboard.error.conflict" };
}

export async function createSellerProduct(db: Database, cooperativeId: number, input: ProductFormValue): Promise<WriteResult> {
  try {
    return await db.transaction(async (tx) => {
      await lockCatalog(tx);
      const [cooperative] = await tx.select({ slug: cooperatives.slug }).from(cooperatives).where(eq(cooperatives.id, cooperativeId));
      if (!cooperative) return { ok: false, reason: "not_found" } as const;
      const fieldErrors = await checkReferences(tx, input, null);
      if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors } as const;

      const base = handleFromTitle(input.titleZh);
      const similar = await tx
        .select({ handle: products.handle })
        .from(products)
        .where(and(eq(products.cooperativeId, cooperativeId), or(eq(products.handle, base), sql`${products.handle} LIKE ${`${escapeLike(base)}-%`}`)));
      const handle = firstFreeHandle(base, new Set(similar.map((r) => r.handle)));
      const slug = (await pickSlugs(tx, cooperative.slug, [handle])).get(handle)!;

      const [product] = await tx
        .insert(products)
        .values({ ...productFields(input), cooperativeId, handle, slug })
        .returning({ id: products.id });
      await tx
        .insert(productVariants)
        .values(input.variants.map((v, i) => ({ ...variantFields(v, i), productId: product!.id, stock: v.stock ?? 0 })));
      return { ok: true, productId: product!.id } as const;
    });
  } catch (error) {
    return raceResult(error, input);
  }
}

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

function diff<T extends Record<string, unknown>>(stored: T, desired: Partial<T>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(desired) as (keyof T)[]) if (!same(stored[key], desired[key])) out[key] = desired[key];
  return out;
}

/**
 * Saves the edit form: product fields, and the variant list as submitted (variants missing from
 * it are deleted, ones without an id are created with their opening stock). Stock of existing
 * variants is never changed here. A variant id that is not this product's → not_found.
 */
export async function updateSellerProduct(
  db: Database,
  cooperativeId: number,
  productId: number,
  input: ProductFormValue,
): Promise<WriteResult> {
  try {
    return await db.transaction(async (tx) => {
      await lockCatalog(tx);
      const [stored] = await tx
        .select()
        .from(products)
        .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)))
        .for("update");
      if (!stored) return { ok: false, reason: "not_found" } as const;
      const storedVariants = await tx.select().from(productVariants).where(eq(productVariants.productId, stored.id));
      const byId = new Map(storedVariants.map((v) => [v.id, v]));
      if (input.variants.some((v) => v.id !== undefined && !byId.has(v.id))) return { ok: false, reason: "not_found" } as const;
      if (stored.status === "archived") return { ok: false, reason: "conflict", formError: "productsDashboard.error.archived" } as const;
      const fieldErrors = await checkReferences(tx, input, stored.id);
      if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors } as const;

      const productChanges = diff(stored, productFields(input));
      if (Object.keys(productChanges).length) await tx.update(products).set(productChanges).where(eq(products.id, stored.id));

      const keep = new Set(input.variants.flatMap((v) => (v.id === undefined ? [] : [v.id])));
      const removed = storedVariants.filter((v) => !keep.has(v.id)).map((v) => v.id);
      if (removed.length) await tx.delete(productVariants).where(inArray(productVariants.id, removed));

      // Two kept variants may trade SKUs: park the changing ones on a placeholder first, so the
      // unique index never sees the same SKU twice in the middle of the save.
      const updates = input.variants.flatMap((v, i) => {
        const current = v.id === undefined ? undefined : byId.get(v.id);
        if (!current) return [];
        const changes = diff(current, variantFields(v, i));
        return Object.keys(changes).length ? [{ id: current.id, changes }] : [];
      });
      const renamed = updates.filter((u) => u.changes.sku !== undefined);
      if (renamed.length > 1) {
        for (const u of renamed) await tx.update(productVariants).set({ sku: `~${u.id}` }).where(eq(productVariants.id, u.id));
      }
      for (const u of updates) await tx.update(productVariants).set(u.changes).where(eq(productVariants.id, u.id));

      const created = input.variants.flatMap((v, i) =>
        v.id === undefined ? [{ ...variantFields(v, i), productId: stored.id, stock: v.stock ?? 0 }] : [],
      );
      if (created.length) await tx.insert(productVariants).values(created);
      return { ok: true, productId: stored.id } as const;
    });
  } catch (error) {
    return raceResult(error, input);
  }
}

/** Archives (hidden from the shop, kept for orders) or restores as a draft. False: not this cooperative's. */
export async function setProductArchived(db: Database, cooperativeId: number, productId: number, archived: boolean): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id, status: products.status })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)));
  if (!row) return false;
  if (archived && row.status !== "archived") {
    await db.update(products).set({ status: "archived" }).where(and(eq(products.id, row.id), ne(products.status, "archived")));
  } else if (!archived && row.status === "archived") {
    // Back as a draft: the seller looks it over before it is on sale again.
    await db.update(products).set({ status: "draft" }).where(and(eq(products.id, row.id), eq(products.status, "archived")));
  }
  return true;
}

export async function productInCooperative(db: Database, cooperativeId: number, productId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)));
  return Boolean(row);
}
