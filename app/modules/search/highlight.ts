// Marking the parts of a title that matched the query. Client-safe: the parts render as <mark>.
import type { HighlightPart } from "./types";

const HAN = /\p{Script=Han}/u;

/**
 * Splits `text` into parts, marking every occurrence of a term (case-insensitive). Latin terms
 * match at the start of a word ("hon" marks "Hon" in "Honey"), Chinese terms anywhere.
 */
export function highlightParts(text: string, terms: readonly string[]): HighlightPart[] {
  const lower = text.toLowerCase();
  const ranges: [number, number][] = [];
  for (const raw of terms) {
    const term = raw.toLowerCase().trim();
    if (!term) continue;
    const han = HAN.test(term);
    for (let from = 0; ; ) {
      const at = lower.indexOf(term, from);
      if (at < 0) break;
      const before = at === 0 ? "" : lower[at - 1] ?? "";
      if (han || !/[a-z0-9]/.test(before)) ranges.push([at, at + term.length]);
      from = at + term.length;
    }
  }
  if (ranges.length === 0) return text ? [{ text, hit: false }] : [];
  ranges.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const parts: HighlightPart[] = [];
  let pos = 0;
  for (const [start, end] of merged) {
    if (start > pos) parts.push({ text: text.slice(pos, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    pos = end;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), hit: false });
  return parts;
}
