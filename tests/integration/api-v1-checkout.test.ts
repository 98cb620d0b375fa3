// Checkout and orders through the JSON API v1, on the real database with the test provider:
// a cart across two cooperatives becomes one order split into two seller orders; the access
// token opens the order (and only that order); the test payment drives it to paid, taking the
// stock exactly once; a failed payment or an expired hold gives the stock back; and bad
// requests answer 4xx in the error shape without changing a row.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { releaseExpiredHolds } from "~/modules/orders/holds.server";
import type { PaymentProvider } from "~/modules/payments/port";
import { setPaymentProviderForTests } from "~/modules/payments/provider.server";
import { createTestProvider } from "~/modules/payments/test-provider.server";
import { closeDb } from "~/utils/db.server";
import { createCooperative, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Answer, type Routes, buyer, call, expectError, fingerprint, loadRoutes, stockOf, variantIdOf } from "./api-v1-cart-support";
import { createProduct } from "./api-v1-support";

const mailDir = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-api-checkout-"));
process.env.MAIL_DIR = mailDir;

let t: TestDb;
let r: Routes;
const tag = uniqueToken().toUpperCase();
const SKU = { tea: `CO-TEA-${tag}`, nuts: `CO-NUT-${tag}`, last: `CO-LAST-${tag}`, price: `CO-PRICE-${tag}` };
const variantIds: number[] = [];

type OrderBody = {
  number: string;
  status: string;
  payment: { provider: string; url: string | null; holdExpiresAt: string | null };
  contact: { email: string; name: string; phone: string };
  address: Record<string, string>;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  sellerOrders: {
    cooperative: { slug: string; name: string };
    status: string;
    totalCents: number;
    shippingCents: number;
    carrier: string | null;
    trackingNumber: string | null;
    lines: { sku: string; title: string; quantity: number; unitPriceCents: number; totalCents: number }[];
  }[];
};

const orderOf = (a: Answer) => a.body.order as OrderBody;

async function cartWith(lines: [string, number][]): Promise<string> {
  const created = await call(r.carts, "/api/v1/carts", { method: "POST" });
  const cartId = created.body.cartId as string;
  for (const [sku, quantity] of lines) {
    const a = await call(r.lines, `/api/v1/carts/${cartId}/lines`, { json: { sku, quantity }, params: { cartId } });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
  }
  return cartId;
}

const checkout = (cartId: string, body: unknown = buyer(), lang = "zh-CN") =>
  call(r.checkout, `/api/v1/carts/${cartId}/checkout?lang=${lang}`, { json: body, params: { cartId } });

const getOrder = (number: string, token?: string, lang = "zh-CN") =>
  call(r.order, `/api/v1/orders/${number}?lang=${lang}`, { params: { number }, ...(token !== undefined ? { token } : {}) });

const pay = (number: string, token: string | undefined, outcome: unknown) =>
  call(r.testPayment, `/api/v1/orders/${number}/test-payment`, { json: { outcome }, params: { number }, ...(token !== undefined ? { token } : {}) });

type Placed = { orderNumber: string; status: string; paymentUrl: string; accessToken: string };

async function placed(cartId: string, body: unknown = buyer(), lang = "zh-CN"): Promise<Placed> {
  const a = await checkout(cartId, body, lang);
  expect(a.status, JSON.stringify(a.body)).toBe(201);
  return a.body as unknown as Placed;
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  r = await loadRoutes();
  const tea = await createCooperative(t.db, { nameZh: "余村白茶合作社", nameEn: "Yucun Tea Co-op", shippingFeeCents: 1000, freeShippingFromCents: 50000, commissionBps: 500 });
  const nuts = await createCooperative(t.db, { nameZh: "临安山核桃合作社", nameEn: "Lin'an Walnut Co-op", shippingFeeCents: 800, commissionBps: 800 });
  await createProduct(t.db, { cooperativeId: tea.id, titleZh: "安吉白茶", titleEn: "Anji White Tea" }, [
    { sku: SKU.tea, nameZh: "250克罐装", nameEn: "250 g tin", priceCents: 16800, stock: 50 },
    { sku: SKU.last, nameZh: "最后一罐", nameEn: "The last tin", priceCents: 20000, stock: 1 },
    { sku: SKU.price, nameZh: "礼盒", nameEn: "Gift box", priceCents: 30000, stock: 10 },
  ]);
  await createProduct(t.db, { cooperativeId: nuts.id, titleZh: "临安山核桃", titleEn: "Lin'an Hickory Nuts" }, [
    { sku: SKU.nuts, nameZh: "500克", nameEn: "500 g", priceCents: 8800, stock: 30 },
  ]);
  for (const sku of Object.values(SKU)) variantIds.push(await variantIdOf(t.db, sku));
});

