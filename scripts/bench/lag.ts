// Commit-to-searchable lag on Meilisearch (the caller configures search() for it): change a
// product's English title in a transaction (the outbox trigger announces it in the same
// transaction), then ask Meilisearch every few milliseconds until it answers with a hit for that
// product carrying the new title. The search worker (started by the caller) moves the change
// from the outbox to Meilisearch; this only writes and watches.
import { asc, eq, sql } from "drizzle-orm";
import { meiliClient } from "~/modules/search/meilisearch.server";
import { searchConfig } from "~/modules/search/search.server";
import type { Database } from "~/utils/db.server";
import { products } from "../../db/schema/index";
import { percentile } from "./load";

export type LagResult = { samples: number; timeouts: number; p50: number; p99: number; max: number };

const POLL_MS = 20;
const GIVE_UP_MS = 30_000;

export async function measureLag(options: { db: Database; updates: number; nonce: string }): Promise<LagResult> {
  const { db } = options;
  const config = searchConfig().meili;
  if (!config) throw new Error("measureLag: search is not configured for Meilisearch");
  const index = meiliClient(config, "index").index(config.index);
  const targets = await db
    .select({ id: products.id, slug: products.slug })
    .from(products)
    .where(eq(products.status, "active"))
    .orderBy(asc(products.id))
    .limit(options.updates);
  const lags: number[] = [];
  let timeouts = 0;
  for (const [i, target] of targets.entries()) {
    // A made-up word that no other document contains, so the first hit for it is this product.
    const probe = `lagprobe${options.nonce}x${i}`;
    await db.transaction(async (tx) => {
      await tx
        .update(products)
        .set({ titleEn: sql`coalesce(nullif(${products.titleEn}, ''), ${products.titleZh}) || ${` ${probe}`}` })
        .where(eq(products.id, target.id));
    });
    const committed = performance.now();
    let seen = false;
    while (performance.now() - committed < GIVE_UP_MS) {
      // Meilisearch is asked directly, with a long timeout: through search() a slow answer on this
      // busy machine would come from PostgreSQL (which sees the change as soon as the worker has
      // projected it) and leave Meilisearch alone for a few seconds, which times the fallback.
      const result = await index.search(probe, { filter: 'type = "product"', limit: 5 });
      if (result.hits.some((h) => h.slug === target.slug && String(h.title_en).includes(probe))) {
        seen = true;
        break;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (seen) lags.push(performance.now() - committed);
    else {
      timeouts++;
      lags.push(Number.POSITIVE_INFINITY); // never seen: counts against the percentiles
    }
  }
  lags.sort((a, b) => a - b);
  return { samples: targets.length, timeouts, p50: percentile(lags, 0.5), p99: percentile(lags, 0.99), max: lags.at(-1) ?? Number.NaN };
}
