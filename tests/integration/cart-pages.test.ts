// The cart page and the product page's add-to-cart, through the route modules as a browser uses
// them (cookies, same-origin form posts), on the real database: what a shopper sees, what a
// plain form and a fetcher get back, and that every bad request changes nothing.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CartView } from "~/modules/cart/types";
import { closeDb } from "~/utils/db.server";
import { openTestDb, type TestDb } from "../setup/db";
import { type Shelf, buyingShelf, linesOf, setPrice, setProductStatus, setStock, snapshot } from "./cart-pages-fixtures";
import { callAction, callLoader, cookieOf } from "./route-support";

process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-cart-"));

let t: TestDb;
let cartRoute: typeof import("~/routes/cart");
let cookies: typeof import("~/modules/cart/cookie.server");
let shelf: Shelf;

type CartPage = { cart: CartView | null; today: string };
type Failure = { ok: false; error: { code: string; available?: number } };

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  cartRoute = await import("~/routes/cart");
  cookies = await import("~/modules/cart/cookie.server");
  shelf = await buyingShelf(t.db);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

const add = (sku: string, quantity: string | number, extra: Record<string, string> = {}, cookie: string | null = null, url = "/cart") =>
  callAction(cartRoute, url, { cookie, form: { intent: "add", sku, quantity: String(quantity), ...extra } });

/** A guest with a cart holding `quantity` of `sku`: the cookie the browser keeps, and the cart id. */
async function guestWith(sku: string, quantity = 1): Promise<{ cookie: string; cartId: string }> {
  const res = await add(sku, quantity);
  expect(res.status, JSON.stringify(res.body)).toBe(303);
  const cookie = cookieOf(res)!;
  const cartId = await cookies.readCartId(new Request("http://test.local/", { headers: { Cookie: cookie } }));
  return { cookie, cartId: cartId! };
}

async function cartPage(cookie: string | null, url = "/cart"): Promise<{ status: number; headers: Headers; body: CartPage }> {
  const res = await callLoader(cartRoute, url, { cookie });
  return { status: res.status, headers: res.headers, body: res.body as CartPage };
}

describe("adding to the cart from a product page", () => {
  it("without JavaScript: 303 back to the product page saying what was added, and the first add sets the cart cookie", async () => {
    const productPath = `/products/${shelf.tea.slug}`;
    const first = await add(shelf.tea.skus["250"]!, 2, { returnTo: productPath });
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${productPath}?added=${encodeURIComponent(shelf.tea.skus["250"]!)}`);
    expect(first.headers.get("Cache-Control")).toBe("private, no-store");
    const cookie = cookieOf(first);
    expect(cookie).toMatch(/^xj_cart=/);
    expect(first.headers.get("Set-Cookie")).toMatch(/HttpOnly/i);

    // The same variant again goes into the same line; no new cookie is needed.
    const again = await add(shelf.tea.skus["250"]!, 1, { returnTo: productPath }, cookie);
    expect(again.status).toBe(303);
    expect(again.headers.get("Set-Cookie")).toBeNull();
    const page = await cartPage(cookie);
    expect(page.body.cart!.groups.flatMap((g) => g.lines).map((l) => [l.sku, l.quantity])).toEqual([[shelf.tea.skus["250"], 3]]);
    expect(page.body.cart!.itemCount).toBe(3);
  });

  it("in English it comes back to the English page; with no page to go back to, to the cart", async () => {
    const en = await add(shelf.tea.skus["50"]!, 1, { returnTo: `/en/products/${shelf.tea.slug}` }, null, "/en/cart");
    expect(en.location).toBe(`/en/products/${shelf.tea.slug}?added=${encodeURIComponent(shelf.tea.skus["50"]!)}`);
    const bare = await add(shelf.tea.skus["50"]!, 1, {}, null, "/en/cart");
    expect(bare.location).toBe(`/en/cart?added=${encodeURIComponent(shelf.tea.skus["50"]!)}`);
    // Another site is never a place to go back to.
    const evil = await add(shelf.tea.skus["50"]!, 1, { returnTo: "//evil.example/x" });
    expect(evil.location).toBe(`/cart?added=${encodeURIComponent(shelf.tea.skus["50"]!)}`);
  });

  it("with JavaScript (a fetcher): data instead of a redirect, and the cookie on the first add", async () => {
    const res = await add(shelf.nuts.skus["500"]!, 2, { via: "fetcher", returnTo: `/products/${shelf.nuts.slug}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, intent: "add", sku: shelf.nuts.skus["500"] });
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect(cookieOf(res)).toMatch(/^xj_cart=/);
  });

  it("a sold-out variant, or more than is left, is a 409 that says so, and nothing changes", async () => {
    const { cookie, cartId } = await guestWith(shelf.tea.skus["250"]!, 4);
    const before = await snapshot(t.db, [cartId], Object.values(shelf.tea.skus));
    const soldOut = await add(shelf.tea.skus["GONE"]!, 1, { via: "fetcher" }, cookie);
    expect([soldOut.status, (soldOut.body as Failure).error.code]).toEqual([409, "sold_out"]);
    // 4 in the cart and 5 in stock: 2 more is one too many.
    const tooMany = await add(shelf.tea.skus["250"]!, 2, {}, cookie);
    expect(tooMany.status).toBe(409);
    expect((tooMany.body as Failure).error).toEqual({ code: "not_enough_stock", available: 5 });
    expect(await snapshot(t.db, [cartId], Object.values(shelf.tea.skus))).toBe(before);
  });

  it("garbage is a 400 (404 for a SKU that does not exist) with a message, and nothing changes", async () => {
    const { cookie, cartId } = await guestWith(shelf.tea.skus["50"]!, 1);
    const skus = Object.values(shelf.tea.skus);
    const before = await snapshot(t.db, [cartId], skus);
    const sku = shelf.tea.skus["50"]!;
    const cases: [Record<string, string>, number, string][] = [
      [{ intent: "add", sku, quantity: "0" }, 400, "invalid"],
      [{ intent: "add", sku, quantity: "100" }, 400, "invalid"],
      [{ intent: "add", sku, quantity: "-1" }, 400, "invalid"],
      [{ intent: "add", sku, quantity: "abc" }, 400, "invalid"],
      [{ intent: "add", sku, quantity: "1.5" }, 400, "invalid"],
      [{ intent: "add", sku, quantity: "" }, 400, "invalid"],
      [{ intent: "add", sku }, 400, "invalid"],
      [{ intent: "add", sku: "", quantity: "1" }, 400, "invalid"],
      [{ intent: "add", sku: "x".repeat(65), quantity: "1" }, 400, "invalid"],
      [{ intent: "add", sku: `${sku}\u0000`, quantity: "1" }, 400, "invalid"],
      [{ intent: "add", sku: "NO-SUCH-SKU", quantity: "1" }, 404, "unknown_sku"],
      [{ intent: "explode", sku, quantity: "1" }, 400, "invalid"],
      [{ sku, quantity: "1" }, 400, "invalid"],
    ];
    for (const [form, status, code] of cases) {
      const res = await callAction(cartRoute, "/cart", { cookie, form });
      expect([res.status, (res.body as Failure).error?.code], JSON.stringify(form)).toEqual([status, code]);
      expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    }
    expect(await snapshot(t.db, [cartId], skus)).toBe(before);
  });

  it("a form posted from another site is refused before anything happens", async () => {
    const res = await callAction(cartRoute, "/cart", {
      origin: "https://evil.example",
      form: { intent: "add", sku: shelf.tea.skus["50"]!, quantity: "1" },
    });
    expect(res.status).toBe(403);
    expect(cookieOf(res)).toBeNull();
  });
});

