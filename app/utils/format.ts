import type { Lang } from "./i18n";

/** Fen → "¥1,280.00". Integer arithmetic only: money never passes through a float. */
export function formatPrice(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(cents));
  const yuan = Math.floor(abs / 100).toLocaleString("en-US");
  const fen = String(abs % 100).padStart(2, "0");
  return `${sign}¥${yuan}.${fen}`;
}

/** "YYYY-MM-DD" (a calendar date, no time zone) → "2027年4月10日" / "10 Apr 2027". */
export function formatDate(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  if (lang === "zh-CN") return `${y}年${m}月${d}日`;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${d} ${months[m - 1]} ${y}`;
}

const SHANGHAI = "Asia/Shanghai";

/** An instant shown as local time in Asia/Shanghai, whatever the server's or browser's zone. */
export function formatDateTime(instant: Date | string, lang: Lang): string {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : "zh-CN", {
    timeZone: SHANGHAI,
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(date);
}

// Built once: an Intl.DateTimeFormat costs about a millisecond to create, and every page asks.
const SHANGHAI_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: SHANGHAI, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in Asia/Shanghai as "YYYY-MM-DD". */
export function todayInShanghai(now: Date = new Date()): string {
  return SHANGHAI_DAY.format(now);
}
