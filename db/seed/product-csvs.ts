// The product CSVs under db/seed/data/products/ are generated from the catalogue sources in
// db/seed/data/catalog/*.json (one file per seller) and committed: they are the seed's input to
// the real CSV importer and double as example files for cooperatives.
//
//   npx tsx db/seed/product-csvs.ts           rewrite the CSVs
//   npx tsx db/seed/product-csvs.ts --check   exit 1 when a CSV is out of date
//
// A unit test (tests/unit/seed-data.test.ts) fails when the committed CSVs and the sources differ.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PRODUCT_CSV_COLUMNS } from "../../app/modules/imports/product-row";
import { syncGeneratedFiles } from "../../scripts/lib/generated-files";
import { parse } from "csv-parse/sync";
import { nextOccurrenceAfter } from "./calendar";
import { type CatalogSeed, DATA_DIR, type SeedData, loadSeedData } from "./data-files";

export const PRODUCTS_CSV_DIR = path.join(DATA_DIR, "products");

/** DESIGN.md "Product import (CSV)" columns, in the documented order. */
export const CSV_COLUMNS = PRODUCT_CSV_COLUMNS;

function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** One row per variant; the product columns are repeated on every row of a handle. */
export function catalogToCsv(catalog: CatalogSeed, sellerVillage: string): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const p of catalog.products) {
    for (const v of p.variants) {
      rows.push([
        p.handle,
        p.titleZh,
        p.titleEn,
        p.category,
        p.descriptionZh,
        p.descriptionEn,
        p.certifications.join(";"),
        p.harvestSeason,
        p.village ?? sellerVillage,
        v.sku,
        v.zh,
        v.en,
        v.price.toFixed(2),
        String(v.stock),
        String(v.weightG),
        v.shipsFrom ?? "",
        p.status ?? "active",
      ]);
    }
  }
  return toCsv(rows);
}

/** File name → CSV text, for every catalogue source. */
export function renderProductCsvs(data: SeedData = loadSeedData()): Map<string, string> {
  const villageOf = new Map(data.cooperatives.map((c) => [c.slug, c.village]));
  return new Map(
    data.catalogs.map((catalog) => [`${catalog.cooperative}.csv`, catalogToCsv(catalog, villageOf.get(catalog.cooperative)!)]),
  );
}

export function readProductCsv(cooperativeSlug: string): string {
  return readFileSync(path.join(PRODUCTS_CSV_DIR, `${cooperativeSlug}.csv`), "utf8");
}

/**
 * The committed CSVs carry real harvest dates (e.g. 2027-06-12 for bayberries). When the seed
 * runs after such a date it moves the pre-sale to the same day of the next harvest year, so a
 * pre-sale never ships "in the past".
 */
export function rollShipsFrom(csv: string, today: string): string {
  const rows = parse(csv, { relax_column_count: true }) as string[][];
  const column = rows[0]?.indexOf("ships_from") ?? -1;
  if (column < 0) return csv;
  let changed = false;
  for (const row of rows.slice(1)) {
    const value = row[column];
    if (value && value <= today) {
      row[column] = nextOccurrenceAfter(value, today);
      changed = true;
    }
  }
  return changed ? toCsv(rows) : csv;
}

function main(argv: string[]) {
  const check = argv.includes("--check");
  const rendered = renderProductCsvs();
  const stale = syncGeneratedFiles(PRODUCTS_CSV_DIR, rendered, { check, folders: [""], extension: ".csv" });
  if (check && stale.length) {
    console.error(`Out-of-date product CSVs: ${stale.join(", ")}\nRun: npx tsx db/seed/product-csvs.ts`);
    process.exit(1);
  }
  console.log(stale.length ? `Wrote ${stale.length} product CSV(s).` : `${rendered.size} product CSVs are up to date.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
