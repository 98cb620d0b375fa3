// Demo data for 乡集: villages, sellers, products (through the real CSV importer), stays with
// rooms, rates and blackouts, experiences with slots. Everything runs in one transaction, so
// a failure leaves nothing behind; every write is an upsert, so seeding twice duplicates nothing.
//
//   seed(db, { today })            → SeedSummary (used by tests and scripts/test.ts)
//   seedIfEmpty(url, { mode })     → "12 villages, …" or null (used by scripts/start.ts)
//   npm run db:seed [-- --if-empty] → seeds DATABASE_URL (or the embedded PostgreSQL of npm start)
//
// Dates (rates, blackouts, slots, pre-sale dates) are computed from `today` in Asia/Shanghai.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, inArray, sql } from "drizzle-orm";
import { importProductsCsv } from "../../app/modules/imports/products-csv.server";
import { type Database, createDb } from "../../app/utils/db.server";
import { products, villages } from "../schema/index";
import { shanghaiDate } from "./calendar";
import { type SeedData, loadSeedData } from "./data-files";
import { readProductCsv, rollShipsFrom } from "./product-csvs";
import { seedDemoBookings } from "./bookings";
import { seedDemoOrders } from "./orders";
import { upsertDemoUsers } from "./users";
import { type Tx, upsertCooperatives, upsertExperiences, upsertStays, upsertVillages } from "./write";

export type SeedOptions = { today?: Date };

export type SeedSummary = {
  villages: number;
  sellers: number;
  products: number;
  variants: number;
  stays: number;
  rooms: number;
  rates: number;
  blackouts: number;
  experiences: number;
  slots: number;
};

export class SeedImportError extends Error {
  constructor(
    readonly cooperative: string,
    readonly errors: { line: number; column: string; message: string }[],
  ) {
    super(
      `Seed product import for "${cooperative}" failed (db/seed/data/products/${cooperative}.csv):\n` +
        errors.map((e) => `  line ${e.line}${e.column ? `, ${e.column}` : ""}: ${e.message}`).join("\n"),
    );
    this.name = "SeedImportError";
  }
}

export function formatSummary(s: SeedSummary): string {
  return (
    `${s.villages} villages, ${s.sellers} sellers, ${s.products} products (${s.variants} variants), ` +
    `${s.stays} stays (${s.rooms} rooms), ${s.experiences} experiences (${s.slots} slots)`
  );
}

// Two starts seeding the same empty database at once must not both seed.
const lockSeed = (tx: Tx) => tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('xiangji:seed'))`);

async function seedWithin(tx: Tx, data: SeedData, today: string): Promise<SeedSummary> {
  const villageIds = await upsertVillages(tx, data.villages);
  const cooperativeIds = await upsertCooperatives(tx, data.cooperatives, villageIds);
  await upsertDemoUsers(tx, cooperativeIds);

  let productCount = 0;
  let variantCount = 0;
  for (const catalog of data.catalogs) {
    const cooperativeId = cooperativeIds.get(catalog.cooperative)!;
    const csv = rollShipsFrom(readProductCsv(catalog.cooperative), today);
    const result = await importProductsCsv(tx, { cooperativeId, file: Buffer.from(csv, "utf8") });
    if (!result.ok) throw new SeedImportError(catalog.cooperative, result.errors);
    productCount += catalog.products.length;
    variantCount += catalog.products.reduce((n, p) => n + p.variants.length, 0);
  }
  // The CSV has no picture column: seeded products show their category's illustration.
  await tx
    .update(products)
    .set({ image: sql`'/images/categories/' || ${products.category}::text || '.svg'` })
    .where(and(eq(products.image, ""), inArray(products.cooperativeId, [...cooperativeIds.values()])));

  const ids = { villages: villageIds, cooperatives: cooperativeIds };
  const stayCounts = await upsertStays(tx, data.stays, ids, today);
  const experienceCounts = await upsertExperiences(tx, data.experiences, ids, today);
  await seedDemoOrders(tx);
  await seedDemoBookings(tx, today);
  return {
    villages: data.villages.length,
    sellers: data.cooperatives.length,
    products: productCount,
    variants: variantCount,
    ...stayCounts,
    ...experienceCounts,
  };
}

/** Seeds the demo data in one transaction (upserting: safe to run again). */
export async function seed(db: Database, options: SeedOptions = {}): Promise<SeedSummary> {
  const data = loadSeedData();
  const today = shanghaiDate(options.today ?? new Date());
  return db.transaction(async (tx) => {
    await lockSeed(tx);
    return seedWithin(tx, data, today);
  });
}

/**
 * For `npm start`: "auto" seeds only a database without villages (the first start), "never"
 * skips, "force" seeds even when data exists (upserting, no duplicates). Returns a one-line
 * summary, or null when nothing was seeded. Opens and closes its own connection.
 */
export async function seedIfEmpty(
  databaseUrl: string,
  options: { mode: "auto" | "never" | "force"; today?: Date },
): Promise<string | null> {
  if (options.mode === "never") return null;
  const data = loadSeedData();
  const today = shanghaiDate(options.today ?? new Date());
  const { db, sql: client } = createDb(databaseUrl, 2);
  try {
    const summary = await db.transaction(async (tx) => {
      await lockSeed(tx);
      if (options.mode === "auto") {
        const [any] = await tx.select({ id: villages.id }).from(villages).limit(1);
        if (any) return null;
      }
      return seedWithin(tx, data, today);
    });
    return summary && formatSummary(summary);
  } finally {
    await client.end({ timeout: 5 });
  }
}

// ---- command line: npm run db:seed [-- --if-empty] ------------------------------------------

async function main(argv: string[]) {
  const { parseEnv } = await import("../../app/utils/env.server");
  const env = parseEnv();
  const mode = argv.includes("--if-empty") ? "auto" : "force";
  let url = env.DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    // Same embedded PostgreSQL as `npm start`: reuse it when it is running, else start it.
    const { portIsFree, startEmbeddedPostgres } = await import("../../scripts/lib/embedded-postgres");
    const { runMigrations } = await import("../../scripts/lib/migrate");
    if (await portIsFree(env.EMBEDDED_PG_PORT)) {
      console.log("• Starting the embedded PostgreSQL of npm start…");
      const pg = await startEmbeddedPostgres({
        dataDir: path.resolve(env.DATA_DIR, "postgres"),
        port: env.EMBEDDED_PG_PORT,
        database: "xiangji",
        persistent: true,
      });
      url = pg.url;
      stop = pg.stop;
    } else {
      url = `postgres://xiangji:xiangji@127.0.0.1:${env.EMBEDDED_PG_PORT}/xiangji`;
    }
    await runMigrations(url);
  }
  try {
    const summary = await seedIfEmpty(url, { mode });
    console.log(summary ? `✓ Seeded: ${summary}` : "• The database already has villages: not seeding (drop --if-empty to upsert).");
  } finally {
    await stop?.();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`✗ Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
