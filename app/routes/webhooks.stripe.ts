// POST /webhooks/stripe — Stripe tells us what happened to a payment.
//
// The signature is checked on the raw bytes of the body (any re-encoding would break it) with a
// 5-minute tolerance, so a replayed or altered delivery is refused (400) before anything is
// read. Each event is then applied once (payment_events is unique per event id): Stripe
// delivers at least once, sometimes twice at the same moment, and in any order.
//
// Answers: 200 {received, outcome} once the event is recorded (also for events we ignore, so
// Stripe stops retrying them); 400 for anything that is not a genuine, recent Stripe delivery;
// 413 for a body over 1 MB; 500 only when our side failed (Stripe retries those).
import type { ActionFunctionArgs } from "@remix-run/node";
import Stripe from "stripe";
import { applyPaymentEvent } from "~/modules/orders/payment-events.server";
import { stripeEventToPaymentEvent } from "~/modules/payments/stripe.server";
import type { PaymentEvent } from "~/modules/payments/port";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { appOrigin, readCapped } from "~/utils/http.server";

const MAX_BODY_BYTES = 1024 * 1024;
const TOLERANCE_SECONDS = 5 * 60;

type WebhookErrorCode = "invalid_signature" | "invalid_payload" | "payload_too_large" | "method_not_allowed" | "internal";

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

function failure(status: number, code: WebhookErrorCode, message: string, headers?: Record<string, string>): Response {
  return reply(status, { error: { code, message } }, headers);
}

/** PostgreSQL text cannot hold NUL: an event carrying one anywhere could never be recorded (it was a 500). */
function hasNul(event: unknown): boolean {
  let found = false;
  JSON.stringify(event, (key, value: unknown) => {
    if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) found = true;
    return value;
  });
  return found;
}

export function loader() {
  return failure(405, "method_not_allowed", "Stripe webhooks are delivered with POST.", { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") {
    return failure(405, "method_not_allowed", "Stripe webhooks are delivered with POST.", { Allow: "POST" });
  }
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  const tooLarge = () => failure(413, "payload_too_large", "The request body is larger than 1 MB.");
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return tooLarge();
  let raw: Buffer | null;
  try {
    raw = await readCapped(request, MAX_BODY_BYTES);
  } catch {
    return failure(400, "invalid_payload", "The request body could not be read.");
  }
  if (raw === null) return tooLarge();

  const secret = env().STRIPE_WEBHOOK_SECRET;
  const signature = request.headers.get("Stripe-Signature");
  if (!secret) console.error("stripe webhook: STRIPE_WEBHOOK_SECRET is not set; every delivery is refused");
  if (!secret || !signature) return failure(400, "invalid_signature", "Missing or invalid Stripe-Signature header.");

  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(raw, signature, secret, TOLERANCE_SECONDS);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      return failure(400, "invalid_signature", "The signature does not match the body, or it is older than 5 minutes.");
    }
    // Signed by us-or-Stripe but not JSON: nothing we can apply.
    return failure(400, "invalid_payload", "The body is not a Stripe event.");
  }

  let paymentEvent: PaymentEvent;
  try {
    if (typeof event.id !== "string" || typeof event.type !== "string" || !event.data || typeof event.data.object !== "object" || hasNul(event)) {
      throw new Error("not an event");
    }
    paymentEvent = stripeEventToPaymentEvent(event);
  } catch {
    return failure(400, "invalid_payload", "The body is not a Stripe event.");
  }

  try {
    const { outcome } = await applyPaymentEvent(getDb(), paymentEvent, { origin: appOrigin(request) });
    return reply(200, { received: true, outcome });
  } catch (error) {
    // Our database or code failed: answer 500 so that Stripe delivers the event again later.
    console.error(`stripe webhook: applying ${event.type} ${event.id} failed:`, error);
    return failure(500, "internal", "The event could not be applied; it will be retried.");
  }
}
