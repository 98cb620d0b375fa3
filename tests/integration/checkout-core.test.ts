// The buying core on the real database: carts, checkout that takes and holds stock, payment
// events applied once, holds that expire, late payments, and the compensation when a payment
// cannot be opened.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cartLines, cooperatives, orders, paymentEvents, productVariants, refunds, sellerOrders, stockHolds } from "../../db/schema/index";
import {
  CartError,
  addToCart,
  createCart,
  deleteAbandonedCarts,
  getCart,
  mergeGuestCartIntoUser,
  setLineQuantity,
} from "~/modules/cart/cart.server";
import { CheckoutError, placeOrder } from "~/modules/orders/checkout.server";
import { releaseExpiredHolds } from "~/modules/orders/holds.server";
import { applyPaymentEvent } from "~/modules/orders/payment-events.server";
import type { CheckoutInput } from "~/modules/orders/schemas";
import { verifyOrderAccessToken } from "~/modules/orders/access.server";
import { completeTestPayment, createTestProvider } from "~/modules/payments/test-provider.server";
import type { PaymentProvider } from "~/modules/payments/port";
import { createCooperative, createShopVariant, createUser, stockOf } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";

let t: TestDb;
beforeAll(() => {
  t = openTestDb(12);
});
afterAll(() => t.close());

const ORIGIN = "http://shop.test";
const buyer: CheckoutInput = {
  email: "buyer@example.com",
  name: "王小明",
  phone: "13800138000",
  address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "天荒坪镇余村 1 号" },
};

async function cartWith(lines: { sku: string; quantity: number }[], merge = true): Promise<string> {
  const cartId = await createCart(t.db);
  for (const line of lines) await addToCart(t.db, cartId, line, { merge });
  return cartId;
}

function checkout(cartId: string, provider?: PaymentProvider) {
  return placeOrder(t.db, { cartId, userId: null, input: buyer, locale: "zh-CN", origin: ORIGIN, provider });
}

async function orderRow(number: string) {
  const [row] = await t.db.select().from(orders).where(eq(orders.number, number));
  return row!;
}

async function partsOf(orderId: number) {
  return t.db.select().from(sellerOrders).where(eq(sellerOrders.orderId, orderId)).orderBy(sellerOrders.id);
}

describe("cart", () => {
  it("merges a product added twice into one line on pages, keeps separate lines for the API", async () => {
    const v = await createShopVariant(t.db, { stock: 10 });
    const merged = await cartWith([{ sku: v.sku, quantity: 1 }, { sku: v.sku, quantity: 2 }]);
    const cart = (await getCart(t.db, merged))!;
    expect(cart.lineCount).toBe(1);
    expect(cart.itemCount).toBe(3);
    const separate = await cartWith([{ sku: v.sku, quantity: 1 }, { sku: v.sku, quantity: 2 }], false);
    expect((await getCart(t.db, separate))!.lineCount).toBe(2);
  });

  it("refuses quantities out of range, unknown SKUs, more than the stock and products not for sale", async () => {
    const v = await createShopVariant(t.db, { stock: 3 });
    const draft = await createShopVariant(t.db, { status: "draft" });
    const pending = await createShopVariant(t.db, { cooperative: await createCooperative(t.db, { status: "pending" }) });
    const cartId = await createCart(t.db);
    const codeOf = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof CartError ? e.code : String(e)));
    expect(await codeOf(addToCart(t.db, cartId, { sku: v.sku, quantity: 0 }, { merge: true }))).toBe("invalid_quantity");
    expect(await codeOf(addToCart(t.db, cartId, { sku: v.sku, quantity: 100 }, { merge: true }))).toBe("invalid_quantity");
    expect(await codeOf(addToCart(t.db, cartId, { sku: v.sku, quantity: 1.5 }, { merge: true }))).toBe("invalid_quantity");
    expect(await codeOf(addToCart(t.db, cartId, { sku: "NOPE-404", quantity: 1 }, { merge: true }))).toBe("unknown_sku");
    expect(await codeOf(addToCart(t.db, cartId, { sku: v.sku, quantity: 4 }, { merge: true }))).toBe("not_enough_stock");
    expect(await codeOf(addToCart(t.db, cartId, { sku: draft.sku, quantity: 1 }, { merge: true }))).toBe("unavailable");
    expect(await codeOf(addToCart(t.db, cartId, { sku: pending.sku, quantity: 1 }, { merge: true }))).toBe("unavailable");
    expect(await codeOf(addToCart(t.db, "not-a-cart", { sku: v.sku, quantity: 1 }, { merge: true }))).toBe("cart_not_found");
    expect((await getCart(t.db, cartId))!.lineCount).toBe(0);
  });

  it("moves a guest's lines into the user's cart at login, adding up quantities", async () => {
    const user = await createUser(t.db);
    const a = await createShopVariant(t.db, { stock: 20 });
    const b = await createShopVariant(t.db, { stock: 20 });
    const userCart = await mergeGuestCartIntoUser(t.db, await cartWith([{ sku: a.sku, quantity: 1 }]), user.id);
    const guest = await cartWith([{ sku: a.sku, quantity: 2 }, { sku: b.sku, quantity: 1 }]);
    expect(await mergeGuestCartIntoUser(t.db, guest, user.id)).toBe(userCart);
    const cart = (await getCart(t.db, userCart))!;
    expect(cart.groups.flatMap((g) => g.lines).map((l) => [l.sku, l.quantity]).sort()).toEqual([[a.sku, 3], [b.sku, 1]].sort());
    expect(await getCart(t.db, guest)).toBeNull();
  });

  it("groups lines per cooperative with each one's flat fee and free-shipping threshold", async () => {
    const flat = await createCooperative(t.db, { shippingFeeCents: 1200, freeShippingFromCents: 20_000 });
    const free = await createCooperative(t.db, { shippingFeeCents: 800, freeShippingFromCents: 10_000 });
    const a = await createShopVariant(t.db, { cooperative: flat, priceCents: 5000 });
    const b = await createShopVariant(t.db, { cooperative: free, priceCents: 6000 });
    const cart = (await getCart(t.db, await cartWith([{ sku: a.sku, quantity: 1 }, { sku: b.sku, quantity: 2 }])))!;
    const byCoop = new Map(cart.groups.map((g) => [g.cooperative.id, g]));
    expect(byCoop.get(flat.id)).toMatchObject({ subtotalCents: 5000, shippingCents: 1200, totalCents: 6200 });
    expect(byCoop.get(free.id)).toMatchObject({ subtotalCents: 12_000, shippingCents: 0, totalCents: 12_000 });
    expect(cart.totalCents).toBe(18_200);
  });
});

