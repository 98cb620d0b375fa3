// The cart endpoints of the JSON API v1 as a mobile client uses them, on the real database:
// create a cart, add lines (one per POST), change and remove them, read the cart grouped per
// cooperative; and every kind of bad request answered with a 4xx in the API's shape that
// changed no row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/utils/db.server";
import { createCooperative, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Answer, type Routes, call, expectError, fingerprint, loadRoutes, stockOf, variantIdOf } from "./api-v1-cart-support";
import { createProduct } from "./api-v1-support";

let t: TestDb;
let r: Routes;
const tag = uniqueToken().toUpperCase();
const SKU = { tea: `CART-TEA-${tag}`, nuts: `CART-NUT-${tag}`, none: `CART-ZERO-${tag}`, draft: `CART-DRAFT-${tag}` };
const variantIds: number[] = [];

type CartBody = {
  id: string;
  groups: { cooperative: { slug: string; name: string }; lines: LineBody[]; subtotalCents: number; shippingCents: number; totalCents: number }[];
  itemCount: number;
  lineCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  canCheckout: boolean;
};
type LineBody = { id: number; sku: string; title: string; variant: string; unitPriceCents: number; quantity: number; lineTotalCents: number; stock: number; shipsFrom: string | null; problem: { code: string } | null };

const cartOf = (a: Answer) => a.body.cart as CartBody;
const linesOf = (a: Answer) => cartOf(a).groups.flatMap((g) => g.lines);

async function newCart(): Promise<string> {
  const a = await call(r.carts, "/api/v1/carts", { method: "POST" });
  expect(a.status).toBe(201);
  return a.body.cartId as string;
}

