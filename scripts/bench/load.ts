// A closed-loop HTTP load generator: `clients` loops, each sending its next request as soon as the
// previous answer has been read in full, over keep-alive connections. Every latency is recorded,
// so the percentiles are exact (nearest rank), not estimated.
import http from "node:http";

export type LoadResult = {
  requests: number;
  errors: number;
  /** First few error descriptions, for the report. */
  errorSamples: string[];
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

/** The nearest-rank percentile of sorted values (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

function get(agent: http.Agent, url: URL): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { accept: "application/json" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error("timed out after 10 s")));
    req.on("error", reject);
  });
}

export type ClosedLoops = {
  /** Latencies of the runs that succeeded inside the window, sorted. */
  latencies: number[];
  errors: number;
  /** First few error messages, for the report. */
  errorSamples: string[];
  seconds: number;
};

/**
 * Runs `clients` closed loops, each calling its `run` again as soon as the last call settled, for
 * `warmupMs` unrecorded, then `durationMs` recorded. A call that throws counts as an error (its
 * message a sample); `onRecorded` sees the value of each call that succeeded inside the window.
 */
export async function runClosedLoops<T>(
  options: { clients: number; warmupMs: number; durationMs: number },
  runOf: (client: number) => () => Promise<T>,
  onRecorded: (value: T) => void = () => {},
): Promise<ClosedLoops> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let recording = false;
  let stopping = false;

  const loop = async (client: number) => {
    const run = runOf(client);
    while (!stopping) {
      const started = performance.now();
      let problem: string | null = null;
      let value: T | undefined;
      try {
        value = await run();
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (!recording) continue;
      if (problem !== null) {
        errors++;
        if (errorSamples.length < 5) errorSamples.push(problem);
      } else {
        latencies.push(performance.now() - started);
        onRecorded(value as T);
      }
    }
  };

  const loops = Array.from({ length: options.clients }, (_, c) => loop(c));
  await new Promise((r) => setTimeout(r, options.warmupMs));
  recording = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, options.durationMs));
  // Answers that arrive after the window still count: they were sent inside it.
  stopping = true;
  await Promise.all(loops);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { latencies, errors, errorSamples, seconds };
}

/**
 * Runs `clients` closed loops over `paths` (each client starts at its own offset in the rotation)
 * for `warmupMs` unrecorded, then `durationMs` recorded. A non-200 answer, or one without
 * `mustContain` (the engine that should answer), counts as an error.
 */
export async function runLoad(options: {
  baseUrl: string;
  paths: readonly string[];
  clients: number;
  warmupMs: number;
  durationMs: number;
  mustContain?: string;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const { latencies, errors, errorSamples, seconds } = await runClosedLoops(options, (client) => {
    let i = Math.floor((client * options.paths.length) / options.clients);
    return async () => {
      const path = options.paths[i++ % options.paths.length]!;
      let answer: { status: number; body: string };
      try {
        answer = await get(agent, new URL(path, options.baseUrl));
      } catch (error) {
        throw new Error(`${error instanceof Error ? error.message : String(error)} ${path}`);
      }
      if (answer.status !== 200) throw new Error(`${answer.status} ${path}`);
      if (options.mustContain && !answer.body.includes(options.mustContain)) throw new Error(`no ${options.mustContain} in the answer to ${path}`);
    };
  });
  agent.destroy();

  return {
    requests: latencies.length,
    errors,
    errorSamples,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
  };
}