describe("checkout", () => {
  it("splits one order per cooperative, takes and holds the stock, and signs the access token", async () => {
    const coopA = await createCooperative(t.db, { shippingFeeCents: 1000, commissionBps: 800 });
    const coopB = await createCooperative(t.db, { shippingFeeCents: 0, commissionBps: 1000 });
    const tea = await createShopVariant(t.db, { cooperative: coopA, stock: 5, priceCents: 16_800 });
    const nuts = await createShopVariant(t.db, { cooperative: coopB, stock: 5, priceCents: 9_900, shipsFrom: "2027-04-10" });
    const placed = await checkout(await cartWith([{ sku: tea.sku, quantity: 2 }, { sku: nuts.sku, quantity: 1 }]));

    expect(placed.status).toBe("pending_payment");
    expect(placed.paymentUrl).toBe(`${ORIGIN}/pay/test/${placed.orderNumber}?t=${placed.accessToken}`);
    expect(verifyOrderAccessToken(placed.orderNumber, placed.accessToken)).toBe(true);
    const tampered = placed.accessToken.slice(0, -1) + (placed.accessToken.endsWith("A") ? "B" : "A");
    expect(verifyOrderAccessToken(placed.orderNumber, tampered)).toBe(false);
    const order = await orderRow(placed.orderNumber);
    expect(order).toMatchObject({ subtotalCents: 43_500, shippingCents: 1000, totalCents: 44_500, status: "pending_payment", provider: "test" });
    const parts = await partsOf(order.id);
    expect(parts.map((p) => [p.cooperativeId, p.totalCents, p.commissionCents])).toEqual([
      [coopA.id, 34_600, 2688],
      [coopB.id, 9_900, 990],
    ]);
    expect(await stockOf(t.db, tea.id)).toBe(3);
    expect(await stockOf(t.db, nuts.id)).toBe(4);
    const holds = await t.db.select().from(stockHolds).where(eq(stockHolds.orderId, order.id));
    expect(holds.map((h) => [h.quantity, h.state])).toEqual(expect.arrayContaining([[2, "held"], [1, "held"]]));
    const minutes = (holds[0]!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it("answers sold_out and writes nothing when another buyer took the stock first", async () => {
    const v = await createShopVariant(t.db, { stock: 2 });
    const first = await cartWith([{ sku: v.sku, quantity: 2 }]);
    const second = await cartWith([{ sku: v.sku, quantity: 1 }]);
    await checkout(first);
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(orders);
    const error = await checkout(second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckoutError);
    expect((error as CheckoutError).code).toBe("sold_out");
    expect((error as CheckoutError).status).toBe(409);
    expect((error as CheckoutError).lines[0]!.sku).toBe(v.sku);
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(orders)).toEqual(before);
    expect(await stockOf(t.db, v.id)).toBe(0);
  });

  it("adds up two lines of one SKU before taking the stock", async () => {
    const v = await createShopVariant(t.db, { stock: 3 });
    const cartId = await cartWith([{ sku: v.sku, quantity: 2 }, { sku: v.sku, quantity: 1 }], false);
    await checkout(cartId);
    expect(await stockOf(t.db, v.id)).toBe(0);
    const again = await cartWith([{ sku: v.sku, quantity: 1 }, { sku: v.sku, quantity: 1 }], false).catch((e: unknown) => e);
    expect((again as CartError).code).toBe("sold_out");
  });

  it("re-checks prices and availability, naming the lines that changed", async () => {
    const v = await createShopVariant(t.db, { stock: 5, priceCents: 5000 });
    const cartId = await cartWith([{ sku: v.sku, quantity: 1 }]);
    await t.db.update(productVariants).set({ priceCents: 5500 }).where(eq(productVariants.id, v.id));
    const error = (await checkout(cartId).catch((e: unknown) => e)) as CheckoutError;
    expect(error.code).toBe("cart_changed");
    expect(error.lines[0]!.problem).toEqual({ kind: "price_changed", fromCents: 5000, toCents: 5500 });
    expect(await stockOf(t.db, v.id)).toBe(5);
    // Touching the line accepts today's price.
    const line = (await getCart(t.db, cartId))!.groups[0]!.lines[0]!;
    await setLineQuantity(t.db, cartId, line.id, 1);
    expect((await getCart(t.db, cartId))!.hasProblems).toBe(false);
    const placed = await checkout(cartId);
    expect((await orderRow(placed.orderNumber)).subtotalCents).toBe(5500);
  });

  it("refuses an empty or unknown cart", async () => {
    expect(((await checkout(await createCart(t.db)).catch((e: unknown) => e)) as CheckoutError).code).toBe("cart_empty");
    expect(((await checkout("AAAAAAAAAAAAAAAAAAAAAA").catch((e: unknown) => e)) as CheckoutError).code).toBe("cart_not_found");
  });

  it("a new checkout of the same cart replaces the open one and gives its stock back first", async () => {
    const v = await createShopVariant(t.db, { stock: 1 });
    const cartId = await cartWith([{ sku: v.sku, quantity: 1 }]);
    const first = await checkout(cartId);
    const second = await checkout(cartId);
    expect((await orderRow(first.orderNumber)).status).toBe("cancelled");
    expect((await orderRow(second.orderNumber)).status).toBe("pending_payment");
    expect(await stockOf(t.db, v.id)).toBe(0);
  });

  it("cancels the order and gives the stock back when the payment cannot be opened", async () => {
    const v = await createShopVariant(t.db, { stock: 4 });
    const broken: PaymentProvider = { ...createTestProvider(), startPayment: () => Promise.reject(new Error("network down")) };
    const cartId = await cartWith([{ sku: v.sku, quantity: 3 }]);
    const error = (await checkout(cartId, broken).catch((e: unknown) => e)) as CheckoutError;
    expect(error.code).toBe("payment_unavailable");
    expect(error.status).toBe(503);
    expect(await stockOf(t.db, v.id)).toBe(4);
    const [row] = await t.db.select().from(orders).where(eq(orders.cartId, cartId));
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "payment_start_failed" });
  });
});

