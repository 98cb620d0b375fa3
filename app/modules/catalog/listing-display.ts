// Small pure helpers shared by the village, stay and experience pages (server and browser).
import type { MessageKey } from "~/locales";
import type { Lang } from "~/utils/i18n";
import type { TFunction } from "~/utils/t";
import type { VillageLocation } from "./listing-types";

/** Long text (stories, descriptions) → paragraphs, split on blank lines. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** 150 → "2小时30分钟" / "2 h 30 min". */
export function formatDuration(minutes: number, lang: Lang): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (lang === "en") return [h ? `${h} h` : "", rest ? `${rest} min` : ""].filter(Boolean).join(" ") || "0 min";
  return `${h ? `${h}小时` : ""}${rest ? `${rest}分钟` : ""}` || "0分钟";
}

/** Seats a slot still has; never negative even if the counters were edited by hand. */
export function seatsLeft(capacity: number, bookedCount: number): number {
  return Math.max(0, capacity - bookedCount);
}

/** 浙江省湖州市安吉县天荒坪镇 / "Tianhuangping, Anji County, Huzhou, Zhejiang". */
export function formatLocation(lang: Lang, place: VillageLocation): string {
  if (lang === "en") {
    const parts = [place.townEn, place.countyEn, place.cityEn, place.provinceEn].filter(Boolean);
    if (parts.length) return parts.join(", ");
  }
  return [place.provinceZh, place.cityZh, place.countyZh, place.townZh].filter(Boolean).join("");
}

/** An instant as an ISO 8601 string in China Standard Time: "2027-04-10T09:00:00+08:00". */
export function toShanghaiIso(instant: Date | string): string {
  const ms = (typeof instant === "string" ? new Date(instant) : instant).getTime();
  // China has kept UTC+8 without daylight saving since 1991.
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

type PluralBase<K extends string> = K extends `${infer B}.one` ? B : never;

/** English needs "1 room" / "2 rooms": picks `<base>.one` or `<base>.other` and fills {count}. */
export function plural(
  t: TFunction,
  base: PluralBase<MessageKey>,
  count: number,
  params: Record<string, string | number> = {},
): string {
  return t(`${base}.${count === 1 ? "one" : "other"}` as MessageKey, { count, ...params });
}
