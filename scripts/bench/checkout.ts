// `npm run bench:checkout`: how many purchases per second the JSON API completes with the test
// provider, and how that compares with `GET /healthz` on the same server in the same run.
//
//   1. a throw-away embedded PostgreSQL (migrated, not seeded) and the production server
//      (scripts/serve.ts over a private copy of ./build, built first when the sources are newer)
//      on a free 127.0.0.1 port, PAYMENT_PROVIDER=test;
//   2. products of our own with a large stock: by default one SKU that every buyer buys (the
//      flash-sale case, where checkouts queue on one row lock), `--skus n` spreads them over n;
//   3. API POSTs must pass the server's CSRF guard and a cross-site page POST must not: checked first;
//   4. `--buyers` closed-loop buyers, each looping create cart → add line → checkout →
//      test-payment "succeeded" (the order must come back `paid`) for `--duration` seconds after
//      `--warmup` seconds; then the same number of connections on GET /healthz for as long;
//   5. no overselling through the real server: `--race` buyers check out at once for 10 units
//      (exactly 10 orders, the rest 409 sold_out, no 5xx, stock 0) — skip with `--race 0`;
//   6. the books must balance: paid orders = purchases counted, stock = start − units sold.
//
// Prints orders/s, the full purchase's p50/p99, healthz req/s and their ratio; exits 1 when a
// check fails. Everything it starts is stopped and its directories removed (`--keep` keeps them).
//
//   npm run bench:checkout -- [--buyers 50] [--duration 10] [--warmup 3] [--skus 1] [--race 200] [--pool 20] [--build] [--keep]
import fs from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createDb, type Database } from "~/utils/db.server";
import { cooperatives, orderLines, orders, productVariants, products } from "../../db/schema/index";
import { startE2eServer } from "../lib/e2e-server";
import { freePort, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { runMigrations } from "../lib/migrate";
import { percentile, runClosedLoops, runLoad } from "./load";
import { cleanups, mark, ms, runBench, step } from "./run";
import { ensureBuild } from "./services";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const STOCK = 10_000_000;
const RACE_UNITS = 10;

const { values: args } = parseArgs({
  options: {
    buyers: { type: "string", default: "50" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    race: { type: "string", default: "200" },
    pool: { type: "string", default: "20" },
    skus: { type: "string", default: "1" },
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
  durationMs: whole("duration", 1) * 1000,
  warmupMs: whole("warmup", 0) * 1000,
  race: whole("race", 0),
  pool: whole("pool", 1),
  skus: whole("skus", 1),
};

// ---- a small JSON client over keep-alive connections -------------------------------------------

type Reply = { status: number; body: Record<string, unknown> };

function send(agent: http.Agent, base: string, method: string, urlPath: string, options: { json?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const payload = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (payload) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(urlPath, base), { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: Record<string, unknown> = {};
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = { text: text.slice(0, 200) };
        }
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timed out after 30 s")));
    req.on("error", reject);
    req.end(payload);
  });
}

const BUYER = {
  email: "bench@example.com",
  name: "压测买家",
  phone: "13800000000",
  address: { province: "浙江省", city: "杭州市", district: "西湖区", detail: "龙井村 1 号" },
};

class PurchaseError extends Error {}

function expectStatus(step: string, reply: Reply, status: number) {
  if (reply.status !== status) {
    const error = (reply.body.error as { code?: string; message?: string } | undefined) ?? reply.body;
    throw new PurchaseError(`${step}: ${reply.status} ${JSON.stringify(error).slice(0, 160)}`);
  }
}

const STEPS = ["cart", "line", "checkout", "payment"] as const;
type StepTimes = Record<(typeof STEPS)[number], number>;

/** One whole purchase through the API, timing each call; throws PurchaseError naming the step that went wrong. */
async function purchase(agent: http.Agent, base: string, sku: string): Promise<StepTimes> {
  const times = {} as StepTimes;
  const timed = async (name: keyof StepTimes, run: () => Promise<Reply>) => {
    const started = performance.now();
    const reply = await run();
    times[name] = performance.now() - started;
    return reply;
  };
  const cart = await timed("cart", () => send(agent, base, "POST", "/api/v1/carts"));
  expectStatus("create cart", cart, 201);
  const cartId = cart.body.cartId as string;
  const line = await timed("line", () => send(agent, base, "POST", `/api/v1/carts/${cartId}/lines`, { json: { sku, quantity: 1 } }));
  expectStatus("add line", line, 201);
  const placed = await timed("checkout", () => send(agent, base, "POST", `/api/v1/carts/${cartId}/checkout`, { json: BUYER }));
  expectStatus("checkout", placed, 201);
  const { orderNumber, accessToken } = placed.body as { orderNumber: string; accessToken: string };
  const paid = await timed("payment", () =>
    send(agent, base, "POST", `/api/v1/orders/${orderNumber}/test-payment`, {
      json: { outcome: "succeeded" },
      headers: { authorization: `Bearer ${accessToken}` },
    }),
  );
  expectStatus("test-payment", paid, 200);
  const status = (paid.body.order as { status?: string } | undefined)?.status;
  if (status !== "paid") throw new PurchaseError(`test-payment: the order is ${String(status)}, not paid`);
  return times;
}

type PurchaseLoad = {
  purchases: number;
  errors: number;
  errorSamples: string[];
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** p50 of each API call of a purchase. */
  steps: StepTimes;
};

async function runPurchases(base: string, skus: readonly string[]): Promise<PurchaseLoad> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.buyers });
  const stepLatencies = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<keyof StepTimes, number[]>;
  const { latencies, errors, errorSamples, seconds } = await runClosedLoops(
    { clients: settings.buyers, warmupMs: settings.warmupMs, durationMs: settings.durationMs },
    (buyer) => {
      const sku = skus[buyer % skus.length]!;
      return () => purchase(agent, base, sku);
    },
    (times) => {
      for (const s of STEPS) stepLatencies[s].push(times[s]);
    },
  );
  agent.destroy();
  return {
    purchases: latencies.length,
    errors,
    errorSamples,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    steps: Object.fromEntries(STEPS.map((s) => [s, percentile(stepLatencies[s].sort((a, b) => a - b), 0.5)])) as StepTimes,
  };
}

