// What the fuzzer found (see fuzz-support.ts), pinned down one by one: each case is the exact
// request it reported, and the promise it broke (a refusal changes no row; no answer is a 5xx).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/utils/db.server";
import { type World, changedTables, fingerprint, openWorld } from "./fuzz-world";
import { stripeSignature } from "./fuzz-support";
import { callAction } from "./route-support";

let world: World;
beforeAll(async () => {
  world = await openWorld();
});
afterAll(async () => {
  await closeDb();
  await world?.t.close();
});

/** The outcome of `run`, and the tables it changed. */
async function changes<T>(run: () => Promise<T>): Promise<{ result: T; changed: string[] }> {
  const before = await fingerprint(world.t.db);
  const result = await run();
  return { result, changed: changedTables(before, await fingerprint(world.t.db)) };
}

describe("the cart page's action", () => {
  it("makes no cart for a guest's booking it refuses (a room or seats with malformed fields)", async () => {
    const cart = await import("~/routes/cart");
    for (const form of <Record<string, string>[]>[
      { intent: "add-slot", slotId: world.ids.slotId!, people: "２" },
      { intent: "add-stay", unitId: world.ids.unitId!, checkIn: "2030-05-01", checkOut: "2030-05-03", guests: "' OR '1'='1" },
    ]) {
      const { result, changed } = await changes(() => callAction(cart, "/cart", { form }));
      expect(result.status, form.intent).toBe(400);
      expect(changed, form.intent).toEqual([]);
    }
  });

  it("makes no cart for an add the catalogue refuses (no such SKU, no such room, no such slot)", async () => {
    const cart = await import("~/routes/cart");
    const shopper = await world.cookieFor("shopper");
    for (const [who, cookie] of [["guest", null], ["shopper", shopper]] as const) {
      for (const form of <Record<string, string>[]>[
        { intent: "add", sku: "NO-SUCH-SKU", quantity: "1" },
        { intent: "add-stay", unitId: "2147483647", checkIn: "2030-05-01", checkOut: "2030-05-03", guests: "2" },
        { intent: "add-slot", slotId: "2147483647", people: "2" },
      ]) {
        const { result, changed } = await changes(() => callAction(cart, "/cart", { form, cookie }));
        expect(result.status, `${who} ${form.intent}`).toBeGreaterThanOrEqual(400);
        expect(result.status, `${who} ${form.intent}`).toBeLessThan(500);
        expect(changed, `${who} ${form.intent}`).toEqual([]);
      }
    }
  });
});

describe("the Stripe webhook", () => {
  it("refuses a signed event carrying a NUL character (400, nothing recorded) instead of failing to store it (500)", async () => {
    const webhook = await import("~/routes/webhooks.stripe");
    const object = { id: "cs_nul", object: "checkout.session", metadata: { orderNumber: world.ids.number }, payment_intent: "pi_nul", amount_total: 1000, currency: "cny" };
    for (const event of [
      { id: "evt_nul_1", type: "a@example.com\u0000", data: { object } },
      { id: "evt_nul_2", type: "checkout.session.completed", data: { object: { ...object, metadata: { orderNumber: `${world.ids.number}\u0000` } } } },
      { id: "evt\u0000", type: "checkout.session.expired", data: { object } },
    ]) {
      const body = JSON.stringify(event);
      const request = new Request("http://test.local/webhooks/stripe", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Stripe-Signature": stripeSignature(body) },
        body,
      });
      const { result, changed } = await changes(() => webhook.action({ request, params: {}, context: {} } as never));
      expect(result.status, event.id).toBe(400);
      expect(changed, event.id).toEqual([]);
    }
  });
});
