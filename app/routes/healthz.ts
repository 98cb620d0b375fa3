import { sql } from "drizzle-orm";
import { getDb } from "~/utils/db.server";

// 200 when the database answers; reports the search engine's state (Postgres until Meilisearch lands).
export async function loader() {
  const started = performance.now();
  try {
    await Promise.race([
      getDb().execute(sql`SELECT 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("database timeout")), 2000)),
    ]);
    return Response.json(
      { status: "ok", database: "ok", databaseMs: Math.round(performance.now() - started), search: { engine: "postgres" } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (error) {
    return Response.json(
      { status: "error", database: "unreachable", error: error instanceof Error ? error.message : "unknown", search: { engine: "postgres" } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
