// Checkout, the test payment page and the buyer's order pages, through the route modules as a
// browser uses them, on the real database: a valid checkout holds the stock and goes on to pay;
// bad input holds nothing; paying, failing and abandoning do what the shopper expects; an order
// is shown only to its owner or the holder of its signed link.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders } from "../../db/schema/index";
import type { CartView } from "~/modules/cart/types";
import type { BuyerOrder, BuyerOrderSummary } from "~/modules/orders/buyer.server";
import { closeDb } from "~/utils/db.server";
import { createUser, sessionCookieFor } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Shelf, buyingShelf, linesOf, setPrice, setStock, snapshot, stockOf } from "./cart-pages-fixtures";
import { callAction, callLoader, cookieOf } from "./route-support";

process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-checkout-"));

let t: TestDb;
let cartRoute: typeof import("~/routes/cart");
let checkout: typeof import("~/routes/checkout");
let pay: typeof import("~/routes/pay.test");
let orderRoute: typeof import("~/routes/order");
let accountOrders: typeof import("~/routes/account.orders");
let cookies: typeof import("~/modules/cart/cookie.server");
let provider: typeof import("~/modules/payments/provider.server");
let sessions: typeof import("~/modules/accounts/session.server");
let shelf: Shelf;

type Reply = { status?: string; error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null };
type CheckoutAnswer = { result: Reply; problem: { code: string; lines: { sku: string; titleZh: string; problem: { kind: string } }[] } | null };

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  cartRoute = await import("~/routes/cart");
  checkout = await import("~/routes/checkout");
  pay = await import("~/routes/pay.test");
  orderRoute = await import("~/routes/order");
  accountOrders = await import("~/routes/account.orders");
  cookies = await import("~/modules/cart/cookie.server");
  provider = await import("~/modules/payments/provider.server");
  sessions = await import("~/modules/accounts/session.server");
  shelf = await buyingShelf(t.db);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

const BUYER = {
  email: "buyer@example.com",
  name: "王小明",
  phone: "+86 138 1234 5678",
  province: "浙江省",
  city: "湖州市",
  district: "安吉县",
  detail: "天荒坪镇余村 1 号",
  note: "工作日请放门卫",
};

/** A browser (guest, or signed in with `session`) whose cart holds these lines. */
async function shopper(lines: [string, number][], session: string | null = null) {
  let cookie = session;
  for (const [sku, quantity] of lines) {
    const res = await callAction(cartRoute, "/cart", { cookie, form: { intent: "add", sku, quantity: String(quantity) } });
    expect(res.status, JSON.stringify(res.body)).toBe(303);
    cookie = [cookie, cookieOf(res)].filter(Boolean).join("; ") || null;
  }
  const request = new Request("http://test.local/", { headers: { Cookie: cookie! } });
  const id = await cookies.currentCartId(request, t.db, await sessions.readSession(t.db, request));
  return { cookie: cookie!, cartId: id! };
}

const allSkus = () => [...Object.values(shelf.tea.skus), ...Object.values(shelf.nuts.skus)];

/** Places the order; returns the order number and the payment page's path and token. */
async function placeOrder(cookie: string, url = "/checkout", form: Record<string, string> = BUYER) {
  const res = await callAction(checkout, url, { cookie, form });
  expect(res.status, JSON.stringify(res.body)).toBe(303);
  const location = new URL(res.location!);
  const match = /\/pay\/test\/([^/]+)$/.exec(location.pathname);
  expect(match, res.location!).not.toBeNull();
  return { number: decodeURIComponent(match![1]!), token: location.searchParams.get("t")!, payPath: location.pathname + location.search, res };
}

async function orderRow(number: string) {
  const [row] = await t.db.select().from(orders).where(eq(orders.number, number));
  return row!;
}

