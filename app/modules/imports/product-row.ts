// One row of the product CSV (DESIGN.md, "Product import (CSV)") as a Zod schema over the raw
// cell strings. The CSV importer uses it per row; a dashboard form that edits one variant can
// reuse it as is. No database access here.
import { z } from "zod";
import { CATEGORY_KEYS, CERTIFICATION_KEYS, type CategoryKey, type CertificationKey } from "../../../db/schema/products";
import { englishMessage, type ImportErrorCode, type ImportErrorParams } from "./errors";

export const PRODUCT_CSV_COLUMNS = [
  "handle",
  "title_zh",
  "title_en",
  "category",
  "description_zh",
  "description_en",
  "certifications",
  "harvest_season",
  "village",
  "sku",
  "variant_zh",
  "variant_en",
  "price_cny",
  "stock",
  "weight_g",
  "ships_from",
  "status",
] as const;
export type ProductCsvColumn = (typeof PRODUCT_CSV_COLUMNS)[number];

export const REQUIRED_PRODUCT_CSV_COLUMNS = [
  "handle",
  "title_zh",
  "category",
  "sku",
  "variant_zh",
  "price_cny",
  "stock",
] as const satisfies readonly ProductCsvColumn[];

/** Columns that describe the product: every row of one handle must agree on them. */
export const PRODUCT_LEVEL_COLUMNS = [
  "title_zh",
  "title_en",
  "category",
  "description_zh",
  "description_en",
  "certifications",
  "harvest_season",
  "village",
  "status",
] as const satisfies readonly ProductCsvColumn[];

// Limits keep values inside the integer columns and the pages readable.
export const MAX_PRICE_CENTS = 100_000_000; // 1 000 000.00 yuan
export const MAX_STOCK = 1_000_000;
export const MAX_WEIGHT_G = 1_000_000; // one tonne
const HANDLE_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

type Parsed<T> = { ok: true; value: T } | { ok: false; code: ImportErrorCode; params: ImportErrorParams };
const fail = <T>(code: ImportErrorCode, params: ImportErrorParams = {}): Parsed<T> => ({ ok: false, code, params });

// NFKC turns full-width digits, "．", "－", "；" and "￥" (what a Chinese IME types) into ASCII.
const normalize = (s: string) => s.normalize("NFKC").trim();

/** `"168.00"` → 16800 fen. Exact decimal arithmetic on the digits: no floating point. */
export function parsePriceCents(input: string): Parsed<number> {
  const raw = normalize(input);
  const s = raw.replace(/^¥\s*/, "");
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return fail("price_format", { value: raw });
  const [, minus, whole = "", frac = ""] = m;
  const digits = whole.replace(/^0+(?=\d)/, "");
  if (digits.length > 9) return fail("price_too_large", { max: MAX_PRICE_CENTS / 100 });
  const cents = Number(digits) * 100 + Number(frac.padEnd(2, "0"));
  if (minus && cents !== 0) return fail("negative", { value: raw });
  if (cents === 0) return fail("price_not_positive", { value: raw });
  if (cents > MAX_PRICE_CENTS) return fail("price_too_large", { max: MAX_PRICE_CENTS / 100 });
  return { ok: true, value: cents };
}

/** A non-negative whole number such as stock or weight. */
export function parseCount(input: string, max: number): Parsed<number> {
  const s = normalize(input);
  const m = /^(-)?(\d+)$/.exec(s);
  if (!m) return fail("integer_format", { value: s });
  if (m[1] && Number(m[2]) !== 0) return fail("negative", { value: s });
  if ((m[2] ?? "").replace(/^0+/, "").length > 10 || Number(m[2]) > max) return fail("integer_too_large", { max });
  return { ok: true, value: Number(m[2]) };
}

/** `YYYY-MM-DD` that exists on the calendar (no 2027-02-30). */
export function parseCalendarDate(input: string): Parsed<string> {
  const s = normalize(input);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return fail("date_format", { value: s });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    return fail("date_invalid", { value: s });
  }
  return { ok: true, value: s };
}

/** `organic;gi` → ["organic", "gi"] in the canonical order, without duplicates. */
export function parseCertifications(input: string): Parsed<CertificationKey[]> {
  const keys = normalize(input)
    .split(";")
    .map((k) => k.trim().toLowerCase())
    .filter(Boolean);
  for (const key of keys) {
    if (!(CERTIFICATION_KEYS as readonly string[]).includes(key)) {
      return fail("unknown_certification", { value: key, allowed: CERTIFICATION_KEYS.join(", ") });
    }
  }
  return { ok: true, value: CERTIFICATION_KEYS.filter((k) => keys.includes(k)) };
}

