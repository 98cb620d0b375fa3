// Writes a parsed product CSV for one cooperative: all or nothing, idempotent.
//
// - One transaction (a savepoint when `db` is already a transaction, as in the seed). Every
//   check against the database (villages, SKUs owned elsewhere) runs before the first write;
//   any error rolls everything back and is returned as a row-level report.
// - Rows are compared with what is stored and only real changes are written, so re-importing
//   the same file touches nothing (no updated_at bump).
// - Columns absent from the file leave the stored value alone (a file without description_en
//   does not wipe the English descriptions); variants absent from the file are kept.
// - Imports take one transaction-scoped advisory lock, so two imports never race for the same
//   SKU or slug; a conflict with another writer is still reported, never a 500.
import { type ExtractTablesWithRelations, and, eq, inArray, or, sql } from "drizzle-orm";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import * as schema from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { type ImportError, importError, sortErrors } from "./errors";
import type { ProductCsvColumn } from "./product-row";
import { type ParsedProduct, parseProductsCsv } from "./products-csv";

export type { ImportError } from "./errors";

const { cooperatives, productVariants, products, villages } = schema;

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = PgDatabase<PostgresJsQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

export type ImportCounts = { created: number; updated: number; unchanged: number };
export type ImportResult =
  | { ok: true; products: ImportCounts; variants: ImportCounts }
  | { ok: false; errors: ImportError[] };

/** The cooperative id given to the importer does not exist (a caller bug, not a CSV error). */
export class UnknownCooperativeError extends Error {
  constructor(readonly cooperativeId: number) {
    super(`No cooperative with id ${cooperativeId}`);
    this.name = "UnknownCooperativeError";
  }
}

class Rollback extends Error {
  constructor(readonly errors: ImportError[]) {
    super("product import rolled back");
  }
}

/** Imports a product CSV (DESIGN.md format) for a cooperative. Nothing is written on any error. */
export async function importProductsCsv(
  db: Database | Transaction,
  input: { cooperativeId: number; file: Buffer | Uint8Array },
): Promise<ImportResult> {
  const parsed = parseProductsCsv(input.file);
  if (!parsed.ok) return parsed;
  return importParsedProducts(db, { cooperativeId: input.cooperativeId, products: parsed.products, columns: parsed.columns });
}

