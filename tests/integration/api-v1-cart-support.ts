// Helpers of the cart, checkout and order tests of the JSON API v1: route modules called the
// way Remix calls them (a real Request; loader for GET/HEAD, action otherwise) as a program would
// call them (no Origin, no cookie), and a fingerprint of every row a buyer's request could touch,
// to prove that a refused request changed nothing.
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "~/utils/db.server";
import type { ErrorBody } from "./api-v1-support";

export type Handler = (args: never) => Promise<Response> | Response;
export type ApiRoute = { loader: Handler; action: Handler };

export type Routes = {
  carts: ApiRoute;
  cart: ApiRoute;
  lines: ApiRoute;
  line: ApiRoute;
  checkout: ApiRoute;
  order: ApiRoute;
  testPayment: ApiRoute;
};

export async function loadRoutes(): Promise<Routes> {
  return {
    carts: await import("~/routes/api.v1.carts"),
    cart: await import("~/routes/api.v1.cart"),
    lines: await import("~/routes/api.v1.cart.lines"),
    line: await import("~/routes/api.v1.cart.line"),
    checkout: await import("~/routes/api.v1.cart.checkout"),
    order: await import("~/routes/api.v1.order"),
    testPayment: await import("~/routes/api.v1.order.test-payment"),
  };
}

export type Json = Record<string, unknown> & ErrorBody;
export type Answer = { status: number; headers: Headers; body: Json };

export type CallInit = {
  method?: string;
  params?: Record<string, string>;
  /** A value sent as JSON (Content-Type: application/json). */
  json?: unknown;
  /** A raw body, sent as it is with `headers`. */
  raw?: BodyInit;
  headers?: Record<string, string>;
  token?: string;
};

export async function call(route: ApiRoute, url: string, init: CallInit = {}): Promise<Answer> {
  const method = init.method ?? (init.json !== undefined || init.raw !== undefined ? "POST" : "GET");
  const headers = new Headers(init.headers);
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  } else if (init.raw !== undefined) body = init.raw;
  if (init.token !== undefined) headers.set("Authorization", `Bearer ${init.token}`);
  const request = new Request(`http://test.local${url}`, { method, headers, body });
  const handler = method === "GET" || method === "HEAD" ? route.loader : route.action;
  const res = await handler({ request, params: init.params ?? {}, context: { clientIp: "127.0.0.1" } } as never);
  expect(res).toBeInstanceOf(Response);
  const text = method === "HEAD" ? "" : await res.text();
  let parsed: Json = {};
  if (text) parsed = JSON.parse(text) as Json;
  return { status: res.status, headers: res.headers, body: parsed };
}

/** An error answer in the API's shape, never cached. */
export function expectError(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: answer.body.error?.code }, JSON.stringify(answer.body).slice(0, 500)).toEqual({ status, code });
  expect(typeof answer.body.error?.message).toBe("string");
  expect(answer.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(answer.headers.get("Cache-Control")).toBe("no-store");
}

/**
 * A fingerprint of the rows a request about these carts and variants could change: the carts
 * and their lines, orders placed from them or holding the variants (with their seller orders,
 * lines and holds), and the variants' stock.
 */
export async function fingerprint(db: Database, scope: { cartIds: string[]; variantIds: number[] }): Promise<string> {
  const carts = `{${scope.cartIds.join(",")}}`;
  const variants = `{${scope.variantIds.join(",")}}`;
  const rows = await db.execute<{ part: string; md5: string | null; n: number }>(sql`
    WITH o AS (
      SELECT id FROM orders WHERE cart_id = ANY(${carts}::text[])
      UNION SELECT order_id FROM order_lines WHERE variant_id = ANY(${variants}::int[])
    )
    SELECT 'carts' AS part, md5(string_agg(c::text, '|' ORDER BY c.id)) AS md5, count(*)::int AS n FROM carts c WHERE c.id = ANY(${carts}::text[])
    UNION ALL SELECT 'cart_lines', md5(string_agg(l::text, '|' ORDER BY l.id)), count(*)::int FROM cart_lines l WHERE l.cart_id = ANY(${carts}::text[])
    UNION ALL SELECT 'orders', md5(string_agg(x::text, '|' ORDER BY x.id)), count(*)::int FROM orders x WHERE x.id IN (SELECT id FROM o)
    UNION ALL SELECT 'seller_orders', md5(string_agg(s::text, '|' ORDER BY s.id)), count(*)::int FROM seller_orders s WHERE s.order_id IN (SELECT id FROM o)
    UNION ALL SELECT 'order_lines', md5(string_agg(ol::text, '|' ORDER BY ol.id)), count(*)::int FROM order_lines ol WHERE ol.order_id IN (SELECT id FROM o)
    UNION ALL SELECT 'stock_holds', md5(string_agg(h::text, '|' ORDER BY h.id)), count(*)::int FROM stock_holds h WHERE h.variant_id = ANY(${variants}::int[])
    UNION ALL SELECT 'payment_events', md5(string_agg(e::text, '|' ORDER BY e.id)), count(*)::int FROM payment_events e WHERE e.order_id IN (SELECT id FROM o)
    UNION ALL SELECT 'stock', md5(string_agg(v.id || ':' || v.stock, '|' ORDER BY v.id)), count(*)::int FROM product_variants v WHERE v.id = ANY(${variants}::int[])
  `);
  return rows.map((r) => `${r.part}=${r.n}:${r.md5 ?? "-"}`).join(" ");
}

export async function stockOf(db: Database, sku: string): Promise<number> {
  const [row] = await db.execute<{ stock: number }>(sql`SELECT stock FROM product_variants WHERE sku = ${sku}`);
  return row!.stock;
}

export async function variantIdOf(db: Database, sku: string): Promise<number> {
  const [row] = await db.execute<{ id: number }>(sql`SELECT id FROM product_variants WHERE sku = ${sku}`);
  return row!.id;
}

/** A valid checkout body; `over` replaces fields. */
export function buyer(over: Record<string, unknown> = {}) {
  return {
    email: "buyer@example.com",
    name: "王小明",
    phone: "13812345678",
    address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "递铺街道余村 1 号" },
    note: "请放在门口",
    ...over,
  };
}
