// The seed's demo accounts (db/seed/users.ts) on a database of their own: an operator, owners of
// seeded sellers and one person who is staff of one seller and owner of another; all with the
// documented password; seeding twice duplicates nothing and keeps a changed password.
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cooperatives, memberships, users } from "../../db/schema/index";
import { DEMO_PASSWORD, DEMO_USERS, upsertDemoUsers } from "../../db/seed/users";
import { hashPassword, verifyPassword } from "~/modules/accounts/password.server";
import { createDb } from "~/utils/db.server";
import { runMigrations } from "../../scripts/lib/migrate";
import { type ScratchDatabase, createScratchDatabase } from "../../scripts/lib/scratch-database";

let scratch: ScratchDatabase;
let t: ReturnType<typeof createDb>;
let ids: Map<string, number>;

const slugs = [...new Set(DEMO_USERS.flatMap((u) => Object.keys(u.memberships ?? {})))];
const seedUsers = () => t.db.transaction((tx) => upsertDemoUsers(tx, ids));

async function accounts() {
  return t.db
    .select({ email: users.email, isOperator: users.isOperator, slug: cooperatives.slug, role: memberships.role })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .orderBy(users.email, cooperatives.slug);
}

beforeAll(async () => {
  scratch = await createScratchDatabase(inject("databaseUrl"), "xiangji_demo_users");
  await runMigrations(scratch.url);
  t = createDb(scratch.url, 2);
  const rows = await t.db
    .insert(cooperatives)
    .values(slugs.map((slug) => ({ slug, nameZh: slug, nameEn: slug, kind: "cooperative" as const, status: "approved" as const })))
    .returning({ id: cooperatives.id, slug: cooperatives.slug });
  ids = new Map(rows.map((r) => [r.slug, r.id]));
}, 60_000);

afterAll(async () => {
  await t?.sql.end({ timeout: 5 });
  await scratch?.drop();
});

describe("demo accounts", () => {
  it("seeds an operator, owners and a member of two sellers, all with the demo password", async () => {
    expect(await seedUsers()).toBe(DEMO_USERS.length);
    const rows = await accounts();
    expect(rows.filter((r) => r.isOperator).map((r) => r.email)).toEqual(["admin@xiangji.demo"]);
    expect(rows.filter((r) => r.email === "yucun@xiangji.demo").map((r) => [r.slug, r.role])).toContainEqual(["yucun-white-tea-farm", "owner"]);
    expect(rows.filter((r) => r.email === "xiaoli@xiangji.demo").map((r) => [r.slug, r.role])).toEqual([
      ["yucun-white-tea-farm", "staff"],
      ["yucun-zhuli-homestay", "owner"],
    ]);
    const hashes = await t.db.select({ hash: users.passwordHash }).from(users);
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(1);
    expect(await verifyPassword(hashes[0]!.hash, DEMO_PASSWORD)).toBe(true);
  });

  it("upserts by e-mail: a second run duplicates nothing, restores roles and keeps a changed password", async () => {
    const changed = await hashPassword("my-own-password-1");
    await t.db.update(users).set({ passwordHash: changed, isOperator: true }).where(eq(users.email, "yucun@xiangji.demo"));
    await t.db
      .update(memberships)
      .set({ role: "owner" })
      .where(inArray(memberships.userId, t.db.select({ id: users.id }).from(users).where(eq(users.email, "xiaoli@xiangji.demo"))));
    const before = (await accounts()).length;
    await seedUsers();
    expect(await accounts()).toHaveLength(before);
    const [yucun] = await t.db.select().from(users).where(eq(users.email, "yucun@xiangji.demo"));
    expect(yucun).toMatchObject({ passwordHash: changed, isOperator: false });
    const [{ n }] = (await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users`)) as unknown as [{ n: number }];
    expect(n).toBe(DEMO_USERS.length);
    expect((await accounts()).filter((r) => r.email === "xiaoli@xiangji.demo").map((r) => r.role)).toEqual(["staff", "owner"]);
  });

  it("names a missing seller instead of seeding half an account list", async () => {
    await expect(t.db.transaction((tx) => upsertDemoUsers(tx, new Map()))).rejects.toThrow(/no seeded seller "yucun-white-tea-farm"/);
  });
});
