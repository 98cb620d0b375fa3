// What every bench script shares: the console's marks and steps, the things to undo when it ends
// (stopped servers, removed directories; also on Ctrl-C), and the exit code its checks decide.

/** Undone last-first when the bench ends, however it ends. */
export const cleanups: (() => Promise<unknown>)[] = [];

async function cleanup() {
  while (cleanups.length > 0) {
    await cleanups
      .pop()!()
      .catch((error: unknown) => console.warn(`  (cleanup: ${error instanceof Error ? error.message : String(error)})`));
  }
}

export const step = (text: string) => console.log(`• ${text}`);
export const mark = (ok: boolean) => (ok ? "✓" : "✗");
export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "—");

/** Runs `main` (true when every check passed), cleans up, and exits 0, or 1 on a failed check or an error. */
export function runBench(name: string, main: () => Promise<boolean>): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.log(`\n• ${signal}: stopping…`);
      void cleanup().then(() => process.exit(130));
    });
  }
  main()
    .then(async (ok) => {
      await cleanup();
      process.exit(ok ? 0 : 1);
    })
    .catch(async (error: unknown) => {
      console.error(`✗ ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await cleanup();
      process.exit(1);
    });
}