describe("payment events", () => {
  it("a successful payment marks the order and every seller part paid, consumes the holds and empties the cart", async () => {
    const v = await createShopVariant(t.db, { stock: 5 });
    const cartId = await cartWith([{ sku: v.sku, quantity: 2 }]);
    const placed = await checkout(cartId);
    const result = await completeTestPayment(t.db, placed.orderNumber, "succeeded", { origin: ORIGIN });
    expect(result.outcome).toBe("applied");
    const order = await orderRow(placed.orderNumber);
    expect(order.status).toBe("paid");
    expect(order.paidAt).not.toBeNull();
    expect((await partsOf(order.id)).every((p) => p.status === "paid")).toBe(true);
    expect((await t.db.select().from(stockHolds).where(eq(stockHolds.orderId, order.id)))[0]!.state).toBe("consumed");
    expect(await t.db.select().from(cartLines).where(eq(cartLines.cartId, cartId))).toEqual([]);
    expect(await stockOf(t.db, v.id)).toBe(3);
    // A later failure report cannot undo a payment.
    expect((await completeTestPayment(t.db, placed.orderNumber, "failed", { origin: ORIGIN })).outcome).toBe("ignored");
    expect((await orderRow(placed.orderNumber)).status).toBe("paid");
  });

  it("a failed payment cancels the order and puts the stock back; the cart stays for another try", async () => {
    const v = await createShopVariant(t.db, { stock: 5 });
    const cartId = await cartWith([{ sku: v.sku, quantity: 2 }]);
    const placed = await checkout(cartId);
    expect(await stockOf(t.db, v.id)).toBe(3);
    expect((await completeTestPayment(t.db, placed.orderNumber, "failed", { origin: ORIGIN })).outcome).toBe("applied");
    expect(await orderRow(placed.orderNumber)).toMatchObject({ status: "cancelled", cancelReason: "payment_failed" });
    expect(await stockOf(t.db, v.id)).toBe(5);
    expect((await getCart(t.db, cartId))!.itemCount).toBe(2);
  });

  it("one event delivered five times at once changes the order once", async () => {
    const v = await createShopVariant(t.db, { stock: 5 });
    const placed = await checkout(await cartWith([{ sku: v.sku, quantity: 1 }]));
    const event = {
      provider: "test" as const,
      eventId: `evt_${placed.orderNumber}`,
      type: "test.payment_succeeded",
      kind: "payment_succeeded" as const,
      orderNumber: placed.orderNumber,
      paymentId: "pi_once",
    };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => applyPaymentEvent(t.db, event, { origin: ORIGIN })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["applied", "duplicate", "duplicate", "duplicate", "duplicate"]);
    const order = await orderRow(placed.orderNumber);
    expect(order.status).toBe("paid");
    expect(await t.db.select().from(paymentEvents).where(eq(paymentEvents.eventId, event.eventId))).toHaveLength(1);
    expect(await stockOf(t.db, v.id)).toBe(4);
  });

  it("ignores an event of an unknown order, of another provider, or for another amount", async () => {
    const v = await createShopVariant(t.db, { stock: 5 });
    const placed = await checkout(await cartWith([{ sku: v.sku, quantity: 1 }]));
    const base = { type: "x", kind: "payment_succeeded" as const, paymentId: "pi" };
    const apply = (e: Partial<Parameters<typeof applyPaymentEvent>[1]>) =>
      applyPaymentEvent(t.db, { ...base, provider: "test", eventId: `e_${Math.random()}`, orderNumber: placed.orderNumber, ...e }, { origin: ORIGIN });
    expect((await apply({ orderNumber: "XJ000000-AAAAAA" })).outcome).toBe("ignored");
    expect((await apply({ provider: "stripe" })).outcome).toBe("ignored");
    expect((await apply({ amountCents: 1 })).outcome).toBe("ignored");
    expect((await orderRow(placed.orderNumber)).status).toBe("pending_payment");
  });
});

