// Runs the search worker next to the HTTP server (npm start, start:prod, the e2e server) or the
// Vite dev server, on its own small connection pool. SEARCH_WORKER=off leaves it out (when a
// separate process runs it).
import type { SearchWorker } from "../../app/modules/search/worker.server";

export async function startSearchWorkerFromEnv(): Promise<{ stop: () => Promise<void> } | null> {
  const { env } = await import("../../app/utils/env.server");
  const { DATABASE_URL, SEARCH_WORKER } = env();
  if (SEARCH_WORKER === "off" || !DATABASE_URL) return null;
  const { createDb } = await import("../../app/utils/db.server");
  const { startSearchWorker } = await import("../../app/modules/search/worker.server");
  const { db, sql } = createDb(DATABASE_URL, 3);
  const worker: SearchWorker = startSearchWorker({ db, sql });
  return {
    stop: async () => {
      await worker.stop();
      await sql.end({ timeout: 5 });
    },
  };
}
