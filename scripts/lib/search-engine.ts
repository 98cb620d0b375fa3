// Search for `npm start` / `npm run dev`: MEILI_URL when given; else the embedded Meilisearch
// (data in $DATA_DIR/meilisearch) where its binary exists; else PostgreSQL. A Meilisearch that
// will not start is reported and the marketplace runs on PostgreSQL search: search never keeps
// the site from starting.
import path from "node:path";
import type { Env } from "../../app/utils/env.server";
import { type EmbeddedMeili, startEmbeddedMeilisearch } from "./embedded-meilisearch";

export async function prepareSearch(env: Env): Promise<{ embedded: EmbeddedMeili | null }> {
  if (env.SEARCH_ENGINE === "postgres") {
    console.log("• Search: PostgreSQL (SEARCH_ENGINE=postgres).");
    return { embedded: null };
  }
  if (env.MEILI_URL) {
    console.log(`• Search: Meilisearch at MEILI_URL (PostgreSQL when it does not answer).`);
    return { embedded: null };
  }
  console.log("• Starting embedded Meilisearch…");
  try {
    const embedded = await startEmbeddedMeilisearch({
      dataDir: path.resolve(env.DATA_DIR, "meilisearch"),
      port: env.EMBEDDED_MEILI_PORT,
      persistent: true,
    });
    if (!embedded) {
      console.log("• Search: PostgreSQL (no Meilisearch binary for this platform).");
      return { embedded: null };
    }
    process.env.MEILI_URL = embedded.url;
    process.env.MEILI_MASTER_KEY = embedded.key;
    console.log(`• Search: Meilisearch (embedded, ${embedded.url}).`);
    return { embedded };
  } catch (error) {
    console.warn(`• Search: PostgreSQL — the embedded Meilisearch did not start: ${error instanceof Error ? error.message : String(error)}`);
    return { embedded: null };
  }
}
