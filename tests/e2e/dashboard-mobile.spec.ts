// The seller's workspace on a 360 px phone, as the demo sellers use it: every section and the
// pages behind it fit the screen and pass axe; switching cooperatives; staff don't see the
// owners' pages; and a product with two variants is made without JavaScript.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, re, test, zh } from "./support";

const PASSWORD = "xiangji-demo-2026";

async function logIn(page: Page, email: string, to = "/dashboard") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel(zh["accounts.field.email"]).fill(email);
  await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: zh["accounts.login.submit"] }).click();
  await expect(page).toHaveURL(re(to));
}

async function switchTo(page: Page, name: string) {
  await page.getByLabel(zh["dashboard.switch.label"]).selectOption({ label: name });
  await page.getByRole("button", { name: zh["dashboard.switch.submit"], exact: true }).click();
  await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
}

/** The page fits a phone, has one h1, and axe finds nothing serious. */
async function checkPage(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await expectNoSeriousA11yViolations(page);
}

async function openFirst(page: Page, hrefPattern: RegExp) {
  const hrefs = await page.locator("main a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => hrefPattern.test(h));
  expect(href, `a link like ${hrefPattern} on ${page.url()}`).toBeTruthy();
  await page.goto(href!);
  await checkPage(page);
}

test.describe("the seller's workspace on a phone", () => {
  test("an owner of a homestay and a leisure farm goes through every section", async ({ page }) => {
    test.setTimeout(150_000);
    await logIn(page, "lujia@xiangji.demo");
    await switchTo(page, "鲁家田园小院");
    const nav = page.getByRole("navigation", { name: zh["dashboard.nav.label"] });
    for (const key of ["dashboard.nav.overview", "dashboard.nav.products", "dashboard.nav.stays", "dashboard.nav.experiences", "dashboard.nav.members", "dashboard.nav.payouts", "ordersDashboard.nav.orders", "ordersDashboard.nav.shipping"] as const) {
      await nav.getByRole("link", { name: zh[key], exact: true }).click();
      await checkPage(page);
    }

    // A stay, one of its rooms (rates and closed dates), and the new-stay form.
    await page.goto("/dashboard/stays");
    await openFirst(page, /^\/dashboard\/stays\/\d+$/);
    await openFirst(page, /^\/dashboard\/stays\/\d+\/rooms\/\d+$/);
    await page.goto("/dashboard/stays/new");
    await checkPage(page);

    // The farm's experiences and their sessions, with the weekly schedule form.
    await page.goto("/dashboard");
    await switchTo(page, "鲁家开心农场");
    await page.goto("/dashboard/experiences");
    await checkPage(page);
    await openFirst(page, /^\/dashboard\/experiences\/\d+$/);
    await page.goto(`${new URL(page.url()).pathname}/slots`);
    await checkPage(page);
    await page.goto("/dashboard/experiences/new");
    await checkPage(page);
  });

  test("a tea farm's products: list, edit, stock, pictures, import", async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page, "yucun@xiangji.demo");
    await switchTo(page, "余村溪畔白茶家庭农场");
    await page.goto("/dashboard/products");
    await checkPage(page);
    await openFirst(page, /^\/dashboard\/products\/\d+$/);
    const product = new URL(page.url()).pathname;
    for (const sub of ["/stock", "/images"]) {
      await page.goto(product + sub);
      await checkPage(page);
    }
    await page.goto("/dashboard/products/import");
    await checkPage(page);
    const csv = await page.request.get("/dashboard/products/export");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="yucun-white-tea-farm-products\.csv"/);
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  test("a tea farm packs and ships the demo shopper's paid order from its phone", async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page, "yucun@xiangji.demo");
    await switchTo(page, "余村溪畔白茶家庭农场");
    await page.goto("/dashboard/orders");
    await checkPage(page);
    // The seeded order paid yesterday across two sellers: this farm's part waits to be packed.
    await page.getByRole("link", { name: /DEMXA2/ }).first().click();
    await expect(page).toHaveURL(/\/dashboard\/orders\/\d+$/);
    await checkPage(page);
    await page.getByRole("button", { name: zh["ordersDashboard.actions.pack"] }).click();
    await expect(page.getByText(zh["ordersDashboard.status.packed"]).first()).toBeVisible();
    await page.getByLabel(zh["ordersDashboard.actions.carrier"]).fill("顺丰速运");
    await page.getByLabel(zh["ordersDashboard.actions.trackingNumber"]).fill("SF1400000099");
    await page.getByRole("button", { name: zh["ordersDashboard.actions.ship"] }).click();
    await expect(page.getByText("SF1400000099").first()).toBeVisible();
    await expect(page.getByText(zh["ordersDashboard.status.shipped"]).first()).toBeVisible();
    await checkPage(page);
  });

  test("a member who is staff in one cooperative and owner in another sees the owners' pages only where she owns", async ({ page }) => {
    await logIn(page, "xiaoli@xiangji.demo");
    await switchTo(page, "余村溪畔白茶家庭农场");
    const nav = page.getByRole("navigation", { name: zh["dashboard.nav.label"] });
    await expect(nav.getByRole("link", { name: zh["dashboard.nav.members"] })).toHaveCount(0);
    const members = await page.goto("/dashboard/members");
    expect(members?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["error.forbidden.title"]);

    await page.goto("/dashboard");
    await switchTo(page, "余村竹里人家民宿");
    await nav.getByRole("link", { name: zh["dashboard.nav.members"], exact: true }).click();
    await checkPage(page);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an owner adds a product with two variants: the add-variant button and the errors work by plain form posts", async ({ page }) => {
    const token = randomBytes(3).toString("hex").toUpperCase();
    await logIn(page, "longjing@xiangji.demo", "/dashboard/products/new");
    await page.getByLabel(zh["productsDashboard.form.titleZh"]).fill(`明前龙井 ${token}`);
    await page.getByLabel(zh["productsDashboard.form.category"]).selectOption("tea");
    await page.getByLabel(zh["productsDashboard.form.sku"]).fill(`LJ-${token}-100`);
    await page.getByLabel(zh["productsDashboard.form.price"]).fill("abc");
    await page.getByLabel(zh["productsDashboard.form.nameZh"]).fill("100克");
    await page.getByLabel(zh["productsDashboard.form.stock"]).fill("20");

    // A second variant: the server answers with the longer list, keeping what was typed.
    await page.getByRole("button", { name: zh["productsDashboard.form.addVariant"] }).click();
    await expect(page.getByLabel(zh["productsDashboard.form.sku"])).toHaveCount(2);
    await expect(page.getByLabel(zh["productsDashboard.form.sku"]).first()).toHaveValue(`LJ-${token}-100`);
    const second = { sku: page.getByLabel(zh["productsDashboard.form.sku"]).nth(1) };
    await second.sku.fill(`LJ-${token}-250`);
    await page.getByLabel(zh["productsDashboard.form.price"]).nth(1).fill("388");
    await page.getByLabel(zh["productsDashboard.form.nameZh"]).nth(1).fill("250克");
    await page.getByLabel(zh["productsDashboard.form.stock"]).nth(1).fill("8");

    // "abc" is no price: the message is beside the field and nothing is lost.
    await page.getByRole("button", { name: zh["productsDashboard.form.create"] }).click();
    await expect(page.getByText(zh["form.price"])).toBeVisible();
    await expect(page.getByLabel(zh["productsDashboard.form.sku"]).nth(1)).toHaveValue(`LJ-${token}-250`);
    await page.getByLabel(zh["productsDashboard.form.price"]).first().fill("168");
    await page.getByRole("button", { name: zh["productsDashboard.form.create"] }).click();
    await expect(page).toHaveURL(/\/dashboard\/products\/\d+/);
    await expect(page.getByLabel(zh["productsDashboard.form.sku"])).toHaveCount(2);
  });
});
