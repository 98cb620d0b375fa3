// Stripe behind the payment port: Checkout Sessions in CNY, refunds, and Connect transfers to
// the cooperatives (separate charges and transfers, grouped by the order number).
//
// Every call that creates something carries an idempotency key derived from what it is for
// (`checkout-<number>`, `refund-so-<id>`, `transfer-<id>`, …), so a retry — ours or the SDK's
// own network retry — can never pay, refund or transfer twice.
//
// STRIPE_API_URL points the SDK at another host (the tests' local double of the Stripe API).
import Stripe from "stripe";
import { env } from "~/utils/env.server";
import type { PaymentEvent, PaymentOrder, PaymentProvider, StartedPayment } from "./port";

/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after its creation. */
const MIN_SESSION_MS = 30 * 60 * 1000;
/** … or later than 24 hours. */
const MAX_SESSION_MS = 24 * 60 * 60 * 1000;
/** Room for the clock difference and the request's own time, so "30 minutes" is never 29:59. */
const SESSION_MARGIN_MS = 60 * 1000;
/** Metadata values are limited to 500 characters. */
const METADATA_MAX = 500;

export type StripeProviderOptions = { secretKey?: string; apiUrl?: string };

export class StripeNotConfiguredError extends Error {
  constructor() {
    super("Stripe is not configured: set STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET).");
  }
}

/** host/port/protocol for the SDK from a URL such as http://127.0.0.1:12111. */
function addressOf(apiUrl: string): { host: string; port: number; protocol: "http" | "https" } {
  const url = new URL(apiUrl);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === "http" ? 80 : 443, protocol };
}

export function createStripeClient(options: StripeProviderOptions = {}): Stripe {
  const secretKey = options.secretKey ?? env().STRIPE_SECRET_KEY;
  if (!secretKey) throw new StripeNotConfiguredError();
  const apiUrl = options.apiUrl ?? env().STRIPE_API_URL;
  return new Stripe(secretKey, {
    // Network retries reuse the request's idempotency key, so they are safe for every call here.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "xiangji" },
    ...(apiUrl ? addressOf(apiUrl) : {}),
  });
}

let shared: Stripe | undefined;
/** The process's Stripe client, built from the environment on first use. */
export function stripeClient(): Stripe {
  shared ??= createStripeClient();
  return shared;
}

function clip(value: string): string {
  return value.length > METADATA_MAX ? value.slice(0, METADATA_MAX) : value;
}

function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

/** When the Checkout Session closes: with the hold, but never sooner than Stripe allows. */
export function sessionExpiresAt(holdExpiresAt: Date, now = Date.now()): number {
  const earliest = now + MIN_SESSION_MS + SESSION_MARGIN_MS;
  const latest = now + MAX_SESSION_MS - SESSION_MARGIN_MS;
  const at = Math.min(Math.max(holdExpiresAt.getTime(), earliest), latest);
  return Math.floor(at / 1000);
}

export function createStripeProvider(options: StripeProviderOptions = {}): PaymentProvider {
  // Built on first use, so that merely choosing the provider needs no key (pages that only
  // read orders never call Stripe).
  let client: Stripe | undefined;
  const stripe = () => (client ??= options.secretKey || options.apiUrl ? createStripeClient(options) : stripeClient());

  return {
    name: "stripe",

    async startPayment(order: PaymentOrder, urls): Promise<StartedPayment> {
      const session = await stripe().checkout.sessions.create(
        {
          mode: "payment",
          currency: "cny",
          line_items: order.lines.map((line) => ({
            quantity: 1,
            price_data: { currency: "cny", unit_amount: line.amountCents, product_data: { name: line.name } },
          })),
          customer_email: order.email,
          client_reference_id: order.number,
          metadata: { orderNumber: order.number },
          payment_intent_data: { transfer_group: order.number, metadata: { orderNumber: order.number } },
          success_url: urls.successUrl,
          cancel_url: urls.cancelUrl,
          expires_at: sessionExpiresAt(order.holdExpiresAt),
          locale: order.locale === "en" ? "en" : "zh",
        },
        { idempotencyKey: `checkout-${order.number}` },
      );
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a URL`);
      return { sessionId: session.id, url: session.url };
    },

    async refund(input) {
      const refund = await stripe().refunds.create(
        {
          payment_intent: input.paymentId,
          amount: input.amountCents,
          metadata: { orderNumber: input.orderNumber, reason: clip(input.reason) },
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { refundId: refund.id };
    },

    async transfer(input) {
      // With the charge as source_transaction the transfer waits for the buyer's money to
      // settle instead of failing on the platform's (still pending) balance.
      const intent = await stripe().paymentIntents.retrieve(input.paymentId);
      const charge = idOf(intent.latest_charge);
      const transfer = await stripe().transfers.create(
        {
          amount: input.amountCents,
          currency: "cny",
          destination: input.destination,
          transfer_group: input.orderNumber,
          metadata: { orderNumber: input.orderNumber },
          ...(charge ? { source_transaction: charge } : {}),
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { transferId: transfer.id };
    },

    async reverseTransfer(input) {
      const reversal = await stripe().transfers.createReversal(
        input.transferId,
        { amount: input.amountCents },
        { idempotencyKey: input.idempotencyKey },
      );
      return { reversalId: reversal.id };
    },

    async expirePayment(sessionId) {
      try {
        await stripe().checkout.sessions.expire(sessionId);
      } catch (error) {
        if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
        // Already expired, or paid meanwhile (then its webhook decides), or unknown: nothing
        // left to close. Anything else (the session is still open) is a real failure.
        if (error.code === "resource_missing") return;
        const session = await stripe().checkout.sessions.retrieve(sessionId);
        if (session.status !== "open") return;
        throw error;
      }
    },
  };
}

const SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);

/**
 * What a Stripe event means for an order. Only Checkout Session events matter; a completed
 * session that is still `unpaid` (bank transfers and other delayed methods) waits for its
 * async_payment_succeeded / _failed event.
 */
export function stripeEventToPaymentEvent(event: Stripe.Event): PaymentEvent {
  const base = { provider: "stripe" as const, eventId: event.id, type: event.type };
  if (!SESSION_EVENTS.has(event.type)) {
    return { ...base, kind: "ignored", orderNumber: null, payload: { id: event.id, type: event.type } };
  }
  const session = event.data.object as Stripe.Checkout.Session;
  const orderNumber = session.metadata?.orderNumber || session.client_reference_id || null;
  const paymentId = idOf(session.payment_intent);
  // Kept for the record without the buyer's personal details (customer_details, addresses).
  const payload = {
    id: event.id,
    type: event.type,
    created: event.created,
    livemode: event.livemode,
    session: {
      id: session.id,
      status: session.status,
      payment_status: session.payment_status,
      payment_intent: paymentId,
      amount_total: session.amount_total,
      currency: session.currency,
      client_reference_id: session.client_reference_id,
      metadata: session.metadata,
    },
  };
  const common = { ...base, orderNumber, paymentId, amountCents: session.amount_total ?? null, payload };
  switch (event.type) {
    case "checkout.session.completed":
      return { ...common, kind: session.payment_status === "paid" ? "payment_succeeded" : "ignored" };
    case "checkout.session.async_payment_succeeded":
      return { ...common, kind: "payment_succeeded" };
    case "checkout.session.async_payment_failed":
      return { ...common, kind: "payment_failed" };
    default:
      return { ...common, kind: "payment_expired" };
  }
}