afterAll(async () => {
  await closeDb();
  await t.close();
  rmSync(mailDir, { recursive: true, force: true });
});

describe("checkout through the API", () => {
  it("splits a cart of two cooperatives into one order with two seller orders, opened by its token and paid once", async () => {
    const cartId = await cartWith([[SKU.tea, 2], [SKU.nuts, 1], [SKU.tea, 1]]);
    const teaBefore = await stockOf(t.db, SKU.tea);
    const nutsBefore = await stockOf(t.db, SKU.nuts);

    const a = await checkout(cartId, buyer({ phone: "+86 138-1234-5678" }), "en");
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.headers.get("Cache-Control")).toBe("no-store");
    const order = a.body as unknown as Placed;
    expect(order.orderNumber).toMatch(/^XJ\d{6}-[2-9A-Z]{6}$/);
    expect(order.status).toBe("pending_payment");
    expect(order.paymentUrl).toMatch(new RegExp(`^http://test\\.local/en/pay/test/${order.orderNumber}\\?t=`));
    expect(order.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.headers.get("Location")).toBe(`/api/v1/orders/${order.orderNumber}`);
    // The stock is taken (and held) at checkout: two lines of one SKU add up.
    expect(await stockOf(t.db, SKU.tea)).toBe(teaBefore - 3);
    expect(await stockOf(t.db, SKU.nuts)).toBe(nutsBefore - 1);

    const read = await getOrder(order.orderNumber, order.accessToken, "en");
    expect(read.status).toBe(200);
    expect(read.headers.get("Cache-Control")).toBe("no-store");
    const o = orderOf(read);
    expect(o).toMatchObject({
      number: order.orderNumber,
      status: "pending_payment",
      payment: { provider: "test", url: order.paymentUrl },
      contact: { email: "buyer@example.com", name: "王小明", phone: "13812345678" },
      address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "递铺街道余村 1 号" },
      // Tea 3 × 168.00 = 504.00 ≥ 500.00: free shipping; nuts 88.00 + 8.00.
      subtotalCents: 50400 + 8800,
      shippingCents: 800,
      totalCents: 50400 + 8800 + 800,
    });
    expect(o.sellerOrders).toHaveLength(2);
    const teaPart = o.sellerOrders.find((s) => s.cooperative.name === "Yucun Tea Co-op")!;
    const nutPart = o.sellerOrders.find((s) => s.cooperative.name === "Lin'an Walnut Co-op")!;
    expect(teaPart).toMatchObject({ status: "pending_payment", totalCents: 50400, shippingCents: 0, carrier: null, trackingNumber: null });
    expect(teaPart.lines.map((l) => [l.sku, l.title, l.quantity]).sort()).toEqual([[SKU.tea, "Anji White Tea", 1], [SKU.tea, "Anji White Tea", 2]]);
    expect(nutPart).toMatchObject({ status: "pending_payment", totalCents: 9600, lines: [{ sku: SKU.nuts, quantity: 1, unitPriceCents: 8800, totalCents: 8800 }] });

    const paid = await pay(order.orderNumber, order.accessToken, "succeeded");
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.result).toBe("applied");
    expect(orderOf(paid).status).toBe("paid");
    expect(orderOf(paid).payment.url).toBeNull();
    expect(orderOf(paid).sellerOrders.map((s) => s.status)).toEqual(["paid", "paid"]);
    // Paying again changes nothing: the stock was taken once.
    const again = await pay(order.orderNumber, order.accessToken, "succeeded");
    expect(again.status).toBe(200);
    expect(again.body.result).not.toBe("applied");
    expect(orderOf(again).status).toBe("paid");
    const late = await pay(order.orderNumber, order.accessToken, "failed");
    expect(orderOf(late).status).toBe("paid");
    expect(await stockOf(t.db, SKU.tea)).toBe(teaBefore - 3);
    expect(await stockOf(t.db, SKU.nuts)).toBe(nutsBefore - 1);
    const holds = await t.db.execute<{ state: string; n: number }>(
      sql`SELECT h.state, sum(h.quantity)::int AS n FROM stock_holds h JOIN orders o ON o.id = h.order_id WHERE o.number = ${order.orderNumber} GROUP BY h.state`,
    );
    expect([...holds]).toEqual([{ state: "consumed", n: 4 }]);
    // The paid lines left the cart.
    const cart = await call(r.cart, `/api/v1/carts/${cartId}`, { params: { cartId } });
    expect((cart.body.cart as { lineCount: number }).lineCount).toBe(0);
  });

  it("gives the stock back when the test payment fails", async () => {
    const cartId = await cartWith([[SKU.nuts, 2]]);
    const before = await stockOf(t.db, SKU.nuts);
    const order = await placed(cartId);
    expect(await stockOf(t.db, SKU.nuts)).toBe(before - 2);
    const failed = await pay(order.orderNumber, order.accessToken, "failed");
    expect(failed.status).toBe(200);
    expect(orderOf(failed).status).toBe("cancelled");
    expect(orderOf(failed).sellerOrders.map((s) => s.status)).toEqual(["cancelled"]);
    expect(await stockOf(t.db, SKU.nuts)).toBe(before);
  });

  it("gives the stock back when the hold expires unpaid (the sweeper)", async () => {
    const cartId = await cartWith([[SKU.tea, 4]]);
    const before = await stockOf(t.db, SKU.tea);
    const order = await placed(cartId);
    expect(await stockOf(t.db, SKU.tea)).toBe(before - 4);
    await t.db.execute(sql`UPDATE orders SET hold_expires_at = now() - interval '1 minute' WHERE number = ${order.orderNumber}`);
    expect(await releaseExpiredHolds(t.db)).toBeGreaterThanOrEqual(1);
    expect(await stockOf(t.db, SKU.tea)).toBe(before);
    const read = await getOrder(order.orderNumber, order.accessToken);
    expect(orderOf(read).status).toBe("cancelled");
    const [hold] = await t.db.execute<{ state: string }>(
      sql`SELECT h.state FROM stock_holds h JOIN orders o ON o.id = h.order_id WHERE o.number = ${order.orderNumber}`,
    );
    expect(hold!.state).toBe("released");
    // Sweeping again gives nothing back twice.
    await releaseExpiredHolds(t.db);
    expect(await stockOf(t.db, SKU.tea)).toBe(before);
  });

  it("answers 409 sold_out naming the SKU when another buyer took the last unit, and changes nothing", async () => {
    const first = await cartWith([[SKU.last, 1]]);
    const second = await cartWith([[SKU.nuts, 1], [SKU.last, 1]]);
    await placed(first);
    const scope = { cartIds: [first, second], variantIds };
    const before = await fingerprint(t.db, scope);
    const a = await checkout(second);
    expectError(a, 409, "sold_out");
    expect(a.body.error!.message).toContain(SKU.last);
    expect(a.body.error!.message).not.toContain(SKU.nuts);
    expect(await fingerprint(t.db, scope)).toBe(before);
    expect(await stockOf(t.db, SKU.last)).toBe(0);
  });

  it("answers 409 cart_changed when a price changed since the line was added, and 422 cart_empty for an empty cart", async () => {
    const cartId = await cartWith([[SKU.price, 1]]);
    await t.db.execute(sql`UPDATE product_variants SET price_cents = 32000 WHERE sku = ${SKU.price}`);
    const empty = await cartWith([]);
    const scope = { cartIds: [cartId, empty], variantIds };
    const before = await fingerprint(t.db, scope);
    const changed = await checkout(cartId);
    expectError(changed, 409, "cart_changed");
    expect(changed.body.error!.message).toContain(SKU.price);
    expectError(await checkout(empty), 422, "cart_empty");
    expect(await fingerprint(t.db, scope)).toBe(before);

    // The cart shows the change; PATCHing the line accepts today's price, and checkout goes through.
    const cart = await call(r.cart, `/api/v1/carts/${cartId}`, { params: { cartId } });
    const line = (cart.body.cart as { groups: { lines: { id: number; problem: unknown }[] }[] }).groups[0]!.lines[0]!;
    expect(line.problem).toEqual({ code: "price_changed", fromCents: 30000, toCents: 32000 });
    const lineId = String(line.id);
    expect((await call(r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { method: "PATCH", json: { quantity: 1 }, params: { cartId, lineId } })).status).toBe(200);
    const order = await placed(cartId);
    expect(orderOf(await getOrder(order.orderNumber, order.accessToken)).totalCents).toBe(32000 + 1000);
  });
});

