import { randomBytes } from "node:crypto";
import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { freePort } from "./embedded-postgres";

export type E2eServer = { baseUrl: string; logFile: string; stop: () => Promise<void> };

async function waitForHealthy(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/**
 * The production server for the e2e stage of `npm test`: `scripts/serve.ts` in a child process on
 * a free loopback port, over `databaseUrl`, answering /healthz before this resolves.
 * It serves a private copy of the build: another `npm start` or `npm run build` in the same
 * checkout replaces ./build/client/assets, and a running server would then link to chunks that are gone.
 */
export async function startE2eServer(options: {
  root: string;
  workDir: string;
  databaseUrl: string;
  timeoutMs?: number;
  /** Extra environment for the server (the search bench sets MEILI_* and the pool size); `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
}): Promise<E2eServer> {
  const serverRoot = path.join(options.workDir, "server");
  await fs.rm(serverRoot, { recursive: true, force: true });
  await fs.cp(path.join(options.root, "build"), path.join(serverRoot, "build"), { recursive: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(options.workDir, "server.log");
  console.log(`• Starting the production server at ${baseUrl} (log: ${path.relative(options.root, logFile)})…`);
  const log = createWriteStream(logFile);
  const server = spawn(process.execPath, [path.join(options.root, "node_modules/tsx/dist/cli.mjs"), path.join(options.root, "scripts/serve.ts")], {
    cwd: serverRoot, // scripts/lib/server.ts serves ./build
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_MAX: "10",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_ORIGIN: "",
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      // Mails and uploads of the run: the e2e suite reads mails through /dev/mail.
      MAIL_DIR: path.join(options.workDir, "mail"),
      MEDIA_DIR: path.join(options.workDir, "media"),
      // Many e2e logins come from 127.0.0.1 within a minute; the limit itself is tested in vitest.
      AUTH_RATE_LIMIT: "1000",
      SMTP_URL: undefined,
      DEV_MAIL: "on",
      PAYMENT_PROVIDER: "test",
      S3_BUCKET: undefined,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    console.log("• Stopping the server…");
    const exited = new Promise<void>((r) => server.once("exit", () => r()));
    server.kill("SIGTERM");
    const timer = setTimeout(() => server.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealthy(`${baseUrl}/healthz`, server, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    const text = await fs.readFile(logFile, "utf8").catch(() => "");
    throw new Error(`the production server did not become healthy: ${error instanceof Error ? error.message : error}\n${text.split("\n").slice(-60).join("\n")}`);
  }
  return { baseUrl, logFile, stop };
}