const addLine = (cartId: string, body: unknown, lang = "zh-CN") =>
  call(r.lines, `/api/v1/carts/${cartId}/lines?lang=${lang}`, { json: body, params: { cartId } });

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  r = await loadRoutes();
  const tea = await createCooperative(t.db, { nameZh: "余村白茶合作社", nameEn: "Yucun Tea Co-op", shippingFeeCents: 1000, freeShippingFromCents: 20000 });
  const nuts = await createCooperative(t.db, { nameZh: "临安山核桃合作社", nameEn: "Lin'an Walnut Co-op", shippingFeeCents: 800 });
  await createProduct(t.db, { cooperativeId: tea.id, titleZh: "安吉白茶", titleEn: "Anji White Tea" }, [
    { sku: SKU.tea, nameZh: "250克罐装", nameEn: "250 g tin", priceCents: 16800, stock: 20 },
    { sku: SKU.none, nameZh: "礼盒", nameEn: "Gift box", priceCents: 30000, stock: 0 },
  ]);
  await createProduct(t.db, { cooperativeId: nuts.id, titleZh: "临安山核桃", titleEn: "" }, [{ sku: SKU.nuts, nameZh: "500克", nameEn: "500 g", priceCents: 8800, stock: 3 }]);
  await createProduct(t.db, { cooperativeId: nuts.id, status: "draft" }, [{ sku: SKU.draft, stock: 9 }]);
  for (const sku of Object.values(SKU)) variantIds.push(await variantIdOf(t.db, sku));
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("a cart through the API", () => {
  it("creates an empty cart: 201, its id, a Location, never cached", async () => {
    const a = await call(r.carts, "/api/v1/carts", { method: "POST" });
    expect(a.status).toBe(201);
    expect(a.body.cartId).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
    expect(a.headers.get("Location")).toBe(`/api/v1/carts/${a.body.cartId as string}`);
    expect(a.headers.get("Cache-Control")).toBe("no-store");
    const got = await call(r.cart, `/api/v1/carts/${a.body.cartId as string}`, { params: { cartId: a.body.cartId as string } });
    expect(got.status).toBe(200);
    expect(got.headers.get("Cache-Control")).toBe("no-store");
    expect(cartOf(got)).toMatchObject({ id: a.body.cartId, groups: [], itemCount: 0, lineCount: 0, totalCents: 0, canCheckout: false });
  });

  it("adds a new line on every POST, groups lines per cooperative with its shipping, and reads in the language asked for", async () => {
    const cartId = await newCart();
    const first = await addLine(cartId, { sku: SKU.tea, quantity: 1 });
    expect(first.status).toBe(201);
    expect(typeof first.body.lineId).toBe("number");
    const second = await addLine(cartId, { sku: SKU.tea, quantity: 2 });
    expect(second.body.lineId).not.toBe(first.body.lineId);
    const third = await addLine(cartId, { sku: SKU.nuts, quantity: 1 }, "en");
    expect(third.status).toBe(201);
    expect(third.body.lang).toBe("en");

    const cart = cartOf(third);
    expect(cart.lineCount).toBe(3);
    expect(cart.itemCount).toBe(4);
    expect(cart.groups).toHaveLength(2);
    const teaGroup = cart.groups.find((g) => g.cooperative.name === "Yucun Tea Co-op")!;
    expect(teaGroup.lines.map((l) => l.quantity).sort()).toEqual([1, 2]);
    // 3 × 168.00 = 504.00 ≥ the 200.00 free-shipping threshold.
    expect(teaGroup).toMatchObject({ subtotalCents: 50400, shippingCents: 0, totalCents: 50400 });
    const nutGroup = cart.groups.find((g) => g.cooperative.name === "Lin'an Walnut Co-op")!;
    expect(nutGroup).toMatchObject({ subtotalCents: 8800, shippingCents: 800, totalCents: 9600 });
    // English falls back to Chinese where no English was written.
    expect(nutGroup.lines[0]).toMatchObject({ sku: SKU.nuts, title: "临安山核桃", variant: "500 g", unitPriceCents: 8800, lineTotalCents: 8800, stock: 3, shipsFrom: null, problem: null });
    expect(teaGroup.lines[0]).toMatchObject({ title: "Anji White Tea", variant: "250 g tin" });
    expect(cart).toMatchObject({ subtotalCents: 59200, shippingCents: 800, totalCents: 60000, canCheckout: true });
    // Internal ids of variants and cooperatives stay inside.
    expect(JSON.stringify(cart)).not.toMatch(/variantId|"cooperativeId"|"userId"/);

    const zh = await call(r.cart, `/api/v1/carts/${cartId}`, { params: { cartId } });
    expect(linesOf(zh).find((l) => l.sku === SKU.tea)!.title).toBe("安吉白茶");
  });

  it("changes a line's quantity and removes a line, answering with the cart", async () => {
    const cartId = await newCart();
    const added = await addLine(cartId, { sku: SKU.tea, quantity: 1 });
    const lineId = String(added.body.lineId);
    const other = await addLine(cartId, { sku: SKU.nuts, quantity: 1 });

    const patched = await call(r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { method: "PATCH", json: { quantity: 5 }, params: { cartId, lineId } });
    expect(patched.status).toBe(200);
    expect(linesOf(patched).find((l) => l.id === Number(lineId))!.quantity).toBe(5);

    const removed = await call(r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { method: "DELETE", params: { cartId, lineId } });
    expect(removed.status).toBe(200);
    expect(linesOf(removed).map((l) => l.id)).toEqual([other.body.lineId]);
    // Gone is gone.
    const again = await call(r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { method: "DELETE", params: { cartId, lineId } });
    expectError(again, 404, "not_found");
    // Adding or changing does not take stock: only checkout does.
    expect(await stockOf(t.db, SKU.tea)).toBe(20);
  });

  it("answers 409 sold_out naming the SKU, 409 not_enough_stock beyond what is left; a line raised past the stock shows its problem", async () => {
    const cartId = await newCart();
    const soldOut = await addLine(cartId, { sku: SKU.none, quantity: 1 });
    expectError(soldOut, 409, "sold_out");
    expect(soldOut.body.error!.message).toContain(SKU.none);
    const tooMany = await addLine(cartId, { sku: SKU.nuts, quantity: 4 });
    expectError(tooMany, 409, "not_enough_stock");
    expect(tooMany.body.error!.message).toContain(SKU.nuts);
    const lineId = String((await addLine(cartId, { sku: SKU.nuts, quantity: 1 })).body.lineId);
    const patched = await call(r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { method: "PATCH", json: { quantity: 50 }, params: { cartId, lineId } });
    // Changing a quantity takes nothing: the cart says what checkout would refuse.
    expect(patched.status).toBe(200);
    expect(linesOf(patched)[0]).toMatchObject({ quantity: 50, stock: 3, problem: { code: "not_enough_stock", available: 3 } });
    expect(cartOf(patched).canCheckout).toBe(false);
  });
});

