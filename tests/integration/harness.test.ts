import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, villages } from "../../db/schema/index";
import { createCooperative, createVillage } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
});
afterAll(() => t.close());

describe("integration harness", () => {
  it("runs on a migrated PostgreSQL", async () => {
    const rows = await t.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
    );
    expect(rows[0]?.n).toBeGreaterThan(0);
    const [server] = await t.db.execute<{ v: number }>(sql`SELECT current_setting('server_version_num')::int AS v`);
    expect(server?.v).toBeGreaterThanOrEqual(130000); // DROP DATABASE … WITH (FORCE), exclusion constraints
  });

  it("factories create rows with distinct slugs", async () => {
    const village = await createVillage(t.db);
    const a = await createCooperative(t.db, { villageId: village.id });
    const b = await createCooperative(t.db);
    expect(a.slug).not.toBe(b.slug);
    const [stored] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, a.id));
    expect(stored?.villageId).toBe(village.id);
    const [v] = await t.db.select().from(villages).where(eq(villages.id, village.id));
    expect(v?.slug).toBe(village.slug);
  });
});
