import { PRODUCT_CSV_COLUMNS } from "~/modules/imports/product-row";

export type CsvRow = Partial<Record<(typeof PRODUCT_CSV_COLUMNS)[number], string>> & Record<string, string | undefined>;

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A product CSV with `columns` (all DESIGN.md columns by default) and one line per row. */
export function productCsv(rows: CsvRow[], options: { columns?: readonly string[]; eol?: string } = {}): string {
  const columns = options.columns ?? PRODUCT_CSV_COLUMNS;
  const eol = options.eol ?? "\n";
  return [columns.join(","), ...rows.map((r) => columns.map((c) => quote(r[c] ?? "")).join(","))].join(eol) + eol;
}

/** A valid variant row of a tea product; override what the test is about. */
export function teaRow(overrides: CsvRow = {}): CsvRow {
  return {
    handle: "anji-white-tea",
    title_zh: "安吉白茶 明前一级",
    title_en: "Anji White Tea, pre-Qingming grade 1",
    category: "tea",
    description_zh: "溪龙乡茶园手工炒制。",
    description_en: "Hand-fired in the tea gardens of Xilong.",
    certifications: "organic;gi",
    harvest_season: "3-4",
    village: "",
    sku: "AJ-WT-250",
    variant_zh: "250克罐装",
    variant_en: "250 g tin",
    price_cny: "168.00",
    stock: "40",
    weight_g: "250",
    ships_from: "",
    status: "active",
    ...overrides,
  };
}
