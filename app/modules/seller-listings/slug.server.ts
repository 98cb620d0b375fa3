// Public slugs of new stays and experiences, from the Chinese title in pinyin (竹林小院 →
// zhu-lin-xiao-yuan), else the English title. A slug is part of the public URL, so it is
// chosen once at creation and kept when the title changes later.
import { like } from "drizzle-orm";
import { pinyin } from "pinyin-pro";
import { experiences, stays } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";

const MAX_SLUG = 60;

type Executor = Pick<Database, "select">;

/** Lower-case ASCII words joined by "-", at most MAX_SLUG characters, cut between words. */
export function slugify(titleZh: string, titleEn = ""): string {
  const fromZh = pinyin(titleZh, { toneType: "none", type: "array", v: true, nonZh: "consecutive" }).join(" ");
  const words = (text: string) =>
    text
      .normalize("NFKD")
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const parts = words(fromZh).length ? words(fromZh) : words(titleEn);
  let slug = "";
  for (const part of parts) {
    const next = slug ? `${slug}-${part}` : part;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  return slug || parts[0]?.slice(0, MAX_SLUG) || "";
}

/** A slug no stay (or experience) has yet: the title's, then `-2`, `-3`… */
export async function freeSlug(db: Executor, table: "stays" | "experiences", titleZh: string, titleEn: string): Promise<string> {
  const base = slugify(titleZh, titleEn) || (table === "stays" ? "stay" : "experience");
  const column = table === "stays" ? stays.slug : experiences.slug;
  const source = table === "stays" ? stays : experiences;
  const rows = await db.select({ slug: column }).from(source).where(like(column, `${base}%`));
  const taken = new Set(rows.map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Inserts a new stay or experience under a free slug. Two sellers may pick the same free slug at
 * the same moment: the loser tries the next one.
 */
export async function insertWithFreeSlug<T>(
  db: Executor,
  table: "stays" | "experiences",
  titles: { titleZh: string; titleEn: string },
  insert: (slug: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const slug = await freeSlug(db, table, titles.titleZh, titles.titleEn);
    try {
      return await insert(slug);
    } catch (error) {
      if (!isSlugConflict(error) || attempt >= 4) throw error;
    }
  }
}

/** A unique-slug violation: two sellers created the same title at the same moment. */
export function isSlugConflict(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name: constraint } = e as { code?: unknown; constraint_name?: unknown };
    if (code === "23505" && (constraint === "stays_slug_key" || constraint === "experiences_slug_key")) return true;
  }
  return false;
}