describe("holds", () => {
  it("the sweeper releases expired holds only, once, even when two sweep at the same time", async () => {
    const v = await createShopVariant(t.db, { stock: 6 });
    const expired = await checkout(await cartWith([{ sku: v.sku, quantity: 2 }]));
    const fresh = await checkout(await cartWith([{ sku: v.sku, quantity: 1 }]));
    await t.db.update(orders).set({ holdExpiresAt: new Date(Date.now() - 60_000) }).where(eq(orders.number, expired.orderNumber));
    expect(await stockOf(t.db, v.id)).toBe(3);
    const other = openTestDb(2);
    try {
      await Promise.all([releaseExpiredHolds(t.db), releaseExpiredHolds(other.db)]);
    } finally {
      await other.close();
    }
    expect(await stockOf(t.db, v.id)).toBe(5);
    expect(await orderRow(expired.orderNumber)).toMatchObject({ status: "cancelled", cancelReason: "hold_expired" });
    expect((await orderRow(fresh.orderNumber)).status).toBe("pending_payment");
  });

  it("a payment after the hold expired keeps the sale when the stock can be taken again", async () => {
    const v = await createShopVariant(t.db, { stock: 3 });
    const placed = await checkout(await cartWith([{ sku: v.sku, quantity: 2 }]));
    await t.db.update(orders).set({ holdExpiresAt: new Date(Date.now() - 1000) }).where(eq(orders.number, placed.orderNumber));
    await releaseExpiredHolds(t.db);
    expect(await stockOf(t.db, v.id)).toBe(3);
    const result = await completeTestPayment(t.db, placed.orderNumber, "succeeded", { origin: ORIGIN });
    expect(result.outcome).toBe("late_payment_taken");
    const order = await orderRow(placed.orderNumber);
    expect(order.status).toBe("paid");
    expect((await partsOf(order.id)).every((p) => p.status === "paid")).toBe(true);
    expect(await stockOf(t.db, v.id)).toBe(1);
  });

  it("a payment after the hold expired is refunded automatically when the stock is gone", async () => {
    const v = await createShopVariant(t.db, { stock: 2 });
    const late = await checkout(await cartWith([{ sku: v.sku, quantity: 2 }]));
    await t.db.update(orders).set({ holdExpiresAt: new Date(Date.now() - 1000) }).where(eq(orders.number, late.orderNumber));
    await releaseExpiredHolds(t.db);
    const other = await checkout(await cartWith([{ sku: v.sku, quantity: 1 }]));
    await completeTestPayment(t.db, other.orderNumber, "succeeded", { origin: ORIGIN });
    const result = await completeTestPayment(t.db, late.orderNumber, "succeeded", { origin: ORIGIN });
    expect(result.outcome).toBe("late_payment_refunded");
    const order = await orderRow(late.orderNumber);
    expect(order.status).toBe("refunded");
    expect(order.refundedCents).toBe(order.totalCents);
    const [refund] = await t.db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(refund).toMatchObject({ amountCents: order.totalCents, reason: "late_payment_sold_out" });
    expect(refund!.providerRefundId).toMatch(/^test_re_/);
    expect(await stockOf(t.db, v.id)).toBe(1);
  });
});

