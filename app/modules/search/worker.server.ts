// The search worker: projects outbox rows into search documents and ships them to Meilisearch,
// woken by NOTIFY from the outbox triggers (and by a poll, in case a notification is missed).
// While Meilisearch is unreachable it retries with a growing pause (0.5 s → 30 s); nothing is
// lost because a document is marked shipped only after Meilisearch confirmed its task.
// Safe to run in every app instance: projecting and shipping each take an advisory lock.
import type postgres from "postgres";
import type { Database } from "~/utils/db.server";
import { ensureIndex, markAllUnshipped, shipPending } from "./meilisearch.server";
import { projectOutbox } from "./outbox.server";
import { searchConfig } from "./search.server";

export type SearchWorker = { stop: () => Promise<void>; idle: () => Promise<void> };

export function startSearchWorker(options: {
  db: Database;
  sql: postgres.Sql;
  pollMs?: number;
  log?: (line: string) => void;
}): SearchWorker {
  const { db, sql, pollMs = 1000, log = (line) => console.warn(`[search worker] ${line}`) } = options;
  let running = true;
  let wake: (() => void) | null = null;
  let indexReady = false;
  let failures = 0;
  let idleWaiters: (() => void)[] = [];
  // A notification that arrives mid-pass is remembered, so the next pass starts at once.
  let notified = false;
  const kick = () => {
    notified = true;
    wake?.();
  };
  const listening = sql.listen("search_outbox", kick).catch((error: unknown) => {
    log(`LISTEN failed (polling only): ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });

  async function step(): Promise<number> {
    let work = 0;
    for (let n = await projectOutbox(db); n > 0; n = await projectOutbox(db)) work += n;
    const { engine, meili } = searchConfig();
    if (engine === "meilisearch" && meili) {
      if (!indexReady) {
        if (await ensureIndex(meili)) await markAllUnshipped(db);
        indexReady = true;
      }
      for (let n = await shipPending(db, meili); n > 0; n = await shipPending(db, meili)) work += n;
    }
    return work;
  }

  const loop = (async () => {
    while (running) {
      let pause = pollMs;
      notified = false;
      try {
        await step();
        if (failures > 0) log("caught up again");
        failures = 0;
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      } catch (error) {
        failures += 1;
        indexReady = false;
        pause = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
        if (failures === 1 || failures % 10 === 0) {
          log(`${error instanceof Error ? error.message : String(error)} (retrying in ${pause} ms)`);
        }
      }
      if (!running) break;
      if (notified && failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        // A notification only cuts a normal wait short, never a back-off after a failure.
        wake = failures === 0 ? () => (clearTimeout(timer), resolve()) : null;
      });
      wake = null;
    }
  })();

  return {
    /** Resolves after the next pass that found nothing failing (tests, benchmarks). */
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        kick();
      }),
    stop: async () => {
      running = false;
      kick();
      await loop;
      const listener = await listening;
      await listener?.unlisten().catch(() => {});
    },
  };
}
