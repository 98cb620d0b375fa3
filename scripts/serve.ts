// Production entry (`npm run start:prod`): DATABASE_URL is required; the build must exist.
import { EnvError, parseEnv } from "../app/utils/env.server";
import { startHttpServer } from "./lib/server";

try {
  const env = parseEnv();
  if (!env.DATABASE_URL) throw new EnvError("DATABASE_URL is required in production.");
  const server = await startHttpServer({ port: env.PORT, host: env.HOST });
  console.log(`乡集 Xiangji listening on ${env.HOST}:${env.PORT}`);
  const stop = () => server.close(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
