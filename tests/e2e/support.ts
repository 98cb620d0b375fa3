// Shared helpers for the end-to-end tests: the app's own message tables (so the tests read what a
// person reads), discovery of real pages through the sitemap, axe and layout checks.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, type Page, expect, test as base } from "@playwright/test";
import { messages } from "../../app/locales/index";

export const zh = messages["zh-CN"];
export const en = messages.en;

/** Escapes a string for use inside a RegExp. */
export function re(text: string, flags = ""): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), flags);
}

/** "¥1,280.00": a yuan amount with exactly two decimals. */
export const PRICE = /¥\d{1,3}(,\d{3})*\.\d{2}/;

/** Fen from the first "¥1,280.00" in a text, or undefined. */
export function priceCents(text: string): number | undefined {
  const m = /¥(\d{1,3}(?:,\d{3})*)\.(\d{2})/.exec(text);
  if (!m) return undefined;
  return Number(m[1]!.replace(/,/g, "")) * 100 + Number(m[2]);
}

export type PublicPaths = {
  products: string[];
  stays: string[];
  experiences: string[];
  villages: string[];
  cooperatives: string[];
};

let cached: PublicPaths | undefined;

/** Real language-neutral paths of each kind, read from /sitemap.xml (so no slug is hard-coded). */
export async function publicPaths(request: APIRequestContext): Promise<PublicPaths> {
  if (cached) return cached;
  const res = await request.get("/sitemap.xml");
  expect(res.status(), "/sitemap.xml answers").toBe(200);
  const xml = await res.text();
  const paths = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname).filter((p) => !p.startsWith("/en"));
  const of = (kind: string) => paths.filter((p) => new RegExp(`^/${kind}/[^/]+$`).test(p));
  cached = {
    products: of("products"),
    stays: of("stays"),
    experiences: of("experiences"),
    villages: of("villages"),
    cooperatives: of("cooperatives"),
  };
  for (const [kind, list] of Object.entries(cached)) expect(list.length, `the sitemap lists ${kind}`).toBeGreaterThan(0);
  return cached;
}

/** axe-core with the WCAG 2.1 A/AA rules; serious and critical violations fail the test. */
export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.split("\n").slice(0, 2).join(" ")}`),
  }));
  expect(report, `axe violations on ${page.url()}`).toEqual([]);
}

/** The page fits the viewport: nothing makes a phone user scroll sideways. */
export async function expectNoHorizontalScroll(page: Page) {
  // A page wider than the phone makes the browser zoom out (innerWidth grows with it): that is
  // sideways scrolling too, only shrunk.
  const configured = page.viewportSize()?.width;
  if (configured) expect(await page.evaluate(() => window.innerWidth), `the page zoomed out on ${page.url()}`).toBe(configured);
  const { scrollWidth, viewport } = await page.evaluate(() => ({
    scrollWidth: (document.scrollingElement ?? document.documentElement).scrollWidth,
    viewport: window.innerWidth,
  }));
  if (scrollWidth > viewport) {
    const culprits = await page.evaluate((width) => {
      const out: string[] = [];
      for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
        const r = el.getBoundingClientRect();
        if (r.right > width + 1 && out.length < 5) out.push(`${el.tagName.toLowerCase()}.${el.className} (right ${Math.round(r.right)})`);
      }
      return out;
    }, viewport);
    expect(scrollWidth, `horizontal scroll on ${page.url()}; widest: ${culprits.join(", ")}`).toBeLessThanOrEqual(viewport);
  }
}

/** JSON-LD blocks of the current page, parsed (a block that is not valid JSON fails the test). */
export async function jsonLd(page: Page): Promise<Record<string, unknown>[]> {
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const out: Record<string, unknown>[] = [];
  for (const text of blocks) {
    let parsed: unknown;
    expect(() => (parsed = JSON.parse(text)), `JSON-LD is valid JSON: ${text.slice(0, 120)}`).not.toThrow();
    const items = Array.isArray(parsed) ? parsed : [parsed];
    for (const item of items as Record<string, unknown>[]) {
      const graph = item["@graph"];
      if (Array.isArray(graph)) out.push(...(graph as Record<string, unknown>[]));
      else out.push(item);
    }
  }
  return out;
}

export function types(blocks: Record<string, unknown>[]): string[] {
  return blocks.flatMap((b) => (Array.isArray(b["@type"]) ? (b["@type"] as string[]) : [String(b["@type"])]));
}

/**
 * `test` with a guard: an uncaught error in the page (a failed hydration, a crashed event handler)
 * fails the test even when the page looks right.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (msg) => {
        if (msg.type() === "error" && /Minified React error|Hydration|hydrat|Content Security Policy/i.test(msg.text())) errors.push(msg.text());
      });
      await use(errors);
      expect(errors, "errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
