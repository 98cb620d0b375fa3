// `npm run dev`: the same database preparation as `npm start`, then Remix's Vite dev server
// with hot reloading. Ctrl-C stops both.
import { spawn } from "node:child_process";
import path from "node:path";
import { EnvError, parseEnv } from "../app/utils/env.server";
import { StepError, failStep, prepareDatabase } from "./lib/database";
import { prepareSearch } from "./lib/search-engine";
import { startHoldSweeperFromEnv } from "./lib/hold-sweeper";
import { startSearchWorkerFromEnv } from "./lib/search-worker";

let env;
try {
  env = parseEnv();
} catch (error) {
  failStep(error instanceof EnvError ? new StepError("Configuration", error, "Fix the variable named above (see .env.example).") : error);
}

let database: Awaited<ReturnType<typeof prepareDatabase>>;
try {
  database = await prepareDatabase(env);
} catch (error) {
  failStep(error);
}

process.env.DATABASE_URL = database.url;
const { embedded: meili } = await prepareSearch(env);
const worker = await startSearchWorkerFromEnv();
const sweeper = await startHoldSweeperFromEnv();

const vite = spawn(
  process.execPath,
  [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:dev", "--port", String(env.PORT), "--host", env.HOST],
  { stdio: "inherit", env: { ...process.env } },
);

async function stop(code: number) {
  vite.kill("SIGTERM");
  await worker?.stop().catch(() => {});
  await sweeper?.stop().catch(() => {});
  await meili?.stop().catch(() => {});
  await database.embedded?.stop().catch(() => {});
  process.exit(code);
}
vite.on("exit", (code) => void stop(code ?? 0));
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
