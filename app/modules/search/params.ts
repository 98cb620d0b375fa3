// The search URL contract, read two ways from the same Zod schemas. Client-safe.
// - `parseSearchApiParams` (GET /api/v1/search) is strict: a developer who sends a bad value
//   gets a field error naming it, never a silently different answer.
// - `parseSearchPageParams` (the /search page) is forgiving, like the catalogue filters: links
//   are shared and mangled, so an unusable value is dropped and the page still shows results.
import { z } from "zod";
import { yuanToCents } from "~/modules/catalog/product-display";
import { CATEGORY_KEYS, CERTIFICATION_KEYS, type CertificationKey } from "~/modules/catalog/types";
import { LANGS, type Lang } from "~/utils/i18n";
import { MAX_LIMIT, MAX_QUERY_LENGTH, SEARCH_SORTS, SEARCH_TYPES, type SearchQuery } from "./types";

export const DEFAULT_LIMIT = 20;
/** Deeper pages are not useful to anyone and cost the engines the most. */
export const MAX_OFFSET = 10_000;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 120;
const CERT_SEPARATOR = /[;,\s]+/;

/** Code points, so that an emoji or a rare CJK character counts as one character. */
export function queryLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Control characters (NUL from `%00`, tabs, newlines) become spaces, lone surrogates go,
 * whitespace runs collapse and the ends are trimmed. PostgreSQL rejects NUL in text, so this
 * also keeps a stray `%00` from ever reaching the database.
 */
export function cleanQuery(text: string): string {
  return text
    .replace(/\p{Cs}/gu, "")
    .replace(/[\p{Cc}\s]+/gu, " ")
    .trim();
}

function cutQuery(text: string): string {
  return queryLength(text) <= MAX_QUERY_LENGTH ? text : Array.from(text).slice(0, MAX_QUERY_LENGTH).join("").trim();
}

/** Shown in a message without echoing a megabyte back. */
function shown(value: string): string {
  const short = Array.from(value).slice(0, 40).join("");
  return JSON.stringify(short.length < value.length ? `${short}…` : short);
}

const oneOf = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.enum(keys, { errorMap: () => ({ message: `Must be one of: ${keys.join(", ")}.` }) });

const yuan = z.string().transform((text, ctx) => {
  const cents = yuanToCents(text);
  if (cents === null) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Must be an amount in yuan with at most two decimals, e.g. 99.50." });
    return z.NEVER;
  }
  return cents;
});

const digits = (message: string) =>
  z
    .string()
    .regex(/^\d+$/, message)
    // A thousand-digit number is still "more than 50"; Number() gives Infinity, which clamps.
    .transform((text) => Number(text));

/** One schema per URL parameter; each reads the first value given (`cert` reads them all). */
export const searchParamSchemas = {
  q: z
    .string()
    .transform(cleanQuery)
    .refine((q) => queryLength(q) <= MAX_QUERY_LENGTH, `Must be at most ${MAX_QUERY_LENGTH} characters.`),
  type: oneOf(SEARCH_TYPES),
  village: z
    .string()
    .transform((s) => s.toLowerCase())
    .refine((s) => s.length <= MAX_SLUG_LENGTH && SLUG.test(s), "Must be a village slug: lowercase letters, digits and hyphens."),
  category: oneOf(CATEGORY_KEYS),
  // `cert=organic&cert=gi` and `cert=organic;gi` both mean "has both".
  cert: z.array(z.string()).transform((values, ctx) => {
    const parts = values.flatMap((v) => v.split(CERT_SEPARATOR)).filter(Boolean);
    const unknown = parts.find((p) => !(CERTIFICATION_KEYS as readonly string[]).includes(p));
    if (unknown !== undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `Unknown certification ${shown(unknown)}; use ${CERTIFICATION_KEYS.join(", ")}.`,
      });
      return z.NEVER;
    }
    return CERTIFICATION_KEYS.filter((key) => parts.includes(key));
  }),
  min: yuan,
  max: yuan,
  sort: oneOf(SEARCH_SORTS),
  limit: digits("Must be a whole number of at least 1.")
    .refine((n) => n >= 1, "Must be a whole number of at least 1.")
    .transform((n) => Math.min(n, MAX_LIMIT)),
  offset: digits(`Must be a whole number from 0 to ${MAX_OFFSET}.`).refine(
    (n) => n <= MAX_OFFSET,
    `Must be a whole number from 0 to ${MAX_OFFSET}.`,
  ),
  lang: oneOf(LANGS),
};

type Field = keyof typeof searchParamSchemas;
type Parsed = { [K in Field]?: z.output<(typeof searchParamSchemas)[K]> };

