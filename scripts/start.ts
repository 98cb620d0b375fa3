// `npm start`: embedded PostgreSQL (unless DATABASE_URL is set) → migrations → seed on first
// start → production build → HTTP server on PORT. Ctrl-C / SIGTERM stops everything cleanly.
import { execFileSync } from "node:child_process";
import type { Server } from "node:http";
import path from "node:path";
import { EnvError, parseEnv } from "../app/utils/env.server";
import { StepError, failStep, prepareDatabase } from "./lib/database";
import type { EmbeddedPg } from "./lib/embedded-postgres";
import { portIsFree } from "./lib/embedded-postgres";
import type { EmbeddedMeili } from "./lib/embedded-meilisearch";
import { prepareSearch } from "./lib/search-engine";
import { startHttpServer } from "./lib/server";
import { demoSessionSecret } from "./lib/session-secret";

let env;
try {
  env = parseEnv();
} catch (error) {
  failStep(error instanceof EnvError ? new StepError("Configuration", error, "Fix the variable named above (see .env.example).") : error);
}

if (!(await portIsFree(env.PORT, env.HOST))) {
  failStep(new StepError("HTTP port", `port ${env.PORT} is already in use`, "Stop the other server or set PORT to a free port, e.g. PORT=3001 npm start."));
}

let embedded: EmbeddedPg | undefined;
let meili: EmbeddedMeili | null = null;
let server: Server | undefined;
let shuttingDown = false;
async function shutdown(signal: string) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`\n• ${signal}: stopping…`);
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  const { closeDb } = await import("../app/utils/db.server");
  await closeDb().catch(() => {});
  await meili?.stop().catch((e) => console.error("The embedded Meilisearch did not stop cleanly:", e));
  await embedded?.stop().catch((e) => console.error("The embedded PostgreSQL did not stop cleanly:", e));
  console.log("• Stopped.");
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));

try {
  const database = await prepareDatabase(env);
  embedded = database.embedded;
  process.env.DATABASE_URL = database.url;
} catch (error) {
  failStep(error);
}

meili = (await prepareSearch(env)).embedded;

async function failAndStop(error: unknown): Promise<never> {
  await meili?.stop().catch(() => {});
  await embedded?.stop().catch(() => {});
  failStep(error);
}

if (process.env.SKIP_BUILD !== "1") {
  console.log("• Building the app (vite)…");
  try {
    execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    await failAndStop(new StepError("Build", error));
  }
}

process.env.NODE_ENV = "production";
// The demo keeps its own session secret, made once, so sessions survive a restart.
process.env.SESSION_SECRET ||= await demoSessionSecret(env.DATA_DIR);
// The demo shows its mails (sign-up, password reset, approvals) at /dev/mail unless SMTP is set.
process.env.DEV_MAIL ||= "on";
// …and takes its payments with the test provider unless Stripe keys are given.
if (!process.env.STRIPE_SECRET_KEY) process.env.PAYMENT_PROVIDER ||= "test";
try {
  server = await startHttpServer({ port: env.PORT, host: env.HOST });
  console.log(`\n乡集 Xiangji is running at http://localhost:${env.PORT}  (Ctrl-C to stop)`);
} catch (error) {
  await failAndStop(new StepError("HTTP server", error));
}