describe("bad requests: a 4xx in the error shape, and no row changed", () => {
  let cartId: string;
  let otherCartId: string;
  let lineId: string;
  let otherLineId: string;

  beforeAll(async () => {
    cartId = await newCart();
    otherCartId = await newCart();
    lineId = String((await addLine(cartId, { sku: SKU.tea, quantity: 2 })).body.lineId);
    otherLineId = String((await addLine(otherCartId, { sku: SKU.tea, quantity: 1 })).body.lineId);
  });

  const unchanged = async (run: () => Promise<void>) => {
    const before = await fingerprint(t.db, { cartIds: [cartId, otherCartId], variantIds });
    await run();
    expect(await fingerprint(t.db, { cartIds: [cartId, otherCartId], variantIds })).toBe(before);
  };

  const long = "长".repeat(10_000);
  const badLines: [string, unknown, string][] = [
    ["an empty object", {}, "sku"],
    ["no quantity", { sku: SKU.tea }, "quantity"],
    ["quantity 0", { sku: SKU.tea, quantity: 0 }, "quantity"],
    ["quantity -1", { sku: SKU.tea, quantity: -1 }, "quantity"],
    ["quantity 100", { sku: SKU.tea, quantity: 100 }, "quantity"],
    ["quantity 1.5", { sku: SKU.tea, quantity: 1.5 }, "quantity"],
    ['quantity "2"', { sku: SKU.tea, quantity: "2" }, "quantity"],
    ["quantity null", { sku: SKU.tea, quantity: null }, "quantity"],
    ["a huge quantity", { sku: SKU.tea, quantity: Number.MAX_VALUE }, "quantity"],
    ["a numeric sku", { sku: 42, quantity: 1 }, "sku"],
    ["an array sku", { sku: [SKU.tea], quantity: 1 }, "sku"],
    ["a 10 000-character sku", { sku: long, quantity: 1 }, "sku"],
    ["a sku with spaces inside", { sku: "A B", quantity: 1 }, "sku"],
    ["a NUL in the sku", { sku: `${SKU.tea}\u0000`, quantity: 1 }, "sku"],
  ];

  it.each(badLines)("POST a line with %s → 400 invalid_body naming the field", async (_name, body, field) => {
    await unchanged(async () => {
      const a = await addLine(cartId, body);
      expectError(a, 400, "invalid_body");
      expect(Object.keys(a.body.error!.fields ?? {})).toContain(field);
    });
  });

  it("POST a line that is not a JSON object → 400 invalid_body", async () => {
    await unchanged(async () => {
      const raw = async (raw: BodyInit, type: string | null) => {
        const headers: Record<string, string> = type ? { "Content-Type": type } : {};
        return call(r.lines, `/api/v1/carts/${cartId}/lines`, { method: "POST", raw, headers, params: { cartId } });
      };
      for (const [body, type] of [
        ["{not json", "application/json"],
        ["", "application/json"],
        ["[]", "application/json"],
        [`[{"sku":"${SKU.tea}","quantity":1}]`, "application/json"],
        ["null", "application/json"],
        ['"text"', "application/json"],
        ["12", "application/json"],
        [`sku=${SKU.tea}&quantity=1`, "application/x-www-form-urlencoded"],
        [`{"sku":"${SKU.tea}","quantity":1}`, "text/plain"],
        [`{"sku":"${SKU.tea}","quantity":1}`, null],
        [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), "application/json"],
        // Nested deeper than a recursive walk could go, with a NUL at the bottom.
        [`{"sku":"${SKU.tea}","quantity":1,"x":${"[".repeat(30_000)}"\u0000"${"]".repeat(30_000)}}`, "application/json"],
        [`{"sku":"${SKU.tea}","quantity":1,"${"k".repeat(5000)}":"\u0000"}`, "application/json"],
      ] as [BodyInit, string | null][]) {
        expectError(await raw(body, type), 400, "invalid_body");
      }
    });
  });

  it("a body over 64 KB → 413 payload_too_large, with or without Content-Length, and the connection closes", async () => {
    await unchanged(async () => {
      const big = JSON.stringify({ sku: SKU.tea, quantity: 1, padding: "x".repeat(70_000) });
      const declared = await call(r.lines, `/api/v1/carts/${cartId}/lines`, {
        method: "POST",
        raw: big,
        headers: { "Content-Type": "application/json", "Content-Length": String(big.length) },
        params: { cartId },
      });
      expectError(declared, 413, "payload_too_large");
      expect(declared.headers.get("Connection")).toBe("close");
      // Chunked: no length announced, the reader stops counting at the limit.
      for (const size of [70_000, 3_000_000]) {
        const stream = new Blob([JSON.stringify({ sku: SKU.tea, quantity: 1, padding: "x".repeat(size) })]).stream();
        const request = new Request(`http://test.local/api/v1/carts/${cartId}/lines`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: stream,
          duplex: "half",
        } as RequestInit);
        const res = await r.lines.action({ request, params: { cartId }, context: {} } as never);
        expect(res.status).toBe(413);
      }
    });
  });

  it("an unknown or unsellable SKU → 4xx naming it", async () => {
    await unchanged(async () => {
      const unknown = await addLine(cartId, { sku: `NOPE-${tag}`, quantity: 1 });
      expectError(unknown, 404, "unknown_sku");
      expect(unknown.body.error!.message).toContain(`NOPE-${tag}`);
      const draft = await addLine(cartId, { sku: SKU.draft, quantity: 1 });
      expectError(draft, 409, "unavailable");
      expect(draft.body.error!.message).toContain(SKU.draft);
    });
  });

  it("an unknown cart, a malformed cart id, another cart's line, a malformed line id → 404 not_found", async () => {
    await unchanged(async () => {
      const unknownCart = "x".repeat(32);
      expectError(await call(r.cart, `/api/v1/carts/${unknownCart}`, { params: { cartId: unknownCart } }), 404, "not_found");
      expectError(await call(r.cart, "/api/v1/carts/short", { params: { cartId: "short" } }), 404, "not_found");
      expectError(await call(r.cart, "/api/v1/carts/'%3B--", { params: { cartId: "';--" } }), 404, "not_found");
      expectError(await addLine(unknownCart, { sku: SKU.tea, quantity: 1 }), 404, "not_found");
      const patch = (c: string, l: string, json: unknown = { quantity: 3 }) =>
        call(r.line, `/api/v1/carts/${c}/lines/${l}`, { method: "PATCH", json, params: { cartId: c, lineId: l } });
      const del = (c: string, l: string) => call(r.line, `/api/v1/carts/${c}/lines/${l}`, { method: "DELETE", params: { cartId: c, lineId: l } });
      expectError(await patch(cartId, otherLineId), 404, "not_found");
      expectError(await del(cartId, otherLineId), 404, "not_found");
      expectError(await patch(unknownCart, lineId), 404, "not_found");
      for (const bad of ["0", "-1", "1.5", "abc", "99999999999", "2147483648", "1e3", " 1"]) {
        expectError(await patch(cartId, bad), 404, "not_found");
        expectError(await del(cartId, bad), 404, "not_found");
      }
      // A bad body on the right line is still a 400.
      for (const json of [{ quantity: 0 }, { quantity: 100 }, { quantity: "3" }, {}, { quantity: 2.5 }]) {
        expectError(await patch(cartId, lineId, json), 400, "invalid_body");
      }
      expectError(await call(r.cart, `/api/v1/carts/${cartId}?lang=fr`, { params: { cartId } }), 400, "invalid_params");
    });
  });

  it("a method an endpoint does not take → 405 with Allow", async () => {
    await unchanged(async () => {
      const cases: [Routes[keyof Routes], string, Record<string, string>, string, string][] = [
        [r.carts, "/api/v1/carts", {}, "GET", "POST"],
        [r.carts, "/api/v1/carts", {}, "DELETE", "POST"],
        [r.cart, `/api/v1/carts/${cartId}`, { cartId }, "POST", "GET, HEAD"],
        [r.cart, `/api/v1/carts/${cartId}`, { cartId }, "DELETE", "GET, HEAD"],
        [r.lines, `/api/v1/carts/${cartId}/lines`, { cartId }, "GET", "POST"],
        [r.lines, `/api/v1/carts/${cartId}/lines`, { cartId }, "PUT", "POST"],
        [r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { cartId, lineId }, "GET", "PATCH, DELETE"],
        [r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { cartId, lineId }, "POST", "PATCH, DELETE"],
        [r.line, `/api/v1/carts/${cartId}/lines/${lineId}`, { cartId, lineId }, "PUT", "PATCH, DELETE"],
      ];
      for (const [route, url, params, method, allow] of cases) {
        const a = await call(route, url, { method, params });
        expectError(a, 405, "method_not_allowed");
        expect(a.headers.get("Allow")).toBe(allow);
      }
    });
  });
});
