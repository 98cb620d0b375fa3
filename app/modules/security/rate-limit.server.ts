// Fixed one-minute windows counted in PostgreSQL, so every app instance shares the count.
import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";

export type RateLimitResult = { allowed: boolean; hits: number; retryAfterSeconds: number };

/**
 * Counts one attempt in each bucket (for example `login:ip:1.2.3.4` and `login:email:a@b.cn`)
 * and says whether all of them are still within `limit` attempts this minute.
 */
export async function hitRateLimit(db: Database, buckets: string[], limit: number, windowSeconds = 60): Promise<RateLimitResult> {
  let worst = 0;
  for (const bucket of buckets) {
    const rows = await db.execute<{ hits: number; window_start: string }>(sql`
      INSERT INTO rate_limit_hits (bucket, window_start, hits)
      VALUES (${bucket}, to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}), 1)
      ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
      RETURNING hits`);
    worst = Math.max(worst, Number(rows[0]?.hits ?? 0));
  }
  const now = Date.now() / 1000;
  const retryAfterSeconds = Math.max(1, Math.ceil(windowSeconds - (now % windowSeconds)));
  // Old windows go now and then; the table stays tiny.
  if (Math.random() < 0.02) await db.execute(sql`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 hour'`);
  return { allowed: worst <= limit, hits: worst, retryAfterSeconds };
}

/**
 * The client's address: the HTTP server puts Express's `req.ip` into the load context (honouring
 * TRUST_PROXY); a client-sent X-Forwarded-For is never believed on its own.
 */
export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | null | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
