// The page cache in an Express server like scripts/lib/server.ts (cache → compression → capture →
// the app): what it keeps, that every answer gets a nonce of its own, and that a committed write
// reaches the caches of two instances on the real database.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import compression from "compression";
import { eq } from "drizzle-orm";
import express from "express";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { villages } from "../../db/schema/index";
import { createVillage } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type CacheInvalidation, listenForCatalogChanges } from "~/modules/cache/invalidation.server";
import { createPageCache } from "~/modules/cache/page-cache.server";

let t: TestDb;
const closers: (() => Promise<unknown>)[] = [];
beforeAll(() => {
  t = openTestDb();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await t.close();
});

/** An invalidation that only the test moves. */
function manualInvalidation() {
  let generation = 0;
  let healthy = true;
  const control = {
    bump: () => generation++,
    setHealthy: (h: boolean) => (healthy = h),
  };
  const invalidation: CacheInvalidation = { generation: () => generation, healthy: () => healthy, changes: 0, stop: async () => {} };
  return { invalidation, control };
}

type Page = (req: express.Request, res: express.Response) => Promise<void> | void;

/** A page that shows a village's name, with a nonce policy like entry.server's. */
function villagePage(villageId: number, options: { cacheControl?: string; setCookie?: boolean; during?: () => Promise<void> } = {}): Page {
  return async (_req, res) => {
    const [village] = await t.db.select({ name: villages.nameZh }).from(villages).where(eq(villages.id, villageId));
    await options.during?.();
    const nonce = randomBytes(16).toString("base64");
    res.setHeader("Content-Security-Policy", `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'`);
    res.setHeader("Cache-Control", options.cacheControl ?? "public, max-age=60");
    res.setHeader("Vary", "Cookie");
    if (options.setCookie) res.setHeader("Set-Cookie", "xj_cart=1; Path=/");
    res.type("html");
    // Streamed in pieces, as Remix writes a page; long enough to be compressed.
    res.write(`<!doctype html><html><head><script nonce="${nonce}">1</script></head><body><h1>${village!.name}</h1>`);
    res.write(`<p>${"乡村振兴 ".repeat(400)}</p><script nonce="${nonce}">2</script>`);
    res.end("</body></html>");
  };
}

async function server(invalidation: () => CacheInvalidation | null, page: Page, ttlMs = 600_000) {
  const cache = createPageCache({ invalidation, ttlMs, revalidateTtlMs: ttlMs });
  let renders = 0;
  const app = express();
  app.use(cache.serve);
  app.use(compression());
  app.use(cache.capture);
  app.get("*", (req, res, next) => {
    renders++;
    Promise.resolve(page(req, res)).catch(next);
  });
  const listening = app.listen(0, "127.0.0.1");
  await new Promise((r) => listening.once("listening", r));
  closers.push(() => new Promise((r) => listening.close(r)));
  const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  return { base, cache, renders: () => renders };
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; text: string; nonce: string | undefined };

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, base), { headers: { "accept-encoding": "gzip, deflate, br", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          const enc = res.headers["content-encoding"];
          const text = (enc === "gzip" ? zlib.gunzipSync(raw) : enc === "br" ? zlib.brotliDecompressSync(raw) : raw).toString("utf8");
          const nonce = /'nonce-([^']+)'/.exec(String(res.headers["content-security-policy"] ?? ""))?.[1];
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, nonce });
        });
      })
      .on("error", reject);
  });
}

/** Every script of the page carries the nonce of its own header. */
function expectOwnNonce(answer: Answer) {
  expect(answer.nonce).toBeTruthy();
  const scripts = [...answer.text.matchAll(/<script nonce="([^"]+)"/g)].map((m) => m[1]);
  expect(scripts).toEqual([answer.nonce, answer.nonce]);
}

