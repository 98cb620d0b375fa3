// Helpers of the Stripe flow tests (stripe-webhooks, stripe-refunds): a Stripe-configured
// process pointed at the local double (setupStripeFlow), orders placed through the real checkout,
// and webhook deliveries signed with the SDK's own test helper.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import { afterAll, beforeAll } from "vitest";
import type { Database } from "~/utils/db.server";
import { createCooperative, productCsv, teaRow, uniqueSlug } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { type StripeDouble, startStripeDouble } from "../support/stripe-double";

export const SECRET_KEY = "sk_test_xiangjiStripeFlow";
export const WEBHOOK_SECRET = "whsec_xiangjiStripeFlowSecret";
export const ORIGIN = "http://test.local";

/**
 * Starts the double and sets the environment of a Stripe-configured shop before any module
 * reads it (env() is read once per process; each test file runs in its own).
 */
export async function stripeEnvironment(t: TestDb): Promise<StripeDouble> {
  const double = await startStripeDouble();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    PAYMENT_PROVIDER: "stripe",
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_URL: double.url,
    MAIL_DIR: mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-stripe-")),
  });
  return double;
}

// Set by setupStripeFlow() before the first test (live bindings: read them inside tests).
export let t: TestDb;
export let double: StripeDouble;
export let route: typeof import("~/routes/webhooks.stripe");

/** The file's database, the Stripe double and the webhook route: opened before its tests, closed after. */
export function setupStripeFlow(): void {
  let closeDb: () => Promise<void>;
  beforeAll(async () => {
    t = openTestDb(10);
    double = await stripeEnvironment(t);
    route = await import("~/routes/webhooks.stripe");
    closeDb = (await import("~/utils/db.server")).closeDb;
  });
  afterAll(async () => {
    await closeDb();
    await t.close();
    await double.close();
  });
}

export type Seller = { id: number; slug: string; nameZh: string; sku: string; priceCents: number; commissionBps: number; account: string | null };

/** A cooperative with one product (one variant of `stock` units at `price` yuan). */
export async function seller(
  db: Database,
  options: { price: string; stock?: number; commissionBps?: number; account?: string | null },
): Promise<Seller> {
  const account = options.account === undefined ? `acct_1${uniqueSlug("s").replace(/[^A-Za-z0-9]/g, "").slice(-12)}` : options.account;
  const coop = await createCooperative(db, { commissionBps: options.commissionBps ?? 800, stripeAccountId: account });
  const sku = `ST-${coop.id}-${uniqueSlug("v").slice(-6)}`.toUpperCase();
  const { importProductsCsv } = await import("~/modules/imports/products-csv.server");
  const result = await importProductsCsv(db, {
    cooperativeId: coop.id,
    file: Buffer.from(productCsv([teaRow({ handle: `stripe-${sku.toLowerCase()}`, sku, price_cny: options.price, stock: String(options.stock ?? 20) })])),
  });
  if (!result.ok) throw new Error(`product import failed: ${JSON.stringify(result)}`);
  return {
    id: coop.id,
    slug: coop.slug,
    nameZh: coop.nameZh,
    sku,
    priceCents: Math.round(Number(options.price) * 100),
    commissionBps: coop.commissionBps,
    account,
  };
}

export const BUYER = {
  email: "buyer@example.com",
  name: "王小明",
  phone: "13812345678",
  address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "递铺街道余村 1 号" },
};

export type PlacedOrder = {
  number: string;
  id: number;
  sessionId: string;
  totalCents: number;
  sellerOrders: { id: number; cooperativeId: number; totalCents: number; commissionCents: number }[];
};

/** A cart of `items` checked out through the real checkout: an order pending payment at Stripe. */
export async function placeStripeOrder(db: Database, items: { sku: string; quantity: number }[], locale: "zh-CN" | "en" = "zh-CN"): Promise<PlacedOrder> {
  const { createCart, addToCart } = await import("~/modules/cart/cart.server");
  const { placeOrder } = await import("~/modules/orders/checkout.server");
  const cartId = await createCart(db);
  for (const item of items) await addToCart(db, cartId, item, { merge: true });
  const placed = await placeOrder(db, { cartId, userId: null, input: BUYER, locale, origin: ORIGIN });
  return orderByNumber(db, placed.orderNumber);
}

