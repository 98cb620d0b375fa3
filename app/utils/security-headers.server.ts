// The security headers of every response, in one place: the document's Content-Security-Policy
// (entry.server.tsx, one nonce per response) and the headers that the HTTP server adds to
// everything it sends (scripts/lib/security-headers.ts).
import { randomBytes } from "node:crypto";

/** 128 random bits, fresh for each response (CSP asks for at least 128 bits). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

// Stripe Checkout: checkout.tsx answers the order form with a 303 to Stripe's page, and browsers
// check form-action against the redirect after a form submission too.
const STRIPE_CHECKOUT = "https://checkout.stripe.com";

export type CspOptions = {
  nonce: string;
  /** Vite's dev server: its HMR client talks over a WebSocket. */
  development?: boolean;
  /** S3_PUBLIC_URL: uploaded pictures come from there when they live in object storage. */
  mediaUrl?: string;
};

/**
 * The policy of an HTML page. Scripts run only with the nonce ('strict-dynamic' lets those scripts
 * load the route modules they import; 'self' is only for browsers that predate 'strict-dynamic' —
 * newer ones ignore it). No 'unsafe-inline' or 'unsafe-eval' for scripts; inline style attributes
 * (image boxes) stay allowed, which the issue accepts.
 */
export function documentCsp({ nonce, development = false, mediaUrl }: CspOptions): string {
  const mediaOrigin = mediaUrl ? new URL(mediaUrl).origin : null;
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": [`'nonce-${nonce}'`, "'strict-dynamic'", "'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", ...(mediaOrigin ? [mediaOrigin] : [])],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(development ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'", STRIPE_CHECKOUT],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/**
 * The policy of every other response (JSON, files, plain error pages): nothing may run or load.
 * An SVG or an HTML page opened from there stays inert; inline style attributes of the server's
 * own bare error page stay allowed.
 */
export const FALLBACK_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers for every response of the HTTP server. HSTS only in production: over plain http (the
 * demo at localhost, the e2e server at 127.0.0.1) browsers ignore it, and behind the TLS proxy of
 * a real deployment it is what makes the next visit https-only.
 */
export function securityHeaders({ production }: { production: boolean }): Record<string, string> {
  return {
    ...(production ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // We use none of these; payment too (Stripe Checkout is a page of its own, not the Payment
    // Request API in ours).
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    // frame-ancestors 'none' for browsers that only know the older header.
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Content-Security-Policy": FALLBACK_CSP,
  };
}
