// Query parameters of GET /api/v1/stays/:slug/availability?from=&to=&lang=. Strict like the rest
// of the API (a bad value is a 400 naming the field, never a silent default): from defaults to
// today (Asia/Shanghai), to to from + 30 days; from may not be in the past, to must be after
// from and at most MAX_AVAILABILITY_DAYS later. Client-safe.
import { z } from "zod";
import type { Parsed } from "~/modules/api/params";
import { addDays, isIsoDate, nightsBetween } from "~/modules/catalog/listing-dates";
import { searchParamSchemas } from "~/modules/search/params";
import type { Lang } from "~/utils/i18n";
import { DEFAULT_AVAILABILITY_DAYS, MAX_AVAILABILITY_DAYS } from "./find-dates";

export type AvailabilityParams = { lang: Lang; from: string; to: string };

const isoDate = z.string().refine(isIsoDate, "Must be a calendar date written YYYY-MM-DD.");

export function parseAvailabilityParams(params: URLSearchParams, { today }: { today: string }): Parsed<AvailabilityParams> {
  const fields: Record<string, string> = {};
  const read = <T>(name: string, schema: z.ZodType<T>): T | undefined => {
    const raw = params.get(name)?.trim();
    if (!raw) return undefined;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    fields[name] = result.error.issues[0]?.message ?? "Invalid value.";
    return undefined;
  };
  const lang = read("lang", searchParamSchemas.lang as z.ZodType<Lang>) ?? "zh-CN";
  const fromRaw = read("from", isoDate);
  const toRaw = read("to", isoDate);
  if (Object.keys(fields).length) return { ok: false, fields };
  const from = fromRaw ?? today;
  const to = toRaw ?? addDays(from, DEFAULT_AVAILABILITY_DAYS);
  if (from < today) fields.from = `Must be today (${today}, Asia/Shanghai) or later.`;
  if (to <= from) fields.to = "Must be after from.";
  else if (nightsBetween(from, to) > MAX_AVAILABILITY_DAYS) fields.to = `Must be at most ${MAX_AVAILABILITY_DAYS} days after from.`;
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { lang, from, to } };
}
