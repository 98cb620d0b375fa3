// The catalogue's change notifications (migration 0010) as app instances hear them: every
// committed write to a table that public pages read reaches every listening instance.
import postgres from "postgres";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, villages } from "../../db/schema/index";
import { createShopVariant, createVillage } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type CacheInvalidation, listenForCatalogChanges } from "~/modules/cache/invalidation.server";

let t: TestDb;
const clients: postgres.Sql[] = [];
beforeAll(() => {
  t = openTestDb();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  await t.close();
});

/** One app instance's listener, on a connection pool of its own. */
async function instance(options: { staleAfterMs?: number; heartbeatMs?: number } = {}) {
  const client = postgres(t.url, { max: 1, onnotice: () => {} });
  clients.push(client);
  const seen: string[] = [];
  const listener = await listenForCatalogChanges(client, { ...options, onChange: (table) => seen.push(table) });
  return { listener, seen };
}

async function until(check: () => boolean, what: string, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const healthy = (l: CacheInvalidation) => until(() => l.healthy(), "the first heartbeat");

describe("catalogue change notifications", () => {
  it("reach every instance at the commit of a write, whichever connection wrote", async () => {
    const a = await instance();
    const b = await instance();
    await Promise.all([healthy(a.listener), healthy(b.listener)]);
    const village = await createVillage(t.db);
    const before = [a.listener.generation(), b.listener.generation()];
    a.seen.length = 0;
    b.seen.length = 0;

    await t.db.update(villages).set({ nameZh: "改名村" }).where(eq(villages.id, village.id));
    await until(() => a.seen.includes("villages") && b.seen.includes("villages"), "both instances to hear of the village");
    expect(a.listener.generation()).toBeGreaterThan(before[0]!);
    expect(b.listener.generation()).toBeGreaterThan(before[1]!);

    // A stock change (the checkout's conditional UPDATE) is a catalogue change too.
    const variant = await createShopVariant(t.db);
    a.seen.length = 0;
    b.seen.length = 0;
    await t.db.update(productVariants).set({ stock: sql`${productVariants.stock} - 1` }).where(eq(productVariants.id, variant.id));
    await until(() => a.seen.includes("product_variants") && b.seen.includes("product_variants"), "both instances to hear of the stock change");
    await Promise.all([a.listener.stop(), b.listener.stop()]);
  });

  it("is healthy once its own heartbeat comes back, and not after it stops", async () => {
    const a = await instance({ heartbeatMs: 50, staleAfterMs: 300 });
    await healthy(a.listener);
    expect(a.listener.healthy()).toBe(true);
    await a.listener.stop();
    expect(a.listener.healthy()).toBe(false);
  });

  it("covers every table that a public page reads", async () => {
    const rows = await t.db.execute<{ table: string }>(sql`
      SELECT DISTINCT event_object_table AS table FROM information_schema.triggers
      WHERE trigger_name LIKE '%\\_catalog\\_changed' ORDER BY 1`);
    expect(rows.map((r) => r.table)).toEqual(
      [
        "cooperatives", "experience_bookings", "experience_slots", "experiences", "product_images", "product_variants",
        "products", "stay_bookings", "stay_units", "stays", "unit_blackouts", "unit_rates", "villages",
      ].sort(),
    );
  });
});
