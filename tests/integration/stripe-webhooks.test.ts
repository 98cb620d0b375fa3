// POST /webhooks/stripe on a Stripe-configured shop whose Stripe is the local double: a signed
// checkout.session.completed pays the order and sends one Connect transfer per cooperative;
// repeated, concurrent and out-of-order deliveries change the order once; forged, altered or
// stale deliveries are refused with 400 and change nothing.
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type PlacedOrder,
  type Seller,
  deliver,
  deliverSigned,
  double,
  eventRows,
  orderFingerprint,
  placeStripeOrder,
  seller,
  route,
  sessionEvent,
  setupStripeFlow,
  signature,
  t,
} from "./stripe-support";

setupStripeFlow();

type Row = Record<string, unknown>;

async function orderRow(id: number) {
  const [row] = await t.db.execute<Row>(sql`SELECT status, provider, provider_payment_id, paid_at FROM orders WHERE id = ${id}`);
  return row!;
}

async function sellerRows(orderId: number) {
  return t.db.execute<{ id: number; cooperative_id: number; status: string; transfer_id: string | null }>(
    sql`SELECT id, cooperative_id, status, transfer_id FROM seller_orders WHERE order_id = ${orderId} ORDER BY id`,
  );
}

async function stockOf(sku: string): Promise<number> {
  const [row] = await t.db.execute<{ stock: number }>(sql`SELECT stock FROM product_variants WHERE sku = ${sku}`);
  return row!.stock;
}

/** Transfers the double created (replays of an idempotency key excluded) for an order. */
function transfersOf(order: PlacedOrder) {
  return double.requestsTo("POST", "/v1/transfers").filter((r) => r.form.transfer_group === order.number && !r.replayed);
}

/** Three cooperatives: tea and nuts with Connect accounts (8 % and 10 %), honey without one. */
async function threeSellers(): Promise<{ tea: Seller; nuts: Seller; honey: Seller }> {
  return {
    tea: await seller(t.db, { price: "168.00", commissionBps: 800 }),
    nuts: await seller(t.db, { price: "45.50", commissionBps: 1000 }),
    honey: await seller(t.db, { price: "88.00", account: null }),
  };
}

