// Small helpers of the search bench: a production build that matches the sources, and getting every
// pending change indexed by Meilisearch.
import { spawn } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { drainSearchOutbox } from "~/modules/search/search.server";
import type { Database } from "~/utils/db.server";
import type { EmbeddedMeili } from "../lib/embedded-meilisearch";

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const st = await fs.stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/**
 * Builds the app (`remix vite:build`) when `force`, when there is no build, or when a file under
 * app/ or db/ is newer than the build: measuring an old build would measure the wrong code.
 */
export async function ensureBuild(root: string, workDir: string, force: boolean) {
  const entry = path.join(root, "build/server/index.js");
  let reason = force ? "--build" : "";
  if (!reason && !existsSync(entry)) reason = "no build yet";
  if (!reason) {
    const built = (await fs.stat(entry)).mtimeMs;
    const sources = Math.max(await newestMtime(path.join(root, "app")), await newestMtime(path.join(root, "db")));
    if (sources > built) reason = "sources changed since the last build";
  }
  if (!reason) return;
  const logFile = path.join(workDir, "build.log");
  console.log(`• Building the app (${reason}; log: ${logFile})…`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  log.end();
  if (code !== 0) {
    const text = await fs.readFile(logFile, "utf8").catch(() => "");
    throw new Error(`The build failed (exit ${code}):\n${text.split("\n").slice(-30).join("\n")}`);
  }
}

/** Resolves when Meilisearch has no enqueued or processing task left. */
export async function waitForMeiliTasks(meili: Pick<EmbeddedMeili, "url" | "key">, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${meili.url}/tasks?statuses=enqueued,processing&limit=1`, { headers: { authorization: `Bearer ${meili.key}` } });
    if (!res.ok) throw new Error(`Meilisearch /tasks answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { total?: number; results: unknown[] };
    if ((body.total ?? body.results.length) === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Meilisearch still had tasks after ${timeoutMs / 1000} s.`);
}

/**
 * Projects and ships every pending change (as the search worker does) and waits until Meilisearch
 * has indexed it. The shipper waits a bounded time for each Meilisearch task; on a busy machine a
 * large batch can outlast it, so a timeout is retried after Meilisearch has caught up.
 */
export async function indexEverything(db: Database, meili: Pick<EmbeddedMeili, "url" | "key">, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    try {
      await drainSearchOutbox(db);
      await waitForMeiliTasks(meili);
      break;
    } catch (error) {
      if (attempt >= attempts) throw error;
      console.warn(`  (indexing, attempt ${attempt}: ${error instanceof Error ? error.message : String(error)}; retrying once Meilisearch has caught up)`);
      await waitForMeiliTasks(meili);
    }
  }
  const res = await fetch(`${meili.url}/tasks?statuses=failed&limit=3`, { headers: { authorization: `Bearer ${meili.key}` } });
  const failed = (await res.json()) as { total?: number; results: { uid: number; error?: { message?: string } }[] };
  if (failed.results.length > 0) {
    throw new Error(`Meilisearch failed ${failed.total ?? failed.results.length} task(s), e.g. ${failed.results.map((t) => `#${t.uid}: ${t.error?.message ?? "?"}`).join("; ")}`);
  }
}
