// The header's cart count and what it means for caching (a page showing someone's count is never
// shared by a cache), and the guest cart joining the account at login and sign-up.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carts } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { TEST_PASSWORD, createUser, sessionCookieFor, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Shelf, buyingShelf, linesOf } from "./cart-pages-fixtures";
import { ORIGIN, callAction, callLoader, cookieOf } from "./route-support";

process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-cart-header-"));

let t: TestDb;
let cartRoute: typeof import("~/routes/cart");
let productRoute: typeof import("~/routes/product");
let root: typeof import("~/root");
let entry: typeof import("~/entry.server");
let login: typeof import("~/routes/login");
let signup: typeof import("~/routes/signup");
let cartModule: typeof import("~/modules/cart/cart.server");
let shelf: Shelf;

const ip = () => `198.51.100.${uniqueToken()}`;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  cartRoute = await import("~/routes/cart");
  productRoute = await import("~/routes/product");
  root = await import("~/root");
  entry = await import("~/entry.server");
  login = await import("~/routes/login");
  signup = await import("~/routes/signup");
  cartModule = await import("~/modules/cart/cart.server");
  shelf = await buyingShelf(t.db);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

async function guestWith(sku: string, quantity: number): Promise<string> {
  const res = await callAction(cartRoute, "/cart", { form: { intent: "add", sku, quantity: String(quantity) } });
  expect(res.status).toBe(303);
  return cookieOf(res)!;
}

const rootCount = async (cookie: string | null) => ((await callLoader(root, "/", { cookie })).body as { cartCount: number }).cartCount;

/** The Cache-Control a page ends up with once entry.server has seen the request. */
function served(cacheControl: string, cookie: string | null, vary?: string) {
  const headers = new Headers({ "Cache-Control": cacheControl, ...(vary ? { Vary: vary } : {}) });
  entry.keepPersonalPagesPrivate(new Request(`${ORIGIN}/products/x`, { headers: cookie ? { Cookie: cookie } : {} }), headers);
  return { cacheControl: headers.get("Cache-Control"), vary: headers.get("Vary") };
}

describe("the header's cart count", () => {
  it("is the number of units in the browser's cart; a visitor without a cart or session has none", async () => {
    expect(await rootCount(null)).toBe(0);
    const cookie = await guestWith(shelf.tea.skus["50"]!, 2);
    await callAction(cartRoute, "/cart", { cookie, form: { intent: "add", sku: shelf.nuts.skus["500"]!, quantity: "3" } });
    expect(await rootCount(cookie)).toBe(5);
    // Other cookies (the language choice) do not count as a cart.
    expect(await rootCount("xj_lang=en")).toBe(0);
  });

  it("a signed-in shopper's count is their own cart's", async () => {
    const user = await createUser(t.db);
    const session = await sessionCookieFor(t.db, user.id);
    expect(await rootCount(session)).toBe(0);
    // Looking at pages writes nothing: the account's cart is made by the first add.
    const cartsOf = () => t.db.select().from(carts).where(eq(carts.userId, user.id));
    expect(await cartsOf()).toHaveLength(0);
    await callAction(cartRoute, "/cart", { cookie: session, form: { intent: "add", sku: shelf.tea.skus["50"]!, quantity: "4" } });
    expect(await cartsOf()).toHaveLength(1);
    expect(await rootCount(session)).toBe(4);
  });
});

