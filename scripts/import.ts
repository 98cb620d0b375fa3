// `npm run import -- products --cooperative <slug> --file <path.csv>`
//
// Imports a product CSV (DESIGN.md, "Product import (CSV)") for one cooperative into the
// database at DATABASE_URL. All or nothing: on any invalid row nothing is written, every
// error is printed as `line, column, message`, and the exit code is 1. Bad arguments: 2.
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { cooperatives } from "../db/schema/index";
import { createDb } from "../app/utils/db.server";
import { EnvError, parseEnv } from "../app/utils/env.server";
import type { ImportError } from "../app/modules/imports/errors";
import { MAX_IMPORT_BYTES } from "../app/modules/imports/products-csv";
import { importProductsCsv } from "../app/modules/imports/products-csv.server";

const USAGE = `Usage: npm run import -- products --cooperative <slug> --file <path.csv>

Imports products from a CSV file (UTF-8 or GB18030) for the cooperative with that slug.
The columns are described in DESIGN.md ("Product import (CSV)").
Uses DATABASE_URL; nothing is written unless every row is valid.`;

function usage(problem: string): never {
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

function fail(message: string, hint?: string): never {
  console.error(`✗ ${message}`);
  if (hint) console.error(`  → ${hint}`);
  process.exit(1);
}

/** One line per error, `line, column, message`, aligned for reading and easy to grep. */
function formatErrorReport(errors: ImportError[]): string {
  const rows = errors.map((e) => [String(e.line), e.column || "-", e.message]);
  const head = ["line", "column", "message"];
  const widths = [0, 1].map((i) => Math.max(head[i]!.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => `${r[0]!.padStart(widths[0]!)}  ${r[1]!.padEnd(widths[1]!)}  ${r[2]}`;
  return [fmt(head), ...rows.map(fmt)].join("\n");
}

async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        cooperative: { type: "string", short: "c" },
        file: { type: "string", short: "f" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [kind, ...extra] = positionals;
  if (kind !== "products") usage(kind ? `Unknown import "${kind}": only "products" is supported.` : "What to import is missing.");
  if (extra.length) usage(`Unexpected argument: ${extra.join(" ")}`);
  if (!values.cooperative) usage("--cooperative <slug> is required.");
  if (!values.file) usage("--file <path.csv> is required.");

  let env;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message, "Fix the variable named above (see .env.example).");
    throw error;
  }
  if (!env.DATABASE_URL) {
    fail(
      "DATABASE_URL is not set: the importer writes into an existing database.",
      `Start the app with \`npm start\` (its embedded PostgreSQL listens on port ${env.EMBEDDED_PG_PORT}) and run\n` +
        `    DATABASE_URL=postgres://xiangji:xiangji@127.0.0.1:${env.EMBEDDED_PG_PORT}/xiangji npm run import -- products …\n` +
        "    or point DATABASE_URL at your own PostgreSQL.",
    );
  }

  let file: Buffer;
  try {
    const info = await stat(values.file);
    if (!info.isFile()) fail(`${values.file} is not a file.`);
    if (info.size > MAX_IMPORT_BYTES) {
      fail(`${values.file} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`, "Split it into several files.");
    }
    file = await readFile(values.file);
  } catch (error) {
    fail(`Cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }

  const { db, sql } = createDb(env.DATABASE_URL, 2);
  try {
    const [cooperative] = await db
      .select({ id: cooperatives.id, nameZh: cooperatives.nameZh })
      .from(cooperatives)
      .where(eq(cooperatives.slug, values.cooperative));
    if (!cooperative) {
      fail(`No cooperative with the slug "${values.cooperative}".`, "Check the slug (it is the last part of /cooperatives/<slug>).");
    }
    const result = await importProductsCsv(db, { cooperativeId: cooperative.id, file });
    if (!result.ok) {
      const n = result.errors.length;
      console.error(`✗ ${values.file}: ${n} error${n === 1 ? "" : "s"}, nothing was imported.\n`);
      console.error(formatErrorReport(result.errors));
      process.exitCode = 1;
      return;
    }
    const { products: p, variants: v } = result;
    console.log(`✓ Imported ${values.file} for ${values.cooperative} (${cooperative.nameZh})`);
    console.log(`  products: ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged`);
    console.log(`  variants: ${v.created} created, ${v.updated} updated, ${v.unchanged} unchanged`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

try {
  await main();
} catch (error) {
  console.error("✗ Import failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
