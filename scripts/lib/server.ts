import { existsSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { parseEnv } from "../../app/utils/env.server";
import { sameOriginAllowed } from "../../app/modules/security/origin";
import { startPageCache } from "../../app/modules/cache/page-cache.server";
import { securityHeadersMiddleware } from "./security-headers";
import { startHoldSweeperFromEnv } from "./hold-sweeper";
import { startSearchWorkerFromEnv } from "./search-worker";

export const BUILD_DIR = path.resolve("build");

/** Serves the production build: hashed assets cached for a year, everything else through Remix. */
/** The largest page form (not an upload) the server reads. */
const MAX_PAGE_FORM_BYTES = 1024 * 1024;

export async function startHttpServer(options: { port: number; host: string }): Promise<Server> {
  const serverEntry = path.join(BUILD_DIR, "server/index.js");
  if (!existsSync(serverEntry)) throw new Error(`No production build at ${serverEntry}: run \`npm run build\` first.`);
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;

  const settings = parseEnv();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", settings.TRUST_PROXY);
  // HSTS, nosniff, Referrer-Policy, Permissions-Policy, framing, COOP and a lock-everything CSP
  // on every response, first of all (the 403 below and the error pages too); pages replace that
  // CSP with their nonce policy.
  app.use(securityHeadersMiddleware({ production: settings.NODE_ENV === "production" }));
  // Only origin-form request targets (`GET /path`): an absolute-form one (`GET http://host/path`,
  // what a proxy is sent) or `OPTIONS *` is not ours to serve, and the Remix adapter cannot make a
  // URL of it (it threw: a 500). A 400 through the error page below instead (found by fuzzing).
  app.use((req, _res, next) => next(req.url.startsWith("/") ? undefined : Object.assign(new Error("Bad request target"), { status: 400 })));
  // Page forms are small: a form POST over 1 MB that is not an upload (multipart: pictures, CSV,
  // calendars — those routes cap their own parts) is refused before anyone reads it (413). The
  // JSON API caps its bodies itself (64 KB), the webhook at 1 MB.
  app.use((req, _res, next) => {
    const declared = Number(req.get("Content-Length") ?? "0");
    const upload = /^multipart\/form-data/i.test(req.get("Content-Type") ?? "");
    const own = req.path.startsWith("/api/v1/") || req.path === "/webhooks/stripe";
    next(!own && !upload && declared > MAX_PAGE_FORM_BYTES ? Object.assign(new Error("Form too large"), { status: 413 }) : undefined);
  });
  // CSRF: a state-changing request that another site made a browser send stops here (403).
  app.use((req, res, next) => {
    // The JSON API never reads the session cookie (carts are capabilities, orders need a Bearer
    // token), so a cross-site request gains nothing there; mini-programs send a fixed foreign
    // Referer. Stripe's webhook is authenticated by its signature.
    if (req.path.startsWith("/api/v1/") || req.path === "/webhooks/stripe") return next();
    const allowed = sameOriginAllowed(
      {
        method: req.method,
        host: req.get("Host") ?? null,
        origin: req.get("Origin") ?? null,
        referer: req.get("Referer") ?? null,
        secFetchSite: req.get("Sec-Fetch-Site") ?? null,
        hasSessionCookie: /(?:^|;\s*)(?:__Host-)?xj_session=/.test(req.get("Cookie") ?? ""),
      },
      settings.PUBLIC_ORIGIN,
    );
    if (allowed) return next();
    res.status(403).set("Cache-Control", "no-store").type("text/plain; charset=utf-8").send("403 跨站请求已拒绝 · Cross-site request refused");
  });
  // Public pages for cookie-less visitors come from the page cache when they can (forgotten at every
  // catalogue write, on every instance); its capture step sees the page before compression.
  const pageCache = settings.DATABASE_URL ? startPageCache(settings.DATABASE_URL) : null;
  if (pageCache) app.use(pageCache.serve);
  app.use(compression());
  if (pageCache) app.use(pageCache.capture);
  app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
  // Files in public/ all have an extension; pages and the API never do. Checking the disk for
  // every API request cost a stat() each (~0.25 ms under load).
  const publicFiles = express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h" });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
  // Uploaded pictures on local disk (names are content hashes: cache them for good).
  if (!settings.S3_BUCKET) {
    const mediaDir = path.resolve(settings.MEDIA_DIR ?? path.join(settings.DATA_DIR, "media"));
    // express.static's type table predates AVIF.
    express.static.mime.define({ "image/avif": ["avif"] });
    app.use(
      "/media",
      express.static(mediaDir, {
        immutable: true,
        maxAge: "1y",
        index: false,
        dotfiles: "deny",
      }),
    );
  }
  app.all(
    "*",
    createRequestHandler({ build, mode: process.env.NODE_ENV, getLoadContext: (req) => ({ clientIp: req.ip ?? "unknown" }) }),
  );
  // Errors raised before Remix sees the request (a path with broken percent-encoding, for one)
  // get a short bilingual page with their 4xx status instead of Express's English stack page.
  app.use((error: { status?: number; statusCode?: number }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 500) console.error(error);
    if (req.path.startsWith("/api/")) {
      const code = status < 500 ? "invalid_params" : "internal";
      const message = status < 500 ? "The request could not be read (malformed URL)." : "Something went wrong on our side. Please try again.";
      res.status(status).set("Cache-Control", "no-store").json({ error: { code, message } });
      return;
    }
    const [zh, en] = status === 413 ? ["提交的内容太大", "Request too large"] : status < 500 ? ["链接有误", "Bad request"] : ["服务器出错了", "Server error"];
    res
      .status(status)
      .set("Cache-Control", "no-store")
      .type("html")
      .send(
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
          `<title>${status} ${zh}</title><main style="font-family:sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem">` +
          `<h1>${status} ${zh}</h1><p lang="en">${en}</p><p><a href="/">返回首页</a> · <a href="/en" lang="en">Home</a></p></main></html>`,
      );
  });

  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host);
    server.once("listening", () => {
      if (pageCache) server.once("close", () => void pageCache.stop());
      // The search worker lives as long as the server (SEARCH_WORKER=off leaves it to another process).
      void startSearchWorkerFromEnv().then(
        (worker) => worker && server.once("close", () => void worker.stop()),
        (error: unknown) => console.error("The search worker did not start:", error),
      );
      void startHoldSweeperFromEnv().then(
        (sweeper) => sweeper && server.once("close", () => void sweeper.stop()),
        (error: unknown) => console.error("The checkout-hold sweeper did not start:", error),
      );
      resolve(server);
    });
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new Error(`Port ${options.port} is already in use: stop the other server or set PORT to a free port.`));
      } else reject(error);
    });
  });
}
