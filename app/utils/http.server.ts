import { data } from "@remix-run/node";
import { env } from "./env.server";
import type { Lang } from "./i18n";

/** Throws a Response (caught by the nearest error boundary) unless `condition` holds. */
export function invariantResponse(
  condition: unknown,
  message: string,
  init: { status: number } = { status: 404 },
): asserts condition {
  if (!condition) throw data({ message }, init);
}

export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404 });
}

// Public catalogue pages may be cached by browsers and shared caches for a short while and
// served stale while revalidating; personal pages must never be stored.
export const PUBLIC_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";
export const PRIVATE_NO_STORE = "private, no-store";

export function publicHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { "Cache-Control": PUBLIC_CACHE, ...extra };
}

export const LANG_COOKIE = "xj_lang";

/** The language a visitor chose earlier with the switcher, if any. */
export function langCookie(request: Request): Lang | null {
  const match = /(?:^|;\s*)xj_lang=(zh-CN|en)(?:;|$)/.exec(request.headers.get("Cookie") ?? "");
  return (match?.[1] as Lang | undefined) ?? null;
}

/** The site's origin for absolute links in mails: PUBLIC_ORIGIN, else the request's own. */
export function appOrigin(request: Request): string {
  return env().PUBLIC_ORIGIN ?? new URL(request.url).origin;
}
