// Reading a shopper's query: Chinese words (jieba), English and pinyin words, SKUs, synonyms,
// and spelling corrections from the words the documents contain (pg_trgm). The PostgreSQL
// engine turns the plan into a tsquery; both engines use it for highlights and "did you mean".
import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { textArray } from "~/utils/sql-arrays.server";
import { SYNONYM_GROUPS } from "./synonyms";
import { cutWords, hanBigrams, latinWords, normalizeText } from "./text.server";

type Executor = Pick<Database, "execute">;

/** One thing the query asks for: any of its alternatives may match. */
export type QueryGroup = { text: string; alternatives: string[]; fragment: string };

export type QueryPlan = {
  normalized: string;
  groups: QueryGroup[];
  /** Terms to mark in titles. */
  highlightTerms: string[];
  /** The query with misspelt words replaced, when some word was unknown and a close one exists. */
  corrected: string | null;
  /** The query as a SKU (lower case) when it looks like one. */
  sku: string | null;
};

const SYNONYMS = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) {
  for (const term of group) SYNONYMS.set(normalizeText(term), group.map(normalizeText));
}
const LONGEST_SYNONYM_WORDS = Math.max(1, ...[...SYNONYMS.keys()].map((k) => k.split(" ").length));

/** Synonyms of a term (including itself), or just the term. */
export function synonymsOf(term: string): readonly string[] {
  return SYNONYMS.get(term) ?? [term];
}

