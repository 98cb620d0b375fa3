import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/embedded-postgres";

// `npm start` must say what failed and how to fix it, instead of a stack trace.
function runStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, DATABASE_URL: "", SKIP_BUILD: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function occupyPort(): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "0.0.0.0", () => {
      const address = server.address() as net.AddressInfo;
      resolve({ port: address.port, close: () => server.close() });
    });
  });
}

describe("npm start failures", { timeout: 90_000 }, () => {
  it("names a bad environment variable", async () => {
    const { code, output } = await runStart({ PORT: "not-a-port" });
    expect(code).toBe(1);
    expect(output).toContain("PORT");
    expect(output).toContain("Configuration");
  });

  it("rejects a DATABASE_URL that is not a postgres URL", async () => {
    const { code, output } = await runStart({ DATABASE_URL: "mysql://x" });
    expect(code).toBe(1);
    expect(output).toContain("DATABASE_URL");
  });

  it("says when the HTTP port is taken", async () => {
    const busy = await occupyPort();
    try {
      const { code, output } = await runStart({ PORT: String(busy.port) });
      expect(code).toBe(1);
      expect(output).toContain(`port ${busy.port} is already in use`);
      expect(output).toMatch(/PORT=/);
    } finally {
      busy.close();
    }
  });

  it("says when the embedded database port is taken", async () => {
    const busy = await occupyPort();
    try {
      const { code, output } = await runStart({ PORT: String(await freePort()), EMBEDDED_PG_PORT: String(busy.port), DATA_DIR: path.join(os.tmpdir(), `xj-start-${process.pid}`) });
      expect(code).toBe(1);
      expect(output).toContain("EMBEDDED_PG_PORT");
    } finally {
      busy.close();
    }
  });

  it("says when the data directory cannot be written", async () => {
    // A regular file where the data directory should be: nothing can be created under it.
    const blocker = path.join(os.tmpdir(), `xj-blocker-${process.pid}`);
    writeFileSync(blocker, "");
    const { code, output } = await runStart({ PORT: String(await freePort()), DATA_DIR: path.join(blocker, "data") });
    expect(code).toBe(1);
    expect(output).toMatch(/not writable/);
    expect(output).toContain("DATA_DIR");
  });
});