// ---- data ------------------------------------------------------------------------------------

async function createBenchProduct(db: Database, cooperativeId: number, sku: string, stock: number): Promise<void> {
  const slug = sku.toLowerCase();
  const [product] = await db
    .insert(products)
    .values({ cooperativeId, handle: slug, slug, category: "fruit", titleZh: "压测杨梅", titleEn: "Bench bayberries", priceFromCents: 9900 })
    .returning({ id: products.id });
  await db.insert(productVariants).values({ productId: product!.id, sku, nameZh: "一斤装", nameEn: "500 g", priceCents: 9900, stock });
}

async function stockOf(db: Database, sku: string): Promise<number> {
  const [row] = await db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.sku, sku));
  return row!.stock;
}

async function paidOrdersOf(db: Database, skus: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(DISTINCT ${orders.id})::int` })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .where(and(inArray(orderLines.sku, [...skus]), eq(orders.status, "paid")));
  return row!.n;
}

/** `--race` buyers check out one unit each at the same moment, for RACE_UNITS units. */
async function race(base: string, db: Database, cooperativeId: number): Promise<{ ok: boolean; line: string }> {
  const sku = "BENCH-RACE";
  await createBenchProduct(db, cooperativeId, sku, RACE_UNITS);
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.race });
  try {
    const cartIds = await Promise.all(
      Array.from({ length: settings.race }, async () => {
        const cart = await send(agent, base, "POST", "/api/v1/carts");
        expectStatus("create cart", cart, 201);
        const cartId = cart.body.cartId as string;
        expectStatus("add line", await send(agent, base, "POST", `/api/v1/carts/${cartId}/lines`, { json: { sku, quantity: 1 } }), 201);
        return cartId;
      }),
    );
    const answers = await Promise.all(
      cartIds.map((cartId) => send(agent, base, "POST", `/api/v1/carts/${cartId}/checkout`, { json: BUYER }).catch(() => ({ status: 0, body: {} }) as Reply)),
    );
    const winners = answers.filter((a) => a.status === 201);
    const soldOut = answers.filter((a) => a.status === 409 && (a.body.error as { code?: string } | undefined)?.code === "sold_out").length;
    const failed = answers.filter((a) => a.status >= 500 || a.status === 0).length;
    const paid = await Promise.all(
      winners.map((w) => {
        const { orderNumber, accessToken } = w.body as { orderNumber: string; accessToken: string };
        return send(agent, base, "POST", `/api/v1/orders/${orderNumber}/test-payment`, { json: { outcome: "succeeded" }, headers: { authorization: `Bearer ${accessToken}` } });
      }),
    );
    const stock = await stockOf(db, sku);
    const paidOrders = await paidOrdersOf(db, [sku]);
    const ok =
      winners.length === RACE_UNITS && soldOut === settings.race - RACE_UNITS && failed === 0 && paid.every((p) => p.status === 200) && paidOrders === RACE_UNITS && stock === 0;
    return {
      ok,
      line: `race through HTTP: ${settings.race} checkouts at once for ${RACE_UNITS} units → ${winners.length} placed, ${soldOut} × 409 sold_out, ${failed} ≥ 500 or dropped; ${paidOrders} paid, stock ${stock} ${mark(ok)}`,
    };
  } finally {
    agent.destroy();
  }
}

// ---- run -------------------------------------------------------------------------------------

async function main(): Promise<boolean> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), "xiangji-bench-checkout-"));
  await fs.mkdir(path.join(ROOT, ".cache"), { recursive: true });
  const serverDir = await fs.mkdtemp(path.join(ROOT, ".cache/bench-checkout-"));
  if (args.keep) console.log(`• Keeping ${workDir} and ${serverDir}`);
  else cleanups.push(() => fs.rm(workDir, { recursive: true, force: true }), () => fs.rm(serverDir, { recursive: true, force: true }));

  step("Starting PostgreSQL…");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg"), port: await freePort(), database: "xiangji_bench", persistent: false });
  cleanups.push(() => pg.stop());
  await runMigrations(pg.url);
  const { db, sql: client } = createDb(pg.url, 4);
  cleanups.push(() => client.end({ timeout: 5 }));

  const [coop] = await db
    .insert(cooperatives)
    .values({ slug: "bench-cooperative", nameZh: "压测合作社", nameEn: "Bench Cooperative", kind: "cooperative", status: "approved", shippingFeeCents: 1000 })
    .returning({ id: cooperatives.id });
  const skus = Array.from({ length: settings.skus }, (_, i) => `BENCH-BAYBERRY-${i + 1}`);
  for (const sku of skus) await createBenchProduct(db, coop!.id, sku, STOCK);

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
      SEARCH_ENGINE: "postgres",
      MEILI_URL: undefined,
      MEILI_MASTER_KEY: undefined,
    },
  });
  cleanups.push(() => server.stop());
  const base = server.baseUrl;

  // The API reads no cookie, so the CSRF guard leaves it alone (programs and mini-programs with a
  // foreign Referer may POST); a browser's cross-site POST to a page is still refused.
  const plain = await fetch(`${base}/api/v1/carts`, { method: "POST" });
  const crossSite = await fetch(`${base}/cart`, {
    method: "POST",
    headers: { origin: "https://elsewhere.example", "content-type": "application/x-www-form-urlencoded" },
    body: "intent=add&sku=X&quantity=1",
    redirect: "manual",
  });
  const csrfOk = plain.status === 201 && crossSite.status === 403;
  step(`CSRF guard: a plain POST /api/v1/carts → ${plain.status}, a cross-site POST /cart → ${crossSite.status} ${mark(csrfOk)}`);

  step(`Purchases: ${settings.buyers} buyers, ${settings.durationMs / 1000} s after ${settings.warmupMs / 1000} s warm-up (cart → line → checkout → test payment)…`);
  const buying = await runPurchases(base, skus);
  step(`GET /healthz: ${settings.buyers} connections, ${settings.durationMs / 1000} s after ${settings.warmupMs / 1000} s warm-up…`);
  const health = await runLoad({ baseUrl: base, paths: ["/healthz"], clients: settings.buyers, warmupMs: settings.warmupMs, durationMs: settings.durationMs, mustContain: '"status":"ok"' });
  const loadAvg = os.loadavg()[0]!;

  let raced: { ok: boolean; line: string } | null = null;
  if (settings.race > 0) {
    step(`No overselling through HTTP: ${settings.race} buyers at once for ${RACE_UNITS} units…`);
    raced = await race(base, db, coop!.id);
  }

  // Every purchase that answered (recorded or not: warm-up and the tail count too) left one paid
  // order and one unit fewer; nothing else touched this SKU.
  let sold = 0;
  for (const sku of skus) sold += STOCK - (await stockOf(db, sku));
  const paidOrders = await paidOrdersOf(db, skus);
  const booksOk = sold === paidOrders;

  const ratio = health.perSecond > 0 ? buying.perSecond / health.perSecond : Number.NaN;
  console.log("");
  console.log(`bench:checkout — ${settings.buyers} concurrent buyers of ${settings.skus} SKU${settings.skus > 1 ? "s" : ""}, ${settings.durationMs / 1000} s, server pool ${settings.pool}, ${os.cpus().length} CPUs, load ${loadAvg.toFixed(1)} (1-min average after the runs), test provider`);
  console.log(`  purchases (4 API calls each)  ${buying.perSecond.toFixed(1)} orders/s  (${buying.purchases} in ${buying.seconds.toFixed(1)} s, ${(buying.perSecond * 4).toFixed(0)} API req/s)`);
  console.log(`  full purchase latency         p50 ${ms(buying.p50)} ms   p99 ${ms(buying.p99)} ms   max ${ms(buying.max)} ms`);
  console.log(`  p50 per call                  ${STEPS.map((s) => `${s} ${ms(buying.steps[s])} ms`).join(", ")}`);
  console.log(`  purchase errors               ${buying.errors}${buying.errors ? `  e.g. ${buying.errorSamples.join(" | ")}` : ""}`);
  console.log(`  GET /healthz                  ${health.perSecond.toFixed(0)} req/s  (p50 ${ms(health.p50)} ms, p99 ${ms(health.p99)} ms, ${health.errors} errors)`);
  console.log(`  ratio orders/s ÷ healthz/s    ${ratio.toFixed(4)}  (1 order per ${(1 / ratio).toFixed(1)} healthz answers)`);
  console.log(`  books                         ${paidOrders} paid orders, ${sold} units sold ${mark(booksOk)}`);
  if (raced) console.log(`  ${raced.line}`);
  console.log(`  CSRF guard                    API POST ${plain.status}, cross-site page POST ${crossSite.status} ${mark(csrfOk)}`);

  const ok = buying.errors === 0 && buying.purchases > 0 && health.errors === 0 && booksOk && csrfOk && (raced?.ok ?? true);
  console.log(ok ? "\n✓ Every check passed." : "\n✗ Some checks failed.");
  return ok;
}

runBench("bench:checkout", main);
