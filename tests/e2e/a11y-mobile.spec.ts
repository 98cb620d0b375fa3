// Accessibility (axe-core, WCAG 2.1 A/AA) and phone layout (no sideways scrolling at 360 px) on
// the pages people land on, in both languages. One test per page, so a failure names the page.
import { type PublicPaths, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, publicPaths, test } from "./support";

type PagePick = (p: PublicPaths) => string;
const PAGES: [string, PagePick][] = [
  ["home", () => "/"],
  ["catalogue", () => "/products"],
  ["a product", (p) => p.products[0]!],
  ["stays", () => "/stays"],
  ["a stay", (p) => p.stays[0]!],
  ["experiences", () => "/experiences"],
  ["an experience", (p) => p.experiences[0]!],
  ["villages", () => "/villages"],
  ["a village", (p) => p.villages[0]!],
  ["a cooperative", (p) => p.cooperatives[0]!],
];

// The phone project runs everything not tagged @desktop-only; the desktop project only @desktop tags.
test.describe("at 360 px", () => {
  for (const [name, pick] of PAGES) {
    for (const lang of ["zh", "en"] as const) {
      test(`${name} (${lang}): no serious accessibility violation, no horizontal scroll`, async ({ page, request }) => {
        const neutral = pick(await publicPaths(request));
        const path = lang === "en" ? (neutral === "/" ? "/en" : `/en${neutral}`) : neutral;
        expect(page.viewportSize()?.width).toBe(360);
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await expectNoHorizontalScroll(page);
        await expectNoSeriousA11yViolations(page);
      });
    }
  }

  test("the 404 page: no serious accessibility violation, no horizontal scroll", async ({ page }) => {
    const res = await page.goto("/products/no-such-thing");
    expect(res?.status()).toBe(404);
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("on a desktop screen @desktop-only", () => {
  for (const [name, pick] of PAGES.slice(0, 5)) {
    test(`${name}: no serious accessibility violation`, async ({ page, request }) => {
      const path = pick(await publicPaths(request));
      await page.goto(path);
      await expectNoSeriousA11yViolations(page);
    });
  }
});
