// The built-in test provider: no network, no money. Its "payment page" is our own
// /pay/test/:number, clearly marked as a test, whose buttons report success or failure through
// the same applyPaymentEvent as Stripe's webhook.
import { randomBytes } from "node:crypto";
import type { Database } from "~/utils/db.server";
import { type Lang, localePath } from "~/utils/i18n";
import { orderAccessToken } from "../orders/access.server";
import { applyPaymentEvent } from "../orders/payment-events.server";
import type { PaymentEventOutcome, PaymentProvider } from "./port";
// (A cycle with provider.server.ts, used at call time only.)
import { testPaymentsEnabled } from "./provider.server";

const fakeId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

export function createTestProvider(): PaymentProvider {
  return {
    name: "test",
    async startPayment(order, urls) {
      const lang: Lang = order.locale;
      const path = localePath(lang, `/pay/test/${encodeURIComponent(order.number)}?t=${orderAccessToken(order.number)}`);
      // Same site as the return URL: absolute, so API clients can open it as it is.
      return { sessionId: fakeId("test_cs"), url: new URL(urls.successUrl).origin + path };
    },
    async refund() {
      return { refundId: fakeId("test_re") };
    },
    async transfer() {
      return { transferId: fakeId("test_tr") };
    },
    async reverseTransfer() {
      return { reversalId: fakeId("test_trr") };
    },
    async expirePayment() {},
  };
}

/** What the test page's buttons (and the API's test-payment endpoint) do. */
export async function completeTestPayment(
  db: Database,
  orderNumber: string,
  outcome: "succeeded" | "failed",
  ctx: { origin: string },
): Promise<{ outcome: PaymentEventOutcome; orderNumber: string | null }> {
  if (!testPaymentsEnabled()) throw new Error("Test payments are off in this process (another provider, or production without PAYMENT_PROVIDER=test)");
  return applyPaymentEvent(
    db,
    {
      provider: "test",
      eventId: fakeId("test_evt"),
      type: outcome === "succeeded" ? "test.payment_succeeded" : "test.payment_failed",
      kind: outcome === "succeeded" ? "payment_succeeded" : "payment_failed",
      orderNumber,
      paymentId: fakeId("test_pi"),
    },
    ctx,
  );
}
