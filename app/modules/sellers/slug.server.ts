// A new seller's address (/cooperatives/<slug>): from the English name when there is one,
// else the pinyin of the Chinese name, one hyphenated part per word (余村白茶合作社 →
// yucun-baicha-hezuoshe), so that the URL reads like the name.
import { eq, like, or } from "drizzle-orm";
import { pinyin } from "pinyin-pro";
import { cooperatives } from "../../../db/schema/index";
import { cutWords } from "../search/text.server";
import type { Db } from "./db.server";

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_LENGTH = 60;
const FALLBACK = "seller";

/** Lower-case ASCII words joined by hyphens: accents dropped, everything else a separator. */
function asciiParts(text: string): string[] {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{Mn}/gu, "")
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

function pinyinParts(text: string): string[] {
  const parts: string[] = [];
  // Chinese runs become one part per jieba word; Latin letters and digits stay as they are.
  for (const [, han, latin] of text.normalize("NFKC").matchAll(/(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu)) {
    if (han) {
      for (const word of cutWords(han)) {
        const syllables = pinyin(word, { toneType: "none", type: "array", v: true }).join("");
        parts.push(...asciiParts(syllables));
      }
    } else if (latin) parts.push(...asciiParts(latin));
  }
  return parts;
}

/** Whole parts up to the length limit (never a word cut in half). */
function join(parts: string[]): string {
  let out = "";
  for (const part of parts) {
    const next = out ? `${out}-${part}` : part;
    if (next.length > MAX_LENGTH) {
      if (!out) out = part.slice(0, MAX_LENGTH);
      break;
    }
    out = next;
  }
  return out;
}

/** The slug a seller's names suggest, before checking that it is free. */
export function slugFromNames(nameZh: string, nameEn = ""): string {
  const fromEn = join(asciiParts(nameEn));
  if (fromEn) return fromEn;
  return join(pinyinParts(nameZh)) || FALLBACK;
}

/** `base`, or `base-2`, `base-3`… whichever no cooperative has yet. */
export async function freeCooperativeSlug(db: Db, base: string): Promise<string> {
  const rows = await db
    .select({ slug: cooperatives.slug })
    .from(cooperatives)
    .where(or(eq(cooperatives.slug, base), like(cooperatives.slug, `${base}-%`)));
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
