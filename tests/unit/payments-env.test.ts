import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, paymentProviderName, testPaymentsAllowed } from "~/utils/env.server";

const SECRET = "s".repeat(32);
const STRIPE = { STRIPE_SECRET_KEY: "sk_test_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc123" };

describe("which provider takes payments", () => {
  it("Stripe when its key is set, else the test provider", () => {
    expect(paymentProviderName(parseEnv({}))).toBe("test");
    expect(paymentProviderName(parseEnv(STRIPE))).toBe("stripe");
    expect(paymentProviderName(parseEnv({ ...STRIPE, PAYMENT_PROVIDER: "test" }))).toBe("test");
  });

  it("a production server without Stripe keys takes no test payments unless told to (the demo and e2e server are)", () => {
    expect(testPaymentsAllowed(parseEnv({}))).toBe(true);
    expect(testPaymentsAllowed(parseEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET }))).toBe(false);
    expect(testPaymentsAllowed(parseEnv({ NODE_ENV: "production", SESSION_SECRET: SECRET, PAYMENT_PROVIDER: "test" }))).toBe(true);
    expect(testPaymentsAllowed(parseEnv(STRIPE))).toBe(false);
  });

  it("refuses half a Stripe configuration and malformed keys, naming the variable", () => {
    expect(() => parseEnv({ PAYMENT_PROVIDER: "stripe" })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "sk_test_abc123" })).toThrow(/STRIPE_WEBHOOK_SECRET/);
    expect(() => parseEnv({ ...STRIPE, STRIPE_SECRET_KEY: "pk_live_oops" })).toThrow(EnvError);
    expect(() => parseEnv({ CHECKOUT_HOLD_MINUTES: "0" })).toThrow(/CHECKOUT_HOLD_MINUTES/);
    expect(parseEnv({ CHECKOUT_HOLD_MINUTES: "30" }).CHECKOUT_HOLD_MINUTES).toBe(30);
  });
});
