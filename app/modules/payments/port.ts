// The one port every payment provider implements (docs/decisions/011-checkout-and-payments.md).
// Providers only move money and report what happened; the order state machine lives in
// app/modules/orders and is driven by `applyPaymentEvent`, whatever the provider.

export type PaymentOrder = {
  id: number;
  number: string;
  email: string;
  locale: "zh-CN" | "en";
  totalCents: number;
  /** One line per seller part, for the provider's own payment page. */
  lines: { name: string; amountCents: number }[];
  holdExpiresAt: Date;
};

export type StartedPayment = { sessionId: string; url: string };

export interface PaymentProvider {
  readonly name: "test" | "stripe";
  /** Opens a payment for the order; the idempotency key is derived from the order number. */
  startPayment(order: PaymentOrder, urls: { successUrl: string; cancelUrl: string }): Promise<StartedPayment>;
  /** Gives money back to the buyer (a whole order or one seller's part). */
  refund(input: { orderNumber: string; paymentId: string; amountCents: number; idempotencyKey: string; reason: string }): Promise<{ refundId: string }>;
  /** Connect: pays a cooperative its part (amount minus commission); null when it has no account. */
  transfer(input: {
    orderNumber: string;
    paymentId: string;
    destination: string;
    amountCents: number;
    idempotencyKey: string;
  }): Promise<{ transferId: string }>;
  /** Takes back (part of) a transfer when its seller order is refunded. */
  reverseTransfer(input: { transferId: string; amountCents: number; idempotencyKey: string }): Promise<{ reversalId: string }>;
  /** Closes an open payment whose hold expired, so it cannot be paid any more (best effort). */
  expirePayment(sessionId: string): Promise<void>;
}

/** A provider-independent fact about a payment, applied once per (provider, eventId). */
export type PaymentEvent = {
  provider: "test" | "stripe";
  eventId: string;
  /** The provider's own event type, kept for the record. */
  type: string;
  kind: "payment_succeeded" | "payment_failed" | "payment_expired" | "ignored";
  orderNumber: string | null;
  /** Stripe: the PaymentIntent id; test provider: a generated id. */
  paymentId?: string | null;
  amountCents?: number | null;
  payload?: unknown;
};

export type PaymentEventOutcome =
  | "applied" // the order changed
  | "duplicate" // this event id was applied before
  | "ignored" // nothing to do (unknown order, already in that state, irrelevant type)
  | "late_payment_taken" // paid after the hold expired, and the stock could be taken again
  | "late_payment_refunded"; // paid after the hold expired, stock gone: refunded
