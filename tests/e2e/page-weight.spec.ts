// Page weight (issue 7): many of our visitors are on mid-range phones on rural mobile networks.
//   - JavaScript on the first load of a product page ≤ 120 KB over the wire (compressed);
//   - everything the home page transfers at 360 px, loaded and scrolled to the bottom, ≤ 600 KB;
//   - pictures: every <img> sized (width and height), lazy below the fold, and an uploaded photo
//     comes as AVIF/WebP with a srcset.
// Bytes are what the browser received: compressed bodies (Playwright's `responseBodySize` is the
// encoded size) plus headers for the total. 1 KB = 1000 bytes. Figures are printed for the report.
import { randomBytes } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, publicPaths, re, test, zh } from "./support";

const BUDGET = { productJs: 120_000, homeTotal: 600_000 };
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

type Transfer = { url: string; contentType: string; encoding: string; body: number; headers: number };

/** Records every finished response of the page (call before the first navigation). */
function recordTransfers(page: Page): () => Promise<Transfer[]> {
  const pending: Promise<Transfer>[] = [];
  page.on("requestfinished", (request) => {
    pending.push(
      (async () => {
        const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
        const headers = (await response?.allHeaders()) ?? {};
        return {
          url: request.url(),
          contentType: headers["content-type"] ?? "",
          encoding: headers["content-encoding"] ?? "identity",
          body: sizes.responseBodySize,
          headers: sizes.responseHeadersSize,
        };
      })(),
    );
  });
  return () => Promise.all(pending);
}

const isScript = (t: Transfer) => /javascript/.test(t.contentType);
const path = (url: string) => new URL(url).pathname;

/** Scrolls down a screen at a time until the bottom, so lazy pictures load as they would for a reader. */
async function scrollToBottom(page: Page) {
  for (let i = 0; i < 60; i++) {
    const atBottom = await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight * 0.8);
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    });
    await page.waitForTimeout(100);
    if (atBottom) break;
  }
  await page.waitForLoadState("networkidle");
}