describe("the checkout page", () => {
  it("sends an empty cart (or no cart) back to the cart page", async () => {
    const none = await callLoader(checkout, "/checkout");
    expect([none.status, none.location]).toEqual([303, "/cart"]);
    const en = await callLoader(checkout, "/en/checkout");
    expect(en.location).toBe("/en/cart");
  });

  it("shows the order grouped by cooperative with shipping and pre-sale dates; private, never stored", async () => {
    const { cookie } = await shopper([
      [shelf.tea.skus["50"]!, 1],
      [shelf.tea.skus["NEW"]!, 1],
      [shelf.nuts.skus["500"]!, 1],
    ]);
    const res = await callLoader(checkout, "/checkout", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const { cart, user } = res.body as { cart: CartView; user: unknown };
    expect(user).toBeNull();
    expect(cart.groups.map((g) => [g.cooperative.id, g.subtotalCents, g.shippingCents])).toEqual([
      [shelf.coopA.id, 23800, 0],
      [shelf.coopB.id, 9800, 800],
    ]);
    expect(cart.groups[0]!.lines.find((l) => l.sku === shelf.tea.skus["NEW"])!.shipsFrom).toBe("2099-04-10");
  });

  it("fills in a signed-in shopper's e-mail and name", async () => {
    const user = await createUser(t.db, { name: "李茶农" });
    const session = await sessionCookieFor(t.db, user.id);
    await shopper([[shelf.tea.skus["50"]!, 1]], session);
    const res = await callLoader(checkout, "/checkout", { cookie: session });
    expect((res.body as { user: unknown }).user).toEqual({ email: user.email, name: "李茶农" });
  });

  it("bad fields are a 400 with the message beside the field and the values kept; nothing is held", async () => {
    const { cookie, cartId } = await shopper([[shelf.tea.skus["50"]!, 2]]);
    const before = await snapshot(t.db, [cartId], allSkus());
    const cases: [Record<string, string>, string, string][] = [
      [{ phone: "12345678901" }, "phone", "form.mobile"],
      [{ phone: "2345" }, "phone", "form.mobile"],
      [{ phone: "" }, "phone", "form.required"],
      [{ province: "" }, "province", "form.required"],
      [{ detail: "村".repeat(10_000) }, "detail", "form.tooLong:120"],
      [{ email: "not-an-email" }, "email", "form.email"],
      [{ note: "话".repeat(201) }, "note", "form.tooLong:200"],
    ];
    for (const [change, field, message] of cases) {
      const form = { ...BUYER, ...change };
      if (change.province === "") delete (form as Partial<typeof BUYER>).province;
      const res = await callAction(checkout, "/checkout", { cookie, form });
      expect(res.status, JSON.stringify(change).slice(0, 80)).toBe(400);
      const { result } = res.body as CheckoutAnswer;
      expect(result.error?.[field]).toEqual([message]);
      // What the shopper typed comes back into the form.
      expect(result.initialValue?.name).toBe(BUYER.name);
    }
    // NUL in a field is refused outright.
    const nul = await callAction(checkout, "/checkout", { cookie, form: { ...BUYER, detail: "余村\u00001号" } });
    expect(nul.status).toBe(400);
    expect(await snapshot(t.db, [cartId], allSkus())).toBe(before);
  });

  it("a valid checkout holds the stock and goes on (303) to the test payment page", async () => {
    const { cookie, cartId } = await shopper([
      [shelf.tea.skus["50"]!, 2],
      [shelf.nuts.skus["500"]!, 1],
    ]);
    const teaBefore = await stockOf(t.db, shelf.tea.skus["50"]!);
    const { number, token, res } = await placeOrder(cookie);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await stockOf(t.db, shelf.tea.skus["50"]!)).toBe(teaBefore - 2);
    const row = await orderRow(number);
    expect([row.status, row.phone, row.province, row.addressDetail, row.note, row.cartId]).toEqual([
      "pending_payment",
      "13812345678",
      "浙江省",
      BUYER.detail,
      BUYER.note,
      cartId,
    ]);
    expect(row.totalCents).toBe(2 * 3800 + 1000 + 9800 + 800);
  });

  it("in English the payment page is English too", async () => {
    const { cookie } = await shopper([[shelf.tea.skus["50"]!, 1]]);
    const { payPath } = await placeOrder(cookie, "/en/checkout");
    expect(payPath).toMatch(/^\/en\/pay\/test\//);
  });

  it("an item sold out meanwhile: 409 naming it, nothing held, and the values kept", async () => {
    const { cookie, cartId } = await shopper([
      [shelf.tea.skus["250"]!, 3],
      [shelf.nuts.skus["500"]!, 1],
    ]);
    await setStock(t.db, shelf.tea.skus["250"]!, 1);
    try {
      const before = await snapshot(t.db, [cartId], allSkus());
      const res = await callAction(checkout, "/checkout", { cookie, form: BUYER });
      expect(res.status).toBe(409);
      const { problem, result } = res.body as CheckoutAnswer;
      expect(problem!.code).toBe("sold_out");
      expect(problem!.lines.map((l) => [l.sku, l.titleZh, l.problem.kind])).toEqual([[shelf.tea.skus["250"], "安吉白茶 明前一级", "not_enough_stock"]]);
      expect(result.initialValue?.detail).toBe(BUYER.detail);
      expect(await snapshot(t.db, [cartId], allSkus())).toBe(before);
    } finally {
      await setStock(t.db, shelf.tea.skus["250"]!, 5);
    }
  });

  it("a price changed meanwhile: 409 cart_changed naming the line, nothing held", async () => {
    const { cookie, cartId } = await shopper([[shelf.nuts.skus["500"]!, 1]]);
    await setPrice(t.db, shelf.nuts.skus["500"]!, 10800);
    try {
      const before = await snapshot(t.db, [cartId], allSkus());
      const res = await callAction(checkout, "/checkout", { cookie, form: BUYER });
      expect(res.status).toBe(409);
      const { problem } = res.body as CheckoutAnswer;
      expect(problem).toEqual({
        code: "cart_changed",
        lines: [expect.objectContaining({ sku: shelf.nuts.skus["500"], problem: { kind: "price_changed", fromCents: 9800, toCents: 10800 } })],
      });
      expect(await snapshot(t.db, [cartId], allSkus())).toBe(before);
    } finally {
      await setPrice(t.db, shelf.nuts.skus["500"]!, 9800);
    }
  });

  it("a cart emptied meanwhile goes back to the cart page; a cross-site post is refused", async () => {
    const { cookie, cartId } = await shopper([[shelf.tea.skus["50"]!, 1]]);
    const [line] = await linesOf(t.db, cartId);
    await callAction(cartRoute, "/cart", { cookie, form: { intent: "remove", lineId: String(line!.id) } });
    const res = await callAction(checkout, "/checkout", { cookie, form: BUYER });
    expect([res.status, res.location]).toEqual([303, "/cart"]);
    const evil = await callAction(checkout, "/checkout", { cookie, origin: "https://evil.example", form: BUYER });
    expect(evil.status).toBe(403);
  });
});

describe("the test payment page", () => {
  it("opens with the order's token (or as its owner), and is a 404 for anyone else", async () => {
    const user = await createUser(t.db);
    const session = await sessionCookieFor(t.db, user.id);
    const { cookie } = await shopper([[shelf.tea.skus["50"]!, 1]], session);
    const { number, token } = await placeOrder(cookie);
    const params = { number };
    const withToken = await callLoader(pay, `/pay/test/${number}?t=${token}`, { params });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get("Cache-Control")).toBe("private, no-store");
    expect(withToken.body).toMatchObject({ number, status: "pending_payment", totalCents: 3800 + 1000 });
    expect((await callLoader(pay, `/pay/test/${number}`, { params, cookie: session })).status).toBe(200);

    const stranger = await sessionCookieFor(t.db, (await createUser(t.db)).id);
    expect((await callLoader(pay, `/pay/test/${number}`, { params })).status).toBe(404);
    expect((await callLoader(pay, `/pay/test/${number}?t=${"A".repeat(43)}`, { params })).status).toBe(404);
    expect((await callLoader(pay, `/pay/test/${number}`, { params, cookie: stranger })).status).toBe(404);
    expect((await callLoader(pay, `/pay/test/nope?t=${token}`, { params: { number: "nope" } })).status).toBe(404);
    // Nor can the buttons be pressed without the token.
    expect((await callAction(pay, `/pay/test/${number}`, { params, form: { intent: "succeed" } })).status).toBe(404);
    expect((await orderRow(number)).status).toBe("pending_payment");
  });

  it("is a 404 while another payment provider is active", async () => {
    const { cookie } = await shopper([[shelf.tea.skus["50"]!, 1]]);
    const { number, token } = await placeOrder(cookie);
    const active = provider.getPaymentProvider();
    provider.setPaymentProviderForTests({ ...active, name: "stripe" });
    try {
      expect((await callLoader(pay, `/pay/test/${number}?t=${token}`, { params: { number } })).status).toBe(404);
      expect((await callAction(pay, `/pay/test/${number}?t=${token}`, { params: { number }, form: { intent: "succeed" } })).status).toBe(404);
    } finally {
      provider.setPaymentProviderForTests(null);
    }
    expect((await orderRow(number)).status).toBe("pending_payment");
  });

  it("succeed: the order is paid, split in two cooperative parts, the cart is emptied, and the order page says so", async () => {
    const { cookie, cartId } = await shopper([
      [shelf.tea.skus["50"]!, 1],
      [shelf.nuts.skus["500"]!, 2],
    ]);
    const { number, token } = await placeOrder(cookie);
    const res = await callAction(pay, `/pay/test/${number}?t=${token}`, { params: { number }, form: { intent: "succeed" } });
    expect([res.status, res.location]).toEqual([303, `/orders/${number}?t=${token}`]);

    const page = await callLoader(orderRoute, `/orders/${number}?t=${token}`, { params: { number } });
    expect(page.status).toBe(200);
    const { order } = page.body as { order: BuyerOrder };
    expect(order.status).toBe("paid");
    expect(order.parts.map((p) => [p.cooperative.slug, p.status, p.lines.map((l) => [l.sku, l.quantity])])).toEqual([
      [shelf.coopA.slug, "paid", [[shelf.tea.skus["50"], 1]]],
      [shelf.coopB.slug, "paid", [[shelf.nuts.skus["500"], 2]]],
    ]);
    // The phone number shows only its ends on a page that may be opened from a forwarded link.
    expect(order.phone).toBe("138****5678");
    expect(await linesOf(t.db, cartId)).toEqual([]);
    // Pressing again changes nothing: the page now says there is nothing to pay.
    await callAction(pay, `/pay/test/${number}?t=${token}`, { params: { number }, form: { intent: "fail" } });
    expect((await orderRow(number)).status).toBe("paid");
    expect(((await callLoader(pay, `/pay/test/${number}?t=${token}`, { params: { number } })).body as { status: string }).status).toBe("paid");
  });

  it("fail: the order is cancelled and the stock comes back", async () => {
    const sku = shelf.nuts.skus["500"]!;
    const { cookie, cartId } = await shopper([[sku, 3]]);
    const before = await stockOf(t.db, sku);
    const { number, token } = await placeOrder(cookie);
    expect(await stockOf(t.db, sku)).toBe(before - 3);
    const res = await callAction(pay, `/pay/test/${number}?t=${token}`, { params: { number }, form: { intent: "fail" } });
    expect(res.status).toBe(303);
    const { order } = (await callLoader(orderRoute, `/orders/${number}?t=${token}`, { params: { number } })).body as { order: BuyerOrder };
    expect(order.status).toBe("cancelled");
    expect(await stockOf(t.db, sku)).toBe(before);
    // The cart is still there to try again.
    expect((await linesOf(t.db, cartId)).map((l) => l.quantity)).toEqual([3]);
  });

  it("abandon: back to the cart; the hold stays until it expires", async () => {
    const sku = shelf.tea.skus["50"]!;
    const { cookie } = await shopper([[sku, 1]]);
    const { number, token } = await placeOrder(cookie, "/en/checkout");
    const held = await stockOf(t.db, sku);
    const res = await callAction(pay, `/en/pay/test/${number}?t=${token}`, { params: { number }, form: { intent: "abandon" } });
    expect([res.status, res.location]).toEqual([303, "/en/cart"]);
    expect((await orderRow(number)).status).toBe("pending_payment");
    expect(await stockOf(t.db, sku)).toBe(held);
    const odd = await callAction(pay, `/pay/test/${number}?t=${token}`, { params: { number }, form: { intent: "refund-me" } });
    expect(odd.status).toBe(400);
  });
});

