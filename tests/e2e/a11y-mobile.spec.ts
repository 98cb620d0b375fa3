// Accessibility (axe-core, WCAG 2.1 A/AA) and phone layout (no sideways scrolling at 360 px) on
// the pages people land on, in both languages.
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, publicPaths, test } from "./support";

// The phone project runs everything not tagged @desktop-only; the desktop project only @desktop tags.
test.describe("at 360 px", () => {
  test("key pages have no serious accessibility violation and no horizontal scroll", async ({ page, request }) => {
    const paths = await publicPaths(request);
    const pages = ["/", "/products", paths.products[0]!, "/stays", paths.stays[0]!, "/experiences", paths.experiences[0]!, "/villages", paths.villages[0]!, paths.cooperatives[0]!];
    expect(page.viewportSize()?.width).toBe(360);
    for (const path of pages) {
      await test.step(path, async () => {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await expectNoHorizontalScroll(page);
        await expectNoSeriousA11yViolations(page);
      });
    }
  });

  test("the English pages fit too", async ({ page, request }) => {
    const paths = await publicPaths(request);
    for (const path of ["/en", "/en/products", `/en${paths.products[0]}`, `/en${paths.stays[0]}`, `/en${paths.experiences[0]}`, `/en${paths.villages[0]}`]) {
      await test.step(path, async () => {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await expectNoHorizontalScroll(page);
        await expectNoSeriousA11yViolations(page);
      });
    }
  });

  test("the 404 page is accessible", async ({ page }) => {
    const res = await page.goto("/products/no-such-thing");
    expect(res?.status()).toBe(404);
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("on a desktop screen @desktop-only", () => {
  test("home, catalogue and a product have no serious accessibility violation", async ({ page, request }) => {
    const paths = await publicPaths(request);
    for (const path of ["/", "/products", paths.products[0]!, paths.stays[0]!]) {
      await test.step(path, async () => {
        await page.goto(path);
        await expectNoSeriousA11yViolations(page);
      });
    }
  });
});
