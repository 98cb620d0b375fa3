// Rendered public pages, kept in this process for visitors without cookies. Rendering a page
// costs ten times what the rest of an answer does, and most visitors of a harvest sale look at
// the same few pages; a shared cache (CDN) in front helps only where there is one.
//
// What is cached: a GET of a page (no file extension, not a personal area) by a browser that sends
// no Cookie and no Authorization, answered 200 with `Cache-Control: public` and no Set-Cookie, so
// exactly what any other cookie-less visitor would get. The key is the whole URL with its host
// (canonical links carry the origin), and whether the client is a bot (bots get the page whole).
//
// When it is forgotten: at every committed write to a table that public pages read, on every
// instance (NOTIFY catalog_changed, see invalidation.server.ts); when the invalidation channel is
// not known to work, nothing is read from or put into the cache. Time-dependent content (today's
// date, bookings closing hours before a slot) is bounded by a lifetime (plus one render, during
// which the page past its lifetime is still served): 60 s, and 10 s for pages
// that ask browsers to revalidate every time (availability: stays, experiences) and for search
// results (the search index follows writes a moment later).
//
// Each answer gets a nonce of its own: the page's Content-Security-Policy nonce is found in its
// header, and every answer swaps in a fresh one (in the header and the body) without compressing
// the page again (spliced-gzip.server.ts). Concurrent misses of one page wait for the first render.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { isbot } from "isbot";
import postgres from "postgres";
import { type CacheInvalidation, listenForCatalogChanges } from "./invalidation.server";
import { type SplicedGzip, prepareSplicedGzip, spliceGzip } from "./spliced-gzip.server";

const PRIVATE_PREFIXES = ["/api/", "/dashboard", "/admin", "/account", "/cart", "/checkout", "/orders", "/pay", "/dev", "/login", "/signup", "/logout"];
// Headers that describe one transfer, not the page.
const TRANSFER_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date", "etag"]);
const MAX_BODY_BYTES = 2 * 1024 * 1024;

type Entry = {
  generation: number;
  expiresAt: number;
  headers: [string, string | string[]][];
  csp: string | null;
  nonce: string | null;
  /** The page's bytes between its nonces. */
  parts: Buffer[];
  gzip: SplicedGzip;
};

type Fill = { key: string; generation: number; done: () => void };

export type PageCacheOptions = {
  invalidation: () => CacheInvalidation | null;
  maxEntries?: number;
  ttlMs?: number;
  /** Lifetime of pages answered with max-age=0 / must-revalidate / no-cache. */
  revalidateTtlMs?: number;
  /** How long a request waits for another request's render of the same page. */
  maxWaitMs?: number;
};

export type PageCache = { serve: RequestHandler; capture: RequestHandler; size: () => number; clear: () => void };

/** The cache key of a request that may be answered from the cache, else null. */
export function pageCacheKey(req: Request): string | null {
  if (req.method !== "GET" && req.method !== "HEAD") return null;
  if (req.get("cookie") || req.get("authorization")) return null;
  const path = req.path;
  if (path.includes(".") || req.originalUrl.length > 512) return null;
  const bare = path.startsWith("/en/") || path === "/en" ? path.slice(3) || "/" : path;
  if (PRIVATE_PREFIXES.some((p) => bare.startsWith(p))) return null;
  const bot = isbot(req.get("user-agent") ?? "") ? "bot" : "browser";
  return `${bot} ${req.protocol}://${req.get("host") ?? ""}${req.originalUrl}`;
}

/**
 * Search results come from the engine's index, which follows a write a moment after its commit
 * (the search worker ships it): a search page rendered in between would miss the change, so it
 * lives only as long as pages that revalidate.
 */
function searchBacked(req: Request): boolean {
  return /(^|\/)search$/.test(req.path) || new URLSearchParams(req.originalUrl.split("?")[1] ?? "").has("q");
}

function cacheableAnswer(res: Response): { ttl: "long" | "short" } | null {
  if (res.statusCode !== 200 || res.getHeader("set-cookie") !== undefined) return null;
  const cacheControl = String(res.getHeader("cache-control") ?? "");
  if (!/(^|[\s,])public([\s,]|$)/i.test(cacheControl) || /no-store|private/i.test(cacheControl)) return null;
  if (!String(res.getHeader("content-type") ?? "").startsWith("text/html")) return null;
  return { ttl: /max-age=0\b|must-revalidate|no-cache/i.test(cacheControl) ? "short" : "long" };
}

