// The Stripe provider against the local double of the Stripe API: what we send (CNY, amounts
// in fen, transfer_group, metadata, idempotency keys, the pinned API version) and how Stripe's
// events map onto the provider-independent PaymentEvent.
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PaymentOrder, PaymentProvider } from "~/modules/payments/port";
import { createStripeProvider, sessionExpiresAt, stripeEventToPaymentEvent } from "~/modules/payments/stripe.server";
import { type StripeDouble, startStripeDouble } from "../support/stripe-double";

const SECRET_KEY = "sk_test_xiangjiProviderTests";

let double: StripeDouble;
let stripe: PaymentProvider;

beforeAll(async () => {
  double = await startStripeDouble();
  stripe = createStripeProvider({ secretKey: SECRET_KEY, apiUrl: double.url });
});

afterAll(() => double.close());

beforeEach(() => double.reset());

function order(overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  return {
    id: 1,
    number: `XJ${Date.now()}${Math.floor(Math.random() * 1000)}`,
    email: "buyer@example.com",
    locale: "zh-CN",
    totalCents: 16800 + 9050,
    lines: [
      { name: "安吉白茶合作社", amountCents: 16800 },
      { name: "临安山核桃合作社", amountCents: 9050 },
    ],
    holdExpiresAt: new Date(Date.now() + 15 * 60 * 1000),
    ...overrides,
  };
}

const urls = { successUrl: "https://shop.example/orders/X?paid=1", cancelUrl: "https://shop.example/checkout" };

describe("startPayment", () => {
  it("opens a Checkout Session in CNY, one line per seller part, keyed by the order number", async () => {
    const o = order();
    const before = Date.now();
    const started = await stripe.startPayment(o, urls);
    const [req, ...more] = double.requestsTo("POST", "/v1/checkout/sessions");
    expect(more).toHaveLength(0);
    expect(started.sessionId).toMatch(/^cs_test_/);
    expect(started.url).toBe(`https://checkout.stripe.test/c/pay/${started.sessionId}`);

    expect(req!.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(req!.idempotencyKey).toBe(`checkout-${o.number}`);
    expect(req!.stripeVersion).toBe(Stripe.API_VERSION);
    expect(req!.form).toMatchObject({
      mode: "payment",
      currency: "cny",
      customer_email: "buyer@example.com",
      client_reference_id: o.number,
      "metadata[orderNumber]": o.number,
      "payment_intent_data[transfer_group]": o.number,
      success_url: urls.successUrl,
      cancel_url: urls.cancelUrl,
      locale: "zh",
      "line_items[0][quantity]": "1",
      "line_items[0][price_data][currency]": "cny",
      "line_items[0][price_data][unit_amount]": "16800",
      "line_items[0][price_data][product_data][name]": "安吉白茶合作社",
      "line_items[1][price_data][currency]": "cny",
      "line_items[1][price_data][unit_amount]": "9050",
      "line_items[1][price_data][product_data][name]": "临安山核桃合作社",
    });
    // A 15-minute hold still gets a session Stripe accepts: at least 30 minutes.
    const expiresAt = Number(req!.form.expires_at) * 1000;
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * 60 * 1000);
    expect(expiresAt).toBeLessThan(before + 33 * 60 * 1000);
    expect(double.object(started.sessionId)).toMatchObject({ amount_total: 25850, currency: "cny" });
  });

  it("speaks English to an English buyer and keeps a long hold's expiry", async () => {
    const hold = new Date(Date.now() + 2 * 60 * 60 * 1000);
    await stripe.startPayment(order({ locale: "en", holdExpiresAt: hold }), urls);
    const [req] = double.requestsTo("POST", "/v1/checkout/sessions");
    expect(req!.form.locale).toBe("en");
    expect(Number(req!.form.expires_at)).toBe(Math.floor(hold.getTime() / 1000));
  });

  it("asks Stripe once for the same order, even when asked twice", async () => {
    const o = order();
    const first = await stripe.startPayment(o, urls);
    const second = await stripe.startPayment(o, urls);
    expect(second).toEqual(first);
    const reqs = double.requestsTo("POST", "/v1/checkout/sessions");
    expect(reqs.map((r) => r.idempotencyKey)).toEqual([`checkout-${o.number}`, `checkout-${o.number}`]);
    expect(reqs.map((r) => r.replayed)).toEqual([false, true]);
  });

  it("never asks for more than Stripe's 24 hours", () => {
    const now = Date.UTC(2026, 4, 1, 8, 0, 0);
    expect(sessionExpiresAt(new Date(now + 48 * 3600 * 1000), now)).toBeLessThanOrEqual((now + 24 * 3600 * 1000) / 1000);
    expect(sessionExpiresAt(new Date(now), now)).toBeGreaterThanOrEqual((now + 30 * 60 * 1000) / 1000);
  });
});

