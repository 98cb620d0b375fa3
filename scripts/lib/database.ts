import path from "node:path";
import type { Env } from "../../app/utils/env.server";
import { seedIfEmpty } from "../../db/seed/seed";
import { type EmbeddedPg, StartupError, startEmbeddedPostgres } from "./embedded-postgres";
import { runMigrations } from "./migrate";

export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly cause: unknown,
    readonly hint?: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * The database half of `npm start` and `npm run dev`: the embedded PostgreSQL unless
 * DATABASE_URL is set, the committed migrations, and the demo seed on first start only.
 */
export async function prepareDatabase(env: Env): Promise<{ url: string; embedded?: EmbeddedPg }> {
  let embedded: EmbeddedPg | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    const dataDir = path.resolve(env.DATA_DIR, "postgres");
    console.log(`• Starting embedded PostgreSQL (data in ${dataDir}, port ${env.EMBEDDED_PG_PORT})…`);
    try {
      embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, database: "xiangji", persistent: true });
    } catch (error) {
      throw new StepError("Embedded PostgreSQL", error, error instanceof StartupError ? error.hint : undefined);
    }
    url = embedded.url;
  } else {
    console.log("• Using the PostgreSQL at DATABASE_URL.");
  }
  try {
    console.log("• Applying migrations…");
    await runMigrations(url);
  } catch (error) {
    await embedded?.stop();
    throw new StepError("Migrations", error, "Check that DATABASE_URL points to a PostgreSQL you may create tables in.");
  }
  try {
    const seeded = await seedIfEmpty(url, { mode: env.SEED });
    console.log(seeded ? `• Seeded demo data: ${seeded}` : "• Database already has data: not seeding.");
  } catch (error) {
    await embedded?.stop();
    throw new StepError("Seeding", error);
  }
  return { url, embedded };
}

export function failStep(error: unknown): never {
  if (error instanceof StepError) {
    console.error(`\n✗ ${error.step}: ${error.message}`);
    if (error.hint) console.error(`  → ${error.hint}`);
  } else {
    console.error(`\n✗ ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  process.exit(1);
}