export function createPageCache(options: PageCacheOptions): PageCache {
  const maxEntries = options.maxEntries ?? 300;
  const ttlMs = { long: options.ttlMs ?? 60_000, short: options.revalidateTtlMs ?? 10_000 };
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const entries = new Map<string, Entry>();
  const filling = new Map<string, Promise<void>>();

  const usable = (): CacheInvalidation | null => {
    const invalidation = options.invalidation();
    return invalidation?.healthy() ? invalidation : null;
  };
  /** The page kept for `key` if no write came since; it may have outlived its lifetime (`expired`). */
  const lookup = (key: string, invalidation: CacheInvalidation): { entry: Entry; expired: boolean } | null => {
    const entry = entries.get(key);
    if (!entry) return null;
    if (entry.generation !== invalidation.generation()) {
      entries.delete(key);
      return null;
    }
    // Most recently used last: the first key is the one to drop.
    entries.delete(key);
    entries.set(key, entry);
    return { entry, expired: entry.expiresAt <= Date.now() };
  };

  const send = (entry: Entry, req: Request, res: Response) => {
    const nonce = entry.nonce ? randomBytes(16).toString("base64") : null;
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    if (entry.csp && entry.nonce && nonce) res.setHeader("content-security-policy", entry.csp.split(entry.nonce).join(nonce));
    const vary = String(res.getHeader("vary") ?? "");
    if (!/accept-encoding/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    const filler = Buffer.from(nonce ?? "");
    let body: Buffer;
    if (req.acceptsEncodings("gzip") === "gzip") {
      body = spliceGzip(entry.gzip, filler);
      res.setHeader("content-encoding", "gzip");
    } else {
      body = Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [filler, part])));
    }
    res.setHeader("content-length", body.length);
    res.setHeader("x-page-cache", "hit");
    res.status(200);
    if (req.method === "HEAD") res.end();
    else res.end(body);
  };

  const serve: RequestHandler = (req, res, next) => {
    const key = pageCacheKey(req);
    const invalidation = key ? usable() : null;
    if (!key || !invalidation) return next();
    const found = lookup(key, invalidation);
    if (found && !found.expired) return send(found.entry, req, res);
    const pending = filling.get(key);
    // Only its lifetime is over (no write since): while one request renders it again, the others
    // still get it, so a busy page never has every visitor wait for a render at once.
    if (pending && found) return send(found.entry, req, res);
    if (pending) {
      // Someone is rendering this page now: its answer will do for this request too.
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
      void Promise.race([pending, waited]).then(() => {
        clearTimeout(timer);
        const now = usable();
        const ready = now ? lookup(key, now) : null;
        if (ready && !ready.expired && !res.headersSent) send(ready.entry, req, res);
        else next();
      });
      return;
    }
    if (req.method !== "GET") return next();
    let done!: () => void;
    const promise: Promise<void> = new Promise<void>((resolve) => {
      done = () => {
        if (filling.get(key) === promise) filling.delete(key);
        resolve();
      };
    });
    filling.set(key, promise);
    const fill: Fill = { key, generation: invalidation.generation(), done };
    res.locals.pageCacheFill = fill;
    res.once("close", done);
    next();
  };

  /** After compression: sees the page as rendered, and keeps it when it may be shared. */
  const capture: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    const fill = res.locals.pageCacheFill as Fill | undefined;
    if (!fill) return next();
    const chunks: Buffer[] = [];
    let size = 0;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function" || size > MAX_BODY_BYTES) return;
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array);
      size += buffer.length;
      chunks.push(buffer);
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, rest[0]);
      try {
        store(fill, res, chunks, size, searchBacked(req));
      } finally {
        fill.done();
      }
      return end(chunk, ...rest);
    }) as Response["end"];
    next();
  };

  const store = (fill: Fill, res: Response, chunks: Buffer[], size: number, short: boolean) => {
    const answer = cacheableAnswer(res);
    const invalidation = usable();
    // A write committed while the page was rendered: it may show the data from before it.
    if (!answer || size > MAX_BODY_BYTES || !invalidation || invalidation.generation() !== fill.generation) return;
    const csp = res.getHeader("content-security-policy");
    const cspText = typeof csp === "string" ? csp : null;
    const nonce = cspText ? (/'nonce-([^']+)'/.exec(cspText)?.[1] ?? null) : null;
    // A short nonce could also occur in the text by chance.
    if (nonce !== null && nonce.length < 16) return;
    const body = Buffer.concat(chunks, size);
    const parts = nonce ? splitBuffer(body, Buffer.from(nonce)) : [body];
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => !TRANSFER_HEADERS.has(name) && name !== "x-page-cache")
      .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)] as [string, string | string[]]);
    entries.set(fill.key, {
      generation: fill.generation,
      expiresAt: Date.now() + ttlMs[short ? "short" : answer.ttl],
      headers,
      csp: cspText,
      nonce,
      parts,
      gzip: prepareSplicedGzip(parts),
    });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  return { serve, capture, size: () => entries.size, clear: () => entries.clear() };
}

function splitBuffer(body: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(separator, from); at !== -1; at = body.indexOf(separator, from)) {
    parts.push(body.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/**
 * The page cache of an HTTP server: its own small connection pool for LISTEN and heartbeats, so
 * that a busy application pool never delays them. Until the first heartbeat returns, every
 * request is rendered.
 */
export function startPageCache(databaseUrl: string, options: Omit<PageCacheOptions, "invalidation"> = {}): PageCache & { stop: () => Promise<void> } {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  let invalidation: CacheInvalidation | null = null;
  let stopped = false;
  const connect = (): void => {
    listenForCatalogChanges(sql).then(
      (listening) => {
        if (stopped) void listening.stop();
        else invalidation = listening;
      },
      (error: unknown) => {
        // The database is not up yet: pages are rendered meanwhile; try again shortly.
        console.warn(`Page cache: LISTEN failed (${error instanceof Error ? error.message : String(error)}); retrying in 5 s.`);
        if (!stopped) setTimeout(connect, 5000).unref();
      },
    );
  };
  connect();
  const cache = createPageCache({ ...options, invalidation: () => invalidation });
  return {
    ...cache,
    async stop() {
      stopped = true;
      await invalidation?.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
