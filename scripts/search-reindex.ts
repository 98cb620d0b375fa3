// `npm run search:reindex`: rebuilds every search document from the catalogue, loads them into a
// new Meilisearch index and swaps it in atomically (searches keep being answered meanwhile).
// Uses DATABASE_URL / MEILI_URL when set; otherwise the embedded services of `npm start` — the
// running ones if `npm start` is up, else it starts them for the duration.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EnvError, parseEnv } from "../app/utils/env.server";
import { StepError, failStep } from "./lib/database";
import { type EmbeddedMeili, meilisearchBinary, startEmbeddedMeilisearch } from "./lib/embedded-meilisearch";
import { type EmbeddedPg, portIsFree, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { runMigrations } from "./lib/migrate";

let env;
try {
  env = parseEnv();
} catch (error) {
  failStep(error instanceof EnvError ? new StepError("Configuration", error, "Fix the variable named above (see .env.example).") : error);
}

let pg: EmbeddedPg | undefined;
let meili: EmbeddedMeili | null = null;
const stopAll = async () => {
  await meili?.stop().catch(() => {});
  await pg?.stop().catch(() => {});
};

try {
  let url = env.DATABASE_URL;
  if (!url) {
    if (await portIsFree(env.EMBEDDED_PG_PORT)) {
      pg = await startEmbeddedPostgres({
        dataDir: path.resolve(env.DATA_DIR, "postgres"),
        port: env.EMBEDDED_PG_PORT,
        database: "xiangji",
        persistent: true,
      });
      url = pg.url;
    } else {
      url = `postgres://xiangji:xiangji@127.0.0.1:${env.EMBEDDED_PG_PORT}/xiangji`;
    }
  }
  await runMigrations(url);

  let meiliUrl = env.SEARCH_ENGINE === "postgres" ? undefined : env.MEILI_URL;
  let meiliKey = env.MEILI_MASTER_KEY ?? "";
  if (!meiliUrl && env.SEARCH_ENGINE !== "postgres" && (await meilisearchBinary())) {
    const dataDir = path.resolve(env.DATA_DIR, "meilisearch");
    if (await portIsFree(env.EMBEDDED_MEILI_PORT)) {
      meili = await startEmbeddedMeilisearch({ dataDir, port: env.EMBEDDED_MEILI_PORT, persistent: true });
      meiliUrl = meili?.url;
      meiliKey = meili?.key ?? "";
    } else {
      meiliUrl = `http://127.0.0.1:${env.EMBEDDED_MEILI_PORT}`;
      meiliKey = (await readFile(path.join(dataDir, "master-key"), "utf8")).trim();
    }
  }

  const { createDb } = await import("../app/utils/db.server");
  const { projectAll } = await import("../app/modules/search/outbox.server");
  const { reindexMeilisearch } = await import("../app/modules/search/meilisearch.server");
  const { db, sql } = createDb(url, 3);
  try {
    if (!meiliUrl) {
      const n = await projectAll(db);
      console.log(`• Search documents rebuilt in PostgreSQL (${n} changed); no Meilisearch configured.`);
    } else {
      const result = await reindexMeilisearch(
        db,
        { url: meiliUrl, key: meiliKey, index: env.MEILI_INDEX, timeoutMs: 30_000 },
        (line) => console.log(`• ${line}`),
      );
      console.log(`• Reindexed ${result.documents} documents into "${result.index}" in ${(result.ms / 1000).toFixed(1)} s (swapped atomically).`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
} catch (error) {
  await stopAll();
  failStep(new StepError("Reindex", error));
}
await stopAll();