describe("when the payment provider is not the test provider", () => {
  afterAll(() => setPaymentProviderForTests(null));

  it("a provider that does not answer: 503 payment_unavailable with Retry-After, the order cancelled and the stock back", async () => {
    const cartId = await cartWith([[SKU.nuts, 2]]);
    const before = await stockOf(t.db, SKU.nuts);
    const down: PaymentProvider = {
      ...createTestProvider(),
      startPayment: () => Promise.reject(new Error("connect ECONNREFUSED")),
    };
    setPaymentProviderForTests(down);
    const { note: _note, ...withoutNote } = buyer();
    const a = await checkout(cartId, withoutNote);
    expectError(a, 503, "payment_unavailable");
    expect(a.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(await stockOf(t.db, SKU.nuts)).toBe(before);
    const [row] = await t.db.execute<{ status: string }>(sql`SELECT status FROM orders WHERE cart_id = ${cartId}`);
    expect(row!.status).toBe("cancelled");
    // The cart is still there to try again.
    setPaymentProviderForTests(null);
    expect((await checkout(cartId, withoutNote)).status).toBe(201);
  });

  it("the test-payment endpoint does not exist while another provider takes payments", async () => {
    const order = await placed(await cartWith([[SKU.nuts, 1]]));
    setPaymentProviderForTests({ ...createTestProvider(), name: "stripe" });
    try {
      expectError(await pay(order.orderNumber, order.accessToken, "succeeded"), 404, "not_found");
      const get = await call(r.testPayment, `/api/v1/orders/${order.orderNumber}/test-payment`, { params: { number: order.orderNumber } });
      expectError(get, 404, "not_found");
    } finally {
      setPaymentProviderForTests(null);
    }
    expect(orderOf(await getOrder(order.orderNumber, order.accessToken)).status).toBe("pending_payment");
  });
});

describe("orders are reachable only with their own token", () => {
  let one: Placed;
  let other: Placed;

  beforeAll(async () => {
    one = await placed(await cartWith([[SKU.nuts, 1]]));
    other = await placed(await cartWith([[SKU.nuts, 1]]));
  });

  it("401 without credentials, 404 for another order's token, a made-up token or number", async () => {
    const missing = await getOrder(one.orderNumber);
    expectError(missing, 401, "unauthorized");
    expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const basic = await call(r.order, `/api/v1/orders/${one.orderNumber}`, { params: { number: one.orderNumber }, headers: { Authorization: "Basic dXNlcjpwYXNz" } });
    expectError(basic, 401, "unauthorized");
    expectError(await getOrder(one.orderNumber, other.accessToken), 404, "not_found");
    expectError(await getOrder(one.orderNumber, "x".repeat(43)), 404, "not_found");
    expectError(await getOrder(one.orderNumber, ""), 404, "not_found");
    expectError(await getOrder(one.orderNumber, "a".repeat(5000)), 404, "not_found");
    expectError(await getOrder("XJ000000-AAAAAA", one.accessToken), 404, "not_found");
    expectError(await getOrder("'; DROP TABLE orders;--", one.accessToken), 404, "not_found");
    // The two unknown cases cannot be told apart.
    const a = await getOrder(one.orderNumber, other.accessToken);
    const b = await getOrder("XJ000000-AAAAAA", other.accessToken);
    expect(a.body).toEqual(b.body);
    expect(orderOf(await getOrder(other.orderNumber, other.accessToken)).number).toBe(other.orderNumber);
  });

  it("the test payment needs the order's own token and a known outcome, and changes nothing otherwise", async () => {
    const scope = { cartIds: [], variantIds };
    const before = await fingerprint(t.db, scope);
    expectError(await pay(one.orderNumber, undefined, "succeeded"), 401, "unauthorized");
    expectError(await pay(one.orderNumber, other.accessToken, "succeeded"), 404, "not_found");
    for (const outcome of ["maybe", "", 1, null, ["succeeded"], "SUCCEEDED", "succeeded\u0000"]) {
      expectError(await pay(one.orderNumber, one.accessToken, outcome), 400, "invalid_body");
    }
    const get = await call(r.testPayment, `/api/v1/orders/${one.orderNumber}/test-payment`, { params: { number: one.orderNumber } });
    expectError(get, 405, "method_not_allowed");
    expect(get.headers.get("Allow")).toBe("POST");
    const post = await call(r.order, `/api/v1/orders/${one.orderNumber}`, { method: "POST", params: { number: one.orderNumber }, token: one.accessToken });
    expectError(post, 405, "method_not_allowed");
    expect(await fingerprint(t.db, scope)).toBe(before);
    expect(orderOf(await getOrder(one.orderNumber, one.accessToken)).status).toBe("pending_payment");
  });
});

describe("bad checkout requests: 4xx in the error shape, and no row changed", () => {
  let cartId: string;
  const long = "村".repeat(10_000);
  const address = buyer().address;

  beforeAll(async () => {
    cartId = await cartWith([[SKU.tea, 1], [SKU.nuts, 1]]);
  });

  const cases: [string, unknown, string[]][] = [
    // The address is the domain's question (needed when the cart holds products: "no address" below).
    ["an empty object", {}, ["email", "name", "phone"]],
    ["a bad phone", buyer({ phone: "12345" }), ["phone"]],
    ["a landline", buyer({ phone: "0571-88888888" }), ["phone"]],
    ["a phone starting 12", buyer({ phone: "12812345678" }), ["phone"]],
    ["a numeric phone", buyer({ phone: 13812345678 }), ["phone"]],
    ["a bad e-mail", buyer({ email: "not-an-email" }), ["email"]],
    ["no address", buyer({ address: undefined }), ["address"]],
    ["an address string", buyer({ address: "浙江省湖州市安吉县" }), ["address"]],
    ["an address array", buyer({ address: [address] }), ["address"]],
    ["no city", buyer({ address: { ...address, city: undefined } }), ["address.city"]],
    ["a blank district and detail", buyer({ address: { ...address, district: "  ", detail: "" } }), ["address.district", "address.detail"]],
    ["a 10 000-character name", buyer({ name: long }), ["name"]],
    ["a 10 000-character detail", buyer({ address: { ...address, detail: long } }), ["address.detail"]],
    ["a 201-character note", buyer({ note: "注".repeat(201) }), ["note"]],
    ["a numeric note", buyer({ note: 5 }), ["note"]],
    ["a NUL in the name", buyer({ name: "王\u0000小明" }), ["name"]],
    ["a NUL in the address", buyer({ address: { ...address, detail: "余村\u00001 号" } }), ["address.detail"]],
  ];

  it.each(cases)("%s → 400 invalid_body naming the fields", async (_name, body, fields) => {
    const scope = { cartIds: [cartId], variantIds };
    const before = await fingerprint(t.db, scope);
    const a = await checkout(cartId, body);
    expectError(a, 400, "invalid_body");
    for (const field of fields) expect(Object.keys(a.body.error!.fields ?? {})).toContain(field);
    expect(await fingerprint(t.db, scope)).toBe(before);
  });

  it("field messages come in the language asked for", async () => {
    const zh = await checkout(cartId, buyer({ phone: "12345" }));
    const en = await checkout(cartId, buyer({ phone: "12345" }), "en");
    expect(zh.body.error!.fields!.phone).toMatch(/[\u4e00-\u9fff]/);
    expect(en.body.error!.fields!.phone).toMatch(/^[\x20-\x7e]+$/);
  });

  it("not JSON, not an object, too large, an unknown or malformed cart, a wrong method → 4xx, nothing changed", async () => {
    const scope = { cartIds: [cartId], variantIds };
    const before = await fingerprint(t.db, scope);
    const raw = (body: BodyInit, type = "application/json") =>
      call(r.checkout, `/api/v1/carts/${cartId}/checkout`, { method: "POST", raw: body, headers: { "Content-Type": type }, params: { cartId } });
    expectError(await raw("{"), 400, "invalid_body");
    expectError(await raw("[]"), 400, "invalid_body");
    expectError(await raw(JSON.stringify([buyer()])), 400, "invalid_body");
    expectError(await raw(JSON.stringify(buyer()), "text/plain"), 400, "invalid_body");
    expectError(await raw(new URLSearchParams({ email: "a@b.cn" }), "application/x-www-form-urlencoded"), 400, "invalid_body");
    expectError(await raw(JSON.stringify(buyer({ note: "x".repeat(70_000) }))), 413, "payload_too_large");
    expectError(await checkout("Z".repeat(22)), 404, "not_found");
    expectError(await checkout("../../etc/passwd"), 404, "not_found");
    const get = await call(r.checkout, `/api/v1/carts/${cartId}/checkout`, { params: { cartId } });
    expectError(get, 405, "method_not_allowed");
    expect(get.headers.get("Allow")).toBe("POST");
    expectError(await call(r.checkout, `/api/v1/carts/${cartId}/checkout?lang=de`, { json: buyer(), params: { cartId } }), 400, "invalid_params");
    expect(await fingerprint(t.db, scope)).toBe(before);
  });
});