describe("the cart page", () => {
  it("groups the lines by cooperative with each one's shipping, and adds it all up", async () => {
    const { cookie } = await guestWith(shelf.tea.skus["250"]!, 1);
    await add(shelf.nuts.skus["500"]!, 2, {}, cookie);
    await add(shelf.tea.skus["NEW"]!, 1, {}, cookie);
    const page = await cartPage(cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const cart = page.body.cart!;
    expect(cart.groups.map((g) => g.cooperative.id)).toEqual([shelf.coopA.id, shelf.coopB.id]);
    const [a, b] = cart.groups;
    // A: 168 + 200 = 368 ≥ 200: free shipping. B: 2 × 98 = 196, a flat ¥8.
    expect([a!.subtotalCents, a!.shippingCents, a!.totalCents]).toEqual([36800, 0, 36800]);
    expect([b!.subtotalCents, b!.shippingCents, b!.totalCents]).toEqual([19600, 800, 20400]);
    expect([cart.subtotalCents, cart.shippingCents, cart.totalCents, cart.itemCount]).toEqual([56400, 800, 57200, 4]);
    expect(a!.lines.find((l) => l.sku === shelf.tea.skus["NEW"])!.shipsFrom).toBe("2099-04-10");
    expect(cart.hasProblems).toBe(false);
  });

  it("a guest without a cart (or with a cookie of a cart that is gone) sees an empty cart", async () => {
    expect((await cartPage(null)).body.cart).toBeNull();
    const stale = await cookies.cartCookieHeader("AAAAAAAAAAAAAAAAAAAAAA");
    expect((await cartPage(stale.split(";")[0]!)).body.cart).toBeNull();
  });

  it("changes a quantity and removes a line: 303 back to the cart without JavaScript, data with it", async () => {
    const { cookie, cartId } = await guestWith(shelf.tea.skus["50"]!, 1);
    await add(shelf.nuts.skus["500"]!, 1, {}, cookie);
    const [tea, nuts] = await linesOf(t.db, cartId);

    const set = await callAction(cartRoute, "/cart", { cookie, form: { intent: "set", lineId: String(tea!.id), quantity: "3", was: "1" } });
    expect([set.status, set.location]).toEqual([303, "/cart?notice=updated"]);
    const setJs = await callAction(cartRoute, "/en/cart", { cookie, form: { intent: "set", lineId: String(tea!.id), quantity: "4", via: "fetcher" } });
    expect([setJs.status, setJs.body]).toEqual([200, { ok: true, intent: "set" }]);

    const removed = await callAction(cartRoute, "/en/cart", { cookie, form: { intent: "remove", lineId: String(nuts!.id) } });
    expect([removed.status, removed.location]).toEqual([303, "/en/cart?notice=removed"]);
    expect((await linesOf(t.db, cartId)).map((l) => [l.sku, l.quantity])).toEqual([[shelf.tea.skus["50"], 4]]);
  });

  it("another cart's line, a line that does not exist and garbage change nothing in either cart", async () => {
    const mine = await guestWith(shelf.tea.skus["50"]!, 2);
    const theirs = await guestWith(shelf.nuts.skus["500"]!, 1);
    const [theirLine] = await linesOf(t.db, theirs.cartId);
    const [myLine] = await linesOf(t.db, mine.cartId);
    const skus = [...Object.values(shelf.tea.skus), shelf.nuts.skus["500"]!];
    const before = await snapshot(t.db, [mine.cartId, theirs.cartId], skus);
    const cases: [Record<string, string>, number, string][] = [
      [{ intent: "set", lineId: String(theirLine!.id), quantity: "5" }, 404, "line_not_found"],
      [{ intent: "remove", lineId: String(theirLine!.id) }, 404, "line_not_found"],
      [{ intent: "remove", lineId: "2147483647" }, 404, "line_not_found"],
      [{ intent: "set", lineId: "99999999999", quantity: "1" }, 400, "invalid"],
      [{ intent: "set", lineId: "abc", quantity: "1" }, 400, "invalid"],
      [{ intent: "set", lineId: "-1", quantity: "1" }, 400, "invalid"],
      [{ intent: "set", lineId: String(myLine!.id), quantity: "0" }, 400, "invalid"],
      [{ intent: "set", lineId: String(myLine!.id), quantity: "100" }, 400, "invalid"],
      [{ intent: "set", lineId: String(myLine!.id), quantity: "-1" }, 400, "invalid"],
      [{ intent: "set", lineId: String(myLine!.id), quantity: "abc" }, 400, "invalid"],
      [{ intent: "set", lineId: String(myLine!.id), quantity: "2\u0000" }, 400, "invalid"],
      [{ intent: "remove" }, 400, "invalid"],
    ];
    for (const [form, status, code] of cases) {
      const res = await callAction(cartRoute, "/cart", { cookie: mine.cookie, form: { ...form, via: "fetcher" } });
      expect([res.status, (res.body as Failure).error?.code], JSON.stringify(form)).toEqual([status, code]);
    }
    // Without a cart at all, there is no line to change.
    const noCart = await callAction(cartRoute, "/cart", { form: { intent: "remove", lineId: String(theirLine!.id) } });
    expect(noCart.status).toBe(404);
    expect(await snapshot(t.db, [mine.cartId, theirs.cartId], skus)).toBe(before);
  });

  it("says clearly what changed since a line was added, and blocks checkout until it is sorted out", async () => {
    const { cookie, cartId } = await guestWith(shelf.tea.skus["250"]!, 3);
    await add(shelf.tea.skus["50"]!, 1, {}, cookie);
    await add(shelf.nuts.skus["500"]!, 1, {}, cookie);
    await setStock(t.db, shelf.tea.skus["250"]!, 2);
    await setPrice(t.db, shelf.tea.skus["50"]!, 4200);
    await setProductStatus(t.db, shelf.nuts.id, "archived");
    try {
      const cart = (await cartPage(cookie)).body.cart!;
      const problems = Object.fromEntries(cart.groups.flatMap((g) => g.lines).map((l) => [l.sku, l.problem]));
      expect(problems).toEqual({
        [shelf.tea.skus["250"]!]: { kind: "not_enough_stock", available: 2 },
        [shelf.tea.skus["50"]!]: { kind: "price_changed", fromCents: 3800, toCents: 4200 },
        [shelf.nuts.skus["500"]!]: { kind: "unavailable" },
      });
      expect(cart.hasProblems).toBe(true);

      // The shopper accepts the new price, lowers the quantity and removes what is gone.
      const accepted = await callAction(cartRoute, "/cart", { cookie, form: { intent: "acceptPrices" } });
      expect([accepted.status, accepted.location]).toEqual([303, "/cart?notice=pricesAccepted"]);
      const lines = await linesOf(t.db, cartId);
      await callAction(cartRoute, "/cart", { cookie, form: { intent: "set", lineId: String(lines[0]!.id), quantity: "2" } });
      await callAction(cartRoute, "/cart", { cookie, form: { intent: "remove", lineId: String(lines[2]!.id) } });
      const after = (await cartPage(cookie)).body.cart!;
      expect(after.hasProblems).toBe(false);
      expect(after.totalCents).toBe(2 * 16800 + 4200); // ¥378 ≥ ¥200: free shipping
    } finally {
      await setStock(t.db, shelf.tea.skus["250"]!, 5);
      await setPrice(t.db, shelf.tea.skus["50"]!, 3800);
      await setProductStatus(t.db, shelf.nuts.id, "active");
    }
  });
});
