import { inject } from "vitest";
import { createDb, type Database } from "~/utils/db.server";

export type TestDb = { db: Database; url: string; close: () => Promise<void> };

/**
 * A connection pool to the run's migrated test database (see global-setup.ts). Open one per
 * test file in `beforeAll` and close it in `afterAll`:
 *
 *   let t: TestDb;
 *   beforeAll(() => { t = openTestDb(); });
 *   afterAll(() => t.close());
 */
export function openTestDb(max = 5): TestDb {
  const url = inject("databaseUrl");
  if (!url) throw new Error("No test database: run integration tests with `vitest --project integration`.");
  const { db, sql } = createDb(url, max);
  return { db, url, close: () => sql.end({ timeout: 5 }) };
}