/** The writer alone, for callers that parsed (and perhaps previewed) the file already. */
export async function importParsedProducts(
  db: Database | Transaction,
  input: { cooperativeId: number; products: ParsedProduct[]; columns: readonly ProductCsvColumn[] },
): Promise<ImportResult> {
  try {
    return await (db as Executor).transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('xiangji:products-import'))`);
      const plan = await planImport(tx, input.cooperativeId, input.products);
      if (!plan.ok) throw new Rollback(plan.errors);
      return await applyPlan(tx, plan, new Set(input.columns));
    });
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, errors: error.errors };
    if (isUniqueViolation(error)) return { ok: false, errors: [importError(0, "", "concurrent_change")] };
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

// ---- plan: read everything, check everything --------------------------------------------------

type StoredProduct = typeof products.$inferSelect;
type StoredVariant = typeof productVariants.$inferSelect;

type Plan = {
  ok: true;
  cooperative: { id: number; slug: string };
  products: { parsed: ParsedProduct; stored: StoredProduct | undefined; villageId: number | null; priceFromCents: number }[];
  variantsBySku: Map<string, StoredVariant>;
};

const CHUNK = 1000;
async function inChunks<T, R>(items: T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await query(items.slice(i, i + CHUNK))));
  return out;
}

async function resolveVillages(tx: Executor, parsed: ParsedProduct[], errors: ImportError[]) {
  const refs = [...new Set(parsed.flatMap((p) => (p.village ? [p.village] : [])))];
  const rows = refs.length
    ? await tx
        .select({ id: villages.id, slug: villages.slug, nameZh: villages.nameZh })
        .from(villages)
        .where(or(inArray(villages.slug, refs.map((r) => r.toLowerCase())), inArray(villages.nameZh, refs)))
    : [];
  const ids = new Map<ParsedProduct, number | null>();
  for (const product of parsed) {
    const ref = product.village;
    if (!ref) {
      ids.set(product, null);
      continue;
    }
    const bySlug = rows.find((v) => v.slug === ref.toLowerCase());
    const byName = rows.filter((v) => v.nameZh === ref);
    if (bySlug) ids.set(product, bySlug.id);
    else if (byName.length === 1) ids.set(product, byName[0]!.id);
    else if (byName.length > 1) {
      errors.push(importError(product.line, "village", "ambiguous_village", { value: ref, slugs: byName.map((v) => v.slug).join(", ") }));
    } else errors.push(importError(product.line, "village", "unknown_village", { value: ref }));
  }
  return ids;
}

async function planImport(tx: Executor, cooperativeId: number, parsed: ParsedProduct[]): Promise<Plan | { ok: false; errors: ImportError[] }> {
  const [cooperative] = await tx
    .select({ id: cooperatives.id, slug: cooperatives.slug })
    .from(cooperatives)
    .where(eq(cooperatives.id, cooperativeId));
  if (!cooperative) throw new UnknownCooperativeError(cooperativeId);

  const errors: ImportError[] = [];
  const villageIds = await resolveVillages(tx, parsed, errors);

  const stored = await inChunks(
    parsed.map((p) => p.handle),
    (chunk) => tx.select().from(products).where(and(eq(products.cooperativeId, cooperative.id), inArray(products.handle, chunk))),
  );
  const storedByHandle = new Map(stored.map((p) => [p.handle, p]));

  // Who owns each SKU of the file today (SKUs are unique across the marketplace).
  const owners = await inChunks(
    parsed.flatMap((p) => p.variants.map((v) => v.sku)),
    (chunk) =>
      tx
        .select({ variant: productVariants, cooperativeId: products.cooperativeId, handle: products.handle })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(inArray(productVariants.sku, chunk)),
  );
  const ownerBySku = new Map(owners.map((o) => [o.variant.sku, o]));
  for (const product of parsed) {
    for (const variant of product.variants) {
      const owner = ownerBySku.get(variant.sku);
      if (!owner) continue;
      if (owner.cooperativeId !== cooperative.id) {
        errors.push(importError(variant.line, "sku", "sku_taken", { sku: variant.sku }));
      } else if (owner.handle !== product.handle) {
        errors.push(importError(variant.line, "sku", "sku_in_other_product", { sku: variant.sku, handle: owner.handle }));
      }
    }
  }
  if (errors.length) return { ok: false, errors: sortErrors(errors) };

  // price_from covers the product's variants after the import: the file's, plus stored ones the
  // file does not mention (they are kept).
  const kept = await inChunks(stored.map((p) => p.id), (chunk) =>
    tx
      .select({ productId: productVariants.productId, sku: productVariants.sku, priceCents: productVariants.priceCents })
      .from(productVariants)
      .where(inArray(productVariants.productId, chunk)),
  );
  const keptByProduct = new Map<number, typeof kept>();
  for (const k of kept) keptByProduct.set(k.productId, [...(keptByProduct.get(k.productId) ?? []), k]);
  return {
    ok: true,
    cooperative,
    variantsBySku: new Map(owners.map((o) => [o.variant.sku, o.variant])),
    products: parsed.map((p) => {
      const current = storedByHandle.get(p.handle);
      const inFile = new Set(p.variants.map((v) => v.sku));
      const prices = [
        ...p.variants.map((v) => v.priceCents),
        ...(current ? (keptByProduct.get(current.id) ?? []) : []).filter((k) => !inFile.has(k.sku)).map((k) => k.priceCents),
      ];
      return { parsed: p, stored: current, villageId: villageIds.get(p) ?? null, priceFromCents: Math.min(...prices) };
    }),
  };
}

// ---- apply: write only what differs -------------------------------------------------------------

/** Public slug: the handle when free, else `<handle>-<cooperative>`, then `-2`, `-3`… */
export async function pickSlugs(tx: Executor, cooperativeSlug: string, handles: string[]): Promise<Map<string, string>> {
  const preferred = (h: string) => [h, `${h}-${cooperativeSlug}`];
  const takenRows = await inChunks(handles.flatMap(preferred), (chunk) =>
    tx.select({ slug: products.slug }).from(products).where(inArray(products.slug, chunk)),
  );
  const taken = new Set(takenRows.map((r) => r.slug));
  const slugs = new Map<string, string>();
  for (const handle of handles) {
    let slug = preferred(handle).find((s) => !taken.has(s));
    for (let n = 2; !slug; n++) {
      const candidate = `${handle}-${cooperativeSlug}-${n}`;
      if (taken.has(candidate)) continue;
      const [row] = await tx.select({ id: products.id }).from(products).where(eq(products.slug, candidate)).limit(1);
      if (!row) slug = candidate;
      else taken.add(candidate);
    }
    taken.add(slug);
    slugs.set(handle, slug);
  }
  return slugs;
}

type ProductFields = Omit<typeof products.$inferInsert, "id" | "cooperativeId" | "handle" | "slug" | "image" | "createdAt" | "updatedAt">;
type VariantFields = Omit<typeof productVariants.$inferInsert, "id" | "productId" | "sku" | "createdAt" | "updatedAt">;

// Which CSV column feeds which optional field: absent column → stored value kept.
const PRODUCT_OPTIONAL: Partial<Record<keyof ProductFields, ProductCsvColumn>> = {
  titleEn: "title_en",
  descriptionZh: "description_zh",
  descriptionEn: "description_en",
  certifications: "certifications",
  harvestSeason: "harvest_season",
  villageId: "village",
  status: "status",
};
const VARIANT_OPTIONAL: Partial<Record<keyof VariantFields, ProductCsvColumn>> = {
  nameEn: "variant_en",
  weightG: "weight_g",
  shipsFrom: "ships_from",
};

const same = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

/** The fields of `desired` that differ from `stored`, skipping those whose column is absent. */
function changes<T extends object>(
  stored: T,
  desired: Partial<T>,
  optional: Partial<Record<keyof T, ProductCsvColumn>>,
  columns: Set<ProductCsvColumn>,
): Partial<T> {
  const diff: Partial<T> = {};
  for (const key of Object.keys(desired) as (keyof T)[]) {
    const column = optional[key];
    if (column && !columns.has(column)) continue;
    if (!same(stored[key], desired[key])) diff[key] = desired[key];
  }
  return diff;
}

async function applyPlan(tx: Executor, plan: Plan, columns: Set<ProductCsvColumn>): Promise<ImportResult> {
  const counts = {
    products: { created: 0, updated: 0, unchanged: 0 },
    variants: { created: 0, updated: 0, unchanged: 0 },
  };
  const fresh = plan.products.filter((p) => !p.stored);
  const slugs = await pickSlugs(tx, plan.cooperative.slug, fresh.map((p) => p.parsed.handle));
  const productIds = new Map<string, number>();
  const productInserts: (typeof products.$inferInsert)[] = [];

  for (const { parsed, stored, villageId, priceFromCents } of plan.products) {
    const desired: ProductFields = {
      titleZh: parsed.titleZh,
      titleEn: parsed.titleEn,
      category: parsed.category,
      descriptionZh: parsed.descriptionZh,
      descriptionEn: parsed.descriptionEn,
      certifications: parsed.certifications,
      harvestSeason: parsed.harvestSeason,
      villageId,
      status: parsed.status,
      priceFromCents,
    };
    if (stored) {
      productIds.set(parsed.handle, stored.id);
      const diff = changes(stored, desired, PRODUCT_OPTIONAL, columns);
      if (Object.keys(diff).length === 0) counts.products.unchanged++;
      else {
        await tx.update(products).set(diff).where(eq(products.id, stored.id));
        counts.products.updated++;
      }
    } else {
      productInserts.push({ ...desired, cooperativeId: plan.cooperative.id, handle: parsed.handle, slug: slugs.get(parsed.handle)! });
    }
  }
  const created = await inChunks(productInserts, (chunk) =>
    tx.insert(products).values(chunk).returning({ id: products.id, handle: products.handle }),
  );
  for (const row of created) productIds.set(row.handle, row.id);
  counts.products.created = created.length;

  const inserts: (typeof productVariants.$inferInsert)[] = [];
  for (const { parsed } of plan.products) {
    const productId = productIds.get(parsed.handle)!;
    for (const v of parsed.variants) {
      const desired: VariantFields = {
        nameZh: v.nameZh,
        nameEn: v.nameEn,
        priceCents: v.priceCents,
        stock: v.stock,
        weightG: v.weightG,
        shipsFrom: v.shipsFrom,
        position: v.position,
      };
      const stored = plan.variantsBySku.get(v.sku);
      if (!stored) {
        inserts.push({ ...desired, productId, sku: v.sku });
        continue;
      }
      const diff = changes(stored, desired, VARIANT_OPTIONAL, columns);
      if (Object.keys(diff).length === 0) counts.variants.unchanged++;
      else {
        await tx.update(productVariants).set(diff).where(eq(productVariants.id, stored.id));
        counts.variants.updated++;
      }
    }
  }
  await inChunks(inserts, (chunk) => tx.insert(productVariants).values(chunk).returning({ id: productVariants.id }));
  counts.variants.created = inserts.length;
  return { ok: true, ...counts };
}
