import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Brings committed, generated files up to date (or, with `check`, only reports what is stale):
 * `files` maps paths relative to `root` to their content; files with `extension` in `folders`
 * that are no longer generated are removed. Returns the stale paths. Used by the seed's product
 * CSV generator and the picture generator.
 */
export function syncGeneratedFiles(
  root: string,
  files: Map<string, string>,
  options: { check: boolean; folders: string[]; extension: string },
): string[] {
  const stale: string[] = [];
  for (const [rel, text] of files) {
    const file = path.join(root, rel);
    let current: string | undefined;
    try {
      current = readFileSync(file, "utf8");
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(rel);
    if (!options.check) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  for (const folder of options.folders) {
    let names: string[] = [];
    try {
      names = readdirSync(path.join(root, folder));
    } catch {
      continue;
    }
    for (const name of names) {
      const rel = folder ? `${folder}/${name}` : name;
      if (!name.endsWith(options.extension) || files.has(rel)) continue;
      stale.push(`${rel} (no longer generated)`);
      if (!options.check) rmSync(path.join(root, rel));
    }
  }
  return stale;
}
