import { randomBytes } from "node:crypto";
import postgres from "postgres";

export type ScratchDatabase = { name: string; url: string; drop: () => Promise<void> };

/** `url` with its database replaced: the same server, user and options. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, uniquely named database on the server of `serverUrl` (whose own database is only used
 * to run CREATE/DROP DATABASE). Used by the test runner, the vitest harness and tests that need a
 * database of their own. `drop` keeps it when KEEP_TEST_DB=1, for a post-mortem.
 */
export async function createScratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const onServer = async (statement: string) => {
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    try {
      await admin.unsafe(statement);
    } finally {
      await admin.end();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop: async () => {
      if (process.env.KEEP_TEST_DB === "1") {
        console.log(`• Kept database ${name}.`);
        return;
      }
      await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
