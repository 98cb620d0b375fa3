// Password reset by e-mail: a one-use link valid for an hour. The mail carries the token, the
// database only its SHA-256; using a link ends every session of the account.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { passwordResets, sessions, users } from "../../../db/schema/index";
import { sendMail } from "~/modules/mail/mailer.server";
import type { Database } from "~/utils/db.server";
import { type Lang, localePath } from "~/utils/i18n";
import { hashPassword } from "./password.server";
import { resetPasswordMail } from "./reset-mail.server";
import { hashToken, newToken } from "./tokens.server";

export const RESET_LINK_MINUTES = 60;

/**
 * Mails a reset link when the e-mail has an account, and does nothing otherwise: the caller
 * answers the same either way, so the form cannot be used to find out who has an account.
 * `origin` is the site's origin for the absolute link (appOrigin(request)).
 */
export async function requestPasswordReset(db: Database, email: string, origin: string): Promise<boolean> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  if (!user) return false;
  const token = newToken();
  await db.insert(passwordResets).values({
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_LINK_MINUTES * 60_000),
  });
  const lang: Lang = user.locale === "en" ? "en" : "zh-CN";
  const link = `${origin}${localePath(lang, "/reset-password")}?token=${encodeURIComponent(token)}`;
  await sendMail(resetPasswordMail({ to: user.email, name: user.name, link, lang }));
  return true;
}

function plausibleToken(token: unknown): token is string {
  return typeof token === "string" && token.length >= 20 && token.length <= 100;
}

/** Whether a link's token can still be used (unknown, used and expired tokens cannot). */
export async function resetTokenUsable(db: Database, token: unknown): Promise<boolean> {
  if (!plausibleToken(token)) return false;
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .limit(1);
  return Boolean(row);
}

/**
 * Sets a new password with a reset token and returns the user's id, or null when the token
 * cannot be used. The token is taken with one conditional UPDATE, so two tabs submitting the
 * same link cannot both succeed. The account's other reset links die with it, and every
 * session of the account ends (whoever had the old password is logged out).
 */
export async function resetPassword(db: Database, token: string, newPassword: string): Promise<number | null> {
  // The cheap check first: a bad token costs no password hashing.
  if (!(await resetTokenUsable(db, token))) return null;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [taken] = await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.tokenHash, hashToken(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId });
    if (!taken) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, taken.userId));
    await tx
      .update(passwordResets)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResets.userId, taken.userId), isNull(passwordResets.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, taken.userId));
    return taken.userId;
  });
}
