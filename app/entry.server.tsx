import { Transform } from "node:stream";
import type { EntryContext, HandleDataRequestFunction, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer, isRouteErrorResponse } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { hasSessionCookie } from "~/modules/accounts/session.server";
import { hasCartCookie } from "~/modules/cart/cookie.server";
import { isDatabaseUnavailable } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { NonceContext } from "~/utils/nonce";
import { createNonce, documentCsp } from "~/utils/security-headers.server";

export const streamTimeout = 5_000;

// A thrown 403/404 (`notFound()`, `forbidden()`) is an answer, not a fault: only real errors are
// logged, and nothing for requests the browser already gave up on.
/** Requests whose loaders failed because the database was away (errors reach the page sanitised). */
const databaseAway = new WeakSet<Request>();

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  if (isDatabaseUnavailable(error)) {
    databaseAway.add(request);
    console.error(`[db] unavailable while answering ${new URL(request.url).pathname}: ${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)}`);
    return;
  }
  console.error(error);
};

/**
 * Public pages are cached by browsers and shared caches, but the header of a browser with a cart
 * or a session shows its own cart count: such a response is private (and revalidated), while
 * the same page for a cookie-less visitor stays public and says that it varies by cookie.
 */
export function keepPersonalPagesPrivate(request: Request, headers: Headers): void {
  const cacheControl = headers.get("Cache-Control");
  if (!cacheControl || !/(^|[\s,])public([\s,]|$)/i.test(cacheControl)) return;
  if (hasCartCookie(request) || hasSessionCookie(request)) {
    headers.set("Cache-Control", "private, no-cache");
  } else if (!/(^|[\s,])(cookie|\*)([\s,]|$)/i.test(headers.get("Vary") ?? "")) {
    headers.append("Vary", "Cookie");
  }
}

// Single-fetch data requests (`/products/x.data`) carry the root loader's count too.
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  keepPersonalPagesPrivate(request, response.headers);
  return response;
};

// React 18's streaming renderer flushes a few never-written NUL bytes when a multi-byte UTF-8
// character (Chinese text, "–") straddles the end of its 2 KB buffer (facebook/react#26228,
// fixed only in React 19). NUL never belongs in an HTML document, so drop it on the way out.
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  keepPersonalPagesPrivate(request, responseHeaders);
  // The database is away (restarting, failing over): a page says "try again shortly" (503 with
  // Retry-After, never cached) rather than "server error"; the error page itself is the same.
  if (responseStatusCode >= 500 && databaseAway.has(request)) {
    responseStatusCode = 503;
    responseHeaders.set("Retry-After", "5");
    responseHeaders.set("Cache-Control", "no-store");
  }
  // Every page gets a nonce of its own: only the scripts this render writes (Remix's context,
  // route imports, scroll restoration, streamed data) may run.
  const nonce = createNonce();
  const settings = env();
  responseHeaders.set(
    "Content-Security-Policy",
    documentCsp({ nonce, development: settings.NODE_ENV === "development", mediaUrl: settings.S3_BUCKET ? settings.S3_PUBLIC_URL : undefined }),
  );
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
