// The Meilisearch engine: index settings, the outbox's second half (shipping documents, waiting
// for Meilisearch to confirm), searching, and the atomic reindex.
import { Meilisearch } from "meilisearch";
import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { intArray, textArray } from "~/utils/sql-arrays.server";
import type { SearchDoc } from "./documents.server";
import { hitFromDoc } from "./hits.server";
import { projectAll } from "./outbox.server";
import { nodeHttpClient } from "./meili-http.server";
import type { EngineAnswer } from "./postgres.server";
import type { QueryPlan } from "./query.server";
import { SYNONYM_GROUPS } from "./synonyms";
import { SEARCH_TYPES, type SearchFacets, type SearchQuery, type SearchType } from "./types";

export type MeiliConfig = { url: string; key: string; index: string; timeoutMs: number };

const SHIP_LOCK = 730_302;
const clients = new Map<string, Meilisearch>();

/** A client whose every request gives up after `timeoutMs` (searches) or 30 s (indexing). */
export function meiliClient(config: MeiliConfig, purpose: "search" | "index" = "search"): Meilisearch {
  const timeout = purpose === "search" ? config.timeoutMs : 30_000;
  const id = `${config.url}|${config.key}|${timeout}`;
  let client = clients.get(id);
  if (!client) {
    client = new Meilisearch({ host: config.url, apiKey: config.key, timeout, httpClient: nodeHttpClient });
    clients.set(id, client);
  }
  return client;
}

type Enqueued = { taskUid: number };

/**
 * Waits for a task by polling it. (The SDK's own `waitTask` adds an abort listener to one
 * signal per poll and never removes it: Node warns after ten polls.)
 */
async function settled(client: Meilisearch, enqueued: Enqueued | PromiseLike<Enqueued>, timeoutMs: number, intervalMs = 25) {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const task = await client.tasks.getTask(taskUid);
    if (task.status === "succeeded" || task.status === "failed" || task.status === "canceled") return task;
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} still ${task.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function synonymSettings(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) {
    for (const term of group) {
      const others = group.filter((t) => t !== term);
      out[term] = [...new Set([...(out[term] ?? []), ...others])];
    }
  }
  return out;
}

export const INDEX_SETTINGS = {
  searchableAttributes: [
    "title_zh",
    "title_en",
    "title_tokens_zh",
    "pinyin",
    "skus",
    "names_zh",
    "names_en",
    "text_tokens_zh",
    "text_zh",
    "text_en",
  ],
  displayedAttributes: ["id", "type", "entityId", "slug", "title_zh", "title_en", "skus", "category", "village", "certifications", "priceFrom", "listedAt", "boost", "display"],
  filterableAttributes: ["type", "category", "village", "certifications", "priceFrom"],
  sortableAttributes: ["priceFrom", "listedAt", "boost"],
  // "Price, low to high" means exactly that: an explicit sort comes before relevance (and is a
  // no-op when a request asks for none).
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness"],
  // Word proximity within an attribute rather than exact distances, and no search inside facet
  // values (unused): on 20 000 products a full load took 6 s instead of 12 s, a search 13 ms
  // instead of 18 ms.
  proximityPrecision: "byAttribute",
  facetSearch: false,
  localizedAttributes: [
    { attributePatterns: ["*_zh"], locales: ["cmn"] },
    { attributePatterns: ["*_en"], locales: ["eng"] },
  ],
  // "hony" is four letters: one typo is allowed from four letters on (Meilisearch's default is five).
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 }, disableOnAttributes: ["skus"] },
  synonyms: synonymSettings(),
  pagination: { maxTotalHits: 10_000 },
  faceting: { maxValuesPerFacet: 200 },
} as const;

/**
 * Creates the index when missing and applies the settings (a no-op when they are unchanged).
 * Returns true when the index had to be created.
 */
export async function ensureIndex(config: MeiliConfig, uid = config.index): Promise<boolean> {
  const client = meiliClient(config, "index");
  const exists = await client.getRawIndex(uid).then(
    () => true,
    () => false,
  );
  if (!exists) await settled(client, client.createIndex(uid, { primaryKey: "id" }), 30_000);
  const task = await settled(client, client.index(uid).updateSettings(INDEX_SETTINGS as never), 120_000, 50);
  if (task.status !== "succeeded") throw new Error(`Meilisearch settings for ${uid}: ${task.status} ${task.error?.message ?? ""}`);
  return !exists;
}

