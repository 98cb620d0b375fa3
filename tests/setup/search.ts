import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { configureSearch } from "~/modules/search/search.server";
import { createDb } from "~/utils/db.server";
import { runMigrations } from "../../scripts/lib/migrate";
import { createScratchDatabase } from "../../scripts/lib/scratch-database";
import type { TestDb } from "./db";

/** Meilisearch of this test run (see global-setup.ts); fails loudly where there is none. */
export function testMeili(): { url: string; key: string } {
  const url = inject("meiliUrl");
  if (!url) throw new Error("No Meilisearch for this run: the binary is missing here; set TEST_MEILI_URL.");
  return { url, key: inject("meiliKey") };
}

/** Points search at the run's Meilisearch, on an index of this file's own. */
export function useMeilisearch(prefix = "test"): { url: string; key: string; index: string } {
  const { url, key } = testMeili();
  const index = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  configureSearch({ engine: "meilisearch", meiliUrl: url, meiliKey: key, indexName: index });
  return { url, key, index };
}

export function usePostgresSearch() {
  configureSearch({ engine: "postgres" });
}

/**
 * A migrated database of this file's own on the run's server. Search tests need one: documents
 * carry one "shipped to Meilisearch" flag, so two files shipping to two indexes from one
 * database would take each other's documents.
 */
export async function openScratchTestDb(prefix = "xiangji_search"): Promise<TestDb> {
  const scratch = await createScratchDatabase(inject("databaseUrl"), prefix);
  await runMigrations(scratch.url);
  const { db, sql } = createDb(scratch.url, 5);
  return {
    db,
    url: scratch.url,
    close: async () => {
      await sql.end({ timeout: 5 });
      await scratch.drop();
    },
  };
}
