import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { configureSearch } from "~/modules/search/search.server";

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
