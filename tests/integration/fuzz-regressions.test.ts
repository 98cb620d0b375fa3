// What the fuzzer found (see fuzz-support.ts), pinned down one by one: each case is the exact
// request it reported, and the promise it broke (a refusal changes no row; no answer is a 5xx).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "~/utils/db.server";
import { type World, changedTables, fingerprint, openWorld } from "./fuzz-world";
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
