// The PostgreSQL engine: a tsvector of jieba words, character pairs, English stems and pinyin
// per document (search_documents), typo corrections through pg_trgm (query.server.ts). It
// answers whenever Meilisearch is not configured or not reachable.
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { textArray } from "~/utils/sql-arrays.server";
import type { SearchDoc } from "./documents.server";
import { hitFromDoc } from "./hits.server";
import { type QueryPlan, planQuery, tsqueryText } from "./query.server";
import { SEARCH_TYPES, type SearchFacets, type SearchQuery, type SearchResult, type SearchType } from "./types";


function filters(query: SearchQuery, withType: boolean): SQL[] {
  const where: SQL[] = [sql`NOT deleted`];
  if (withType && query.type) where.push(sql`type = ${query.type}::search_doc_type`);
  if (query.category) where.push(sql`category = ${query.category}`);
  if (query.village) where.push(sql`village_slug = ${query.village}`);
  if (query.certs && query.certs.length > 0) where.push(sql`certifications @> ${textArray(query.certs)}`);
  if (query.minCents !== undefined) where.push(sql`price_from >= ${query.minCents}`);
  if (query.maxCents !== undefined) where.push(sql`price_from <= ${query.maxCents}`);
  return where;
}

function orderBy(query: SearchQuery, ranked: boolean): SQL {
  switch (query.sort) {
    case "price_asc":
      return sql`price_from ASC NULLS LAST, key`;
    case "price_desc":
      return sql`price_from DESC NULLS LAST, key`;
    case "newest":
      return sql`listed_at DESC, key`;
    default:
      return ranked
        ? sql`exact DESC, rank DESC, boost DESC, listed_at DESC, key`
        : sql`boost DESC, listed_at DESC, key`;
  }
}

type FacetRow = {
  types: Record<string, number> | null;
  categories: Record<string, number> | null;
  villages: Record<string, number> | null;
  certs: Record<string, number> | null;
  min: number | null;
  max: number | null;
};

type Row = FacetRow & { docs: SearchDoc[] | null };

/**
 * One statement: the matches once (through the GIN index), the page and every facet from them.
 * The planner would rather scan the table than use the index for a broad query (it does not
 * count the cost of reading each row's tsvector), so index use is asked for explicitly.
 */
async function runQuery(db: Database, query: SearchQuery, tsquery: string | null, exact: string) {
  const match = tsquery ? sql`tsv @@ q` : sql`true`;
  const from = tsquery ? sql`search_documents, CAST(${tsquery} AS tsquery) AS q` : sql`search_documents`;
  const rank = tsquery ? sql`ts_rank(title_tsv, q)` : sql`0::real`;
  const facetWhere = sql.join([...filters(query, false), match], sql` AND `);
  const typeFilter = query.type ? sql`type = ${query.type}::search_doc_type` : sql`true`;
  const statement = sql`
    WITH m AS MATERIALIZED (
      SELECT key, type, category, village_slug, certifications, price_from, boost, listed_at,
             (${exact} = ANY(title_keys)) AS exact, ${rank} AS rank
      FROM ${from} WHERE ${facetWhere}
    ), t AS (SELECT * FROM m WHERE ${typeFilter}),
    page AS (SELECT key, row_number() OVER () AS ord FROM (SELECT key FROM t ORDER BY ${orderBy(query, tsquery !== null)} LIMIT ${query.limit} OFFSET ${query.offset}) p)
    SELECT
      (SELECT json_agg(d.doc ORDER BY page.ord) FROM page JOIN search_documents d ON d.key = page.key) AS docs,
      (SELECT json_object_agg(type, n) FROM (SELECT type, count(*)::int AS n FROM m GROUP BY type) x) AS types,
      (SELECT json_object_agg(category, n) FROM (SELECT category, count(*)::int AS n FROM t WHERE category IS NOT NULL GROUP BY category) x) AS categories,
      (SELECT json_object_agg(village_slug, n) FROM (SELECT village_slug, count(*)::int AS n FROM t WHERE village_slug IS NOT NULL GROUP BY village_slug) x) AS villages,
      (SELECT json_object_agg(c, n) FROM (SELECT c, count(*)::int AS n FROM t, unnest(certifications) AS c GROUP BY c) x) AS certs,
      (SELECT min(price_from) FROM t) AS min, (SELECT max(price_from) FROM t) AS max
  `;
  const rows = tsquery
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        return (await tx.execute(statement)) as Row[];
      })
    : ((await db.execute(statement)) as Row[]);
  const f = rows[0];
  const type = Object.fromEntries(SEARCH_TYPES.map((t) => [t, f?.types?.[t] ?? 0])) as Record<SearchType, number>;
  const facets: SearchFacets = {
    type,
    category: f?.categories ?? {},
    village: f?.villages ?? {},
    certification: f?.certs ?? {},
    price: f && f.min !== null && f.max !== null ? { min: Number(f.min), max: Number(f.max) } : null,
  };
  const total = query.type ? type[query.type] : SEARCH_TYPES.reduce((sum, t) => sum + type[t], 0);
  return { docs: f?.docs ?? [], facets, total };
}

export type EngineAnswer = Omit<SearchResult, "engine" | "tookMs">;

export async function postgresSearch(db: Database, query: SearchQuery, plan?: QueryPlan): Promise<EngineAnswer> {
  const p = plan ?? (await planQuery(db, query.q));
  // Like Meilisearch's "last" matching strategy: when every word together finds nothing, drop
  // words from the end until something is found.
  let result = await runQuery(db, query, tsqueryText(p), p.normalized);
  for (let keep = p.groups.length - 1; result.total === 0 && keep >= 1; keep--) {
    result = await runQuery(db, query, tsqueryText(p, keep), p.normalized);
  }
  return {
    query: query.q,
    total: result.total,
    hits: result.docs.map((doc) => hitFromDoc(doc, query.lang, { terms: p.highlightTerms, sku: p.sku ?? undefined })),
    facets: result.facets,
    didYouMean: p.corrected && p.corrected !== p.normalized ? p.corrected : null,
  };
}
