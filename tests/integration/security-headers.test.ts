// The security headers: the page policy (nonce, media origin, development) and the HTTP server's
// middleware that adds the common headers to every response as defaults a response may override.
// The production server itself, page by page, is checked in tests/e2e/security-headers.spec.ts
// (it needs the build, which the e2e stage has and this one does not).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FALLBACK_CSP, createNonce, documentCsp, securityHeaders } from "~/utils/security-headers.server";
import { securityHeadersMiddleware } from "../../scripts/lib/security-headers";

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split("; ").map((d) => d.split(" ")).map(([name, ...sources]) => [name!, sources]));
}

describe("the page policy", () => {
  it("lets only the nonce's scripts run, nothing inline or eval'd, and nothing frame the page", () => {
    const csp = directives(documentCsp({ nonce: "abc123" }));
    expect(csp.get("script-src")).toEqual(["'nonce-abc123'", "'strict-dynamic'", "'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'", "https://checkout.stripe.com"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(documentCsp({ nonce: "abc123" })).not.toMatch(/unsafe-eval/);
    expect(csp.get("script-src")!.join(" ")).not.toMatch(/unsafe-inline/);
  });

  it("allows pictures from the object store's public origin when uploads live in S3", () => {
    const csp = directives(documentCsp({ nonce: "n", mediaUrl: "https://cdn.example.com/xiangji/media" }));
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "https://cdn.example.com"]);
  });

  it("lets Vite's HMR client connect in development only", () => {
    expect(directives(documentCsp({ nonce: "n", development: true })).get("connect-src")).toEqual(["'self'", "ws:", "wss:"]);
    expect(directives(documentCsp({ nonce: "n", development: true })).get("script-src")!.join(" ")).not.toMatch(/unsafe/);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("the server's security headers", () => {
  let dir: string;
  let servers: Server[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "xj-headers-"));
    await writeFile(path.join(dir, "logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    servers = [];
    await rm(dir, { recursive: true, force: true });
  });

  /** An Express app laid out like scripts/lib/server.ts: the middleware first, compression, files, handlers, an error handler. */
  async function serve(production: boolean): Promise<string> {
    const app = express();
    app.use(securityHeadersMiddleware({ production }));
    app.use(compression());
    app.use("/files", express.static(dir));
    app.get("/json", (_req, res) => void res.json({ ok: true }));
    // Remix's adapter appends the headers of the route's Response.
    app.get("/own", (_req, res) => {
      res.append("Content-Security-Policy", "default-src 'none'; frame-src 'self'");
      res.append("Referrer-Policy", "no-referrer");
      res.append("X-Content-Type-Options", "nosniff");
      res.type("html").send("<p>mail</p>");
    });
    app.get("/explicit", (_req, res) => void res.writeHead(201, { "Referrer-Policy": "same-origin" }).end());
    app.get("/boom", () => {
      throw Object.assign(new Error("bad"), { status: 400 });
    });
    app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(400).type("html").send("<main style='margin:0'>400</main>");
    });
    const server = app.listen(0, "127.0.0.1");
    servers.push(server);
    await new Promise((r) => server.once("listening", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("adds every header, HSTS included, to JSON, files and error pages in production", async () => {
    const base = await serve(true);
    const expected = securityHeaders({ production: true });
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining(["Strict-Transport-Security", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy", "Content-Security-Policy"]),
    );
    for (const [p, status] of [["/json", 200], ["/files/logo.svg", 200], ["/boom", 400]] as const) {
      const res = await fetch(base + p, { headers: { "Accept-Encoding": "gzip" } });
      expect(res.status, p).toBe(status);
      for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name), `${name} on ${p}`).toBe(value);
    }
    // Nothing runs in a file opened on its own.
    expect(FALLBACK_CSP).toContain("default-src 'none'");
    expect(FALLBACK_CSP).toContain("frame-ancestors 'none'");
  });

  it("keeps a response's own value instead of sending two", async () => {
    const base = await serve(true);
    const own = await fetch(`${base}/own`);
    expect(own.headers.get("Content-Security-Policy")).toBe("default-src 'none'; frame-src 'self'");
    expect(own.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(own.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(own.headers.get("X-Frame-Options")).toBe("DENY");
    const explicit = await fetch(`${base}/explicit`);
    expect(explicit.status).toBe(201);
    expect(explicit.headers.get("Referrer-Policy")).toBe("same-origin");
    expect(explicit.headers.get("Permissions-Policy")).toContain("camera=()");
  });

  it("sends no HSTS outside production", async () => {
    const base = await serve(false);
    const res = await fetch(`${base}/json`);
    expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toBe(FALLBACK_CSP);
  });
});
