// `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) → migrations → seed on first
// start → production build → HTTP server on PORT. Ctrl-C / SIGTERM stops everything cleanly.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { EnvError, parseEnv } from "../app/utils/env.server";
import { seedIfEmpty } from "../db/seed/seed";
import { type EmbeddedPg, StartupError, portIsFree, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { runMigrations } from "./lib/migrate";
import { startHttpServer } from "./lib/server";

function fail(what: string, error: unknown, hint?: string): never {
  console.error(`\n✗ ${what}: ${error instanceof Error ? error.message : String(error)}`);
  if (hint) console.error(`  → ${hint}`);
  process.exit(1);
}

let env;
try {
  env = parseEnv();
} catch (error) {
  if (error instanceof EnvError) fail("Configuration", error, "Fix the variable named above (see .env.example).");
  throw error;
}

if (!(await portIsFree(env.PORT, env.HOST === "0.0.0.0" ? "0.0.0.0" : env.HOST))) {
  fail("HTTP port", `port ${env.PORT} is already in use`, "Stop the other server or set PORT to a free port, e.g. PORT=3001 npm start.");
}

let embedded: EmbeddedPg | undefined;
let databaseUrl = env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = path.resolve(env.DATA_DIR, "postgres");
  console.log(`• Starting embedded PostgreSQL (data in ${dataDir}, port ${env.EMBEDDED_PG_PORT})…`);
  try {
    embedded = await startEmbeddedPostgres({ dataDir, port: env.EMBEDDED_PG_PORT, database: "xiangji", persistent: true });
  } catch (error) {
    fail("Embedded PostgreSQL", error, error instanceof StartupError ? error.hint : undefined);
  }
  databaseUrl = embedded.url;
  process.env.DATABASE_URL = databaseUrl;
} else {
  console.log("• Using the PostgreSQL at DATABASE_URL.");
}

let shuttingDown = false;
async function shutdown(signal: string, server?: import("node:http").Server) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n• ${signal}: stopping…`);
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  const { closeDb } = await import("../app/utils/db.server");
  await closeDb().catch(() => {});
  await embedded?.stop().catch((e) => console.error("embedded PostgreSQL did not stop cleanly:", e));
  console.log("• Stopped.");
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

try {
  console.log("• Applying migrations…");
  await runMigrations(databaseUrl);
} catch (error) {
  await embedded?.stop();
  fail("Migrations", error, "Check that DATABASE_URL points to a PostgreSQL you may create tables in.");
}

try {
  const seeded = await seedIfEmpty(databaseUrl, { mode: env.SEED });
  console.log(seeded ? `• Seeded demo data: ${seeded}` : "• Database already has data: not seeding.");
} catch (error) {
  await embedded?.stop();
  fail("Seeding", error);
}

if (process.env.SKIP_BUILD !== "1") {
  console.log("• Building the app (vite)…");
  try {
    execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    await embedded?.stop();
    fail("Build", error);
  }
}

process.env.NODE_ENV = "production";
try {
  const server = await startHttpServer({ port: env.PORT, host: env.HOST });
  process.removeAllListeners("SIGINT");
  process.removeAllListeners("SIGTERM");
  process.once("SIGINT", () => void shutdown("SIGINT", server));
  process.once("SIGTERM", () => void shutdown("SIGTERM", server));
  console.log(`\n乡集 Xiangji is running at http://localhost:${env.PORT}  (Ctrl-C to stop)`);
} catch (error) {
  await embedded?.stop();
  fail("HTTP server", error);
}