describe("cache headers", () => {
  it("the product page loader never reads the cart: public, whoever asks", async () => {
    const cookie = await guestWith(shelf.tea.skus["50"]!, 1);
    for (const c of [null, cookie]) {
      const res = await callLoader(productRoute, `/products/${shelf.tea.slug}`, { cookie: c, params: { slug: shelf.tea.slug } });
      expect(res.status).toBe(200);
      expect(res.headers.get("Cache-Control")).toMatch(/^public/);
    }
  });

  it("a public page becomes private (revalidated) for a browser with a cart or a session, and says it varies by cookie otherwise", async () => {
    const PUBLIC = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";
    const cart = await guestWith(shelf.tea.skus["50"]!, 1);
    const user = await createUser(t.db);
    const session = await sessionCookieFor(t.db, user.id);
    expect(served(PUBLIC, cart).cacheControl).toBe("private, no-cache");
    expect(served(PUBLIC, `xj_lang=en; ${session}`).cacheControl).toBe("private, no-cache");
    expect(served(PUBLIC, null)).toEqual({ cacheControl: PUBLIC, vary: "Cookie" });
    expect(served(PUBLIC, "xj_lang=en")).toEqual({ cacheControl: PUBLIC, vary: "Cookie" });
    expect(served(PUBLIC, null, "Cookie")).toEqual({ cacheControl: PUBLIC, vary: "Cookie" });
    // Private answers are left as they are.
    expect(served("private, no-store", cart)).toEqual({ cacheControl: "private, no-store", vary: null });
  });

  it("single-fetch data requests (which carry the root loader's count) get the same treatment", async () => {
    const cart = await guestWith(shelf.tea.skus["50"]!, 1);
    const response = new Response("{}", { headers: { "Cache-Control": "public, max-age=60" } });
    const request = new Request(`${ORIGIN}/products/x.data`, { headers: { Cookie: cart } });
    const out = await entry.handleDataRequest(response, { request, params: {}, context: {} });
    expect(out.headers.get("Cache-Control")).toBe("private, no-cache");
  });

  it("the cart page and every cart answer are private and never stored", async () => {
    const cookie = await guestWith(shelf.tea.skus["50"]!, 1);
    expect((await callLoader(cartRoute, "/cart", { cookie })).headers.get("Cache-Control")).toBe("private, no-store");
    expect((await callLoader(cartRoute, "/cart")).headers.get("Cache-Control")).toBe("private, no-store");
    expect(cartRoute.headers()).toEqual({ "Cache-Control": "private, no-store" });
  });
});

describe("the guest cart joins the account", () => {
  it("at login: lines add up with the account's cart, and the guest cookie is cleared", async () => {
    const user = await createUser(t.db);
    // The account already holds 1 tea; the guest adds 2 tea and 1 bag of nuts.
    const session = await sessionCookieFor(t.db, user.id);
    await callAction(cartRoute, "/cart", { cookie: session, form: { intent: "add", sku: shelf.tea.skus["50"]!, quantity: "1" } });
    const guest = await guestWith(shelf.tea.skus["50"]!, 2);
    await callAction(cartRoute, "/cart", { cookie: guest, form: { intent: "add", sku: shelf.nuts.skus["500"]!, quantity: "1" } });

    const res = await callAction(login, "/login", {
      cookie: guest,
      clientIp: ip(),
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/cart" },
    });
    expect([res.status, res.location]).toEqual([302, "/cart"]);
    const setCookies = res.headers.getSetCookie();
    expect(setCookies.some((c) => /^xj_session=[^;]+/.test(c))).toBe(true);
    expect(setCookies.find((c) => c.startsWith("xj_cart="))).toMatch(/Max-Age=0/i);

    const userCart = await cartModule.cartIdForUser(t.db, user.id);
    expect((await linesOf(t.db, userCart)).map((l) => [l.sku, l.quantity])).toEqual([
      [shelf.tea.skus["50"], 3],
      [shelf.nuts.skus["500"], 1],
    ]);
    // The browser is now signed in and sees the merged count.
    const newSession = setCookies.find((c) => c.startsWith("xj_session="))!.split(";")[0]!;
    expect(await rootCount(newSession)).toBe(4);
  });

  it("at sign-up: the new account starts with the guest's cart", async () => {
    const guest = await guestWith(shelf.nuts.skus["500"]!, 2);
    const email = `cart-signup-${uniqueToken()}@example.test`;
    const password = "a-long-enough-passphrase";
    const res = await callAction(signup, "/signup", {
      cookie: guest,
      clientIp: ip(),
      form: { name: "王小明", email, password, confirmPassword: password, redirectTo: "/checkout" },
    });
    expect([res.status, res.location]).toEqual([302, "/checkout"]);
    expect(res.headers.getSetCookie().find((c) => c.startsWith("xj_cart="))).toMatch(/Max-Age=0/i);
    const session = res.headers.getSetCookie().find((c) => c.startsWith("xj_session="))!.split(";")[0]!;
    expect(await rootCount(session)).toBe(2);
  });

  it("a login without a guest cart leaves the cart cookie alone", async () => {
    const user = await createUser(t.db);
    const res = await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: TEST_PASSWORD } });
    expect(res.status).toBe(302);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("xj_cart="))).toBe(false);
  });
});
