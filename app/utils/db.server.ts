import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema/index";
import { env } from "./env.server";

export type Database = PostgresJsDatabase<typeof schema>;

/**
 * How long a pool waits before reconnecting after a failed connection attempt, in seconds.
 * postgres.js's default grows with every failure of the whole pool up to 20 s, and a query that
 * needs a connection waits out that pause before it is even tried: while PostgreSQL restarts,
 * requests hung for up to 20 s and went on failing for as long after it was back. A pause of at
 * most one second keeps answers quick (a 503 when the database is down, within a second of it
 * being back the first success); the attempts it allows (`max` per second and pool) are cheap
 * for PostgreSQL to refuse.
 */
export function reconnectPauseSeconds(failures: number): number {
  return (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** failures, 1);
}

export function createDb(url: string, max = 10): { db: Database; sql: postgres.Sql } {
  // connect_timeout bounds a connection attempt that gets no answer at all (a host that drops
  // packets): a request then fails within 10 s instead of hanging.
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 10, backoff: reconnectPauseSeconds });
  return { db: drizzle(sql, { schema }), sql };
}

// One pool per process, created on first use. DATABASE_URL is set by the start script when
// the embedded PostgreSQL is used, so the app itself only ever sees a URL.
let instance: { db: Database; sql: postgres.Sql } | undefined;
export function getDb(): Database {
  if (!instance) {
    const { DATABASE_URL, DATABASE_POOL_MAX } = env();
    if (!DATABASE_URL) throw new Error("DATABASE_URL is not set (npm start sets it for the embedded PostgreSQL)");
    instance = createDb(DATABASE_URL, DATABASE_POOL_MAX);
  }
  return instance.db;
}

export async function closeDb() {
  await instance?.sql.end({ timeout: 5 });
  instance = undefined;
}

// Errors that say "the database cannot be reached right now" rather than "this query is wrong":
// the socket's, postgres.js's own, and PostgreSQL's connection and shutdown SQLSTATEs (class 08,
// 57P01–57P03 admin/crash shutdown and "cannot connect now", 53300 too many connections).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01",
  "57P02",
  "57P03",
  "53300",
]);

/**
 * True when `error` (or an error it wraps, like Drizzle's DrizzleQueryError) means PostgreSQL is
 * unreachable or going away: callers answer 503 "try again shortly" instead of a 500. A
 * transaction that met such an error was not committed — unless the connection broke during the
 * COMMIT itself, which no client can tell apart; hence "try again", never "nothing happened".
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}

/** A one-line description of a database-unavailable error for the log (the failed query's text is noise then). */
export function unavailableReason(error: unknown): string {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) {
      return `${code}: ${(e as { message?: string }).message ?? ""}`.slice(0, 200);
    }
  }
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}
