// Which provider takes payments in this process: Stripe when STRIPE_SECRET_KEY is set (or
// PAYMENT_PROVIDER=stripe), else the test provider. Tests may install another (a Stripe
// provider pointed at the local double) with `setPaymentProviderForTests`.
import type { PaymentProviderName } from "../../../db/schema/orders";
import { paymentProviderName, testPaymentsAllowed } from "~/utils/env.server";
import type { PaymentProvider } from "./port";
import { createStripeProvider } from "./stripe.server";
import { createTestProvider } from "./test-provider.server";

let override: PaymentProvider | null = null;
let cached: PaymentProvider | null = null;

export function getPaymentProvider(): PaymentProvider {
  if (override) return override;
  cached ??= paymentProviderName() === "stripe" ? createStripeProvider() : testPaymentsAllowed() ? createTestProvider() : unconfigured();
  return cached;
}

/** Whether the test payment page and the API's test-payment endpoint exist in this process. */
export function testPaymentsEnabled(): boolean {
  return getPaymentProvider().name === "test" && (override !== null || testPaymentsAllowed());
}

/** Production without Stripe keys: checkout answers "payment unavailable" (503), nothing is held. */
function unconfigured(): PaymentProvider {
  const refuse = () => Promise.reject(new Error("No payment provider is configured (set STRIPE_SECRET_KEY, or PAYMENT_PROVIDER=test for a demo)"));
  return { ...createTestProvider(), startPayment: refuse, refund: refuse, transfer: refuse, reverseTransfer: refuse };
}

/** The provider that took a given order's payment (refunds must go back the same way). */
export function providerFor(name: PaymentProviderName): PaymentProvider {
  // A stay paid on arrival has no payment to refund, transfer or expire online.
  if (name === "on_arrival") throw new Error("An order paid on arrival has no online payment");
  const active = getPaymentProvider();
  if (active.name === name) return active;
  return name === "test" ? createTestProvider() : createStripeProvider();
}

export function setPaymentProviderForTests(provider: PaymentProvider | null): void {
  override = provider;
}
