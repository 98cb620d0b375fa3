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

/**
 * A CSV file to download, never a page: private, not stored by any cache. `filename` goes into the
 * header as it is (callers build it from ASCII slugs and dates).
 */
export function csvDownload(body: Buffer, filename: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(body.byteLength),
      "Cache-Control": PRIVATE_NO_STORE,
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * The request body's bytes, or null once it passes `limit` (the rest is not kept). Past the limit
 * the body is read on and dropped while the total stays within `drainUpTo`, so that a client still
 * sending hears the answer (cancelling the stream destroys the connection, and such a client sees
 * a reset instead); beyond that, or with no `drainUpTo`, the stream is cancelled at once.
 */
export async function readCapped(request: Request, limit: number, { drainUpTo = 0 }: { drainUpTo?: number } = {}): Promise<Buffer | null> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      while (size <= drainUpTo) {
        const next = await reader.read();
        if (next.done) return null;
        size += next.value.byteLength;
      }
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
