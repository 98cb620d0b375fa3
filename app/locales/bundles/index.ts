// How the browser gets its messages: each language in two chunks, the catalogue pages' ("public")
// and everything else ("rest"). Shipping every message of both languages to every page cost a
// product page ~50 KB of gzipped JavaScript, a third of its whole budget (issue 7: ≤ 120 KB); a
// catalogue page in one language needs ~9 KB of it. The server keeps all of them (~/locales).
import type { Lang } from "~/utils/i18n";

export const BUNDLES = ["public", "rest"] as const;
export type Bundle = (typeof BUNDLES)[number];

type Table = Record<string, string>;

// Literal import() calls, one per chunk, so that Vite splits them and never puts a language a page
// does not show into its chunks.
export const bundleLoaders: Record<Lang, Record<Bundle, () => Promise<{ default: Table }>>> = {
  "zh-CN": { public: () => import("./zh-CN.public"), rest: () => import("./zh-CN.rest") },
  en: { public: () => import("./en.public"), rest: () => import("./en.rest") },
};

// Language-neutral paths (no /en prefix) whose pages use only "public" messages: the catalogue,
// browsed by visitors on phones, the pages the Lighthouse and page-weight budgets measure.
const PUBLIC_PAGES = /^\/(?:|products(?:\/[^/]+)?|stays(?:\/[^/]+)?|experiences(?:\/[^/]+)?|villages(?:\/[^/]+)?|cooperatives\/[^/]+|search)$/;

/** The bundles a page needs: every other page (account, cart, dashboard…) loads both. */
export function bundlesForPath(neutralPath: string): Bundle[] {
  return PUBLIC_PAGES.test(neutralPath) ? ["public"] : ["public", "rest"];
}
