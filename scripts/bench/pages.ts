// `npm run bench:pages`: how many public pages per second the production server answers, and how
// that compares with the cheapest route of the same server, in one run.
//
//   1. a throw-away embedded PostgreSQL, migrated and seeded with the demo data (as the e2e server
//      is), a throw-away embedded Meilisearch with the seed indexed (so /search uses the production
//      engine), and the production server (scripts/serve.ts over a private copy of ./build, built
//      first when the sources are newer) on a free 127.0.0.1 port;
//   2. every route is fetched once as a visitor's browser asks for it (no cookies, Accept-Encoding
//      like Chrome's): it must answer 200 with the real page (its own content, not an error page);
//   3. autocannon, `--connections` keep-alive connections, one route after another: `--warmup`
//      seconds unrecorded, then `--duration` seconds recorded. A non-2xx answer, a socket error, a
//      timeout or a body much shorter than the checked page counts as an error.
//
// The minimal route is GET /robots.txt: Express (CSRF guard, compression, the static-file check)
// and Remix (route matching, a resource route) like every page, but no database, no rendering.
// /healthz is measured too for reference (it queries PostgreSQL twice and asks Meilisearch).
//
// Prints per route req/s, p50, p99, errors and the ratio to the minimal route, then the budgets:
// every page ≥ 0.6 × the minimal route's req/s and p99 ≤ 300 ms. Exits 1 when one fails or a
// route answered wrongly (`--no-budget` only prints the budgets).
//
// `--rendered` also measures each page for a visitor who sends a cookie (one that names no cart
// and no session, so the page is still public): the page cache steps aside and every request is
// rendered, which is what every page cost before the cache and what signed-in visitors get. For
// information only: those rows have no budget.
//
//   npm run bench:pages -- [--connections 50] [--duration 10] [--warmup 3] [--only /,/search?q=茶] [--rendered] [--no-budget] [--build] [--keep]
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { asc, eq } from "drizzle-orm";
import { configureSearch } from "~/modules/search/search.server";
import { createDb } from "~/utils/db.server";
import { products, stays } from "../../db/schema/index";
import { seed } from "../../db/seed/seed";
import { startE2eServer } from "../lib/e2e-server";
import { startEmbeddedMeilisearch } from "../lib/embedded-meilisearch";
import { freePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { runMigrations } from "../lib/migrate";
import { cleanups, mark, ms, runBench, step } from "./run";
import { ensureBuild, indexEverything } from "./services";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const MINIMAL = "/robots.txt";
const RATIO_BUDGET = 0.6;
const P99_BUDGET_MS = 300;

const { values: args } = parseArgs({
  options: {
    connections: { type: "string", default: "50" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    only: { type: "string" },
    "no-budget": { type: "boolean", default: false },
    rendered: { type: "boolean", default: false },
    build: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const whole = (name: "connections" | "duration" | "warmup", min: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got ${String(args[name])}`);
  return n;
};
const settings = { connections: whole("connections", 1), duration: whole("duration", 1), warmup: whole("warmup", 0) };

/** What Chrome on a phone sends for a page typed into the address bar: no cookie, compressed answers welcome. */
const BROWSER_HEADERS: Record<string, string> = {
  "user-agent": "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8",
  "accept-encoding": "gzip, deflate, br, zstd",
  "accept-language": "zh-CN,zh;q=0.9,en;q=0.8",
  "upgrade-insecure-requests": "1",
  "sec-fetch-dest": "document",
  "sec-fetch-mode": "navigate",
  "sec-fetch-site": "none",
  "sec-fetch-user": "?1",
};

type Target = {
  label: string;
  path: string;
  page: boolean;
  /** Text the real answer contains. */
  marker: string;
  /** Sent as the Cookie header (the `--rendered` rows); none otherwise. */
  cookie?: string;
};
type Checked = Target & { status: number; bytes: number; encoding: string; cacheControl: string; problem: string | null };
type Measured = Checked & { perSecond: number; p50: number; p99: number; requests: number; errors: number; errorDetail: string };

/** One request as the browser sends it; the body as it came (compressed) and decoded. */
function browserGet(base: string, urlPath: string, cookie?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; raw: Buffer; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(urlPath, base), { headers: cookie ? { ...BROWSER_HEADERS, cookie } : BROWSER_HEADERS }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        const decoded =
          encoding === "br" ? zlib.brotliDecompressSync(raw) : encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "deflate" ? zlib.inflateSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, text: decoded.toString("utf8") });
      });
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
    req.on("error", reject);
  });
}

async function check(base: string, target: Target): Promise<Checked> {
  const answer = await browserGet(base, target.path, target.cookie);
  const type = String(answer.headers["content-type"] ?? "");
  let problem: string | null = null;
  if (answer.status !== 200) problem = `answered ${answer.status}`;
  else if (target.page && !type.startsWith("text/html")) problem = `answered ${type}, not HTML`;
  else if (target.page && !answer.text.includes("</html>")) problem = "the page is cut short (no </html>)";
  else if (!answer.text.includes(target.marker)) problem = `the answer lacks ${JSON.stringify(target.marker)}`;
  return {
    ...target,
    status: answer.status,
    bytes: answer.raw.length,
    encoding: String(answer.headers["content-encoding"] ?? "identity"),
    cacheControl: String(answer.headers["cache-control"] ?? "—"),
    problem,
  };
}

async function measure(base: string, target: Checked): Promise<Measured> {
  const options = {
    url: new URL(target.path, base).href,
    connections: settings.connections,
    headers: target.cookie ? { ...BROWSER_HEADERS, cookie: target.cookie } : BROWSER_HEADERS,
    timeout: 10,
    // An error page or a cut-short answer is much shorter than the page checked before the load.
    verifyBody: (body: string) => body.length >= target.bytes * 0.8,
  };
  if (settings.warmup > 0) await autocannon({ ...options, duration: settings.warmup });
  const r = await autocannon({ ...options, duration: settings.duration });
  const errors = r.errors + r.timeouts + r.non2xx + r.mismatches;
  const parts = [r.errors && `${r.errors} socket errors`, r.timeouts && `${r.timeouts} timeouts`, r.non2xx && `${r.non2xx} non-2xx`, r.mismatches && `${r.mismatches} short bodies`];
  return {
    ...target,
    requests: r.requests.total,
    perSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors,
    errorDetail: parts.filter(Boolean).join(", "),
  };
}

function printTable(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => "  " + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function main(): Promise<boolean> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "xiangji-bench-pages-"));
  await fs.mkdir(path.join(ROOT, ".cache"), { recursive: true });
  const serverDir = await fs.mkdtemp(path.join(ROOT, ".cache/bench-pages-"));
  if (args.keep) console.log(`• Keeping ${workDir} and ${serverDir}`);
  else cleanups.push(() => fs.rm(workDir, { recursive: true, force: true }), () => fs.rm(serverDir, { recursive: true, force: true }));

  step("Starting PostgreSQL, migrating and seeding the demo data…");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort(), database: "xiangji_bench", persistent: false });
  cleanups.push(() => pg.stop());
  await runMigrations(pg.url);
  const { db, sql } = createDb(pg.url, 4);
  cleanups.push(() => sql.end({ timeout: 5 }));
  await seed(db);

  step("Starting Meilisearch and indexing the seed…");
  const meili = await startEmbeddedMeilisearch({ dataDir: path.join(workDir, "meili"), port: await freePort() });
  if (!meili) throw new Error("No Meilisearch binary for this platform: /search would be measured on PostgreSQL, not the production engine.");
  cleanups.push(() => meili.stop());
  const index = `xiangji_bench_${randomBytes(4).toString("hex")}`;
  configureSearch({ engine: "meilisearch", meiliUrl: meili.url, meiliKey: meili.key, indexName: index });
  await indexEverything(db, meili);

  const [product] = await db
    .select({ slug: products.slug, title: products.titleZh })
    .from(products)
    .where(eq(products.status, "active"))
    .orderBy(asc(products.id))
    .limit(1);
  const [stay] = await db.select({ slug: stays.slug, name: stays.titleZh }).from(stays).where(eq(stays.status, "active")).orderBy(asc(stays.id)).limit(1);
  if (!product || !stay) throw new Error("The seed has no active product or stay.");

  await ensureBuild(ROOT, workDir, args.build);
  const server = await startE2eServer({
    root: ROOT,
    workDir: serverDir,
    databaseUrl: pg.url,
    env: { MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key, MEILI_INDEX: index, SEARCH_ENGINE: undefined },
  });
  cleanups.push(() => server.stop());
  const base = server.baseUrl;
  // A cold server's first searches may outlast MEILI_TIMEOUT_MS (then PostgreSQL answers).
  let engine: string | undefined;
  for (let i = 0; i < 10 && engine !== "meilisearch"; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 500));
    engine = ((await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent("茶")}`)).json()) as { engine?: string }).engine;
  }
  if (engine !== "meilisearch") throw new Error(`The server searched with ${String(engine)}, not Meilisearch.`);

  const all: Target[] = [
    { label: "/", path: "/", page: true, marker: 'href="/villages/' },
    { label: "/products", path: "/products", page: true, marker: 'href="/products/' },
    { label: "product page", path: `/products/${product.slug}`, page: true, marker: product.title },
    { label: "stay page", path: `/stays/${stay.slug}`, page: true, marker: stay.name },
    { label: "/search?q=茶", path: `/search?q=${encodeURIComponent("茶")}`, page: true, marker: 'href="/products/' },
    { label: `${MINIMAL} (minimal)`, path: MINIMAL, page: false, marker: "User-agent" },
    { label: "/healthz", path: "/healthz", page: false, marker: '"status":"ok"' },
  ];
  const only = args.only?.split(",").map((s) => s.trim());
  const chosen = only ? all.filter((t) => t.path === MINIMAL || only.includes(t.path) || only.includes(t.label)) : all;
  const rendered = args.rendered
    ? chosen.filter((t) => t.page).map((t) => ({ ...t, label: `${t.label}, rendered`, cookie: "xj_bench=1" }))
    : [];
  const targets = [...chosen, ...rendered];

  step("Checking each route answers as a browser expects…");
  const checked: Checked[] = [];
  for (const t of targets) {
    const c = await check(base, t);
    console.log(`  ${mark(!c.problem)} ${t.path}${t.cookie ? " (with a cookie)" : ""}  ${c.status}, ${c.bytes} B ${c.encoding}, Cache-Control: ${c.cacheControl}${c.problem ? ` — ${c.problem}` : ""}`);
    checked.push(c);
  }
  if (checked.some((c) => c.problem)) {
    console.log("\n✗ A route does not answer with its page; nothing measured.");
    return false;
  }

  const results: Measured[] = [];
  for (const c of checked) {
    step(`${c.label}: ${settings.connections} connections, ${settings.duration} s after ${settings.warmup} s warm-up…`);
    results.push(await measure(base, c));
  }
  const loadAvg = os.loadavg()[0]!;
  const minimal = results.find((r) => r.path === MINIMAL)!;

  console.log("");
  console.log(
    `bench:pages — autocannon, ${settings.connections} connections, ${settings.duration} s per route after ${settings.warmup} s warm-up; ` +
      `${os.cpus().length} CPUs, load ${loadAvg.toFixed(1)} (1-min average after the runs); search: Meilisearch`,
  );
  printTable(
    ["route", "req/s", "p50 ms", "p99 ms", "errors", "× minimal", "bytes"],
    results.map((r) => [r.label, r.perSecond.toFixed(0), ms(r.p50), ms(r.p99), String(r.errors), (r.perSecond / minimal.perSecond).toFixed(2), `${r.bytes} ${r.encoding}`]),
  );
  for (const r of results) if (r.errors) console.log(`  ! ${r.label}: ${r.errorDetail}`);

  console.log(`\nBudgets: every page ≥ ${RATIO_BUDGET} × ${MINIMAL}'s req/s (${(RATIO_BUDGET * minimal.perSecond).toFixed(0)} req/s), p99 ≤ ${P99_BUDGET_MS} ms, no errors`);
  let ok = results.every((r) => r.errors === 0);
  for (const r of results.filter((x) => x.page && !x.cookie)) {
    const ratio = r.perSecond / minimal.perSecond;
    const pass = ratio >= RATIO_BUDGET && r.p99 <= P99_BUDGET_MS && r.errors === 0;
    ok &&= pass;
    console.log(`  ${pass ? "PASS" : "FAIL"}  ${r.label.padEnd(14)} ${ratio.toFixed(2)} × minimal, p99 ${ms(r.p99)} ms${r.errors ? `, ${r.errors} errors` : ""}`);
  }
  if (args["no-budget"]) {
    console.log(ok ? "\n✓ Every budget holds." : "\n(--no-budget: budgets printed, not enforced)");
    return results.every((r) => r.errors === 0);
  }
  console.log(ok ? "\n✓ Every budget holds." : "\n✗ Some budgets fail.");
  return ok;
}

runBench("bench:pages", main);
