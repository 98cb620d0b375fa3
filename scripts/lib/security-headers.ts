import type { ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { securityHeaders } from "../../app/utils/security-headers.server";

/**
 * Adds the security headers to every response (pages, the JSON API, files, error pages) as
 * defaults: a header the response already has wins. Pages bring their own nonce policy from
 * entry.server, the dev-mail page a stricter one, the password-reset page `no-referrer`; and
 * because Remix's Express adapter *appends* its headers, setting ours up front would send both.
 * So they are filled in at the last moment, when the status line is written.
 */
export function securityHeadersMiddleware(options: { production: boolean }): RequestHandler {
  const defaults = Object.entries(securityHeaders(options));
  return (_req, res, next) => {
    const writeHead = res.writeHead as ServerResponse["writeHead"];
    // Every path to the wire goes through writeHead (Node's implicit header calls it too); headers
    // passed to it as an argument still override these, as Node merges them afterwards.
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
      if (!this.headersSent) {
        for (const [name, value] of defaults) if (!this.hasHeader(name)) this.setHeader(name, value);
      }
      return writeHead.apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}
