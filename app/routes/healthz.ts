import { sql } from "drizzle-orm";
import { searchStatus } from "~/modules/search/search.server";
import { getDb } from "~/utils/db.server";

// 200 when the database answers; reports which search engine answers now (PostgreSQL while
// Meilisearch is off or unreachable) and how much indexing work is waiting.
export async function loader() {
  const started = performance.now();
  const headers = { "Cache-Control": "no-store" };
  try {
    await Promise.race([
      getDb().execute(sql`SELECT 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 2000)),
    ]);
    const databaseMs = Math.round(performance.now() - started);
    const search = await searchStatus();
    return Response.json({ status: "ok", database: "ok", databaseMs, search }, { headers });
  } catch (error) {
    return Response.json(
      {
        status: "error",
        database: "unreachable",
        error: error instanceof Error ? error.message : "unknown",
        search: { engine: "postgres", meilisearch: "unknown" },
      },
      { status: 503, headers },
    );
  }
}
