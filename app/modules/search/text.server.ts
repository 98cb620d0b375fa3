// Turning Chinese, English and pinyin text into search terms, the same way for documents and
// queries. Meilisearch keeps 山核桃 as one word, so a search for 核桃 would miss it: documents
// therefore also carry jieba's cut-for-search words (山核桃 → 核桃, 山核桃), and pinyin for
// shoppers who type `shanhetao`.
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict";
import { pinyin } from "pinyin-pro";

let jieba: Jieba | undefined;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;

/** NFKC (full-width → ASCII), lower case, accents removed, whitespace collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

/** Runs of Chinese characters in `text`. */
export function hanRuns(text: string): string[] {
  return text.match(HAN_RUN) ?? [];
}

/** jieba's precise cut of the Chinese runs: the words a person means (山核桃). */
export function cutWords(text: string): string[] {
  return hanRuns(text).flatMap((run) => segmenter().cut(run, true).filter((w) => hasHan(w)));
}

/** jieba's cut-for-search: the words and the shorter words inside them (山核桃 → 核桃, 山核桃). */
export function cutForSearch(text: string): string[] {
  return hanRuns(text).flatMap((run) => segmenter().cutForSearch(run, true).filter((w) => hasHan(w)));
}

/** Overlapping pairs of Chinese characters: any two-character substring becomes findable. */
export function hanBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of hanRuns(text)) {
    const chars = Array.from(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
  }
  return out;
}

export function hanChars(text: string): string[] {
  return hanRuns(text).flatMap((run) => Array.from(run));
}

/** English words, numbers and SKU parts, lower case. */
export function latinWords(text: string): string[] {
  return normalizeText(text).match(LATIN_WORD)?.map((w) => w.replace(/['’]/g, "")) ?? [];
}

/** Pinyin of each Chinese word without tones or spaces (山核桃 → shanhetao), plus its syllables. */
export function pinyinWords(text: string, options: { syllables?: boolean } = {}): string[] {
  const withSyllables = options.syllables ?? true;
  const out: string[] = [];
  for (const word of cutWords(text)) {
    const syllables = pinyin(word, { toneType: "none", type: "array", v: true }).filter((s) => /^[a-z]+$/.test(s));
    if (syllables.length === 0 || (!withSyllables && syllables.length < 2)) continue;
    out.push(syllables.join(""));
    if (withSyllables && syllables.length > 1) out.push(...syllables);
  }
  return out;
}

/** Pinyin of the whole text as one word (安吉白茶 → anjibaicha). */
export function pinyinJoined(text: string): string {
  return hanRuns(text)
    .map((run) => pinyin(run, { toneType: "none", type: "array", v: true }).join(""))
    .join("");
}

export function unique(words: Iterable<string>): string[] {
  return [...new Set(Array.from(words).filter((w) => w.length > 0))];
}

/** Every term a document's Chinese text is findable by (for the PostgreSQL tsvector). */
export function hanIndexTerms(text: string): string[] {
  return unique([...cutForSearch(text), ...hanBigrams(text), ...hanChars(text)]);
}