/** A new, empty live index (Meilisearch's data was wiped): every document has to go again. */
export async function markAllUnshipped(db: Pick<Database, "execute">): Promise<void> {
  await db.execute(sql`UPDATE search_documents SET shipped = false WHERE shipped`);
}

async function sendBatch(config: MeiliConfig, uid: string, adds: SearchDoc[], deletes: string[], timeout: number) {
  const client = meiliClient(config, "index");
  const index = client.index(uid);
  const tasks = [];
  if (adds.length > 0) tasks.push(settled(client, index.addDocuments(adds, { primaryKey: "id" }), timeout));
  if (deletes.length > 0) tasks.push(settled(client, index.deleteDocuments(deletes), timeout));
  for (const task of await Promise.all(tasks)) {
    if (task.status !== "succeeded") throw new Error(`Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ""}`);
  }
}

/**
 * Ships documents not yet in Meilisearch, oldest version first, and marks them shipped only
 * once Meilisearch reports the task succeeded; a failure leaves them to the next try. Returns how
 * many were shipped (0 when another instance is shipping).
 */
export async function shipPending(
  db: Database,
  config: MeiliConfig,
  batch = 1000,
  opts: { wait?: boolean } = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    if (opts.wait) await tx.execute(sql`SELECT pg_advisory_xact_lock(${SHIP_LOCK})`);
    else {
      const [lock] = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SHIP_LOCK}) AS ok`)) as { ok: boolean }[];
      if (!lock?.ok) return 0;
    }
    const rows = (await tx.execute(sql`
      SELECT key, type::text AS type, entity_id, version, deleted, doc FROM search_documents
      WHERE NOT shipped ORDER BY version LIMIT ${batch}
    `)) as { key: string; type: SearchType; entity_id: number; version: number; deleted: boolean; doc: SearchDoc }[];
    if (rows.length === 0) return 0;
    await sendBatch(
      config,
      config.index,
      rows.filter((r) => !r.deleted).map((r) => r.doc),
      rows.filter((r) => r.deleted).map((r) => `${r.type}-${r.entity_id}`),
      20_000,
    );
    const keys = rows.map((r) => r.key);
    const versions = rows.map((r) => Number(r.version));
    await tx.execute(sql`
      UPDATE search_documents d SET shipped = true
      FROM unnest(${textArray(keys)}, ${intArray(versions)}) AS s(key, version)
      WHERE d.key = s.key AND d.version = s.version
    `);
    await tx.execute(sql`DELETE FROM search_documents WHERE key = ANY(${textArray(keys)}) AND deleted AND shipped`);
    return rows.length;
  });
}

/**
 * Rebuilds every document, loads them into a fresh index and swaps it with the live one in one
 * Meilisearch task: searches keep being answered by the old index until the swap. The shipper is
 * held off meanwhile; changes made during the rebuild ship to the new index right after.
 */
export async function reindexMeilisearch(db: Database, config: MeiliConfig, log: (line: string) => void = () => {}) {
  const started = Date.now();
  const projected = await projectAll(db);
  log(`projected ${projected} documents`);
  const client = meiliClient(config, "index");
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SHIP_LOCK})`);
    const [{ max } = { max: 0 }] = (await tx.execute(sql`SELECT coalesce(max(version), 0) AS max FROM search_documents`)) as { max: number }[];
    const fresh = `${config.index}_build_${Date.now().toString(36)}`;
    await ensureIndex(config, fresh);
    let sent = 0;
    for (let after = ""; ; ) {
      const rows = (await tx.execute(sql`
        SELECT key, doc FROM search_documents WHERE NOT deleted AND version <= ${max} AND key > ${after} ORDER BY key LIMIT 5000
      `)) as { key: string; doc: SearchDoc }[];
      if (rows.length === 0) break;
      await sendBatch(config, fresh, rows.map((r) => r.doc), [], 300_000);
      sent += rows.length;
      after = rows[rows.length - 1]?.key ?? after;
      log(`loaded ${sent} documents into ${fresh}`);
    }
    const live = await client.getRawIndex(config.index).then(
      () => true,
      () => false,
    );
    const swap = await settled(client, client.swapIndexes([{ indexes: [config.index, fresh], rename: !live }]), 60_000);
    if (swap.status !== "succeeded") throw new Error(`index swap ${swap.status}: ${swap.error?.message ?? ""}`);
    if (live) await settled(client, client.deleteIndex(fresh), 60_000);
    await tx.execute(sql`UPDATE search_documents SET shipped = true WHERE version <= ${max} AND NOT shipped`);
    await tx.execute(sql`DELETE FROM search_documents WHERE deleted AND shipped`);
    return { documents: sent, index: config.index, ms: Date.now() - started };
  });
}

