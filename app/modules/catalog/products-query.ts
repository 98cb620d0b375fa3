// The catalogue's URL contract (DESIGN.md, "Public URLs"): `/products?q=&category=&village=&cert=
// &min=&max=&sort=&page=`; with `q` the search engine picks and orders the list. Parsing is
// forgiving on purpose: a shared or hand-edited link with a bad value still shows a sensible
// page, the bad value is simply ignored. Client-safe.
import { z } from "zod";
import { centsToYuanInput, yuanToCents } from "./product-display";
import {
  CATEGORY_KEYS,
  CERTIFICATION_KEYS,
  type CertificationKey,
  PRODUCT_SORTS,
  type ProductFilters,
} from "./types";

/** The highest page number we look at; the list clamps further to its last page. */
export const MAX_PAGE = 10_000;
/** Longer values are not slugs, prices or keys: ignored without further work. */
const MAX_VALUE_LENGTH = 200;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Raw = string | string[] | undefined;

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.length <= MAX_VALUE_LENGTH ? v.trim() : undefined;
}

const optionalKey = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.preprocess(first, z.enum(keys).optional()).catch(undefined);

const villageSchema = z
  .preprocess((v) => first(v)?.toLowerCase(), z.string().max(100).regex(SLUG).optional())
  .catch(undefined);

// `cert=organic&cert=gi`, `cert=organic;gi` and `cert=organic,gi` all mean "has both".
const certsSchema = z
  .preprocess((value) => {
    const parts = (Array.isArray(value) ? value : [value])
      .filter((v): v is string => typeof v === "string" && v.length <= MAX_VALUE_LENGTH)
      .flatMap((v) => v.split(/[;,\s]+/));
    return CERTIFICATION_KEYS.filter((key) => parts.includes(key));
  }, z.array(z.enum(CERTIFICATION_KEYS)))
  .catch([] as CertificationKey[]);

// Control characters (a `%00` would upset PostgreSQL) become spaces; runs of spaces collapse.
const querySchema = z
  .preprocess((v) => first(v)?.replace(/[\p{Cc}\s]+/gu, " ").trim() || undefined, z.string().max(MAX_VALUE_LENGTH).optional())
  .catch(undefined);

const yuanSchema = z
  .preprocess((v) => {
    const text = first(v);
    return text ? (yuanToCents(text) ?? undefined) : undefined;
  }, z.number().int().nonnegative().optional())
  .catch(undefined);

const pageSchema = z
  .preprocess((v) => {
    const text = first(v);
    return text && /^\d{1,6}$/.test(text) ? Number(text) : 1;
  }, z.number().int().min(1).max(MAX_PAGE))
  .catch(1);

export const productFiltersSchema = z
  .object({
    q: querySchema,
    category: optionalKey(CATEGORY_KEYS),
    village: villageSchema,
    cert: certsSchema,
    min: yuanSchema,
    max: yuanSchema,
    sort: z.preprocess(first, z.enum(PRODUCT_SORTS)).catch("relevance"),
    page: pageSchema,
  })
  .transform((raw): ProductFilters => {
    let [minCents, maxCents] = [raw.min, raw.max];
    // "from 200 to 50" is a range typed the wrong way round: swap rather than show nothing.
    if (minCents !== undefined && maxCents !== undefined && minCents > maxCents) [minCents, maxCents] = [maxCents, minCents];
    const filters: ProductFilters = { certs: raw.cert, sort: raw.sort, page: raw.page };
    if (raw.q) filters.q = raw.q;
    if (raw.category) filters.category = raw.category;
    if (raw.village) filters.village = raw.village;
    if (minCents !== undefined && minCents > 0) filters.minCents = minCents;
    if (maxCents !== undefined) filters.maxCents = maxCents;
    return filters;
  });

const KEYS = ["q", "category", "village", "cert", "min", "max", "sort", "page"] as const;

/** URL search params → filters. Never throws: every unusable value falls back to "not set". */
export function parseProductFilters(searchParams: URLSearchParams): ProductFilters {
  const raw: Record<string, Raw> = {};
  for (const key of KEYS) {
    const values = searchParams.getAll(key);
    if (values.length) raw[key] = key === "cert" ? values : values[0];
  }
  const parsed = productFiltersSchema.safeParse(raw);
  return parsed.success ? parsed.data : { certs: [], sort: "relevance", page: 1 };
}

/** Filters → the canonical query string (no defaults, no empty values), e.g. for page links. */
export function productFiltersToSearchParams(filters: Partial<ProductFilters>): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.category) params.set("category", filters.category);
  if (filters.village) params.set("village", filters.village);
  for (const cert of filters.certs ?? []) params.append("cert", cert);
  if (filters.minCents !== undefined) params.set("min", centsToYuanInput(filters.minCents));
  if (filters.maxCents !== undefined) params.set("max", centsToYuanInput(filters.maxCents));
  if (filters.sort && filters.sort !== "relevance") params.set("sort", filters.sort);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  return params;
}
