// Drill 2: Meilisearch is killed (SIGKILL: no goodbye, open sockets just die) while shoppers
// search. Every search must still answer 200 with results — the page and the JSON API — and the
// API must say that PostgreSQL answered once Meilisearch is gone.
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import { percentile } from "../bench/load";
import { type Reply, type Timeline, recorded, send, sleep } from "./timeline";

const QUERY = encodeURIComponent("茶");
export const SEARCH_PATHS = [`/search?q=${QUERY}`, `/api/v1/search?q=${QUERY}`] as const;
const CLIENT_TIMEOUT_MS = 10_000;

/** The pid of the Meilisearch listening on `port`, found by its command line (scripts/lib/embedded-meilisearch.ts does not expose it). */
export function meilisearchPid(port: number): number | null {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8");
    } catch {
      continue;
    }
    const argv = cmdline.split("\0");
    if (argv[0]?.includes("meilisearch") && argv.includes(`127.0.0.1:${port}`)) return Number(entry);
  }
  return null;
}

type Answer = { engine: string | null; results: number };

/** What a search answered: the engine that served it and how many results it showed. */
function readAnswer(path: string, reply: Reply): Answer {
  if (path.startsWith("/api/")) {
    const hits = reply.body.hits;
    return { engine: typeof reply.body.engine === "string" ? reply.body.engine : null, results: Array.isArray(hits) ? hits.length : 0 };
  }
  const engine = /data-engine="(\w+)"/.exec(reply.text)?.[1] ?? null;
  return { engine, results: (reply.text.match(/href="\/products\/[^"]+"/g) ?? []).length };
}

/** The page cache keeps a search page 10 s (then serves it once more while re-rendering): a margin over that. */
const CACHED_PAGE_GRACE_MS = 15_000;

export type SearchFigures = {
  searches: number;
  failed: number;
  /** API answers that started after Meilisearch had died but still claimed it answered. */
  staleEngine: number;
  /** Right answers to searches sent after Meilisearch died. */
  answeredAfter: number;
  beforeP50: number;
  beforeP99: number;
  afterP50: number;
  afterP99: number;
  longestMs: number;
  engines: Record<string, number>;
};

export async function runSearchOutage(options: {
  base: string;
  clients: number;
  beforeS: number;
  afterS: number;
  kill: () => Promise<void>;
  timeline: Timeline;
}): Promise<SearchFigures> {
  const { base, timeline } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  let deadAt = Number.POSITIVE_INFINITY;
  let staleEngine = 0;
  const engines: Record<string, number> = {};
  const latencies = { before: [] as number[], after: [] as number[] };
  let stopping = false;

  const client = async (offset: number) => {
    for (let i = offset; !stopping; i++) {
      const path = SEARCH_PATHS[i % SEARCH_PATHS.length]!;
      const startedMs = timeline.now();
      const what = path.startsWith("/api/") ? "GET /api/v1/search" : "GET /search";
      await recorded(
        timeline,
        what,
        () => send(agent, base, "GET", path, { timeoutMs: CLIENT_TIMEOUT_MS, headers: { accept: path.startsWith("/api/") ? "application/json" : "text/html" } }),
        (reply) => {
          if (reply.status !== 200) return `${reply.status}`;
          const answer = readAnswer(path, reply);
          if (answer.results === 0) return "200 without results";
          const key = `${what} ${answer.engine ?? "?"}`;
          engines[key] = (engines[key] ?? 0) + 1;
          // A search page may come from the page cache (app/modules/cache), rendered by Meilisearch
          // before it died: right results, kept for at most the cache's short lifetime. Later, or
          // from the API (never cached), it must be PostgreSQL answering.
          const cachedPage = what === "GET /search" && startedMs - deadAt <= CACHED_PAGE_GRACE_MS;
          if (startedMs > deadAt && answer.engine !== "postgres" && !cachedPage) {
            staleEngine++;
            return `answered by ${String(answer.engine)} after Meilisearch died`;
          }
          (startedMs > deadAt ? latencies.after : latencies.before).push(timeline.now() - startedMs);
          return null;
        },
      );
    }
  };

  const running = Array.from({ length: options.clients }, (_, c) => client(c));
  await sleep(options.beforeS * 1000);
  timeline.event("kill -9 Meilisearch");
  await options.kill();
  deadAt = timeline.event("Meilisearch gone");
  await sleep(options.afterS * 1000);
  stopping = true;
  await Promise.all(running);
  timeline.event("clients stop");
  agent.destroy();

  latencies.before.sort((a, b) => a - b);
  latencies.after.sort((a, b) => a - b);
  return {
    searches: timeline.samples.length,
    failed: timeline.failures.length,
    staleEngine,
    answeredAfter: latencies.after.length,
    beforeP50: percentile(latencies.before, 0.5),
    beforeP99: percentile(latencies.before, 0.99),
    afterP50: percentile(latencies.after, 0.5),
    afterP99: percentile(latencies.after, 0.99),
    longestMs: timeline.longest?.durationMs ?? 0,
    engines,
  };
}
