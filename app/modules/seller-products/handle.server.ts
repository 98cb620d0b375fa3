// The handle of a product made in the dashboard: the seller's CSV key, in the importer's shape
// (lower-case ASCII words joined by single hyphens, at most 60 characters), spelt from the
// Chinese title in pinyin so 安吉白茶 becomes an-ji-bai-cha.
import { pinyin } from "pinyin-pro";

export const MAX_HANDLE_LENGTH = 60;

export function handleFromTitle(title: string): string {
  const syllables = pinyin(title.normalize("NFKC"), { toneType: "none", type: "array", v: true, nonZh: "consecutive" });
  const words = syllables
    .join(" ")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let handle = "";
  for (const word of words) {
    const next = handle ? `${handle}-${word}` : word;
    if (next.length > MAX_HANDLE_LENGTH) break;
    handle = next;
  }
  // A title of emoji or symbols only, or one giant word, still needs a handle.
  return handle || (words[0]?.slice(0, MAX_HANDLE_LENGTH) ?? "") || "product";
}

/** `base` if free, else `base-2`, `base-3`…, kept within the length limit. */
export function firstFreeHandle(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_HANDLE_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