export async function orderByNumber(db: Database, number: string): Promise<PlacedOrder> {
  const [order] = await db.execute<{ id: number; provider_session_id: string; total_cents: number }>(
    sql`SELECT id, provider_session_id, total_cents FROM orders WHERE number = ${number}`,
  );
  const sellerOrders = await db.execute<{ id: number; cooperative_id: number; total_cents: number; commission_cents: number }>(
    sql`SELECT id, cooperative_id, total_cents, commission_cents FROM seller_orders WHERE order_id = ${order!.id} ORDER BY id`,
  );
  return {
    number,
    id: order!.id,
    sessionId: order!.provider_session_id,
    totalCents: order!.total_cents,
    sellerOrders: sellerOrders.map((s) => ({ id: s.id, cooperativeId: s.cooperative_id, totalCents: s.total_cents, commissionCents: s.commission_cents })),
  };
}

let eventSeq = 0;

/** A Stripe event about an order's Checkout Session, as Stripe would send it. */
export function sessionEvent(
  order: PlacedOrder,
  type: string,
  session: Record<string, unknown> = {},
  eventId = `evt_test_${Date.now()}_${++eventSeq}`,
): string {
  return JSON.stringify({
    id: eventId,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: {
      object: {
        id: order.sessionId,
        object: "checkout.session",
        mode: "payment",
        status: type === "checkout.session.expired" ? "expired" : "complete",
        payment_status: type === "checkout.session.expired" || type === "checkout.session.async_payment_failed" ? "unpaid" : "paid",
        amount_total: order.totalCents,
        amount_subtotal: order.totalCents,
        currency: "cny",
        client_reference_id: order.number,
        metadata: { orderNumber: order.number },
        payment_intent: type === "checkout.session.expired" ? null : `pi_${order.number.replace(/[^A-Za-z0-9]/g, "")}`,
        customer_details: { email: BUYER.email, name: BUYER.name, phone: null, address: null },
        ...session,
      },
    },
  });
}

/** The Stripe-Signature header Stripe would send for `payload` at `timestamp` (seconds). */
export function signature(payload: string, options: { secret?: string; timestamp?: number } = {}): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  });
}

export type WebhookAnswer = { status: number; body: { received?: boolean; outcome?: string; error?: { code: string; message: string } } };

type WebhookRoute = { action: (args: never) => Promise<Response>; loader: (args: never) => Response };

/** Delivers a body to POST /webhooks/stripe the way Stripe does (no Origin, no cookie). */
export async function deliver(
  route: WebhookRoute,
  payload: string | Buffer,
  headers: Record<string, string> = {},
  method = "POST",
): Promise<WebhookAnswer> {
  const request = new Request(`${ORIGIN}/webhooks/stripe`, {
    method,
    headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", ...headers },
    body: method === "GET" || method === "HEAD" ? undefined : typeof payload === "string" ? payload : new Uint8Array(payload),
  });
  const args = { request, params: {}, context: { clientIp: "127.0.0.1" } } as never;
  const res = method === "GET" ? route.loader(args) : await route.action(args);
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as WebhookAnswer["body"]) : {} };
}

/** Signs and delivers. */
export function deliverSigned(route: WebhookRoute, payload: string): Promise<WebhookAnswer> {
  return deliver(route, payload, { "Stripe-Signature": signature(payload) });
}

/** md5 of every row of the order and its seller orders, payment events and refunds. */
export async function orderFingerprint(db: Database, orderId: number): Promise<string> {
  const [row] = await db.execute<{ f: string }>(sql`
    SELECT concat_ws(' ',
      (SELECT md5(string_agg(o::text, '|')) FROM orders o WHERE o.id = ${orderId}),
      (SELECT md5(coalesce(string_agg(s::text, '|' ORDER BY s.id), '')) FROM seller_orders s WHERE s.order_id = ${orderId}),
      (SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY e.id), '')) FROM payment_events e WHERE e.order_id = ${orderId}),
      (SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r.id), '')) FROM refunds r WHERE r.order_id = ${orderId})
    ) AS f`);
  return row!.f;
}

/** How many payment_events rows an event id has (0 for a refused delivery). */
export async function eventRows(db: Database, eventId: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM payment_events WHERE event_id = ${eventId}`);
  return row!.n;
}
