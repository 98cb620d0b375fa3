// Refunds and Connect transfers of orders paid through Stripe (the local double): one seller's
// part (its transfer reversed, the order partially refunded), the whole order, a provider that
// refuses (nothing recorded, a retry is safe), and the same functions with the test provider.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type PlacedOrder,
  type Seller,
  ORIGIN,
  SECRET_KEY,
  deliverSigned,
  double,
  orderFingerprint,
  placeStripeOrder,
  seller,
  route,
  sessionEvent,
  setupStripeFlow,
  t,
} from "./stripe-support";

setupStripeFlow();

let refunds: typeof import("~/modules/orders/refunds.server");
let transfers: typeof import("~/modules/orders/transfers.server");

beforeAll(async () => {
  refunds = await import("~/modules/orders/refunds.server");
  transfers = await import("~/modules/orders/transfers.server");
});

type Row = Record<string, unknown>;

async function orderRow(id: number) {
  const [row] = await t.db.execute<Row>(sql`SELECT status, refunded_cents, total_cents FROM orders WHERE id = ${id}`);
  return row!;
}

async function sellerRow(id: number) {
  const [row] = await t.db.execute<{ status: string; refunded_cents: number; refunded_at: Date | null; transfer_id: string | null; transfer_reversal_id: string | null }>(
    sql`SELECT status, refunded_cents, refunded_at, transfer_id, transfer_reversal_id FROM seller_orders WHERE id = ${id}`,
  );
  return row!;
}

async function refundRows(orderId: number) {
  return t.db.execute<{ seller_order_id: number | null; amount_cents: number; reason: string; provider_refund_id: string; user_id: number | null }>(
    sql`SELECT seller_order_id, amount_cents, reason, provider_refund_id, user_id FROM refunds WHERE order_id = ${orderId} ORDER BY id`,
  );
}

function refundRequests(order: PlacedOrder) {
  return double.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[orderNumber]"] === order.number);
}

function reversalRequests(transferId: string | null) {
  return transferId ? double.requestsTo("POST", `/v1/transfers/${transferId}/reversals`) : [];
}

const paymentIdOf = (order: PlacedOrder) => `pi_${order.number.replace(/[^A-Za-z0-9]/g, "")}`;

type Paid = { order: PlacedOrder; tea: Seller; nuts: Seller; honey: Seller; part: (s: Seller) => PlacedOrder["sellerOrders"][number] };

/** An order from three cooperatives (tea and nuts on Connect, honey not), paid through the webhook. */
async function paidOrder(options: { pay?: boolean } = {}): Promise<Paid> {
  const tea = await seller(t.db, { price: "168.00", commissionBps: 800 });
  const nuts = await seller(t.db, { price: "45.50", commissionBps: 1000 });
  const honey = await seller(t.db, { price: "88.00", account: null });
  const order = await placeStripeOrder(t.db, [
    { sku: tea.sku, quantity: 1 },
    { sku: nuts.sku, quantity: 2 },
    { sku: honey.sku, quantity: 1 },
  ]);
  if (options.pay !== false) {
    const answer = await deliverSigned(route, sessionEvent(order, "checkout.session.completed"));
    expect(answer.body.outcome).toBe("applied");
  }
  return { order, tea, nuts, honey, part: (s) => order.sellerOrders.find((so) => so.cooperativeId === s.id)! };
}

async function expectRefundError(promise: Promise<unknown>, code: string, status: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(refunds.RefundError);
  expect(error).toMatchObject({ code, status });
}