const quoteFilter = (value: string) => JSON.stringify(value);

function filterList(query: SearchQuery, withType: boolean): string[] {
  const f: string[] = [];
  if (withType && query.type) f.push(`type = ${quoteFilter(query.type)}`);
  if (query.category) f.push(`category = ${quoteFilter(query.category)}`);
  if (query.village) f.push(`village = ${quoteFilter(query.village)}`);
  for (const cert of query.certs ?? []) f.push(`certifications = ${quoteFilter(cert)}`);
  if (query.minCents !== undefined) f.push(`priceFrom >= ${Math.floor(query.minCents)}`);
  if (query.maxCents !== undefined) f.push(`priceFrom <= ${Math.floor(query.maxCents)}`);
  return f;
}

function sortList(query: SearchQuery): string[] | undefined {
  switch (query.sort) {
    case "price_asc":
      return ["priceFrom:asc"];
    case "price_desc":
      return ["priceFrom:desc"];
    case "newest":
      return ["listedAt:desc"];
    default:
      return query.q.trim() ? undefined : ["boost:desc", "listedAt:desc"];
  }
}

export async function meilisearchSearch(config: MeiliConfig, query: SearchQuery, plan: QueryPlan): Promise<EngineAnswer> {
  const client = meiliClient(config);
  const main = {
    indexUid: config.index,
    q: query.q,
    filter: filterList(query, true),
    facets: ["category", "village", "certifications", "priceFrom", ...(query.type ? [] : ["type"])],
    limit: query.limit,
    offset: query.offset,
    sort: sortList(query),
    // No `attributesToHighlight`: its `_formatted` copy of every hit doubled the response that
    // each search parses; titles are marked here from the query's words (as for PostgreSQL).
  };
  // The tab counts ignore the type filter: with one set, a second query counts every type.
  const queries = query.type
    ? [main, { indexUid: config.index, q: query.q, filter: filterList(query, false), facets: ["type"], limit: 0 }]
    : [main];
  const { results } = await client.multiSearch({ queries });
  const [mainResult, typeResult] = results;
  if (!mainResult || (query.type && !typeResult)) throw new Error("Meilisearch returned fewer results than asked");
  const all = typeResult ?? mainResult;
  const dist = (mainResult.facetDistribution ?? {}) as Record<string, Record<string, number>>;
  const typeDist = (all.facetDistribution?.type ?? {}) as Record<string, number>;
  const stats = mainResult.facetStats?.priceFrom;
  const facets: SearchFacets = {
    type: Object.fromEntries(SEARCH_TYPES.map((t) => [t, typeDist[t] ?? 0])) as Record<SearchType, number>,
    category: dist.category ?? {},
    village: dist.village ?? {},
    certification: dist.certifications ?? {},
    price: stats ? { min: stats.min, max: stats.max } : null,
  };
  const hits = (mainResult.hits as SearchDoc[]).map((hit) =>
    hitFromDoc(hit, query.lang, { terms: plan.highlightTerms, sku: plan.sku ?? undefined }),
  );
  return {
    query: query.q,
    total: mainResult.estimatedTotalHits ?? mainResult.totalHits ?? hits.length,
    hits,
    facets,
    didYouMean: null,
  };
}
