import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../db/schema/index";
import { env } from "./env.server";

export type Database = PostgresJsDatabase<typeof schema>;

export function createDb(url: string, max = 10): { db: Database; sql: postgres.Sql } {
  const sql = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
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