describe("refunding one seller's part", () => {
  it("refunds its total at Stripe, reverses its transfer and leaves the order partially refunded", async () => {
    const { order, tea, nuts, part } = await paidOrder();
    const teaPart = part(tea);
    const teaBefore = await sellerRow(teaPart.id);
    const nutsBefore = await sellerRow(part(nuts).id);
    expect(teaBefore.transfer_id).toMatch(/^tr_/);

    const result = await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: teaPart.id, userId: null, reason: "茶叶受潮，全额退款" });
    expect(result).toMatchObject({ orderNumber: order.number, orderStatus: "partially_refunded", amountCents: teaPart.totalCents });
    expect(result.refundId).toMatch(/^re_/);

    const [refund, ...more] = refundRequests(order);
    expect(more).toHaveLength(0);
    expect(refund!.idempotencyKey).toBe(`refund-so-${teaPart.id}`);
    expect(refund!.form).toMatchObject({ payment_intent: paymentIdOf(order), amount: String(teaPart.totalCents), "metadata[reason]": "茶叶受潮，全额退款" });

    const [reversal, ...moreReversals] = reversalRequests(teaBefore.transfer_id);
    expect(moreReversals).toHaveLength(0);
    expect(reversal!.idempotencyKey).toBe(`reverse-${teaPart.id}`);
    expect(reversal!.form).toEqual({ amount: String(teaPart.totalCents - teaPart.commissionCents) });

    const teaAfter = await sellerRow(teaPart.id);
    expect(teaAfter).toMatchObject({ status: "refunded", refunded_cents: teaPart.totalCents, transfer_id: teaBefore.transfer_id });
    expect(teaAfter.refunded_at).not.toBeNull();
    expect(teaAfter.transfer_reversal_id).toMatch(/^trr_/);
    expect(await orderRow(order.id)).toMatchObject({ status: "partially_refunded", refunded_cents: teaPart.totalCents });
    expect(await refundRows(order.id)).toEqual([
      { seller_order_id: teaPart.id, amount_cents: teaPart.totalCents, reason: "茶叶受潮，全额退款", provider_refund_id: result.refundId, user_id: null },
    ]);
    // The other cooperatives' parts are untouched.
    expect(await sellerRow(part(nuts).id)).toEqual(nutsBefore);
    expect(reversalRequests(nutsBefore.transfer_id)).toHaveLength(0);
  });

  it("treats another cooperative's seller order as not found, and refuses a second refund, changing nothing", async () => {
    const { order, tea, nuts, part } = await paidOrder();
    const before = await orderFingerprint(t.db, order.id);
    await expectRefundError(
      refunds.refundSellerOrder(t.db, { cooperativeId: nuts.id, sellerOrderId: part(tea).id, userId: null, reason: "x" }),
      "not_found",
      404,
    );
    await expectRefundError(refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: 2_000_000_000, userId: null, reason: "x" }), "not_found", 404);
    expect(await orderFingerprint(t.db, order.id)).toBe(before);
    expect(refundRequests(order)).toHaveLength(0);

    await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "first" });
    const once = await orderFingerprint(t.db, order.id);
    await expectRefundError(
      refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "again" }),
      "not_refundable",
      409,
    );
    expect(await orderFingerprint(t.db, order.id)).toBe(once);
    expect(refundRequests(order)).toHaveLength(1);
  });

  it("refunds once when two refunds of the same part arrive together: the second waits for the first, then finds it done", async () => {
    const { order, tea, part } = await paidOrder();
    const stripe = (await import("~/modules/payments/stripe.server")).createStripeProvider({ secretKey: SECRET_KEY, apiUrl: double.url });
    const input = { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "race" };
    const results = await Promise.allSettled([0, 1].map(() => refunds.refundSellerOrder(t.db, input, { provider: stripe })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ code: "not_refundable" });
    // The part's row lock is held around the provider's call: Stripe saw one refund request.
    const reqs = refundRequests(order);
    expect(reqs.map((r) => [r.idempotencyKey, r.replayed])).toEqual([[`refund-so-${part(tea).id}`, false]]);
    expect(await refundRows(order.id)).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ status: "partially_refunded", refunded_cents: part(tea).totalCents });
    expect(reversalRequests((await sellerRow(part(tea).id)).transfer_id).filter((r) => !r.replayed)).toHaveLength(1);
  });

  it("records nothing when Stripe refuses, and goes through on a retry with the same key", async () => {
    const { order, tea, part } = await paidOrder();
    const before = await orderFingerprint(t.db, order.id);
    double.failNext({ match: "POST /v1/refunds", status: 402, type: "invalid_request_error", message: "Insufficient funds in Stripe account." });
    await expectRefundError(
      refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "retry me" }),
      "provider_failed",
      503,
    );
    expect(await orderFingerprint(t.db, order.id)).toBe(before);
    expect(reversalRequests((await sellerRow(part(tea).id)).transfer_id)).toHaveLength(0);

    const result = await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "retry me" });
    expect(result.orderStatus).toBe("partially_refunded");
    expect(refundRequests(order).map((r) => r.idempotencyKey)).toEqual([`refund-so-${part(tea).id}`, `refund-so-${part(tea).id}`]);
  });

  it("keeps the refund when the reversal fails, and reverses on the next try", async () => {
    const { order, tea, part } = await paidOrder();
    const transferId = (await sellerRow(part(tea).id)).transfer_id!;
    double.failNext({ match: `POST /v1/transfers/${transferId}/reversals`, status: 400, message: "Transfer cannot be reversed right now." });
    const result = await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "r" });
    expect(result.reversals.failed).toHaveLength(1);
    expect(await sellerRow(part(tea).id)).toMatchObject({ status: "refunded", transfer_reversal_id: null });

    const again = await transfers.reversePendingTransfers(t.db, order.id);
    expect(again.reversed).toEqual([{ sellerOrderId: part(tea).id, reversalId: expect.stringMatching(/^trr_/), amountCents: part(tea).totalCents - part(tea).commissionCents }]);
    expect((await sellerRow(part(tea).id)).transfer_reversal_id).toBe(again.reversed[0]!.reversalId);
    expect(reversalRequests(transferId).map((r) => r.idempotencyKey)).toEqual([`reverse-${part(tea).id}`, `reverse-${part(tea).id}`]);
  });

  it("refuses an unpaid order without asking Stripe", async () => {
    const { order, tea, part } = await paidOrder({ pay: false });
    await expectRefundError(
      refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "x" }),
      "not_refundable",
      409,
    );
    await expectRefundError(refunds.refundOrder(t.db, { orderId: order.id, userId: null, reason: "x" }), "not_refundable", 409);
    expect(refundRequests(order)).toHaveLength(0);
  });
});