const FIELDS = Object.keys(searchParamSchemas) as Field[];

/** The raw value of a field: the first one given (all of them for `cert`); empty means absent. */
function raw(params: URLSearchParams, field: Field): string | string[] | undefined {
  if (field === "cert") {
    const values = params.getAll("cert").filter((v) => v.trim() !== "");
    return values.length ? values : undefined;
  }
  const value = params.get(field);
  if (value === null) return undefined;
  // An empty `q=` is a real query (list everything); other empty fields mean "not set".
  return field === "q" || value.trim() !== "" ? value : undefined;
}

function parseField(field: Field, value: string | string[]): z.SafeParseReturnType<unknown, unknown> {
  // `q` is cleaned by its schema; the other single values are trimmed here.
  const input = typeof value === "string" && field !== "q" ? value.trim() : value;
  return (searchParamSchemas[field] as z.ZodTypeAny).safeParse(input);
}

function toQuery(parsed: Parsed, defaults: { lang: Lang; limit: number; offset: number }): SearchQuery {
  const query: SearchQuery = {
    q: parsed.q ?? "",
    lang: parsed.lang ?? defaults.lang,
    limit: parsed.limit ?? defaults.limit,
    offset: parsed.offset ?? defaults.offset,
  };
  if (parsed.type) query.type = parsed.type;
  if (parsed.category) query.category = parsed.category;
  if (parsed.village) query.village = parsed.village;
  if (parsed.cert?.length) query.certs = parsed.cert as CertificationKey[];
  let [min, max] = [parsed.min, parsed.max];
  // "from 200 to 50" is a range typed the wrong way round: swap rather than match nothing.
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  // A lower bound of 0 bounds nothing, and would drop villages (which have no price).
  if (min !== undefined && min > 0) query.minCents = min;
  if (max !== undefined) query.maxCents = max;
  if (parsed.sort) query.sort = parsed.sort;
  return query;
}

export type SearchApiParams = { ok: true; query: SearchQuery } | { ok: false; fields: Record<string, string> };

/**
 * `GET /api/v1/search` parameters. Unknown parameters are ignored; of a repeated one the first
 * counts (`cert` adds up); an empty value means "not set"; any other unusable value is a field
 * error with a short English message.
 */
export function parseSearchApiParams(params: URLSearchParams): SearchApiParams {
  const parsed: Parsed = {};
  const fields: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = raw(params, field);
    if (value === undefined) continue;
    const result = parseField(field, value);
    if (result.success) (parsed as Record<Field, unknown>)[field] = result.data;
    else fields[field] = result.error.issues[0]?.message ?? "Invalid value.";
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, query: toQuery(parsed, { lang: "zh-CN", limit: DEFAULT_LIMIT, offset: 0 }) };
}

const PAGE = /^\d+$/;

/**
 * The /search page's parameters: the same fields plus `page` (1-based, `pageSize` hits each),
 * never an error. An unusable value is dropped, a query longer than MAX_QUERY_LENGTH is cut,
 * a page past MAX_OFFSET shows the deepest page allowed. The language comes from the URL path,
 * so a `lang` parameter is ignored here; so are `limit` and `offset`.
 */
export function parseSearchPageParams(
  params: URLSearchParams,
  lang: Lang,
  pageSize = DEFAULT_LIMIT,
): { query: SearchQuery; page: number } {
  const size = Math.min(Math.max(Math.trunc(pageSize) || DEFAULT_LIMIT, 1), MAX_LIMIT);
  const parsed: Parsed = {};
  for (const field of FIELDS) {
    if (field === "lang" || field === "limit" || field === "offset") continue;
    let value = raw(params, field);
    if (value === undefined) continue;
    if (field === "q" && typeof value === "string") value = cutQuery(cleanQuery(value));
    if (field === "cert" && Array.isArray(value)) {
      // Keep the keys we know, drop the rest (a strict parse would refuse the whole list).
      const known = value.flatMap((v) => v.split(CERT_SEPARATOR));
      value = known.filter((p) => (CERTIFICATION_KEYS as readonly string[]).includes(p));
      if (!value.length) continue;
    }
    const result = parseField(field, value);
    if (result.success) (parsed as Record<Field, unknown>)[field] = result.data;
  }
  const text = params.get("page")?.trim() ?? "";
  const maxPage = Math.floor(MAX_OFFSET / size) + 1;
  // All digits but huge (Infinity) is still "very deep": the deepest page, like 999999.
  const page = PAGE.test(text) ? Math.min(Math.max(Number(text), 1), maxPage) : 1;
  return { query: toQuery(parsed, { lang, limit: size, offset: (page - 1) * size }), page };
}