describe("page cache", () => {
  it("answers a cookie-less visitor's page from the cache, whole, with a nonce of its own each time", async () => {
    const village = await createVillage(t.db, { nameZh: "缓存村" });
    const { invalidation } = manualInvalidation();
    const s = await server(() => invalidation, villagePage(village.id));

    const first = await get(s.base, "/villages/x");
    const second = await get(s.base, "/villages/x");
    const plain = await get(s.base, "/villages/x", { "accept-encoding": "identity" });
    expect(s.renders()).toBe(1);
    expect(second.headers["x-page-cache"]).toBe("hit");
    expect(second.headers["content-encoding"]).toBe("gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    for (const answer of [first, second, plain]) {
      expect(answer.status).toBe(200);
      expect(answer.text).toContain("<h1>缓存村</h1>");
      expect(answer.text).toMatch(/<\/html>$/);
      expectOwnNonce(answer);
      expect(answer.headers["cache-control"]).toBe("public, max-age=60");
      expect(String(answer.headers.vary)).toMatch(/Cookie/);
    }
    expect(new Set([first.nonce, second.nonce, plain.nonce]).size).toBe(3);
    // Apart from the nonces, the cached page is the rendered one.
    const bare = (a: Answer) => a.text.replaceAll(a.nonce!, "N");
    expect(bare(second)).toBe(bare(first));
    expect(bare(plain)).toBe(bare(first));
    // Another URL is another page.
    await get(s.base, "/villages/x?page=2");
    expect(s.renders()).toBe(2);
  });

  it("never keeps personal answers: a visitor with cookies, a private page, a Set-Cookie", async () => {
    const village = await createVillage(t.db);
    const { invalidation } = manualInvalidation();
    const withCookies = await server(() => invalidation, villagePage(village.id));
    for (let i = 0; i < 2; i++) await get(withCookies.base, "/villages/x", { cookie: "xj_cart=abc" });
    expect(withCookies.renders()).toBe(2);

    const personal = await server(() => invalidation, villagePage(village.id, { cacheControl: "private, no-cache" }));
    const setsCookie = await server(() => invalidation, villagePage(village.id, { setCookie: true }));
    for (let i = 0; i < 2; i++) {
      await get(personal.base, "/villages/x");
      await get(setsCookie.base, "/villages/x");
      await get(personal.base, "/cart");
    }
    expect(personal.renders()).toBe(4);
    expect(setsCookie.renders()).toBe(2);
    expect(personal.cache.size()).toBe(0);
    expect(setsCookie.cache.size()).toBe(0);
  });

  it("renders again after a change, keeps nothing rendered across one, and steps aside while changes may go unheard", async () => {
    const village = await createVillage(t.db);
    const { invalidation, control } = manualInvalidation();
    let changeDuringRender = false;
    const s = await server(
      () => invalidation,
      villagePage(village.id, { during: async () => void (changeDuringRender && control.bump()) }),
    );
    await get(s.base, "/villages/x");
    control.bump();
    await get(s.base, "/villages/x");
    expect(s.renders()).toBe(2);

    // The page read the data before a write committed: it is served, but not kept.
    changeDuringRender = true;
    control.bump();
    await get(s.base, "/villages/x");
    changeDuringRender = false;
    await get(s.base, "/villages/x");
    expect(s.renders()).toBe(4);
    await get(s.base, "/villages/x");
    expect(s.renders()).toBe(4);

    control.setHealthy(false);
    await get(s.base, "/villages/x");
    await get(s.base, "/villages/x");
    expect(s.renders()).toBe(6);
  });

  it("serves concurrent first visits of a page with one render", async () => {
    const village = await createVillage(t.db);
    const { invalidation } = manualInvalidation();
    const s = await server(() => invalidation, villagePage(village.id, { during: () => new Promise((r) => setTimeout(r, 100)) }));
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(s.base, "/villages/x")));
    expect(s.renders()).toBe(1);
    for (const a of answers) expectOwnNonce(a);
    expect(new Set(answers.map((a) => a.nonce)).size).toBe(10);
  });

  it("past its lifetime, a page is rendered again while the others still get it; after a write, nobody does", async () => {
    const village = await createVillage(t.db);
    const { invalidation, control } = manualInvalidation();
    let slow = false;
    const s = await server(
      () => invalidation,
      villagePage(village.id, { during: () => new Promise((r) => setTimeout(r, slow ? 300 : 0)) }),
      50,
    );
    await get(s.base, "/villages/x");
    await new Promise((r) => setTimeout(r, 80));
    slow = true;
    const renderAgain = get(s.base, "/villages/x");
    await new Promise((r) => setTimeout(r, 50));
    const meanwhile = await get(s.base, "/villages/x");
    expect(meanwhile.headers["x-page-cache"]).toBe("hit");
    expect((await renderAgain).headers["x-page-cache"]).toBeUndefined();
    expect(s.renders()).toBe(2);

    // A write: the next visitors wait for the new render instead.
    control.bump();
    const first = get(s.base, "/villages/x");
    await new Promise((r) => setTimeout(r, 50));
    const second = await get(s.base, "/villages/x");
    expect(second.headers["x-page-cache"]).toBe("hit");
    await first;
    expect(s.renders()).toBe(3);
  });

  it("shows a committed write at once on two instances (real notifications)", async () => {
    const village = await createVillage(t.db, { nameZh: "旧名村" });
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const client = postgres(t.url, { max: 1, onnotice: () => {} });
        const seen: string[] = [];
        const listener = await listenForCatalogChanges(client, { onChange: (table) => seen.push(table) });
        closers.push(async () => {
          await listener.stop();
          await client.end({ timeout: 5 });
        });
        const s = await server(() => listener, villagePage(village.id));
        return { s, listener, seen };
      }),
    );
    const deadline = Date.now() + 5000;
    while (!instances.every((i) => i.listener.healthy()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const { s } of instances) {
      expect((await get(s.base, "/villages/x")).text).toContain("旧名村");
      expect((await get(s.base, "/villages/x")).text).toContain("旧名村");
    }
    for (const i of instances) i.seen.length = 0;

    await t.db.update(villages).set({ nameZh: "新名村" }).where(eq(villages.id, village.id));
    // NOTIFY is delivered after the commit; a page asked for after that never shows the old name.
    while (!instances.every((i) => i.seen.includes("villages")) && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 5));
    for (const { s } of instances) {
      const answer = await get(s.base, "/villages/x");
      expect(answer.text).toContain("新名村");
      expectOwnNonce(answer);
    }
  });
});