describe("refunding a whole order", () => {
  it("refunds what is left, reverses every standing transfer and marks everything refunded", async () => {
    const { order, tea, nuts, honey, part } = await paidOrder();
    await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: part(tea).id, userId: null, reason: "tea first" });
    const nutsTransfer = (await sellerRow(part(nuts).id)).transfer_id;

    const result = await refunds.refundOrder(t.db, { orderId: order.id, userId: null, reason: "买家取消" });
    const rest = order.totalCents - part(tea).totalCents;
    expect(result).toMatchObject({ orderStatus: "refunded", amountCents: rest });

    const wholeRequest = refundRequests(order).find((r) => r.idempotencyKey === `refund-order-${order.id}`)!;
    expect(wholeRequest.form).toMatchObject({ payment_intent: paymentIdOf(order), amount: String(rest) });
    expect(reversalRequests(nutsTransfer).map((r) => r.form.amount)).toEqual([String(part(nuts).totalCents - part(nuts).commissionCents)]);

    expect(await orderRow(order.id)).toMatchObject({ status: "refunded", refunded_cents: order.totalCents });
    for (const s of [tea, nuts, honey]) expect(await sellerRow(part(s).id)).toMatchObject({ status: "refunded", refunded_cents: part(s).totalCents });
    expect((await sellerRow(part(nuts).id)).transfer_reversal_id).toMatch(/^trr_/);
    expect(await sellerRow(part(honey).id)).toMatchObject({ transfer_id: null, transfer_reversal_id: null });
    expect((await refundRows(order.id)).map((r) => [r.seller_order_id, r.amount_cents])).toEqual([
      [part(tea).id, part(tea).totalCents],
      [null, rest],
    ]);
    // Nothing is left to refund.
    await expectRefundError(refunds.refundOrder(t.db, { orderId: order.id, userId: null, reason: "again" }), "not_refundable", 409);
    await expectRefundError(
      refunds.refundSellerOrder(t.db, { cooperativeId: nuts.id, sellerOrderId: part(nuts).id, userId: null, reason: "again" }),
      "not_refundable",
      409,
    );
  });
});

