// A family farm opens a shop from a phone, in Chinese: sign up → apply → the operator approves →
// add a product with a photo → it is on the storefront and in search. Plus the abuse guards
// that only the real HTTP server shows (cross-site POSTs).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, re, test, zh } from "./support";

const DEMO_OPERATOR = { email: "admin@xiangji.demo", password: "xiangji-demo-2026" };

async function logIn(page: Page, email: string, password: string, redirectTo = "/account") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(redirectTo)}`);
  await page.getByLabel(zh["accounts.field.email"]).fill(email);
  await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill(password);
  await page.getByRole("button", { name: zh["accounts.login.submit"] }).click();
  await expect(page).toHaveURL(re(redirectTo.split("?")[0]!));
}

async function logOut(page: Page) {
  await page.goto("/account");
  await page.getByRole("button", { name: zh["accounts.account.logout"], exact: true }).click();
  await expect(page).not.toHaveURL(/\/account/);
}

/** A small photo of "tea leaves" made on the spot: green with a lighter stripe. */
async function teaPhoto(): Promise<Buffer> {
  const stripe = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect x="0" y="250" width="900" height="100" fill="#cfe8b8"/></svg>`);
  return sharp({ create: { width: 900, height: 600, channels: 3, background: "#3f7a3a" } })
    .composite([{ input: stripe }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

test.describe("a family farm opens a shop from a phone", () => {
  test("sign up → apply → the operator approves → a product with a photo is in the shop and in search", async ({ page }) => {
    test.setTimeout(180_000);
    const token = randomBytes(3).toString("hex");
    const email = `farm-${token}@example.test`;
    const password = `tea-garden-${token}-2026`;
    const shopName = `云上茶园${token}`;
    const productTitle = `高山云雾白茶${token}`;
    const altText = `竹匾上摊晾的白茶嫩芽 ${token}`;

    // 1. Sign up, straight on to the application.
    await page.goto("/signup?redirectTo=/sell");
    await page.getByLabel(zh["accounts.field.name"]).fill("李春梅");
    await page.getByLabel(zh["accounts.field.email"]).fill(email);
    await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill(password);
    await page.getByLabel(zh["accounts.field.confirmPassword"]).fill(password);
    await page.getByRole("button", { name: zh["accounts.signup.submit"] }).click();
    await expect(page).toHaveURL(/\/sell$/);

    // 2. Apply. A first try without a story shows the error beside the field and keeps the rest.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["sellers.apply.title"]);
    await expectNoHorizontalScroll(page);
    await page.getByLabel(zh["sellers.apply.nameZh"]).fill(shopName);
    await page.getByLabel(zh["sellers.apply.kind"]).selectOption("family_farm");
    await page.getByLabel(zh["sellers.apply.village"]).selectOption({ index: 1 });
    await page.getByLabel(zh["sellers.apply.contactName"]).fill("李春梅");
    await page.getByLabel(zh["sellers.apply.contactPhone"]).fill("13812345678");
    await page.getByLabel(zh["sellers.apply.contactEmail"]).fill(email);
    await page.getByRole("button", { name: zh["sellers.apply.submit"] }).click();
    await expect(page.getByText(zh["form.required"]).first()).toBeVisible();
    await expect(page.getByLabel(zh["sellers.apply.nameZh"])).toHaveValue(shopName);
    await page.getByLabel(zh["sellers.apply.storyZh"]).fill("我们在海拔六百米的山上种白茶，春天手工采摘、竹匾摊晾。");
    await page.getByRole("button", { name: zh["sellers.apply.submit"] }).click();
    await expect(page.getByText(zh["sellers.apply.submitted"])).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    // Pending: the dashboard says so, and the shop is not public.
    await page.goto("/dashboard");
    await expect(page.getByText(zh["dashboard.status.pending"])).toBeVisible();
    await logOut(page);

    // 3. The operator approves.
    await logIn(page, DEMO_OPERATOR.email, DEMO_OPERATOR.password, "/admin/cooperatives?status=pending");
    const application = page.getByRole("article").filter({ has: page.getByRole("heading", { name: shopName }) });
    await expect(application).toBeVisible();
    await expectNoHorizontalScroll(page);
    await application.getByRole("button", { name: zh["admin.cooperatives.approve"], exact: true }).click();
    await expect(page.getByText(zh["admin.cooperatives.done.approve"].replace("{name}", shopName))).toBeVisible();
    await logOut(page);

    // The applicant was told by mail.
    await page.goto("/dev/mail");
    await expect(page.getByText(zh["sellers.mail.approved.subject"].replace("{name}", shopName))).toBeVisible();

    // 4. The farmer adds a product with a photo, on the phone.
    await logIn(page, email, password, "/dashboard/products/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["productsDashboard.form.newTitle"]);
    await page.getByLabel(zh["productsDashboard.form.titleZh"]).fill(productTitle);
    await page.getByLabel(zh["productsDashboard.form.category"]).selectOption("tea");
    await page.getByLabel(zh["productsDashboard.form.sku"]).fill(`YS-BC-${token}`.toUpperCase());
    await page.getByLabel(zh["productsDashboard.form.price"]).fill("128");
    await page.getByLabel(zh["productsDashboard.form.nameZh"]).fill("100克罐装");
    await page.getByLabel(zh["productsDashboard.form.stock"]).fill("30");
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: zh["productsDashboard.form.create"] }).click();
    await expect(page).toHaveURL(/\/dashboard\/products\/\d+/);

    await page.getByRole("link", { name: zh["productsDashboard.form.manageImages"].replace("{n}", "0") }).click();
    await page.getByLabel(zh["media.upload.file"]).setInputFiles({ name: "IMG_2026.jpg", mimeType: "image/jpeg", buffer: await teaPhoto() });
    await page.getByLabel(zh["media.upload.altZh"]).fill(altText);
    await page.getByRole("button", { name: zh["media.upload.submit"], exact: true }).click();
    await expect(page.getByText(zh["media.done.uploaded"])).toBeVisible();
    await expectNoHorizontalScroll(page);

    // 5. In the shop: the product page shows the photo (served, decoded) with its description.
    await page.goto(new URL(page.url()).pathname.replace(/\/images$/, ""));
    await page.getByRole("link", { name: zh["productsDashboard.form.viewInShop"] }).click();
    await expect(page).toHaveURL(/^https?:\/\/[^/]+\/products\/[a-z0-9-]+$/);
    const productUrl = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(productTitle);
    const photo = page.getByRole("img", { name: altText }).first();
    await expect(photo).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await photo.evaluate((img: HTMLImageElement) => img.currentSrc)).toMatch(/\/media\/products\/[0-9a-f]+-\d+\.(avif|webp)$/);

    // …and in search, once the indexing worker has shipped it (seconds). The results page may be
    // kept by the browser for a minute (public, max-age=60): each new look is a reload, which
    // asks the server again, as a person pulling to refresh would.
    await page.goto(`/search?q=${encodeURIComponent(productTitle)}`);
    await expect(async () => {
      await page.reload();
      // Found, and with the farmer's photo rather than the category drawing: the upload re-indexes
      // the product a moment after its creation did, so the first hit may still be the drawing.
      const hit = page.getByRole("listitem").filter({ has: page.locator(`a[href="${productUrl}"]`) }).first();
      await expect(hit).toBeVisible({ timeout: 1_000 });
      await expect(hit.locator('img[src*="/media/products/"]')).toHaveCount(1, { timeout: 1_000 });
    })
      .toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] })
      .catch(async (error: Error) => {
        // Say where indexing stood (outbox and unshipped counts, which engine answers).
        const health = await (await page.request.get("/healthz")).text();
        throw new Error(`${error.message}\n/healthz: ${health}`);
      });
  });
});

