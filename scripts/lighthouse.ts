// `npm run lighthouse`: Lighthouse's mobile profile on home, a product, a stay, an experience, a
// village and a search page; prints page × performance / accessibility / best practices / SEO with
// LCP, TBT and CLS, and exits 1 below budget (performance ≥ 95, the other three 100).
//
// Without `--url` it measures what we ship: a throw-away embedded PostgreSQL, migrated and seeded
// with the demo data, behind the production server (scripts/serve.ts over a private copy of
// ./build, built first when the sources are newer). Search runs on PostgreSQL there: the page is
// the same with either engine. With `--url` it audits a server that is already running.
//
//   npm run lighthouse -- [--url http://127.0.0.1:3000] [--runs 3] [--build] [--keep]
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDb } from "~/utils/db.server";
import { seed } from "../db/seed/seed";
import { cleanups, runBench, step } from "./bench/run";
import { ensureBuild } from "./bench/services";
import { startE2eServer } from "./lib/e2e-server";
import { freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { auditPages, budgetProblems, formatTable, pagesToAudit } from "./lib/lighthouse";
import { runMigrations } from "./lib/migrate";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    runs: { type: "string", default: "3" },
    build: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got ${args.runs}`);

async function seededServer(): Promise<string> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "xiangji-lighthouse-"));
  await fs.mkdir(path.join(ROOT, ".cache"), { recursive: true });
  const serverDir = await fs.mkdtemp(path.join(ROOT, ".cache/lighthouse-"));
  if (args.keep) step(`Keeping ${workDir} and ${serverDir}`);
  else cleanups.push(() => fs.rm(workDir, { recursive: true, force: true }), () => fs.rm(serverDir, { recursive: true, force: true }));

  step("Starting PostgreSQL, migrating and seeding the demo data…");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort(), database: "xiangji_lighthouse", persistent: false });
  cleanups.push(() => pg.stop());
  await runMigrations(pg.url);
  const { db, sql } = createDb(pg.url, 2);
  try {
    await seed(db);
  } finally {
    await sql.end({ timeout: 5 });
  }

  await ensureBuild(ROOT, workDir, args.build);
  const server = await startE2eServer({
    root: ROOT,
    workDir: serverDir,
    databaseUrl: pg.url,
    env: { SEARCH_ENGINE: "postgres", MEILI_URL: undefined, MEILI_MASTER_KEY: undefined },
  });
  cleanups.push(() => server.stop());
  return server.baseUrl;
}

async function main(): Promise<boolean> {
  const baseUrl = args.url ?? (await seededServer());
  const pages = await pagesToAudit(baseUrl);
  step(`Auditing ${pages.length} pages × ${runs} run(s) with Lighthouse (mobile, simulated throttling)…`);
  const results = await auditPages(pages, {
    runs,
    onResult: (r) => console.log(`  ${r.name.padEnd(10)} ${r.url}  perf ${r.scores.performance}, a11y ${r.scores.accessibility}, best ${r.scores["best-practices"]}, seo ${r.scores.seo}`),
  });
  console.log(`\n${formatTable(results)}\n`);
  const problems = budgetProblems(results);
  if (problems.length) console.log(`✗ Below budget:\n  ${problems.join("\n  ")}`);
  else console.log("✓ Every page is within the Lighthouse budget.");
  return problems.length === 0;
}

runBench("lighthouse", main);
