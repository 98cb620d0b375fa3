// No overselling, proven on the real database through the API (issue 5, acceptance 8): 200
// buyers check out at once for 10 units; exactly 10 orders are placed and, once paid, the stock
// is 0 — never below, not even for a moment — and every other buyer hears a clear 409 sold_out,
// none a 5xx. The same with carts that hold two lines of one SKU, and with carts that also hold
// a plentiful SKU (a loser takes none of it). The checkout action runs on the app's own pool
// (DATABASE_POOL_MAX connections), as in the server.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToCart, createCart } from "~/modules/cart/cart.server";
import { closeDb, getDb } from "~/utils/db.server";
import { createCooperative, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Answer, type Routes, buyer, call, loadRoutes, stockOf } from "./api-v1-cart-support";
import { createProduct } from "./api-v1-support";

const mailDir = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-api-race-"));
process.env.MAIL_DIR = mailDir;

const BUYERS = 200;
const UNITS = 10;

let t: TestDb;
let r: Routes;
let cooperativeId: number;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  r = await loadRoutes();
  cooperativeId = (await createCooperative(t.db, { nameZh: "仙居杨梅合作社", nameEn: "Xianju Bayberry Co-op", shippingFeeCents: 1200 })).id;
});

afterAll(async () => {
  await closeDb();
  await t.close();
  rmSync(mailDir, { recursive: true, force: true });
});

async function variant(stock: number): Promise<string> {
  const sku = `RACE-${uniqueToken().toUpperCase()}`;
  await createProduct(t.db, { cooperativeId, titleZh: "仙居杨梅", titleEn: "Xianju Bayberries" }, [{ sku, nameZh: "2斤装", priceCents: 12800, stock }]);
  return sku;
}

/** `count` carts, each with these lines (one unit per line), made with the cart module. */
async function carts(count: number, lines: string[]): Promise<string[]> {
  const db = getDb();
  return Promise.all(
    Array.from({ length: count }, async () => {
      const cartId = await createCart(db, null);
      for (const sku of lines) await addToCart(db, cartId, { sku, quantity: 1 }, { merge: false });
      return cartId;
    }),
  );
}

