// Cross-site request forgery guard, shared by the HTTP server (every non-GET request) and the
// auth helpers (every action that acts for a signed-in user). Session cookies are SameSite=Lax,
// so a foreign site can only reach us with a top-level POST; browsers send `Origin` on every
// POST, so a request whose Origin (or, lacking it, Referer) is another site is refused.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type OriginHeaders = {
  method: string;
  host: string | null;
  origin: string | null;
  referer: string | null;
  secFetchSite: string | null;
  hasSessionCookie: boolean;
};

function hostOf(url: string | null): string | null {
  if (!url || url === "null") return null;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * Whether a request may change state. `publicOrigin` (PUBLIC_ORIGIN) wins over the Host header
 * when set. Requests without Origin, Referer or Sec-Fetch-Site come from programs, not
 * browsers; they are let through unless they carry our session cookie.
 */
export function sameOriginAllowed(h: OriginHeaders, publicOrigin?: string): boolean {
  if (SAFE_METHODS.has(h.method.toUpperCase())) return true;
  const expected = (publicOrigin ? hostOf(publicOrigin) : null) ?? h.host?.toLowerCase() ?? null;
  if (h.secFetchSite === "cross-site") return false;
  if (h.origin !== null) return h.origin !== "null" && expected !== null && hostOf(h.origin) === expected;
  if (h.referer !== null) return expected !== null && hostOf(h.referer) === expected;
  if (h.secFetchSite === "same-origin" || h.secFetchSite === "none") return true;
  return !h.hasSessionCookie;
}

export function originHeadersOf(request: Request, hasSessionCookie: boolean): OriginHeaders {
  const headers = request.headers;
  return {
    method: request.method,
    host: headers.get("Host") ?? new URL(request.url).host,
    origin: headers.get("Origin"),
    referer: headers.get("Referer"),
    secFetchSite: headers.get("Sec-Fetch-Site"),
    hasSessionCookie,
  };
}
