// What the fault drills measure: every request the clients sent (when it started, how long it
// took, whether it got the answer it should have), and events (PostgreSQL stopped, back, …) on
// the same clock. Printed as a table per second, so a report shows when errors began and ended.
import http from "node:http";

export type Sample = { startedMs: number; durationMs: number; ok: boolean; what: string; problem?: string };
export type Event = { atMs: number; label: string };

export class Timeline {
  readonly origin = performance.now();
  readonly samples: Sample[] = [];
  readonly events: Event[] = [];

  now(): number {
    return performance.now() - this.origin;
  }

  event(label: string): number {
    const atMs = this.now();
    this.events.push({ atMs, label });
    return atMs;
  }

  record(sample: Sample) {
    this.samples.push(sample);
  }

  get failures(): Sample[] {
    return this.samples.filter((s) => !s.ok);
  }

  get longest(): Sample | undefined {
    return this.samples.reduce<Sample | undefined>((a, s) => (!a || s.durationMs > a.durationMs ? s : a), undefined);
  }

  /** Failures grouped by their description, most frequent first (for the report). */
  problems(limit = 6): string[] {
    const counts = new Map<string, number>();
    for (const s of this.failures) {
      const key = `${s.what}: ${s.problem ?? "?"}`.slice(0, 160);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([k, n]) => `${n} × ${k}`);
  }

  /** One line per second: answers that were right, failures, the slowest request that started in it, and the events. */
  print(indent = "    ") {
    const last = Math.max(0, ...this.samples.map((s) => s.startedMs), ...this.events.map((e) => e.atMs));
    const seconds = Math.floor(last / 1000) + 1;
    const rows = Array.from({ length: seconds }, () => ({ ok: 0, failed: 0, slowest: 0 }));
    for (const s of this.samples) {
      const row = rows[Math.floor(s.startedMs / 1000)]!;
      if (s.ok) row.ok++;
      else row.failed++;
      row.slowest = Math.max(row.slowest, s.durationMs);
    }
    console.log(`${indent}  s      ok  errors  slowest`);
    rows.forEach((row, i) => {
      const events = this.events.filter((e) => Math.floor(e.atMs / 1000) === i).map((e) => `◀ ${e.label}`);
      const slowest = row.slowest >= 1000 ? `${(row.slowest / 1000).toFixed(1)} s` : `${row.slowest.toFixed(0)} ms`;
      console.log(`${indent}${String(i).padStart(3)}  ${String(row.ok).padStart(6)}  ${String(row.failed).padStart(6)}  ${slowest.padStart(7)}  ${events.join(" ")}`);
    });
  }
}

export type Reply = { status: number; body: Record<string, unknown>; text: string };

/**
 * One HTTP request over a keep-alive agent. `timeoutMs` is the client's patience: a request that
 * outlasts it is destroyed and counts as a failure, so the longest duration the drill reports is
 * bounded by it (set it above the budget to measure a hang rather than hide it).
 */
export function send(
  agent: http.Agent,
  base: string,
  method: string,
  urlPath: string,
  options: { json?: unknown; headers?: Record<string, string>; timeoutMs: number },
): Promise<Reply> {
  const payload = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (payload) {
    headers["content-type"] = "application/json";
    headers["content-length"] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(urlPath, base), { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: Record<string, unknown> = {};
        try {
          body = text.startsWith("{") ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
          body = {};
        }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
      res.on("error", reject);
    });
    req.setTimeout(options.timeoutMs, () => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)));
    req.on("error", reject);
    req.end(payload);
  });
}

/** Sends a request and records it on the timeline; `check` says whether the reply is the right one (null) or what is wrong. */
export async function recorded(
  timeline: Timeline,
  what: string,
  request: () => Promise<Reply>,
  check: (reply: Reply) => string | null,
): Promise<Reply | null> {
  const startedMs = timeline.now();
  let reply: Reply | null = null;
  let problem: string | null;
  try {
    reply = await request();
    problem = check(reply);
    if (problem) {
      const error = reply.body.error as { code?: string; message?: string } | undefined;
      problem = `${problem}${error ? ` (${error.code}: ${error.message ?? ""})` : reply.text ? ` (${reply.text.slice(0, 80).replace(/\s+/g, " ")})` : ""}`;
    }
  } catch (error) {
    problem = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  }
  timeline.record({ startedMs, durationMs: timeline.now() - startedMs, ok: problem === null, what, ...(problem ? { problem } : {}) });
  return problem === null ? reply : null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
