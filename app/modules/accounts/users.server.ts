// Accounts: creating one, proving who you are, and changing your own name and password.
import { eq, sql } from "drizzle-orm";
import { users } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { Lang } from "~/utils/i18n";
import { hashPassword, verifyPassword } from "./password.server";
import { endOtherSessions } from "./session.server";

export type NewAccount = { name: string; email: string; password: string; locale: Lang };

/** Creates a shopper account; `null` when the e-mail already has one (compared case-blind). */
export async function registerUser(db: Database, account: NewAccount): Promise<{ id: number } | null> {
  const passwordHash = await hashPassword(account.password);
  // The unique index on lower(email) decides, so two sign-ups racing for one address cannot both win.
  const [row] = await db
    .insert(users)
    .values({ name: account.name, email: account.email.toLowerCase(), passwordHash, locale: account.locale })
    .onConflictDoNothing()
    .returning({ id: users.id });
  return row ?? null;
}

async function findByEmail(db: Database, email: string) {
  const [row] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row ?? null;
}

/**
 * The user with this e-mail and password, or null. An unknown e-mail costs the same hashing time
 * as a wrong password, so the answer time does not tell which accounts exist.
 */
export async function authenticate(db: Database, email: string, password: string): Promise<{ id: number } | null> {
  const user = await findByEmail(db, email);
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  return ok && user ? { id: user.id } : null;
}

export async function changeName(db: Database, userId: number, name: string): Promise<void> {
  await db.update(users).set({ name }).where(eq(users.id, userId));
}

/**
 * Changes the password after checking the current one. Every other session of the user ends
 * (whoever knew the old password is logged out); the session that made the change stays.
 */
export async function changePassword(
  db: Database,
  input: { userId: number; currentPassword: string; newPassword: string; keepTokenHash: string },
): Promise<"changed" | "wrongPassword"> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, input.userId));
  if (!(await verifyPassword(user?.passwordHash ?? null, input.currentPassword))) return "wrongPassword";
  const passwordHash = await hashPassword(input.newPassword);
  await db.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
  await endOtherSessions(db, input.userId, input.keepTokenHash);
  return "changed";
}
