// Vitest globalSetup for the `integration` project: one real, migrated PostgreSQL per run.
//
// - TEST_DATABASE_URL unset: a throw-away embedded PostgreSQL (data dir under the OS temp dir,
//   free port), removed again at teardown.
// - TEST_DATABASE_URL set: a fresh database is created in that server (the URL's own database
//   is only used to run CREATE/DROP DATABASE) and dropped at teardown; KEEP_TEST_DB=1 keeps it.
//
// Tests read the URL with `inject("databaseUrl")` (see tests/setup/db.ts).
//
// Meilisearch: TEST_MEILI_URL (+ TEST_MEILI_KEY) when set, else a throw-away embedded Meilisearch;
// `inject("meiliUrl")` is "" where no binary exists (then the Meilisearch tests say so and fail).
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { testRunMeilisearch } from "../../scripts/lib/embedded-meilisearch";
import { StartupError, freePort, startEmbeddedPostgres } from "../../scripts/lib/embedded-postgres";
import { runMigrations } from "../../scripts/lib/migrate";
import { createScratchDatabase } from "../../scripts/lib/scratch-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    meiliUrl: string;
    meiliKey: string;
  }
}

async function useExternalServer(serverUrl: string): Promise<{ url: string; teardown: () => Promise<void> }> {
  const scratch = await createScratchDatabase(serverUrl, "xiangji_test");
  return {
    url: scratch.url,
    teardown: () =>
      scratch.drop().catch((error: unknown) => {
        console.warn(`[test db] could not drop ${scratch.name}:`, error instanceof Error ? error.message : error);
      }),
  };
}

async function useEmbeddedServer(): Promise<{ url: string; teardown: () => Promise<void> }> {
  const dataDir = path.join(os.tmpdir(), `xiangji-test-pg-${randomBytes(6).toString("hex")}`);
  const port = await freePort();
  let pg;
  try {
    pg = await startEmbeddedPostgres({ dataDir, port, database: "xiangji_test", persistent: false });
  } catch (error) {
    if (error instanceof StartupError) error.message += `\n→ ${error.hint}\n(or set TEST_DATABASE_URL to a PostgreSQL server)`;
    throw error;
  }
  return { url: pg.url, teardown: () => pg.stop() };
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const started = Date.now();
  const db = serverUrl ? await useExternalServer(serverUrl) : await useEmbeddedServer();
  try {
    await runMigrations(db.url);
  } catch (error) {
    await db.teardown();
    throw error;
  }
  if (process.env.DEBUG_TEST_DB) console.log(`[test db] ready in ${Date.now() - started} ms: ${db.url}`);
  project.provide("databaseUrl", db.url);
  const meili = await testRunMeilisearch();
  project.provide("meiliUrl", meili?.url ?? "");
  project.provide("meiliKey", meili?.key ?? "");
  const stopMeili = meili?.stop ?? (async () => {});
  return async () => {
    await stopMeili();
    await db.teardown();
  };
}
