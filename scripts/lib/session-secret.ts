import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/** `npm start`'s session secret: read from $DATA_DIR/session-secret, made (random) on first start. */
export async function demoSessionSecret(dataDir: string): Promise<string> {
  const file = path.resolve(dataDir, "session-secret");
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing.length >= 32) return existing;
  const secret = randomBytes(32).toString("base64url");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
