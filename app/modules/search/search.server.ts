// The search port: one `search()` for pages and the API. Meilisearch answers when configured and
// reachable; otherwise, or when it fails or is slower than MEILI_TIMEOUT_MS, PostgreSQL answers the
// same request, and the result says which engine did. After a failure Meilisearch is left alone
// for a few seconds (every request would otherwise wait for the timeout first).
import { env } from "~/utils/env.server";
import { type Database, getDb } from "~/utils/db.server";
import { type MeiliConfig, ensureIndex, markAllUnshipped, meiliClient, meilisearchSearch, shipPending } from "./meilisearch.server";
import { pendingCounts, projectOutbox } from "./outbox.server";
import { postgresSearch } from "./postgres.server";
import { planQuery } from "./query.server";
import type { EngineName, SearchQuery, SearchResult, SearchStatus } from "./types";

type SearchConfig = { engine: EngineName; meili: MeiliConfig | null };

let config: SearchConfig | undefined;
let meiliDownUntil = 0;
const RETRY_AFTER_FAILURE_MS = 3000;

function configFromEnv(): SearchConfig {
  const e = env();
  const meili: MeiliConfig | null = e.MEILI_URL
    ? { url: e.MEILI_URL, key: e.MEILI_MASTER_KEY ?? "", index: e.MEILI_INDEX, timeoutMs: e.MEILI_TIMEOUT_MS }
    : null;
  const engine: EngineName = e.SEARCH_ENGINE === "postgres" || !meili ? "postgres" : "meilisearch";
  return { engine, meili };
}

export function searchConfig(): SearchConfig {
  config ??= configFromEnv();
  return config;
}

/** Chooses the engine in-process (tests, benchmarks); unset fields come from the environment. */
export function configureSearch(options: {
  engine?: EngineName;
  meiliUrl?: string;
  meiliKey?: string;
  indexName?: string;
  timeoutMs?: number;
}): SearchConfig {
  const base = configFromEnv();
  const url = options.meiliUrl ?? base.meili?.url;
  const meili: MeiliConfig | null = url
    ? {
        url,
        key: options.meiliKey ?? base.meili?.key ?? "",
        index: options.indexName ?? base.meili?.index ?? "xiangji",
        timeoutMs: options.timeoutMs ?? base.meili?.timeoutMs ?? 300,
      }
    : null;
  const engine = options.engine ?? (meili ? "meilisearch" : "postgres");
  config = { engine: engine === "meilisearch" && meili ? "meilisearch" : "postgres", meili };
  meiliDownUntil = 0;
  return config;
}

function meiliFailed(error: unknown) {
  if (Date.now() >= meiliDownUntil) {
    console.warn(`[search] Meilisearch failed, answering from PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
  }
  meiliDownUntil = Date.now() + RETRY_AFTER_FAILURE_MS;
}

export async function search(query: SearchQuery, opts: { db?: Database } = {}): Promise<SearchResult> {
  const started = performance.now();
  const db = opts.db ?? getDb();
  const { engine, meili } = searchConfig();
  if (engine === "meilisearch" && meili && Date.now() >= meiliDownUntil) {
    try {
      const answer = await meilisearchSearch(meili, query, await planQuery(db, query.q, { lookup: false }));
      let didYouMean: string | null = null;
      if (answer.total === 0 && query.q.trim()) {
        // Nothing found: a spelling suggestion from the words the catalogue contains.
        const plan = await planQuery(db, query.q);
        if (plan.corrected && plan.corrected !== plan.normalized) didYouMean = plan.corrected;
      }
      return { ...answer, didYouMean, engine: "meilisearch", tookMs: Math.round(performance.now() - started) };
    } catch (error) {
      meiliFailed(error);
    }
  }
  const answer = await postgresSearch(db, query, await planQuery(db, query.q));
  return { ...answer, engine: "postgres", tookMs: Math.round(performance.now() - started) };
}

/** Which engine answers now; pings Meilisearch (within its timeout) when it is configured. */
export async function searchStatus(opts: { db?: Database } = {}): Promise<SearchStatus> {
  const { engine, meili } = searchConfig();
  const pending = await pendingCounts(opts.db ?? getDb());
  if (engine !== "meilisearch" || !meili) return { configured: "postgres", engine: "postgres", meilisearch: "off", pending };
  const up = await meiliClient(meili)
    .health()
    .then(
      () => true,
      () => false,
    );
  if (!up) meiliDownUntil = Math.max(meiliDownUntil, Date.now() + RETRY_AFTER_FAILURE_MS);
  return { configured: "meilisearch", engine: up ? "meilisearch" : "postgres", meilisearch: up ? "up" : "down", pending };
}

/**
 * Projects every pending outbox row and, with Meilisearch configured, ships every pending
 * document, waiting for locks other instances hold. Tests call it after writing data.
 */
const ensured = new Set<string>();

export async function drainSearchOutbox(db: Database = getDb()): Promise<void> {
  const { engine, meili } = searchConfig();
  for (let i = 0; i < 10_000; i++) {
    const projected = await projectOutbox(db, 2000, { wait: true });
    if (projected === 0) break;
  }
  if (engine === "meilisearch" && meili) {
    const id = `${meili.url}|${meili.index}`;
    if (!ensured.has(id)) {
      if (await ensureIndex(meili)) await markAllUnshipped(db);
      ensured.add(id);
    }
    for (let i = 0; i < 10_000; i++) {
      const shipped = await shipPending(db, meili, 1000, { wait: true });
      if (shipped === 0) break;
    }
  }
}

export { projectOutbox, shipPending };