test.describe("abuse guards on the real server", () => {
  test("a cross-site POST is refused with 403 and a GET never logs anyone out", async ({ request }) => {
    const evil = await request.post("/login", {
      headers: { Origin: "https://evil.example" },
      form: { email: DEMO_OPERATOR.email, password: DEMO_OPERATOR.password },
      maxRedirects: 0,
    });
    expect(evil.status()).toBe(403);
    expect(evil.headers()["set-cookie"] ?? "").not.toMatch(/xj_session=[^;]/);

    const sameSite = await request.post("/login", {
      headers: { Origin: new URL(test.info().project.use.baseURL ?? "http://localhost").origin },
      form: { email: DEMO_OPERATOR.email, password: "wrong-password-123" },
      maxRedirects: 0,
    });
    expect(sameSite.status()).toBe(400);

    expect((await request.get("/logout", { maxRedirects: 0 })).status()).toBe(404);
    expect((await request.get("/dashboard/switch", { maxRedirects: 0 })).status()).toBe(404);
  });

  test("the dashboard and the admin send a visitor to the login page", async ({ page }) => {
    for (const path of ["/dashboard", "/dashboard/products", "/admin/cooperatives", "/account"]) {
      await page.goto(path);
      await expect(page).toHaveURL(re(`/login?redirectTo=${encodeURIComponent(path)}`));
    }
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["accounts.login.title"]);
  });
});
