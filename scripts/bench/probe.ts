// Where the time goes: every relevance query once, one after another, through search() in this
// process (no HTTP, no queueing behind other clients). The wall time is the engine's answer time
// plus our own query planning; the CPU time is this process's share (jieba, the plan, building hits).
import { configureSearch, search } from "~/modules/search/search.server";
import type { EngineName } from "~/modules/search/types";
import type { Database } from "~/utils/db.server";
import { RELEVANCE_SET, langOf } from "../../tests/search/relevance-set";
import { percentile } from "./load";

export type ProbeResult = { p50: number; max: number; cpuPerQuery: number; slowest: { q: string; ms: number }[] };

export async function probeEngine(options: {
  db: Database;
  engine: EngineName;
  meili: { url: string; key: string; index: string };
}): Promise<ProbeResult> {
  const { db, engine, meili } = options;
  configureSearch({ engine, meiliUrl: meili.url, meiliKey: meili.key, indexName: meili.index, timeoutMs: 5000 });
  const times: { q: string; ms: number }[] = [];
  const cpu = process.cpuUsage();
  for (const c of RELEVANCE_SET) {
    const started = performance.now();
    await search({ q: c.q, lang: langOf(c), type: c.type, limit: 20, offset: 0 }, { db });
    times.push({ q: c.type ? `${c.q} [${c.type}]` : c.q, ms: performance.now() - started });
  }
  const used = process.cpuUsage(cpu);
  const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 0.5),
    max: sorted.at(-1) ?? Number.NaN,
    cpuPerQuery: (used.user + used.system) / 1000 / times.length,
    slowest: [...times].sort((a, b) => b.ms - a.ms).slice(0, 3),
  };
}