describe("abandoned checkouts and carts", () => {
  it("units held by the cart's own open checkout still count as available in that cart", async () => {
    const v = await createShopVariant(t.db, { stock: 2 });
    const cartId = await cartWith([{ sku: v.sku, quantity: 2 }]);
    await checkout(cartId); // the buyer left the payment page
    expect(await stockOf(t.db, v.id)).toBe(0);
    const cart = (await getCart(t.db, cartId))!;
    expect(cart.hasProblems).toBe(false);
    // …while another shopper's cart sees it sold out.
    await expect(addToCart(t.db, await createCart(t.db), { sku: v.sku, quantity: 1 }, { merge: true })).rejects.toMatchObject({ code: "sold_out" });
    const again = await checkout(cartId);
    expect((await orderRow(again.orderNumber)).status).toBe("pending_payment");
  });

  it("deletes empty guest carts after a day and untouched ones after 60 days, never a user's", async () => {
    const v = await createShopVariant(t.db, { stock: 5 });
    const user = await createUser(t.db);
    const empty = await createCart(t.db);
    const old = await cartWith([{ sku: v.sku, quantity: 1 }]);
    const recent = await cartWith([{ sku: v.sku, quantity: 1 }]);
    const mine = await createCart(t.db, user.id);
    const age = (id: string, days: number) =>
      t.db.execute(sql`UPDATE carts SET updated_at = now() - make_interval(days => ${days}) WHERE id = ${id}`);
    await age(empty, 2);
    await age(old, 61);
    await age(recent, 30);
    await age(mine, 400);
    await deleteAbandonedCarts(t.db);
    expect(await getCart(t.db, empty)).toBeNull();
    expect(await getCart(t.db, old)).toBeNull();
    expect(await getCart(t.db, recent)).not.toBeNull();
    expect(await getCart(t.db, mine)).not.toBeNull();
  });
});

describe("shipping settings in the order", () => {
  it("uses each cooperative's fee at the time of checkout", async () => {
    const coop = await createCooperative(t.db, { shippingFeeCents: 1500, freeShippingFromCents: null });
    const v = await createShopVariant(t.db, { cooperative: coop, priceCents: 100_000 });
    const placed = await checkout(await cartWith([{ sku: v.sku, quantity: 1 }]));
    await t.db.update(cooperatives).set({ shippingFeeCents: 0 }).where(eq(cooperatives.id, coop.id));
    const order = await orderRow(placed.orderNumber);
    expect(order.shippingCents).toBe(1500);
    const [part] = await t.db.select().from(sellerOrders).where(and(eq(sellerOrders.orderId, order.id)));
    expect(part!.shippingCents).toBe(1500);
  });
});
