// When may this process trust what it cached of the public catalogue? Every write to a table that a
// public page reads sends NOTIFY catalog_changed at its commit (a statement trigger, migration
// 0010), whichever instance or script wrote it. Each app instance LISTENs on one connection and
// counts a new *generation* per notification: whatever was cached under an older generation is
// stale. A notification arrives within milliseconds of the commit.
//
// A LISTEN connection can die without a word (a network partition sends no RST), and then
// notifications are lost. So the instance also sends itself a heartbeat through the same channel
// every second: while the last one it heard back is older than `staleAfterMs` (3 s), the cache
// is not healthy and must be bypassed, and a new generation starts when heartbeats come back.
// That bounds how long a page can be stale after a write: milliseconds normally, `staleAfterMs`
// plus a heartbeat interval at worst.
import { randomBytes } from "node:crypto";
import type postgres from "postgres";

export const CATALOG_CHANNEL = "catalog_changed";

export type CacheInvalidation = {
  /** Changes whenever cached public data may have become stale. */
  generation(): number;
  /** True while notifications are known to arrive: caches may be read and filled. */
  healthy(): boolean;
  /** Tables named by the notifications seen so far, for tests and logs. */
  readonly changes: number;
  stop(): Promise<void>;
};

export async function listenForCatalogChanges(
  sql: postgres.Sql,
  options: { heartbeatMs?: number; staleAfterMs?: number; onChange?: (table: string) => void } = {},
): Promise<CacheInvalidation> {
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 3000;
  const beat = `heartbeat:${randomBytes(8).toString("hex")}`;
  let generation = 0;
  let changes = 0;
  let lastBeat = 0;
  let listening = false;
  let stopped = false;

  const heard = (payload: string) => {
    if (payload === beat) {
      // Heartbeats missed for too long: notifications may have been lost meanwhile.
      if (Date.now() - lastBeat > staleAfterMs) generation++;
      lastBeat = Date.now();
      return;
    }
    // Another instance's heartbeat changes nothing.
    if (payload.startsWith("heartbeat:")) return;
    generation++;
    changes++;
    options.onChange?.(payload);
  };
  const subscription = await sql.listen(CATALOG_CHANNEL, heard, () => {
    // (Re)connected: anything written while the connection was down went unheard.
    listening = true;
    generation++;
  });
  const sendBeat = () => {
    sql`SELECT pg_notify(${CATALOG_CHANNEL}, ${beat})`.catch(() => {
      // The database is unreachable: heartbeats stop arriving and the cache turns itself off.
    });
  };
  sendBeat();
  const timer = setInterval(sendBeat, heartbeatMs);
  timer.unref();

  return {
    generation: () => generation,
    healthy: () => !stopped && listening && Date.now() - lastBeat <= staleAfterMs,
    get changes() {
      return changes;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await subscription.unlisten().catch(() => {});
    },
  };
}
