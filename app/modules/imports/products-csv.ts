// Pure side of the product CSV import: bytes → text → records → validated, grouped products.
// No database here, so every rule is unit-testable; products-csv.server.ts checks the rest
// (villages, SKUs of other sellers) and writes.
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import type { CategoryKey, CertificationKey } from "../../../db/schema/products";
import { type ImportError, importError, sortErrors } from "./errors";
import {
  PRODUCT_CSV_COLUMNS,
  PRODUCT_LEVEL_COLUMNS,
  REQUIRED_PRODUCT_CSV_COLUMNS,
  type ProductCsvColumn,
  type ProductRow,
  issueCode,
  productRowSchema,
} from "./product-row";

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export type CsvEncoding = "utf-8-bom" | "utf-8" | "gb18030";

export type ParsedVariant = {
  line: number;
  sku: string;
  nameZh: string;
  nameEn: string;
  priceCents: number;
  stock: number;
  weightG: number | null;
  shipsFrom: string | null;
  /** Order of the variant within its product in the file (0-based). */
  position: number;
};

export type ParsedProduct = {
  /** Line of the product's first row. */
  line: number;
  handle: string;
  titleZh: string;
  titleEn: string;
  category: CategoryKey;
  descriptionZh: string;
  descriptionEn: string;
  certifications: CertificationKey[];
  harvestSeason: string;
  /** Village slug or Chinese name as written; resolved against the database by the writer. */
  village: string | null;
  status: "active" | "draft";
  variants: ParsedVariant[];
};

export type ParseProductsResult =
  | {
      ok: true;
      encoding: CsvEncoding;
      /** The columns present in the header: the writer leaves fields of absent columns alone. */
      columns: ProductCsvColumn[];
      products: ParsedProduct[];
      rows: number;
    }
  | { ok: false; errors: ImportError[] };

// ---- bytes → text ------------------------------------------------------------------------

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * BOM → UTF-8; valid UTF-8 → UTF-8; anything else is read as GB18030 (what Excel saves as
 * "CSV" on a Chinese Windows). GB18030 is a superset of GBK and GB2312.
 */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string; encoding: CsvEncoding } | { ok: false; error: ImportError } {
  if (bytes.length === 0) return { ok: false, error: importError(0, "", "file_empty") };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    try {
      return { ok: true, text: utf8.decode(bytes.subarray(3)), encoding: "utf-8-bom" };
    } catch {
      return { ok: false, error: importError(0, "", "file_encoding") };
    }
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, error: importError(0, "", "file_not_csv", { detail: "UTF-16 text" }) };
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return { ok: false, error: importError(0, "", "file_not_csv", { detail: "an Excel workbook or another ZIP file" }) };
  }
  if (bytes.includes(0)) {
    return { ok: false, error: importError(0, "", "file_not_csv", { detail: "binary data" }) };
  }
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: "utf-8" };
  } catch {
    // not UTF-8: fall through to GB18030
  }
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "gb18030");
  if (text.includes("\uFFFD")) return { ok: false, error: importError(0, "", "file_encoding") };
  return { ok: true, text, encoding: "gb18030" };
}

// ---- text → records with their line numbers ---------------------------------------------------

export type CsvRecord = { line: number; cells: string[] };

/**
 * Parses CSV text into records, each with the physical line it starts on (header = 1), also
 * when an earlier cell spans several lines. A syntax error (unclosed quote…) is one error.
 */
export function readCsvRecords(text: string): { ok: true; records: CsvRecord[] } | { ok: false; error: ImportError } {
  // csv-parse counts bytes exactly but miscounts lines inside quoted CRLF cells, so we map the
  // byte offset where each record starts to a line number ourselves.
  const buf = Buffer.from(text, "utf8");
  const lineStarts: number[] = [0];
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) lineStarts.push(i + 1);
    else if (buf[i] === 0x0d && buf[i + 1] !== 0x0a) lineStarts.push(i + 1);
  }
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const starts: number[] = [];
  let consumed = 0;
  try {
    const cells = parse(buf, {
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (record: string[], context: { bytes: number }) => {
        starts.push(consumed);
        consumed = context.bytes;
        return record;
      },
    }) as string[][];
    return { ok: true, records: cells.map((c, i) => ({ line: lineAt(starts[i] ?? 0), cells: c })) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.replace(/\s+at line \d+.*$/s, "") : String(error);
    return { ok: false, error: importError(lineAt(consumed), "", "csv_syntax", { detail }) };
  }
}

// ---- records → validated rows → products -------------------------------------------------------

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

