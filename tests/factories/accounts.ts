import { eq, sql } from "drizzle-orm";
import { memberships, sessions, users } from "../../db/schema/index";
import { hashPassword } from "~/modules/accounts/password.server";
import { startSession } from "~/modules/accounts/session.server";
import type { Database } from "~/utils/db.server";
import { uniqueToken } from "./unique";

export type UserRow = typeof users.$inferSelect;
export const TEST_PASSWORD = "correct-horse-battery-9";

let cachedHash: Promise<string> | undefined;

/** A user with the password TEST_PASSWORD (hashed once per file: argon2 is deliberately slow). */
export async function createUser(db: Database, overrides: Partial<typeof users.$inferInsert> = {}): Promise<UserRow> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const [row] = await db
    .insert(users)
    .values({ email: `user-${uniqueToken()}@example.test`, name: "测试用户", passwordHash: await cachedHash, ...overrides })
    .returning();
  return row!;
}

export async function addMembership(db: Database, userId: number, cooperativeId: number, role: "owner" | "staff" = "owner") {
  await db.insert(memberships).values({ userId, cooperativeId, role });
}

/** How many sessions the user has (signed in on how many browsers). */
export async function countSessions(db: Database, userId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sessions).where(eq(sessions.userId, userId));
  return row!.n;
}

/** A `Cookie` header value of a fresh session of the user (as a browser would send it). */
export async function sessionCookieFor(db: Database, userId: number, activeCooperativeId: number | null = null): Promise<string> {
  const setCookie = await startSession(db, userId, activeCooperativeId);
  return setCookie.split(";")[0]!;
}

export type SellerTeams = {
  owner: string;
  staff: string;
  ownerB: string;
  ownerId: number;
  staffId: number;
  ownerBId: number;
};

/**
 * The people of a scoping test: an owner and a staff member of cooperative A and an owner of B,
 * each signed in (session cookies) with their own cooperative active.
 */
export async function sellerTeams(
  db: Database,
  coopA: number,
  coopB: number,
  overrides: { owner?: Partial<typeof users.$inferInsert>; staff?: Partial<typeof users.$inferInsert> } = {},
): Promise<SellerTeams> {
  const [o, s, ob] = [await createUser(db, overrides.owner), await createUser(db, overrides.staff), await createUser(db)];
  await addMembership(db, o.id, coopA, "owner");
  await addMembership(db, s.id, coopA, "staff");
  await addMembership(db, ob.id, coopB, "owner");
  return {
    owner: await sessionCookieFor(db, o.id, coopA),
    staff: await sessionCookieFor(db, s.id, coopA),
    ownerB: await sessionCookieFor(db, ob.id, coopB),
    ownerId: o.id,
    staffId: s.id,
    ownerBId: ob.id,
  };
}
