// Strict query parameters of the JSON API's list and detail endpoints (the search endpoint's
// are in ~/modules/search/params). Same rules everywhere: unknown parameters are ignored, the
// first of a repeated one counts, an empty value means "not set", anything else unusable is a
// field error. Client-safe.
import { z } from "zod";
import { isIsoDate, nightsBetween } from "~/modules/catalog/listing-dates";
import { MAX_GUESTS } from "~/modules/catalog/listing-params";
import type { CooperativeKind } from "~/modules/catalog/listing-types";
import { DEFAULT_LIMIT, searchParamSchemas } from "~/modules/search/params";
import type { Lang } from "~/utils/i18n";

/** The longest range the API quotes a stay for. */
export const MAX_QUOTE_NIGHTS = 30;

export const COOPERATIVE_KINDS = ["cooperative", "family_farm", "homestay_host", "leisure_farm"] as const satisfies readonly CooperativeKind[];

export type Parsed<T> = { ok: true; value: T } | { ok: false; fields: Record<string, string> };

type Schemas = Record<string, z.ZodTypeAny>;
type Out<S extends Schemas> = { [K in keyof S]?: z.output<S[K]> };

/** Reads each named parameter through its schema; collects one message per bad field. */
function readParams<S extends Schemas>(params: URLSearchParams, schemas: S): Parsed<Out<S>> {
  const value: Record<string, unknown> = {};
  const fields: Record<string, string> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const raw = params.get(name)?.trim();
    if (!raw) continue;
    const result = schema.safeParse(raw);
    if (result.success) value[name] = result.data;
    else fields[name] = result.error.issues[0]?.message ?? "Invalid value.";
  }
  return Object.keys(fields).length ? { ok: false, fields } : { ok: true, value: value as Out<S> };
}

/** `?lang=zh-CN|en` of the detail endpoints. */
export function parseLangParam(params: URLSearchParams): Parsed<{ lang: Lang }> {
  const read = readParams(params, { lang: searchParamSchemas.lang });
  return read.ok ? { ok: true, value: { lang: read.value.lang ?? "zh-CN" } } : read;
}

export type ListParams = { lang: Lang; limit: number; offset: number };

const listSchemas = { lang: searchParamSchemas.lang, limit: searchParamSchemas.limit, offset: searchParamSchemas.offset };

/** `?lang=&limit=&offset=` with the search endpoint's rules (limit 1…, capped at 50; offset 0–10000). */
export function parseListParams(params: URLSearchParams): Parsed<ListParams> {
  const read = readParams(params, listSchemas);
  if (!read.ok) return read;
  return { ok: true, value: { lang: read.value.lang ?? "zh-CN", limit: read.value.limit ?? DEFAULT_LIMIT, offset: read.value.offset ?? 0 } };
}

export type CooperativeListParams = ListParams & { village?: string; kind?: CooperativeKind };

/** `/api/v1/cooperatives?village=&kind=` plus the list parameters. */
export function parseCooperativeListParams(params: URLSearchParams): Parsed<CooperativeListParams> {
  const read = readParams(params, {
    ...listSchemas,
    village: searchParamSchemas.village,
    kind: z.enum(COOPERATIVE_KINDS, { errorMap: () => ({ message: `Must be one of: ${COOPERATIVE_KINDS.join(", ")}.` }) }),
  });
  if (!read.ok) return read;
  const { lang = "zh-CN", limit = DEFAULT_LIMIT, offset = 0, village, kind } = read.value;
  return { ok: true, value: { lang, limit, offset, ...(village ? { village } : {}), ...(kind ? { kind } : {}) } };
}

export type StayParams = { lang: Lang; checkIn?: string; checkOut?: string; guests?: number };

const isoDate = z.string().refine(isIsoDate, "Must be a calendar date written YYYY-MM-DD.");

/**
 * `/api/v1/stays/:slug?checkIn=&checkOut=&guests=&lang=`. Dates come together: check-in today
 * or later (Asia/Shanghai `today`), check-out after it and at most MAX_QUOTE_NIGHTS nights on.
 */
export function parseStayParams(params: URLSearchParams, { today }: { today: string }): Parsed<StayParams> {
  const read = readParams(params, {
    lang: searchParamSchemas.lang,
    checkIn: isoDate,
    checkOut: isoDate,
    guests: z
      .string()
      .regex(/^\d{1,6}$/, `Must be a whole number from 1 to ${MAX_GUESTS}.`)
      .transform(Number)
      .refine((n) => n >= 1 && n <= MAX_GUESTS, `Must be a whole number from 1 to ${MAX_GUESTS}.`),
  });
  if (!read.ok) return read;
  const { lang = "zh-CN", checkIn, checkOut, guests } = read.value;
  const fields: Record<string, string> = {};
  if (checkIn !== undefined && checkIn < today) fields.checkIn = `Must be today (${today}, Asia/Shanghai) or later.`;
  if (checkIn === undefined && checkOut !== undefined) fields.checkIn = "Required with checkOut.";
  if (checkOut === undefined && checkIn !== undefined) fields.checkOut = "Required with checkIn.";
  if (checkIn !== undefined && checkOut !== undefined) {
    if (checkOut <= checkIn) fields.checkOut = "Must be after checkIn.";
    else if (nightsBetween(checkIn, checkOut) > MAX_QUOTE_NIGHTS) fields.checkOut = `Must be at most ${MAX_QUOTE_NIGHTS} nights after checkIn.`;
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { lang, ...(checkIn && checkOut ? { checkIn, checkOut } : {}), ...(guests ? { guests } : {}) } };
}
