import { parseEnv } from "../app/utils/env.server";
import { runMigrations } from "./lib/migrate";

const env = parseEnv();
if (!env.DATABASE_URL) {
  console.error("DATABASE_URL is not set. `npm start` migrates the embedded database by itself.");
  process.exit(1);
}
await runMigrations(env.DATABASE_URL);
console.log("Migrations applied.");
