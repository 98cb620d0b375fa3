// What the seller-order tests share: two cooperatives (A with an owner and a staff member, B with
// an owner), mail written to a directory of the file's own, the route modules, and a digest of a
// cooperative's order rows to prove that a refusal changed nothing.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { closeDb } from "~/utils/db.server";
import { type CooperativeRow, createCooperative, sellerTeams, type SellerTeams } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

// Before any module reads the (cached) settings.
process.env.MAIL_DIR ??= mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-seller-orders-"));

// Set by setupSellerOrders() before the first test (live bindings: read them inside tests).
export let t: TestDb;
export let coopA: CooperativeRow;
export let coopB: CooperativeRow;
export let team: SellerTeams;

export function setupSellerOrders(overrides: { a?: Partial<CooperativeRow>; b?: Partial<CooperativeRow> } = {}) {
  beforeAll(async () => {
    t = openTestDb();
    process.env.DATABASE_URL = t.url;
    coopA = await createCooperative(t.db, { nameZh: "余村白茶合作社", nameEn: "Yucun White Tea Co-op", ...overrides.a });
    coopB = await createCooperative(t.db, { nameZh: "临安山核桃合作社", nameEn: "Lin'an Hickory Co-op", ...overrides.b });
    team = await sellerTeams(t.db, coopA.id, coopB.id, { owner: { name: "王店主" }, staff: { name: "李店员" } });
  });

  afterAll(async () => {
    await closeDb();
    await t.close();
  });
}

/** Every order row that touches a cooperative (its seller orders, their orders, lines, refunds). */
export async function orderDigest(cooperativeId: number): Promise<string> {
  const [row] = await t.db.execute<{ d: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(so::text, ',' ORDER BY so.id) FROM seller_orders so WHERE so.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(o::text, ',' ORDER BY o.id) FROM orders o WHERE o.id IN (SELECT order_id FROM seller_orders WHERE cooperative_id = ${cooperativeId})),
      (SELECT string_agg(ol::text, ',' ORDER BY ol.id) FROM order_lines ol JOIN seller_orders so ON so.id = ol.seller_order_id WHERE so.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM refunds r WHERE r.order_id IN (SELECT order_id FROM seller_orders WHERE cooperative_id = ${cooperativeId}))
    )) AS d`);
  return row!.d;
}