// ---- Zod ----------------------------------------------------------------------------------

function addIssue(ctx: z.RefinementCtx, code: ImportErrorCode, params: ImportErrorParams = {}) {
  ctx.addIssue({ code: z.ZodIssueCode.custom, message: englishMessage(code, params), params: { importCode: code, ...params } });
}

/** A missing cell (short row, optional column absent) reads as "". */
const cell = z
  .string()
  .optional()
  .transform((v) => v ?? "");

function text(options: { max: number; required?: boolean; format?: { re: RegExp; code: ImportErrorCode } }) {
  return cell.transform((v, ctx) => {
    const s = v.trim();
    if (options.required && s === "") {
      addIssue(ctx, "required");
      return z.NEVER;
    }
    if ([...s].length > options.max) {
      addIssue(ctx, "too_long", { max: options.max });
      return z.NEVER;
    }
    if (options.format && s !== "" && !options.format.re.test(s)) {
      addIssue(ctx, options.format.code, { value: s });
      return z.NEVER;
    }
    return s;
  });
}

function parsed<T>(parse: (s: string) => Parsed<T>, options: { required: true }): z.ZodType<T, z.ZodTypeDef, string | undefined>;
function parsed<T>(parse: (s: string) => Parsed<T>, options: { required: false }): z.ZodType<T | null, z.ZodTypeDef, string | undefined>;
function parsed<T>(parse: (s: string) => Parsed<T>, options: { required: boolean }) {
  return cell.transform((v, ctx) => {
    if (v.trim() === "") {
      if (!options.required) return null;
      addIssue(ctx, "required");
      return z.NEVER;
    }
    const result = parse(v);
    if (!result.ok) {
      addIssue(ctx, result.code, result.params);
      return z.NEVER;
    }
    return result.value;
  });
}

const handle = text({ max: 60, required: true, format: { re: HANDLE_RE, code: "handle_format" } });
const sku = text({ max: 64, required: true, format: { re: SKU_RE, code: "sku_format" } });

const category = parsed<CategoryKey>(
  (s) => {
    const key = normalize(s).toLowerCase();
    return (CATEGORY_KEYS as readonly string[]).includes(key)
      ? { ok: true, value: key as CategoryKey }
      : fail("unknown_category", { value: s.trim(), allowed: CATEGORY_KEYS.join(", ") });
  },
  { required: true },
);

const status = cell.transform((v, ctx): "active" | "draft" => {
  const s = normalize(v).toLowerCase();
  if (s === "" || s === "active") return "active";
  if (s === "draft") return "draft";
  addIssue(ctx, "unknown_status", { value: v.trim() });
  return z.NEVER;
});

export const productRowSchema = z.object({
  handle,
  title_zh: text({ max: 200, required: true }),
  title_en: text({ max: 200 }),
  category,
  description_zh: text({ max: 10_000 }),
  description_en: text({ max: 10_000 }),
  certifications: cell.transform((v, ctx) => {
    const result = parseCertifications(v);
    if (result.ok) return result.value;
    addIssue(ctx, result.code, result.params);
    return z.NEVER;
  }),
  harvest_season: text({ max: 50 }),
  village: text({ max: 100 }),
  sku,
  variant_zh: text({ max: 100, required: true }),
  variant_en: text({ max: 100 }),
  price_cny: parsed(parsePriceCents, { required: true }),
  stock: parsed((s) => parseCount(s, MAX_STOCK), { required: true }),
  weight_g: parsed((s) => parseCount(s, MAX_WEIGHT_G), { required: false }),
  ships_from: parsed(parseCalendarDate, { required: false }),
  status,
});

export type ProductRowInput = z.input<typeof productRowSchema>;
export type ProductRow = z.output<typeof productRowSchema>;

/** The issue's import error code (set by this schema), or "required"/"too_long"-like fallbacks. */
export function issueCode(issue: z.ZodIssue): { code: ImportErrorCode | undefined; params: ImportErrorParams } {
  if (issue.code === z.ZodIssueCode.custom && issue.params && typeof issue.params.importCode === "string") {
    const { importCode, ...params } = issue.params as { importCode: ImportErrorCode } & ImportErrorParams;
    return { code: importCode, params };
  }
  return { code: undefined, params: {} };
}