function readHeader(record: CsvRecord): { ok: true; columns: (ProductCsvColumn | null)[] } | { ok: false; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  const columns = record.cells.map((raw) => {
    const name = raw.replace(/^\uFEFF/, "").normalize("NFKC").trim().toLowerCase();
    if (name === "") return null;
    if (!(PRODUCT_CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push(importError(record.line, name, "unknown_column", { column: name, allowed: PRODUCT_CSV_COLUMNS.join(", ") }));
    } else if (seen.has(name)) {
      errors.push(importError(record.line, name, "duplicate_column", { column: name }));
    }
    seen.add(name);
    return name as ProductCsvColumn;
  });
  const missing = REQUIRED_PRODUCT_CSV_COLUMNS.filter((c) => !seen.has(c));
  for (const column of missing) {
    errors.push(importError(record.line, column, "missing_column", { column, missing: missing.join(", ") }));
  }
  return errors.length ? { ok: false, errors } : { ok: true, columns };
}

type ValidRow = { line: number; row: ProductRow };

/** Validates one record against the row schema; errors name the CSV column of each bad cell. */
function validateRecord(record: CsvRecord, columns: (ProductCsvColumn | null)[]): { row?: ValidRow; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const input: Partial<Record<ProductCsvColumn, string>> = {};
  record.cells.forEach((value, i) => {
    const column = columns[i];
    if (column) input[column] = value;
    else if (value.trim() !== "") errors.push(importError(record.line, "", "cell_outside_columns", { position: i + 1 }));
  });
  const result = productRowSchema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const column = String(issue.path[0] ?? "");
      const { code, params } = issueCode(issue);
      errors.push(code ? importError(record.line, column, code, params) : { line: record.line, column, message: issue.message });
    }
  }
  return { row: result.success && errors.length === 0 ? { line: record.line, row: result.data } : undefined, errors };
}

function sameProductValue(a: ProductRow, b: ProductRow, column: (typeof PRODUCT_LEVEL_COLUMNS)[number]): boolean {
  const x = a[column];
  const y = b[column];
  return Array.isArray(x) && Array.isArray(y) ? x.join(";") === y.join(";") : x === y;
}

function toProduct(first: ValidRow): ParsedProduct {
  const r = first.row;
  return {
    line: first.line,
    handle: r.handle,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    category: r.category,
    descriptionZh: r.description_zh,
    descriptionEn: r.description_en,
    certifications: r.certifications,
    harvestSeason: r.harvest_season,
    village: r.village === "" ? null : r.village,
    status: r.status,
    variants: [],
  };
}

/** Groups valid rows into products; the rows of one handle must agree on the product columns. */
function groupRows(rows: ValidRow[]): { products: ParsedProduct[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const byHandle = new Map<string, { first: ValidRow; product: ParsedProduct }>();
  for (const current of rows) {
    const { row, line } = current;
    let entry = byHandle.get(row.handle);
    if (!entry) {
      entry = { first: current, product: toProduct(current) };
      byHandle.set(row.handle, entry);
    }
    let consistent = true;
    for (const column of PRODUCT_LEVEL_COLUMNS) {
      if (!sameProductValue(entry.first.row, row, column)) {
        consistent = false;
        errors.push(importError(line, column, "product_mismatch", { column, handle: row.handle, firstLine: entry.first.line }));
      }
    }
    if (!consistent) continue;
    entry.product.variants.push({
      line,
      sku: row.sku,
      nameZh: row.variant_zh,
      nameEn: row.variant_en,
      priceCents: row.price_cny,
      stock: row.stock,
      weightG: row.weight_g,
      shipsFrom: row.ships_from,
      position: entry.product.variants.length,
    });
  }
  return { products: [...byHandle.values()].map((e) => e.product), errors };
}

/** Decodes, parses and validates a product CSV file: every error at once, or the products. */
export function parseProductsCsv(file: Uint8Array): ParseProductsResult {
  if (file.byteLength > MAX_IMPORT_BYTES) {
    return { ok: false, errors: [importError(0, "", "file_too_large", { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })] };
  }
  const decoded = decodeCsv(file);
  if (!decoded.ok) return { ok: false, errors: [decoded.error] };
  const read = readCsvRecords(decoded.text);
  if (!read.ok) return { ok: false, errors: [read.error] };

  const records = read.records.filter((r) => !isBlank(r.cells));
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) return { ok: false, errors: [importError(0, "", "file_empty")] };
  // Blank lines before the header are tolerated; line numbers stay physical.
  const header = readHeader(headerRecord);
  if (!header.ok) return { ok: false, errors: header.errors };
  if (dataRecords.length === 0) return { ok: false, errors: [importError(headerRecord.line, "", "no_rows")] };

  const errors: ImportError[] = [];
  const valid: ValidRow[] = [];
  const skuColumn = header.columns.indexOf("sku");
  const skuLines = new Map<string, number>();
  for (const record of dataRecords) {
    const { row, errors: rowErrors } = validateRecord(record, header.columns);
    errors.push(...rowErrors);
    // SKUs are unique site-wide: checked on every row, also rows with other errors.
    const sku = (record.cells[skuColumn] ?? "").trim();
    const firstLine = skuLines.get(sku);
    if (sku !== "" && firstLine !== undefined) {
      errors.push(importError(record.line, "sku", "duplicate_sku", { sku, firstLine }));
      continue;
    }
    if (sku !== "") skuLines.set(sku, record.line);
    if (row) valid.push(row);
  }
  const grouped = groupRows(valid);
  errors.push(...grouped.errors);
  if (errors.length) return { ok: false, errors: sortErrors(errors) };
  const columns = header.columns.filter((c): c is ProductCsvColumn => c !== null);
  return { ok: true, encoding: decoded.encoding, columns, products: grouped.products, rows: dataRecords.length };
}