describe("refunds, transfers and reversals", () => {
  it("refunds part of a payment with the caller's idempotency key", async () => {
    const { refundId } = await stripe.refund({
      orderNumber: "XJ-R1",
      paymentId: "pi_refund1",
      amountCents: 9050,
      idempotencyKey: "refund-so-42",
      reason: "卖家缺货",
    });
    expect(refundId).toMatch(/^re_/);
    const [req] = double.requestsTo("POST", "/v1/refunds");
    expect(req!.idempotencyKey).toBe("refund-so-42");
    expect(req!.form).toEqual({
      payment_intent: "pi_refund1",
      amount: "9050",
      "metadata[orderNumber]": "XJ-R1",
      "metadata[reason]": "卖家缺货",
    });
  });

  it("transfers a cooperative's share in CNY, grouped by the order, from the order's charge", async () => {
    const { transferId } = await stripe.transfer({
      orderNumber: "XJ-T1",
      paymentId: "pi_transfer1",
      destination: "acct_1CoopTea",
      amountCents: 15456,
      idempotencyKey: "transfer-7",
    });
    expect(transferId).toMatch(/^tr_/);
    const [req] = double.requestsTo("POST", "/v1/transfers");
    expect(req!.idempotencyKey).toBe("transfer-7");
    expect(req!.form).toMatchObject({
      amount: "15456",
      currency: "cny",
      destination: "acct_1CoopTea",
      transfer_group: "XJ-T1",
      source_transaction: "ch_transfer1",
    });
  });

  it("reverses a transfer with the caller's key", async () => {
    const { transferId } = await stripe.transfer({
      orderNumber: "XJ-T2",
      paymentId: "pi_transfer2",
      destination: "acct_1CoopNuts",
      amountCents: 8326,
      idempotencyKey: "transfer-8",
    });
    const { reversalId } = await stripe.reverseTransfer({ transferId, amountCents: 8326, idempotencyKey: "reverse-8" });
    expect(reversalId).toMatch(/^trr_/);
    const [req] = double.requestsTo("POST", `/v1/transfers/${transferId}/reversals`);
    expect(req!.idempotencyKey).toBe("reverse-8");
    expect(req!.form).toEqual({ amount: "8326" });
    expect(double.object(transferId)).toMatchObject({ reversed: true, amount_reversed: 8326 });
  });

  it("reports a refusal as an error (the caller records nothing)", async () => {
    double.failNext({ match: "POST /v1/refunds", status: 400, message: "Charge has already been refunded.", code: "charge_already_refunded" });
    await expect(
      stripe.refund({ orderNumber: "XJ-R2", paymentId: "pi_x", amountCents: 100, idempotencyKey: "refund-order-1", reason: "x" }),
    ).rejects.toThrow(/already been refunded/);
  });
});

describe("expirePayment", () => {
  it("closes an open session", async () => {
    const { sessionId } = await stripe.startPayment(order(), urls);
    await stripe.expirePayment(sessionId);
    expect(double.requestsTo("POST", `/v1/checkout/sessions/${sessionId}/expire`)).toHaveLength(1);
    expect(double.object(sessionId)?.status).toBe("expired");
  });

  it("accepts a session that was paid or expired meanwhile, and one Stripe does not know", async () => {
    const { sessionId } = await stripe.startPayment(order(), urls);
    double.updateSession(sessionId, { status: "complete" });
    await expect(stripe.expirePayment(sessionId)).resolves.toBeUndefined();
    const other = await stripe.startPayment(order(), urls);
    await stripe.expirePayment(other.sessionId);
    await expect(stripe.expirePayment(other.sessionId)).resolves.toBeUndefined();
    await expect(stripe.expirePayment("cs_test_unknown")).resolves.toBeUndefined();
  });

  it("still fails when the session stays open", async () => {
    const { sessionId } = await stripe.startPayment(order(), urls);
    double.failNext({ match: `POST /v1/checkout/sessions/${sessionId}/expire`, status: 400, message: "Try again later." });
    await expect(stripe.expirePayment(sessionId)).rejects.toThrow(/Try again later/);
  });
});

describe("stripeEventToPaymentEvent", () => {
  function event(type: string, session: Record<string, unknown>): Stripe.Event {
    return {
      id: `evt_${type.replace(/\W/g, "_")}`,
      object: "event",
      type,
      created: 1_780_000_000,
      livemode: false,
      data: {
        object: {
          id: "cs_test_1",
          object: "checkout.session",
          metadata: { orderNumber: "XJ-E1" },
          client_reference_id: "XJ-E1",
          payment_intent: "pi_e1",
          amount_total: 25850,
          currency: "cny",
          payment_status: "paid",
          status: "complete",
          customer_details: { email: "buyer@example.com", phone: "13800138000" },
          ...session,
        },
      },
    } as unknown as Stripe.Event;
  }

  it("maps a paid completed session to payment_succeeded, without the buyer's details", () => {
    const e = stripeEventToPaymentEvent(event("checkout.session.completed", {}));
    expect(e).toMatchObject({
      provider: "stripe",
      eventId: "evt_checkout_session_completed",
      type: "checkout.session.completed",
      kind: "payment_succeeded",
      orderNumber: "XJ-E1",
      paymentId: "pi_e1",
      amountCents: 25850,
    });
    expect(JSON.stringify(e.payload)).not.toContain("13800138000");
  });

  it("waits for delayed methods, then maps their outcome", () => {
    expect(stripeEventToPaymentEvent(event("checkout.session.completed", { payment_status: "unpaid" })).kind).toBe("ignored");
    expect(stripeEventToPaymentEvent(event("checkout.session.async_payment_succeeded", {})).kind).toBe("payment_succeeded");
    expect(stripeEventToPaymentEvent(event("checkout.session.async_payment_failed", { payment_status: "unpaid" })).kind).toBe("payment_failed");
    expect(stripeEventToPaymentEvent(event("checkout.session.expired", { status: "expired", payment_intent: null })).kind).toBe("payment_expired");
  });

  it("finds the order by client_reference_id when metadata is missing, and ignores other events", () => {
    expect(stripeEventToPaymentEvent(event("checkout.session.completed", { metadata: {} })).orderNumber).toBe("XJ-E1");
    expect(stripeEventToPaymentEvent(event("checkout.session.completed", { payment_intent: { id: "pi_obj" } })).paymentId).toBe("pi_obj");
    expect(stripeEventToPaymentEvent(event("charge.refunded", {}))).toMatchObject({ kind: "ignored", orderNumber: null });
  });
});
