import { memberships, users } from "../../db/schema/index";
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

/** A `Cookie` header value of a fresh session of the user (as a browser would send it). */
export async function sessionCookieFor(db: Database, userId: number, activeCooperativeId: number | null = null): Promise<string> {
  const setCookie = await startSession(db, userId, activeCooperativeId);
  return setCookie.split(";")[0]!;
}
