// Which provider takes payments in this process: Stripe when STRIPE_SECRET_KEY is set (or
// PAYMENT_PROVIDER=stripe), else the test provider. Tests may install another (a Stripe
// provider pointed at the local double) with `setPaymentProviderForTests`.
import { paymentProviderName } from "~/utils/env.server";
import type { PaymentProvider } from "./port";
import { createStripeProvider } from "./stripe.server";
import { createTestProvider } from "./test-provider.server";

let override: PaymentProvider | null = null;
let cached: PaymentProvider | null = null;

export function getPaymentProvider(): PaymentProvider {
  if (override) return override;
  cached ??= paymentProviderName() === "stripe" ? createStripeProvider() : createTestProvider();
  return cached;
}

/** The provider that took a given order's payment (refunds must go back the same way). */
export function providerFor(name: "test" | "stripe"): PaymentProvider {
  const active = getPaymentProvider();
  if (active.name === name) return active;
  return name === "test" ? createTestProvider() : createStripeProvider();
}

export function setPaymentProviderForTests(provider: PaymentProvider | null): void {
  override = provider;
}
