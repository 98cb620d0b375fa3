// Client-safe helpers for showing catalogue data: money as yuan strings, harvest seasons,
// stock states. Money stays integer fen until the last step: no float ever holds a price.
import type { Lang } from "~/utils/i18n";

/** Fen → "168.00" (yuan with two decimals, no symbol, no grouping): schema.org prices, inputs. */
export function centsToYuan(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** Fen → the shortest yuan text for a form field: 5000 → "50", 9950 → "99.50". */
export function centsToYuanInput(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : centsToYuan(cents);
}

// At most ¥9,999,999.99: every accepted amount fits PostgreSQL's integer fen columns.
const YUAN = /^(\d{1,7})(?:\.(\d{0,2}))?$/;

/** "50", "99.5", "99.50", "1,280" → fen; anything else (negative, letters, 3 decimals) → null. */
export function yuanToCents(text: string): number | null {
  const match = YUAN.exec(text.trim().replace(/[,，]/g, "").replace(/^[¥￥]/, ""));
  if (!match) return null;
  const yuan = Number(match[1]);
  const fen = Number((match[2] ?? "").padEnd(2, "0"));
  return yuan * 100 + fen;
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "3-4" → "3–4月" / "Mar–Apr"; "9" → "9月" / "Sep"; any other text is shown as written. */
export function formatHarvestSeason(season: string, lang: Lang): string {
  const match = /^\s*(\d{1,2})\s*(?:[-–~至到]\s*(\d{1,2}))?\s*月?\s*$/.exec(season);
  const from = Number(match?.[1]);
  const to = match?.[2] ? Number(match[2]) : undefined;
  const valid = (m: number | undefined) => m === undefined || (Number.isInteger(m) && m >= 1 && m <= 12);
  if (!match || !valid(from) || !valid(to)) return season.trim();
  if (lang === "zh-CN") return to && to !== from ? `${from}–${to}月` : `${from}月`;
  return to && to !== from ? `${MONTHS_EN[from - 1]}–${MONTHS_EN[to - 1]}` : `${MONTHS_EN[from - 1]}`;
}

/** At or below this many units a variant says "only N left". */
export const LOW_STOCK = 5;

export type StockState = { kind: "in_stock" } | { kind: "low"; left: number } | { kind: "sold_out" };

export function stockState(stock: number): StockState {
  if (stock <= 0) return { kind: "sold_out" };
  if (stock <= LOW_STOCK) return { kind: "low", left: stock };
  return { kind: "in_stock" };
}

/** A variant is on pre-sale when it ships from a day after `today` ("YYYY-MM-DD", Shanghai). */
export function isPreSale(shipsFrom: string | null, today: string): boolean {
  return shipsFrom !== null && shipsFrom > today;
}
