// The database connection dying under a request (what `npm run test:faults` does to a whole
// PostgreSQL, here to one backend): the transaction rolls back, the error is recognised as
// "database unavailable" (→ 503 in the API), the process survives it, and the pool works again.
import net from "node:net";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiHandler } from "~/modules/api/respond.server";
import { createDb, isDatabaseUnavailable, reconnectPauseSeconds } from "~/utils/db.server";
import { cooperatives } from "../../db/schema/index";
import { openTestDb, type TestDb } from "../setup/db";

let t: TestDb;
let admin: postgres.Sql;
beforeAll(() => {
  t = openTestDb(2);
  admin = postgres(t.url, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await admin.end({ timeout: 5 });
  await t.close();
});

const uncaught: unknown[] = [];
const onUncaught = (error: unknown) => uncaught.push(error);

/**
 * A TCP proxy in front of the test database whose `reset()` cuts every connection with an RST —
 * what clients see when PostgreSQL goes away under them (pg_terminate_backend says goodbye first).
 */
async function resettingProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(target);
  url.port = String(port);
  return {
    url: url.toString(),
    reset: () => {
      for (const s of sockets) s.resetAndDestroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The pool answers again (the first query after a cut may still meet the dead connection). */
async function answersAgain(db: ReturnType<typeof createDb>["db"]) {
  for (let i = 0; ; i++) {
    try {
      return await db.execute<{ one: number }>(sql`SELECT 1 AS one`);
    } catch (error) {
      if (i >= 20 || !isDatabaseUnavailable(error)) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe("a database connection that dies mid-transaction", () => {
  it("rolls back, is reported as unavailable, does not crash the process, and the pool recovers", async () => {
    const { db, sql: client } = createDb(t.url, 1);
    process.on("uncaughtException", onUncaught);
    try {
      const slug = `faults-${Date.now()}`;
      const failed = await db
        .transaction(async (tx) => {
          await tx.insert(cooperatives).values({ slug, nameZh: "断线合作社", nameEn: "Cut-off", kind: "cooperative", status: "approved" });
          const [me] = await tx.execute<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`);
          await admin`SELECT pg_terminate_backend(${me!.pid})`;
          await tx.execute(sql`SELECT 1`);
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(failed).not.toBeNull();
      expect(isDatabaseUnavailable(failed)).toBe(true);
      // postgres.js 3.4.9 wrote the ROLLBACK to the dead socket on a setImmediate and threw
      // from there (porsager/postgres#1208): an uncaught TypeError that ends the server.
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
      await answersAgain(db);
      const [row] = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cooperatives WHERE slug = ${slug}`);
      expect(row?.n).toBe(0);
    } finally {
      process.off("uncaughtException", onUncaught);
      await client.end({ timeout: 5 });
    }
  });

  it("survives the connection being reset (RST) mid-transaction", async () => {
    const proxy = await resettingProxy(new URL(t.url));
    const { db, sql: client } = createDb(proxy.url, 2);
    process.on("uncaughtException", onUncaught);
    try {
      const slug = `faults-rst-${Date.now()}`;
      const failed = await db
        .transaction(async (tx) => {
          await tx.insert(cooperatives).values({ slug, nameZh: "断线合作社", nameEn: "Reset", kind: "cooperative", status: "approved" });
          proxy.reset();
          await tx.execute(sql`SELECT pg_sleep(0.2)`);
        })
        .then(
          () => null,
          (error: unknown) => error,
        );
      expect(isDatabaseUnavailable(failed)).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(uncaught).toEqual([]);
      await answersAgain(db);
      const [row] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cooperatives WHERE slug = ${slug}`);
      expect(row?.n).toBe(0);
    } finally {
      process.off("uncaughtException", onUncaught);
      await client.end({ timeout: 5 });
      await proxy.close();
    }
  });

  it("waits at most a second before trying to reconnect, however long the outage", () => {
    expect(reconnectPauseSeconds(0)).toBeLessThanOrEqual(0.05);
    for (const failures of [5, 10, 100, 10_000]) expect(reconnectPauseSeconds(failures)).toBeLessThanOrEqual(1);
  });

  it("answers 503 in the API's shape, with Retry-After", async () => {
    const refused = await postgres("postgres://nobody:nothing@127.0.0.1:1/none", { max: 1, connect_timeout: 2, onnotice: () => {} })`SELECT 1`.then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(refused)).toBe(true);
    const response = await apiHandler(() => {
      throw refused;
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("service_unavailable");
    // A query that is merely wrong stays a 500.
    const wrong = await t.db.execute(sql`SELECT * FROM no_such_table`).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDatabaseUnavailable(wrong)).toBe(false);
    expect((await apiHandler(() => Promise.reject(wrong))).status).toBe(500);
  });
});