describe("a paid Checkout Session", () => {
  it("is asked for in CNY with the order's amounts, and its signed completion pays the order and each cooperative", async () => {
    const { tea, nuts, honey } = await threeSellers();
    const order = await placeStripeOrder(t.db, [
      { sku: tea.sku, quantity: 1 },
      { sku: nuts.sku, quantity: 2 },
      { sku: honey.sku, quantity: 1 },
    ]);

    // What checkout asked Stripe for.
    const [session] = double.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.form.client_reference_id === order.number);
    expect(session!.idempotencyKey).toBe(`checkout-${order.number}`);
    expect(session!.form).toMatchObject({
      mode: "payment",
      currency: "cny",
      "metadata[orderNumber]": order.number,
      "payment_intent_data[transfer_group]": order.number,
      customer_email: "buyer@example.com",
      locale: "zh",
    });
    const lines = session!.body.line_items as { price_data: { currency: string; unit_amount: string } }[];
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.price_data.currency === "cny")).toBe(true);
    expect(lines.map((l) => Number(l.price_data.unit_amount)).sort()).toEqual(order.sellerOrders.map((s) => s.totalCents).sort());
    expect(lines.reduce((sum, l) => sum + Number(l.price_data.unit_amount), 0)).toBe(order.totalCents);
    expect(session!.form.success_url).toContain(`/orders/${order.number}`);

    const payload = sessionEvent(order, "checkout.session.completed");
    const answer = await deliverSigned(route, payload);
    expect(answer).toEqual({ status: 200, body: { received: true, outcome: "applied" } });

    const paymentId = `pi_${order.number.replace(/[^A-Za-z0-9]/g, "")}`;
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", provider: "stripe", provider_payment_id: paymentId });
    const sellers = await sellerRows(order.id);
    expect(sellers.map((s) => s.status)).toEqual(["paid", "paid", "paid"]);

    // One transfer per cooperative with an account: its total minus its commission.
    const transfers = transfersOf(order);
    expect(transfers).toHaveLength(2);
    for (const coop of [tea, nuts]) {
      const so = order.sellerOrders.find((s) => s.cooperativeId === coop.id)!;
      const req = transfers.find((r) => r.form.destination === coop.account)!;
      expect(req.idempotencyKey).toBe(`transfer-${so.id}`);
      expect(req.form).toMatchObject({
        amount: String(so.totalCents - so.commissionCents),
        currency: "cny",
        transfer_group: order.number,
        source_transaction: `ch_${paymentId.slice(3)}`,
      });
      expect(so.commissionCents).toBe(Math.round((so.totalCents * coop.commissionBps) / 10_000));
      expect(sellers.find((s) => s.id === so.id)!.transfer_id).toBe(double.object(sellers.find((s) => s.id === so.id)!.transfer_id!)?.id);
    }
    expect(sellers.find((s) => s.cooperative_id === honey.id)!.transfer_id).toBeNull();
    expect(await eventRows(t.db, JSON.parse(payload).id)).toBe(1);
  });

  it("delivered 5 times at once changes the order once: one event row, one transfer per cooperative", async () => {
    const { tea, nuts } = await threeSellers();
    const order = await placeStripeOrder(t.db, [
      { sku: tea.sku, quantity: 2 },
      { sku: nuts.sku, quantity: 1 },
    ]);
    const payload = sessionEvent(order, "checkout.session.completed");
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliverSigned(route, payload)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((a) => a.body.outcome).sort()).toEqual(["applied", "duplicate", "duplicate", "duplicate", "duplicate"]);
    expect(await eventRows(t.db, JSON.parse(payload).id)).toBe(1);
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(transfersOf(order)).toHaveLength(2);
    expect((await sellerRows(order.id)).every((s) => s.transfer_id?.startsWith("tr_"))).toBe(true);
    // Stock was taken once, at checkout.
    expect(await stockOf(tea.sku)).toBe(18);
  });

  it("takes events in any order: a late expiry or a second completion leaves the paid order as it is", async () => {
    const { tea, nuts } = await threeSellers();
    const order = await placeStripeOrder(t.db, [
      { sku: tea.sku, quantity: 1 },
      { sku: nuts.sku, quantity: 1 },
    ]);
    expect((await deliverSigned(route, sessionEvent(order, "checkout.session.completed"))).body.outcome).toBe("applied");
    const paid = await orderFingerprint(t.db, order.id);
    const paidStock = await stockOf(tea.sku);

    const expired = sessionEvent(order, "checkout.session.expired");
    expect(await deliverSigned(route, expired)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    const again = sessionEvent(order, "checkout.session.completed");
    expect(await deliverSigned(route, again)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });

    const after = await orderRow(order.id);
    expect(after.status).toBe("paid");
    expect((await sellerRows(order.id)).map((s) => s.status)).toEqual(["paid", "paid"]);
    expect(await stockOf(tea.sku)).toBe(paidStock);
    expect(transfersOf(order)).toHaveLength(2);
    // Each event id is kept once, the order's own rows did not move.
    expect(await eventRows(t.db, JSON.parse(expired).id)).toBe(1);
    expect(await eventRows(t.db, JSON.parse(again).id)).toBe(1);
    const [orderPart, sellerPart] = paid.split(" ");
    const [orderNow, sellerNow] = (await orderFingerprint(t.db, order.id)).split(" ");
    expect([orderNow, sellerNow]).toEqual([orderPart, sellerPart]);
  });

  it("waits for a delayed payment method: completed-but-unpaid changes nothing, async success pays", async () => {
    const { tea } = await threeSellers();
    const order = await placeStripeOrder(t.db, [{ sku: tea.sku, quantity: 1 }]);
    const unpaid = sessionEvent(order, "checkout.session.completed", { payment_status: "unpaid" });
    expect((await deliverSigned(route, unpaid)).body.outcome).toBe("ignored");
    expect((await orderRow(order.id)).status).toBe("pending_payment");
    expect(transfersOf(order)).toHaveLength(0);
    expect((await deliverSigned(route, sessionEvent(order, "checkout.session.async_payment_succeeded"))).body.outcome).toBe("applied");
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(transfersOf(order)).toHaveLength(1);
  });

  it("gives the stock back when a delayed payment fails or the session expires unpaid", async () => {
    const { tea, nuts } = await threeSellers();
    const failed = await placeStripeOrder(t.db, [{ sku: tea.sku, quantity: 3 }]);
    expect(await stockOf(tea.sku)).toBe(17);
    expect((await deliverSigned(route, sessionEvent(failed, "checkout.session.async_payment_failed"))).body.outcome).toBe("applied");
    expect((await orderRow(failed.id)).status).toBe("cancelled");
    expect(await stockOf(tea.sku)).toBe(20);

    const expired = await placeStripeOrder(t.db, [{ sku: nuts.sku, quantity: 2 }]);
    expect((await deliverSigned(route, sessionEvent(expired, "checkout.session.expired"))).body.outcome).toBe("applied");
    expect((await orderRow(expired.id)).status).toBe("cancelled");
    expect(await stockOf(nuts.sku)).toBe(20);
    expect(transfersOf(failed).length + transfersOf(expired).length).toBe(0);
  });

  it("keeps a payment that arrives after the session expired when the stock is still there", async () => {
    const { tea } = await threeSellers();
    const order = await placeStripeOrder(t.db, [{ sku: tea.sku, quantity: 2 }]);
    await deliverSigned(route, sessionEvent(order, "checkout.session.expired"));
    expect(await stockOf(tea.sku)).toBe(20);
    expect((await deliverSigned(route, sessionEvent(order, "checkout.session.completed"))).body.outcome).toBe("late_payment_taken");
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(await stockOf(tea.sku)).toBe(18);
    expect(transfersOf(order)).toHaveLength(1);
    expect(double.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[orderNumber]"] === order.number)).toHaveLength(0);
  });

  it("refunds at Stripe a payment that arrives after its stock was sold to someone else", async () => {
    const { tea } = await threeSellers();
    const tight = await seller(t.db, { price: "30.00", stock: 1 });
    const order = await placeStripeOrder(t.db, [
      { sku: tea.sku, quantity: 1 },
      { sku: tight.sku, quantity: 1 },
    ]);
    await deliverSigned(route, sessionEvent(order, "checkout.session.expired"));
    // The last unit goes to another buyer, who pays in time.
    const other = await placeStripeOrder(t.db, [{ sku: tight.sku, quantity: 1 }]);
    await deliverSigned(route, sessionEvent(other, "checkout.session.completed"));

    const late = await deliverSigned(route, sessionEvent(order, "checkout.session.completed"));
    expect(late).toEqual({ status: 200, body: { received: true, outcome: "late_payment_refunded" } });
    const [refund, ...more] = double.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[orderNumber]"] === order.number);
    expect(more).toHaveLength(0);
    expect(refund!.idempotencyKey).toBe(`refund-order-${order.id}`);
    expect(refund!.form).toMatchObject({ payment_intent: `pi_${order.number.replace(/[^A-Za-z0-9]/g, "")}`, amount: String(order.totalCents) });
    expect(await orderRow(order.id)).toMatchObject({ status: "refunded" });
    const [r] = await t.db.execute<Row>(sql`SELECT amount_cents, provider_refund_id, seller_order_id, user_id FROM refunds WHERE order_id = ${order.id}`);
    expect(r).toMatchObject({ amount_cents: order.totalCents, seller_order_id: null, user_id: null });
    expect(String(r!.provider_refund_id)).toMatch(/^re_/);
    expect(transfersOf(order)).toHaveLength(0);
    expect(await stockOf(tight.sku)).toBe(0);
  });

  it("answers 200 'ignored' for events it does not act on and for orders it does not know", async () => {
    const unknown = JSON.stringify({ id: "evt_other_1", object: "event", type: "customer.created", created: 1, livemode: false, data: { object: { id: "cus_1", object: "customer" } } });
    expect(await deliverSigned(route, unknown)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    const ghost = sessionEvent({ number: "XJ-NO-SUCH", id: 0, sessionId: "cs_test_ghost", totalCents: 100, sellerOrders: [] }, "checkout.session.completed");
    expect(await deliverSigned(route, ghost)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
  });
});

describe("deliveries that are not genuine and recent", () => {
  let order: PlacedOrder;
  let before: string;

  beforeAll(async () => {
    const { tea } = await threeSellers();
    order = await placeStripeOrder(t.db, [{ sku: tea.sku, quantity: 1 }]);
    before = await orderFingerprint(t.db, order.id);
  });

  async function expectRefused(answer: Awaited<ReturnType<typeof deliver>>, status = 400, code = "invalid_signature") {
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
    expect(typeof answer.body.error?.message).toBe("string");
    expect(await orderFingerprint(t.db, order.id)).toBe(before);
    expect((await orderRow(order.id)).status).toBe("pending_payment");
  }

  it("refuses a signature made with another secret", async () => {
    const payload = sessionEvent(order, "checkout.session.completed");
    await expectRefused(await deliver(route, payload, { "Stripe-Signature": signature(payload, { secret: "whsec_someoneElse" }) }));
    expect(await eventRows(t.db, JSON.parse(payload).id)).toBe(0);
  });

  it("refuses a body changed after signing", async () => {
    const payload = sessionEvent(order, "checkout.session.completed");
    const header = signature(payload);
    const changed = payload.replace(`"amount_total":${order.totalCents}`, `"amount_total":1`);
    expect(changed).not.toBe(payload);
    await expectRefused(await deliver(route, changed, { "Stripe-Signature": header }));
    // Whitespace counts too: the signature is over the raw bytes.
    await expectRefused(await deliver(route, `${payload}\n`, { "Stripe-Signature": header }));
    expect(await eventRows(t.db, JSON.parse(payload).id)).toBe(0);
  });

  it("refuses a signature older than 5 minutes", async () => {
    const payload = sessionEvent(order, "checkout.session.completed");
    const stale = signature(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    await expectRefused(await deliver(route, payload, { "Stripe-Signature": stale }));
    expect(await eventRows(t.db, JSON.parse(payload).id)).toBe(0);
  });

  it("refuses a missing or malformed signature header", async () => {
    const payload = sessionEvent(order, "checkout.session.completed");
    await expectRefused(await deliver(route, payload));
    await expectRefused(await deliver(route, payload, { "Stripe-Signature": "garbage" }));
    await expectRefused(await deliver(route, payload, { "Stripe-Signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` }));
  });

  it("refuses a signed body that is not an event", async () => {
    for (const body of ["not json", JSON.stringify({ id: "evt_x", type: "checkout.session.completed" }), "[]"]) {
      await expectRefused(await deliver(route, body, { "Stripe-Signature": signature(body) }), 400, "invalid_payload");
    }
  });

  it("refuses a body over 1 MB with 413, and anything but POST with 405", async () => {
    const big = JSON.stringify({ id: "evt_big", padding: "x".repeat(1024 * 1024) });
    await expectRefused(await deliver(route, big, { "Stripe-Signature": signature(big) }), 413, "payload_too_large");
    await expectRefused(await deliver(route, "", {}, "GET"), 405, "method_not_allowed");
    await expectRefused(await deliver(route, "{}", {}, "PUT"), 405, "method_not_allowed");
  });

  it("passes the HTTP server's cross-site guard: Stripe sends no Origin, Referer, Sec-Fetch-Site or cookie", async () => {
    const { sameOriginAllowed } = await import("~/modules/security/origin");
    const stripeDelivery = { method: "POST", host: "shop.example", origin: null, referer: null, secFetchSite: null, hasSessionCookie: false };
    expect(sameOriginAllowed(stripeDelivery, "https://shop.example")).toBe(true);
  });

  it("still accepts the genuine delivery afterwards", async () => {
    const payload = sessionEvent(order, "checkout.session.completed");
    expect((await deliverSigned(route, payload)).body.outcome).toBe("applied");
    expect((await orderRow(order.id)).status).toBe("paid");
  });
});
