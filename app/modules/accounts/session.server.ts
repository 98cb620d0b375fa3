import { createCookie } from "@remix-run/node";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import { sessions, users } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { type Env, env, secureCookies } from "~/utils/env.server";
import { hashToken, newToken } from "./tokens.server";

export const SESSION_DAYS = 30;
const DEV_SECRET = "xiangji-development-only-session-secret";

type CookieEnv = Pick<Env, "NODE_ENV" | "COOKIE_SECURE" | "SESSION_SECRET">;

/**
 * The session cookie for a configuration: HttpOnly, SameSite=Lax, Path=/, signed; Secure with
 * the `__Host-` prefix when cookies are secure (production by default), which also forbids a
 * Domain attribute, so no sub-domain can set or read it.
 */
export function buildSessionCookie(e: CookieEnv) {
  const secure = secureCookies(e as Env);
  return createCookie(secure ? "__Host-xj_session" : "xj_session", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: SESSION_DAYS * 24 * 3600,
    secrets: [e.SESSION_SECRET ?? DEV_SECRET],
  });
}

let cookie: ReturnType<typeof createCookie> | undefined;
/** The session cookie of this process's configuration. */
export function sessionCookie() {
  cookie ??= buildSessionCookie(env());
  return cookie;
}

export function hasSessionCookie(request: Request): boolean {
  return (request.headers.get("Cookie") ?? "").includes(`${sessionCookie().name}=`);
}

export type SessionUser = {
  id: number;
  email: string;
  name: string;
  isOperator: boolean;
  locale: string;
};

export type Session = { tokenHash: string; user: SessionUser; activeCooperativeId: number | null };

/** The live session named by the request's cookie, or null (no cookie, bad signature, expired, logged out). */
export async function readSession(db: Database, request: Request): Promise<Session | null> {
  const token: unknown = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length < 20 || token.length > 100) return null;
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      activeCooperativeId: sessions.activeCooperativeId,
      id: users.id,
      email: users.email,
      name: users.name,
      isOperator: users.isOperator,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`)))
    .limit(1);
  if (!row) return null;
  const { activeCooperativeId, ...user } = row;
  return { tokenHash, user, activeCooperativeId };
}

/**
 * Starts a new session for a user who just proved who they are, and returns its Set-Cookie
 * value. Always a fresh token (never the one the browser came with), so a planted cookie is useless.
 */
export async function startSession(db: Database, userId: number, activeCooperativeId: number | null = null): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    activeCooperativeId,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 24 * 3600 * 1000),
  });
  // Expired rows of this user go on the way (a cheap, indexed delete).
  await db.delete(sessions).where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} <= now()`));
  return sessionCookie().serialize(token);
}

/** The Set-Cookie value that removes the session cookie from the browser. */
export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}

/** Ends the request's session (if any) and returns the Set-Cookie value that clears the cookie. */
export async function endSession(db: Database, request: Request): Promise<string> {
  const session = await readSession(db, request);
  if (session) await db.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
  return clearSessionCookie();
}

/** "Log out everywhere": every session of the user, on every device, ends now. */
export async function endAllSessions(db: Database, userId: number): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.tokenHash });
  return gone.length;
}

/** After a password change: every other device logs in again; this one stays signed in. */
export async function endOtherSessions(db: Database, userId: number, keepTokenHash: string): Promise<number> {
  const gone = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)))
    .returning({ t: sessions.tokenHash });
  return gone.length;
}

export async function setActiveCooperative(db: Database, tokenHash: string, cooperativeId: number): Promise<void> {
  await db.update(sessions).set({ activeCooperativeId: cooperativeId }).where(eq(sessions.tokenHash, tokenHash));
}

/** Tests and scripts reset the memoised cookie after changing the environment. */
export function resetSessionCookieForTests(): void {
  cookie = undefined;
}