describe("transfers", () => {
  it("are not repeated when run again, and a failed one is retried with the same key", async () => {
    const tea = await seller(t.db, { price: "168.00" });
    const nuts = await seller(t.db, { price: "45.50" });
    const order = await placeStripeOrder(t.db, [
      { sku: tea.sku, quantity: 1 },
      { sku: nuts.sku, quantity: 1 },
    ]);
    const [teaPart, nutsPart] = [tea, nuts].map((s) => order.sellerOrders.find((so) => so.cooperativeId === s.id)!);
    double.failNext({ match: "POST /v1/transfers", status: 400, message: "Your destination account needs to have at least one of the following capabilities enabled: transfers." });
    await deliverSigned(route, sessionEvent(order, "checkout.session.completed"));
    const byGroup = () => double.requestsTo("POST", "/v1/transfers").filter((r) => r.form.transfer_group === order.number);
    expect(byGroup()).toHaveLength(2);
    const missing = [teaPart!, nutsPart!].filter((p) => !byGroup().some((r) => r.status === 200 && r.idempotencyKey === `transfer-${p.id}`));
    expect(missing).toHaveLength(1);
    expect((await sellerRow(missing[0]!.id)).transfer_id).toBeNull();

    const report = await transfers.transferSellerShares(t.db, order.id);
    expect(report.transferred.map((x) => x.sellerOrderId)).toEqual([missing[0]!.id]);
    expect((await sellerRow(missing[0]!.id)).transfer_id).toMatch(/^tr_/);
    expect(byGroup().filter((r) => r.idempotencyKey === `transfer-${missing[0]!.id}`)).toHaveLength(2);

    const none = await transfers.transferSellerShares(t.db, order.id);
    expect(none).toEqual({ transferred: [], skipped: [], failed: [] });
    expect(byGroup()).toHaveLength(3);
  });

  it("skip a part refunded before its transfer went out", async () => {
    const tea = await seller(t.db, { price: "168.00" });
    const nuts = await seller(t.db, { price: "45.50" });
    const order = await placeStripeOrder(t.db, [
      { sku: tea.sku, quantity: 1 },
      { sku: nuts.sku, quantity: 1 },
    ]);
    const teaPart = order.sellerOrders.find((so) => so.cooperativeId === tea.id)!;
    double.failNext({ match: "POST /v1/transfers", status: 400, message: "Stripe is unavailable.", times: 2 });
    await deliverSigned(route, sessionEvent(order, "checkout.session.completed"));
    await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: teaPart.id, userId: null, reason: "before payout" });
    const report = await transfers.transferSellerShares(t.db, order.id);
    expect(report.transferred.map((x) => x.cooperativeId)).toEqual([nuts.id]);
    expect(await sellerRow(teaPart.id)).toMatchObject({ status: "refunded", transfer_id: null, transfer_reversal_id: null });
  });
});

describe("with the test provider", () => {
  it("refunds through the same functions, with no call to Stripe and no transfer", async () => {
    const { setPaymentProviderForTests } = await import("~/modules/payments/provider.server");
    const { createTestProvider, completeTestPayment } = await import("~/modules/payments/test-provider.server");
    const tea = await seller(t.db, { price: "168.00" });
    const nuts = await seller(t.db, { price: "45.50" });
    setPaymentProviderForTests(createTestProvider());
    let order: PlacedOrder;
    try {
      order = await placeStripeOrder(t.db, [
        { sku: tea.sku, quantity: 1 },
        { sku: nuts.sku, quantity: 1 },
      ]);
      // The test payment page exists only while the test provider is the active one.
      expect((await completeTestPayment(t.db, order.number, "succeeded", { origin: ORIGIN })).outcome).toBe("applied");
    } finally {
      setPaymentProviderForTests(null);
    }
    await expect(completeTestPayment(t.db, order.number, "succeeded", { origin: ORIGIN })).rejects.toThrow(/Test payments are off/);
    const [teaPart, nutsPart] = [tea, nuts].map((s) => order.sellerOrders.find((so) => so.cooperativeId === s.id)!);
    expect((await sellerRow(teaPart!.id)).transfer_id).toBeNull();

    const seen = double.requests.length;
    const one = await refunds.refundSellerOrder(t.db, { cooperativeId: tea.id, sellerOrderId: teaPart!.id, userId: null, reason: "test" });
    expect(one).toMatchObject({ orderStatus: "partially_refunded", amountCents: teaPart!.totalCents, reversals: { reversed: [], failed: [] } });
    expect(one.refundId).toMatch(/^test_re_/);
    const all = await refunds.refundOrder(t.db, { orderId: order.id, userId: null, reason: "test" });
    expect(all).toMatchObject({ orderStatus: "refunded", amountCents: nutsPart!.totalCents });
    expect(double.requests.length).toBe(seen);
    expect(await orderRow(order.id)).toMatchObject({ status: "refunded", refunded_cents: order.totalCents });
  });
});