test.describe("page weight on a phone", () => {
  test("a product page's first load transfers ≤ 120 KB of compressed JavaScript", async ({ page, request }) => {
    const { products } = await publicPaths(request);
    const transfers = recordTransfers(page);
    await page.goto(products[0]!);
    // Hydrated and idle: the page's message chunk and route manifest have come too.
    await page.waitForLoadState("networkidle");
    const scripts = (await transfers()).filter(isScript);
    const total = scripts.reduce((sum, t) => sum + t.body, 0);
    // The server sends Brotli to Chromium; a browser that only takes gzip gets zlib's default
    // level (what `compression` uses): the budget holds for both.
    let gzipped = 0;
    for (const t of scripts) gzipped += gzipSync(await (await request.get(t.url)).body()).length;
    console.log(
      `[page-weight] product page ${products[0]}: JavaScript ${kb(total)} over the wire (${kb(gzipped)} as gzip) in ${scripts.length} files (budget ${kb(BUDGET.productJs)}); largest: ` +
        scripts
          .sort((a, b) => b.body - a.body)
          .slice(0, 4)
          .map((t) => `${path(t.url)} ${kb(t.body)} ${t.encoding}`)
          .join(", "),
    );
    // The server compresses scripts (anything else would triple these figures on the wire).
    expect(scripts.filter((t) => t.body > 1000 && !/gzip|br|zstd/.test(t.encoding)).map((t) => path(t.url))).toEqual([]);
    expect(total).toBeLessThanOrEqual(BUDGET.productJs);
    expect(gzipped).toBeLessThanOrEqual(BUDGET.productJs);
  });

  test("the home page at 360 px transfers ≤ 600 KB, loaded and scrolled to the bottom", async ({ page }) => {
    expect(page.viewportSize()?.width).toBe(360);
    const transfers = recordTransfers(page);
    await page.goto("/");
    await page.waitForLoadState("networkidle");
    await scrollToBottom(page);
    const all = await transfers();
    const total = all.reduce((sum, t) => sum + t.body + t.headers, 0);
    const by = (kind: string, match: (t: Transfer) => boolean) => {
      const part = all.filter(match);
      return `${kind} ${kb(part.reduce((s, t) => s + t.body + t.headers, 0))} (${part.length})`;
    };
    console.log(
      `[page-weight] home page at 360 px, scrolled to the bottom: ${kb(total)} in ${all.length} responses (budget ${kb(BUDGET.homeTotal)}): ` +
        [
          by("HTML", (t) => /html/.test(t.contentType)),
          by("JS", isScript),
          by("CSS", (t) => /css/.test(t.contentType)),
          by("images", (t) => /^image\//.test(t.contentType)),
          by("other", (t) => !/html|javascript|css|^image\//.test(t.contentType)),
        ].join(", "),
    );
    expect(total).toBeLessThanOrEqual(BUDGET.homeTotal);
  });

  test("every picture on the catalogue pages is sized and lazy below the fold", async ({ page, request }) => {
    const paths = await publicPaths(request);
    const pages = ["/", "/products", "/stays", "/experiences", "/villages", paths.products[0]!, paths.stays[0]!, paths.experiences[0]!, paths.villages[0]!, paths.cooperatives[0]!, `/search?q=${encodeURIComponent("茶")}`];
    let images = 0;
    for (const url of pages) {
      await page.goto(url);
      const found = await page.locator("img").evaluateAll((imgs: HTMLImageElement[]) =>
        imgs.map((img) => ({
          src: img.getAttribute("src") ?? "",
          width: img.getAttribute("width"),
          height: img.getAttribute("height"),
          loading: img.getAttribute("loading"),
          belowFold: img.getBoundingClientRect().top >= window.innerHeight,
        })),
      );
      images += found.length;
      expect(found.filter((i) => !i.width || !i.height).map((i) => i.src), `<img> without width and height on ${url}`).toEqual([]);
      expect(found.filter((i) => i.belowFold && i.loading !== "lazy").map((i) => i.src), `eager pictures below the fold on ${url}`).toEqual([]);
    }
    console.log(`[page-weight] ${images} pictures on ${pages.length} catalogue pages: all with width and height, lazy below the fold`);
    expect(images).toBeGreaterThan(pages.length);
  });

  test("an uploaded photo reaches the shop as AVIF or WebP with a srcset", async ({ page }) => {
    test.setTimeout(120_000);
    const token = randomBytes(3).toString("hex");
    const title = `明前龙井 图片测试${token}`;
    const alt = `狮峰山下的龙井茶园 ${token}`;
    await page.goto(`/login?redirectTo=${encodeURIComponent("/dashboard/products/new")}`);
    await page.getByLabel(zh["accounts.field.email"]).fill("longjing@xiangji.demo");
    await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill("xiangji-demo-2026");
    await page.getByRole("button", { name: zh["accounts.login.submit"] }).click();
    await expect(page).toHaveURL(re("/dashboard/products/new"));
    await page.getByLabel(zh["productsDashboard.form.titleZh"]).fill(title);
    await page.getByLabel(zh["productsDashboard.form.category"]).selectOption("tea");
    await page.getByLabel(zh["productsDashboard.form.sku"]).fill(`LJ-PW-${token}`.toUpperCase());
    await page.getByLabel(zh["productsDashboard.form.price"]).fill("268");
    await page.getByLabel(zh["productsDashboard.form.nameZh"]).fill("250克罐装");
    await page.getByLabel(zh["productsDashboard.form.stock"]).fill("12");
    await page.getByRole("button", { name: zh["productsDashboard.form.create"] }).click();
    await expect(page).toHaveURL(/\/dashboard\/products\/\d+(?:\?|$)/);
    await page.getByRole("link", { name: zh["productsDashboard.form.manageImages"].replace("{n}", "0") }).click();
    // A 1600 × 1000 JPEG, as a phone camera would send (shrunk): the server makes the sizes.
    const jpeg = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#4d7c3a" } }).jpeg({ quality: 85 }).toBuffer();
    await page.getByLabel(zh["media.upload.file"]).setInputFiles({ name: "DSC_0420.jpg", mimeType: "image/jpeg", buffer: jpeg });
    await page.getByLabel(zh["media.upload.altZh"]).fill(alt);
    await page.getByRole("button", { name: zh["media.upload.submit"], exact: true }).click();
    await expect(page.getByText(zh["media.done.uploaded"])).toBeVisible();

    await page.goto(new URL(page.url()).pathname.replace(/\/images$/, ""));
    await page.getByRole("link", { name: zh["productsDashboard.form.viewInShop"] }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    const photo = page.getByRole("img", { name: alt }).first();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const shown = await photo.evaluate((img: HTMLImageElement) => ({
      width: img.getAttribute("width"),
      height: img.getAttribute("height"),
      currentSrc: img.currentSrc,
      sources: Array.from(img.closest("picture")?.querySelectorAll("source") ?? []).map((s) => ({ type: s.type, srcset: s.srcset })),
    }));
    const type = (await page.request.get(shown.currentSrc)).headers()["content-type"];
    console.log(`[page-weight] uploaded photo: ${shown.sources.map((s) => `${s.type} (${s.srcset.split(",").length} sizes)`).join(", ")}; the phone chose ${path(shown.currentSrc)} (${type})`);
    expect(shown.width && shown.height).toBeTruthy();
    expect(shown.sources.map((s) => s.type)).toEqual(["image/avif", "image/webp"]);
    for (const source of shown.sources) expect(source.srcset).toMatch(/ \d+w, .+ \d+w/);
    expect(type).toMatch(/^image\/(avif|webp)$/);
  });
});