describe("the buyer's order pages", () => {
  it("/orders/:number: 404 without the token or with a wrong one, 200 with it or for the owner; private and not indexed", async () => {
    const owner = await createUser(t.db);
    const session = await sessionCookieFor(t.db, owner.id);
    const { cookie } = await shopper([[shelf.tea.skus["50"]!, 1]], session);
    const { number, token } = await placeOrder(cookie);
    const params = { number };
    const none = await callLoader(orderRoute, `/orders/${number}`, { params });
    expect(none.status).toBe(404);
    expect(none.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await callLoader(orderRoute, `/orders/${number}?t=${token.slice(0, -1)}${token.endsWith("x") ? "y" : "x"}`, { params })).status).toBe(404);
    expect((await callLoader(orderRoute, `/orders/${number}?t=${token}&t=x`, { params })).status).toBe(200);
    const other = await sessionCookieFor(t.db, (await createUser(t.db)).id);
    expect((await callLoader(orderRoute, `/orders/${number}`, { params, cookie: other })).status).toBe(404);
    // A number that does not exist looks exactly like one that does.
    expect((await callLoader(orderRoute, `/orders/XJ991231-ABCDEF?t=${token}`, { params: { number: "XJ991231-ABCDEF" } })).status).toBe(404);
    expect((await callLoader(orderRoute, `/orders/%00`, { params: { number: "\u0000" } })).status).toBe(404);

    const ok = await callLoader(orderRoute, `/orders/${number}?t=${token}`, { params });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toBe("private, no-store");
    expect(ok.headers.get("X-Robots-Tag")).toBe("noindex");
    const mine = await callLoader(orderRoute, `/orders/${number}`, { params, cookie: session });
    expect(mine.status).toBe(200);
    expect((mine.body as { order: BuyerOrder }).order.number).toBe(number);
  });

  it("/account/orders: the signed-in shopper's orders, newest first, and nobody else's", async () => {
    const user = await createUser(t.db);
    const session = await sessionCookieFor(t.db, user.id);
    await shopper([[shelf.tea.skus["50"]!, 1]], session);
    const first = await placeOrder(session);
    await callAction(pay, `/pay/test/${first.number}`, { cookie: session, params: { number: first.number }, form: { intent: "succeed" } });
    await shopper([[shelf.nuts.skus["500"]!, 2]], session);
    const second = await placeOrder(session);
    // A guest's order elsewhere does not show up.
    const guest = await shopper([[shelf.tea.skus["50"]!, 1]]);
    await placeOrder(guest.cookie);

    const res = await callLoader(accountOrders, "/account/orders", { cookie: session });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const list = (res.body as { orders: BuyerOrderSummary[] }).orders;
    expect(list.map((o) => o.number)).toEqual([second.number, first.number]);
    expect(list[0]).toMatchObject({ status: "pending_payment", itemCount: 2, totalCents: 2 * 9800 + 800 });

    const signedOut = await callLoader(accountOrders, "/account/orders");
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(/^\/login\?redirectTo=/);
  });
});
