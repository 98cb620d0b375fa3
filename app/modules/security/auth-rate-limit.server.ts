// Rate limits of the doors into accounts (log in, sign up, password reset): every attempt counts,
// whatever its outcome, once per client IP and once per account e-mail, so that neither many
// addresses from one place nor one address from many places gets more than AUTH_RATE_LIMIT tries
// a minute.
import type { Database } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { type RateLimitResult, hitRateLimit } from "./rate-limit.server";

export type AuthAction = "login" | "signup" | "forgot" | "reset";

/** The submitted e-mail as the account's key (trimmed, lower-case), or null when there is none. */
export function emailBucketKey(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const normalised = value.trim().toLowerCase();
  return normalised.length >= 3 && normalised.length <= 254 && normalised.includes("@") ? normalised : null;
}

/** Counts one attempt; `allowed` is false from the (limit + 1)th attempt of the minute on. */
export function limitAuthAttempt(
  db: Database,
  action: AuthAction,
  who: { ip: string; email?: unknown },
): Promise<RateLimitResult> {
  const buckets = [`${action}:ip:${who.ip}`];
  const email = emailBucketKey(who.email);
  if (email) buckets.push(`${action}:email:${email}`);
  return hitRateLimit(db, buckets, env().AUTH_RATE_LIMIT);
}
