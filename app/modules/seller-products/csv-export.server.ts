// A cooperative's products as a CSV in exactly the import format (DESIGN.md, "Product import"),
// one row per variant: export, edit in Excel, import again. UTF-8 with a BOM, so Excel on a
// Chinese Windows reads it as UTF-8 rather than GB18030; CRLF line ends as RFC 4180 says.
import { and, asc, eq, ne } from "drizzle-orm";
import { productVariants, products, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { PRODUCT_CSV_COLUMNS, type ProductCsvColumn } from "../imports/product-row";

const BOM = "\uFEFF";

/** One CSV cell: quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvText(rows: Record<ProductCsvColumn, string>[]): string {
  const lines = [PRODUCT_CSV_COLUMNS.join(","), ...rows.map((r) => PRODUCT_CSV_COLUMNS.map((c) => csvCell(r[c])).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

const yuan = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/**
 * Every product of the cooperative that the import format can say: active and draft ones.
 * Archived products stay out (the format has no "archived"; importing them back would revive them).
 */
export async function exportProductsCsv(db: Database, cooperativeId: number): Promise<Buffer> {
  const rows = await db
    .select({ product: products, variant: productVariants, villageSlug: villages.slug })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(villages, eq(villages.id, products.villageId))
    .where(and(eq(products.cooperativeId, cooperativeId), ne(products.status, "archived")))
    .orderBy(asc(products.handle), asc(productVariants.position), asc(productVariants.id));
  const out = rows.map(({ product: p, variant: v, villageSlug }): Record<ProductCsvColumn, string> => ({
    handle: p.handle,
    title_zh: p.titleZh,
    title_en: p.titleEn,
    category: p.category,
    description_zh: p.descriptionZh,
    description_en: p.descriptionEn,
    certifications: p.certifications.join(";"),
    harvest_season: p.harvestSeason,
    village: villageSlug ?? "",
    sku: v.sku,
    variant_zh: v.nameZh,
    variant_en: v.nameEn,
    price_cny: yuan(v.priceCents),
    stock: String(v.stock),
    weight_g: v.weightG === null ? "" : String(v.weightG),
    ships_from: v.shipsFrom ?? "",
    status: p.status,
  }));
  return Buffer.from(BOM + csvText(out), "utf8");
}

/** The header alone: what a seller fills in to import products the first time. */
export function templateCsv(): Buffer {
  return Buffer.from(BOM + csvText([]), "utf8");
}