const quote = (lexeme: string) => `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
const HAN = /\p{Script=Han}/u;

/** A Chinese term as tsquery: the word itself, or its character pairs all present. */
function hanFragment(term: string): string {
  const pairs = hanBigrams(term);
  if (pairs.length <= 1) return quote(term);
  return `(${quote(term)} | (${pairs.map(quote).join(" & ")}))`;
}

type WordInfo = { stem: string | null; known: boolean; near: string | null };
const wordCache = new Map<string, { at: number; info: WordInfo }>();
const WORD_TTL_MS = 60_000;

/** English stems and spelling corrections of latin words, one query, cached for a minute. */
async function wordInfo(db: Executor, words: string[]): Promise<Map<string, WordInfo>> {
  const out = new Map<string, WordInfo>();
  const now = Date.now();
  const missing: string[] = [];
  for (const w of words) {
    const cached = wordCache.get(w);
    if (cached && now - cached.at < WORD_TTL_MS) out.set(w, cached.info);
    else missing.push(w);
  }
  if (missing.length > 0) {
    const rows = (await db.execute(sql`
      SELECT w, (ts_lexize('english_stem', w))[1] AS stem,
             EXISTS (SELECT 1 FROM search_terms WHERE term = w) AS known,
             CASE WHEN length(w) >= 3 AND NOT EXISTS (SELECT 1 FROM search_terms WHERE term = w) THEN
               (SELECT term FROM search_terms WHERE term % w ORDER BY similarity(term, w) DESC, term LIMIT 1)
             END AS near
      FROM unnest(${textArray(missing)}) AS w
    `)) as { w: string; stem: string | null; known: boolean; near: string | null }[];
    if (wordCache.size > 5000) wordCache.clear();
    for (const r of rows) {
      const info = { stem: r.stem, known: r.known, near: r.near };
      wordCache.set(r.w, { at: now, info });
      out.set(r.w, info);
    }
  }
  return out;
}

type Token = { text: string; han: boolean };

function tokenize(normalized: string): Token[] {
  const tokens: Token[] = [];
  for (const m of normalized.matchAll(/\p{Script=Han}+|[a-z0-9]+(?:['’][a-z]+)?/gu)) {
    if (HAN.test(m[0])) for (const w of cutWords(m[0])) tokens.push({ text: w, han: true });
    else for (const w of latinWords(m[0])) tokens.push({ text: w, han: false });
  }
  return tokens;
}

const SKU = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

/**
 * `lookup: false` skips the database (stems and spelling corrections): enough for Meilisearch,
 * which stems and corrects by itself and needs the plan only for highlights.
 */
export async function planQuery(
  db: Executor,
  q: string,
  options: { prefixLast?: boolean; lookup?: boolean } = {},
): Promise<QueryPlan> {
  const normalized = normalizeText(q);
  const tokens = tokenize(normalized);
  const latin = [...new Set(tokens.filter((t) => !t.han).map((t) => t.text))];
  const info = latin.length > 0 && options.lookup !== false ? await wordInfo(db, latin) : new Map<string, WordInfo>();

  const groups: QueryGroup[] = [];
  const highlight = new Set<string>();
  let corrected = false;
  const correctedWords: string[] = [];
  // A misspelt word read as its correction, so that "wite tea" is the synonym term "white tea".
  const spelled = (t: Token) => (t.han ? t.text : (info.get(t.text)?.known === false && info.get(t.text)?.near) || t.text);
  for (let i = 0; i < tokens.length; ) {
    // The longest run of tokens that is a synonym term ("white tea", "tea picking").
    let matched = 0;
    for (let n = Math.min(LONGEST_SYNONYM_WORDS, tokens.length - i); n >= 1; n--) {
      const slice = tokens.slice(i, i + n);
      const glue = slice.every((t) => t.han) ? "" : " ";
      const asTyped = slice.map((t) => t.text).join(glue);
      const phrase = SYNONYMS.has(asTyped) ? asTyped : slice.map(spelled).join(glue);
      if (SYNONYMS.has(phrase)) {
        if (phrase !== asTyped) corrected = true;
        const alternatives = [...synonymsOf(phrase)];
        const fragments = alternatives.map((alt) =>
          HAN.test(alt) ? hanFragment(alt) : `(${alt.split(" ").map(quote).join(" & ")})`,
        );
        groups.push({ text: phrase, alternatives, fragment: `(${fragments.join(" | ")})` });
        for (const alt of alternatives) highlight.add(alt);
        correctedWords.push(phrase);
        matched = n;
        break;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const token = tokens[i] as Token;
    i += 1;
    if (token.han) {
      groups.push({ text: token.text, alternatives: [token.text], fragment: hanFragment(token.text) });
      highlight.add(token.text);
      correctedWords.push(token.text);
      continue;
    }
    const w = token.text;
    const alternatives = new Set([w]);
    const fragments = [quote(w)];
    const word = info.get(w);
    if (word?.stem && word.stem !== w) fragments.push(quote(word.stem));
    const isLast = i === tokens.length;
    if (options.prefixLast !== false && isLast && w.length >= 2 && !word?.known) fragments.push(`${quote(w)}:*`);
    if (word && !word.known && word.near) {
      alternatives.add(word.near);
      for (const syn of synonymsOf(word.near)) {
        alternatives.add(syn);
        fragments.push(HAN.test(syn) ? hanFragment(syn) : `(${syn.split(" ").map(quote).join(" & ")})`);
      }
      corrected = true;
      correctedWords.push(word.near);
    } else correctedWords.push(w);
    for (const alt of alternatives) highlight.add(alt);
    groups.push({ text: w, alternatives: [...alternatives], fragment: `(${fragments.join(" | ")})` });
  }
  const skuCandidate = normalized.replace(/\s+/g, "");
  return {
    normalized,
    groups,
    highlightTerms: [...highlight],
    corrected: corrected ? correctedWords.join(" ") : null,
    sku: SKU.test(skuCandidate) && /\d/.test(skuCandidate) ? skuCandidate : null,
  };
}

/** The tsquery text for the first `count` groups (all by default), AND-ed. */
export function tsqueryText(plan: QueryPlan, count = plan.groups.length): string | null {
  const parts = plan.groups.slice(0, count).map((g) => g.fragment);
  if (plan.sku && count === plan.groups.length) {
    return parts.length > 0 ? `(${quote(plan.sku)} | (${parts.join(" & ")}))` : quote(plan.sku);
  }
  return parts.length > 0 ? parts.join(" & ") : null;
}
