// Guests reach their order by a signed link: the token is an HMAC of the order number with the
// server's secret, so nothing needs storing and no other order's token can be derived from it.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "~/utils/env.server";
import { type Lang, localePath } from "~/utils/i18n";

const DEV_SECRET = "xiangji-development-only-session-secret";

export function orderAccessToken(number: string): string {
  return createHmac("sha256", env().SESSION_SECRET ?? DEV_SECRET)
    .update(`order:${number}`)
    .digest("base64url");
}

export function verifyOrderAccessToken(number: string, token: string | null | undefined): boolean {
  if (typeof token !== "string" || token.length !== 43) return false;
  const expected = Buffer.from(orderAccessToken(number));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The order page's path with its signed token (relative). */
export function orderPath(lang: Lang, number: string): string {
  return localePath(lang, `/orders/${encodeURIComponent(number)}?t=${orderAccessToken(number)}`);
}

/** The absolute signed link to an order (for mails and payment return URLs). */
export function orderUrl(origin: string, lang: Lang, number: string): string {
  return origin + orderPath(lang, number);
}

/** The Bearer token of an `Authorization` header, if any. */
export function bearerToken(request: Request): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{1,200})\s*$/.exec(request.headers.get("Authorization") ?? "");
  return match?.[1] ?? null;
}