/** Reads the stock every few milliseconds until stopped; the lowest value it saw. */
function watchStock(sku: string) {
  let lowest = Number.POSITIVE_INFINITY;
  let running = true;
  const done = (async () => {
    while (running) {
      lowest = Math.min(lowest, await stockOf(t.db, sku));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return async () => {
    running = false;
    await done;
    return lowest;
  };
}

type Placed = { orderNumber: string; accessToken: string };

/** Everyone checks out at once; returns every answer. */
async function stampede(cartIds: string[]): Promise<Answer[]> {
  return Promise.all(
    cartIds.map((cartId) =>
      call(r.checkout, `/api/v1/carts/${cartId}/checkout`, { json: buyer({ email: `b-${cartId.slice(0, 8).toLowerCase()}@example.com` }), params: { cartId } }).catch(
        (error: unknown) => ({ status: 599, headers: new Headers(), body: { thrown: String(error) } }) as Answer,
      ),
    ),
  );
}

function tally(answers: Answer[]) {
  const by = new Map<string, number>();
  for (const a of answers) {
    const key = `${a.status} ${a.body.error?.code ?? ""}`.trim();
    by.set(key, (by.get(key) ?? 0) + 1);
  }
  return Object.fromEntries([...by.entries()].sort());
}

async function ordersOf(sku: string) {
  return t.db.execute<{ status: string; n: number }>(sql`
    SELECT o.status, count(DISTINCT o.id)::int AS n FROM orders o JOIN order_lines l ON l.order_id = o.id
    WHERE l.sku = ${sku} GROUP BY o.status ORDER BY o.status`);
}

async function payAll(answers: Answer[]): Promise<Answer[]> {
  const winners = answers.filter((a) => a.status === 201).map((a) => a.body as unknown as Placed);
  return Promise.all(
    winners.map((w) =>
      call(r.testPayment, `/api/v1/orders/${w.orderNumber}/test-payment`, { json: { outcome: "succeeded" }, params: { number: w.orderNumber }, token: w.accessToken }),
    ),
  );
}

describe(`${BUYERS} concurrent checkouts for ${UNITS} units`, () => {
  it("the stock cannot go below zero: a CHECK constraint says so", async () => {
    const [row] = await t.db.execute<{ def: string }>(
      sql`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = 'product_variants_stock_nonnegative'`,
    );
    expect(row?.def).toMatch(/CHECK \(\(stock >= 0\)\)/);
  });

  it("one unit per cart: exactly 10 orders, all paid, stock 0 and never negative, 190 × 409 sold_out, no 5xx", { timeout: 120_000 }, async () => {
    const sku = await variant(UNITS);
    const cartIds = await carts(BUYERS, [sku]);
    const stop = watchStock(sku);
    const answers = await stampede(cartIds);
    const lowest = await stop();

    expect(tally(answers)).toEqual({ "201": UNITS, "409 sold_out": BUYERS - UNITS });
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.error!.message).toContain(sku);
    expect(lowest).toBeGreaterThanOrEqual(0);
    expect(await stockOf(t.db, sku)).toBe(0);
    expect([...(await ordersOf(sku))]).toEqual([{ status: "pending_payment", n: UNITS }]);

    const payments = await payAll(answers);
    expect(payments.map((p) => `${p.status} ${String(p.body.result)}`)).toEqual(Array(UNITS).fill("200 applied"));
    expect([...(await ordersOf(sku))]).toEqual([{ status: "paid", n: UNITS }]);
    expect(await stockOf(t.db, sku)).toBe(0);
    const [holds] = await t.db.execute<{ consumed: number; other: number }>(sql`
      SELECT coalesce(sum(quantity) FILTER (WHERE state = 'consumed'), 0)::int AS consumed,
             count(*) FILTER (WHERE state <> 'consumed')::int AS other
      FROM stock_holds WHERE variant_id = (SELECT id FROM product_variants WHERE sku = ${sku})`);
    expect(holds).toEqual({ consumed: UNITS, other: 0 });
  });

  it("two lines of one SKU per cart (2 units each): exactly 5 orders, stock 0, 195 × 409 sold_out, no 5xx", { timeout: 120_000 }, async () => {
    const sku = await variant(UNITS);
    const cartIds = await carts(BUYERS, [sku, sku]);
    const stop = watchStock(sku);
    const answers = await stampede(cartIds);
    const lowest = await stop();

    const winners = UNITS / 2;
    expect(tally(answers)).toEqual({ "201": winners, "409 sold_out": BUYERS - winners });
    expect(lowest).toBeGreaterThanOrEqual(0);
    const payments = await payAll(answers);
    expect(payments.every((p) => p.status === 200 && p.body.result === "applied")).toBe(true);
    expect([...(await ordersOf(sku))]).toEqual([{ status: "paid", n: winners }]);
    expect(await stockOf(t.db, sku)).toBe(0);
  });

  it("a scarce and a plentiful SKU per cart: the 190 losers take none of the plentiful one", { timeout: 120_000 }, async () => {
    const scarce = await variant(UNITS);
    const plenty = await variant(1000);
    const cartIds = await carts(BUYERS, [plenty, scarce]);
    const answers = await stampede(cartIds);

    expect(tally(answers)).toEqual({ "201": UNITS, "409 sold_out": BUYERS - UNITS });
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.error!.message).toContain(scarce);
      expect(a.body.error!.message).not.toContain(plenty);
    }
    expect(await stockOf(t.db, scarce)).toBe(0);
    expect(await stockOf(t.db, plenty)).toBe(1000 - UNITS);
    await payAll(answers);
    expect([...(await ordersOf(plenty))]).toEqual([{ status: "paid", n: UNITS }]);
  });
});
