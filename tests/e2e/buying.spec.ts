// Buying, as a shopper on a phone does it, in Chinese: tea from one cooperative and hickory nuts
// from another in one cart, one payment with the built-in test provider, an order split in two.
// Once with JavaScript (fetchers, optimistic counts) and once without (plain forms and redirects).
import type { Page } from "@playwright/test";
import { en, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, priceCents, re, test, zh } from "./support";

// Seeded products with plenty of stock: tea from the Longjing growers, nuts from the Lin'an coop.
const TEA = "/products/longjing-daily-tea";
const NUTS = "/products/linan-hand-peel-hickory-salted";
// Used only by the failed-payment test, so its stock can be compared before and after.
const FLAKES = { path: "/products/longjing-tea-flakes", slug: "longjing-tea-flakes", sku: "LJ-CP-250", variant: "250克" };

const cartLink = (page: Page, lang = zh) => page.getByRole("banner").getByRole("link", { name: re(lang["cart.header.link"]) });
const countLabel = (n: number) => re(zh["cart.header.countLabel"].replace("{count}", String(n)));

async function addToCart(page: Page, path: string, variant: string, quantity: number) {
  await page.goto(path);
  await page.getByLabel(zh["cart.add.quantityOf"].replace("{variant}", variant), { exact: true }).fill(String(quantity));
  // "加入购物车" and, for screen readers, which variant (browsers may put a space between the two).
  const name = new RegExp(`^${re(zh["cart.add"]).source}\\s*${re(zh["cart.addOf"].replace("{variant}", variant)).source}$`);
  await page.getByRole("button", { name }).click();
  // The count moves at once; this notice waits for the server's answer.
  await expect(page.getByRole("main").getByText(zh["cart.added"])).toBeVisible();
}

async function fillCheckout(page: Page) {
  await page.getByLabel(zh["checkout.field.email"]).fill("shopper@example.com");
  await page.getByLabel(zh["checkout.field.name"]).fill("王小明");
  await page.getByLabel(zh["checkout.field.phone"]).fill("138 1234 5678");
  await page.getByLabel(zh["checkout.field.province"]).fill("浙江省");
  await page.getByLabel(zh["checkout.field.city"]).fill("湖州市");
  await page.getByLabel(zh["checkout.field.district"]).fill("安吉县");
  await page.getByLabel(zh["checkout.field.detail"]).fill("天荒坪镇余村 1 号");
  await page.getByLabel(zh["checkout.field.note"]).fill("工作日请放门卫");
}

async function apiStock(page: Page, slug: string, sku: string): Promise<number> {
  const res = await page.request.get(`/api/v1/products/${slug}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { product: { variants: { sku: string; stock: number }[] } };
  return body.product.variants.find((v) => v.sku === sku)!.stock;
}

async function checkPage(page: Page) {
  await expectNoHorizontalScroll(page);
  await expectNoSeriousA11yViolations(page);
}

test.describe("a shopper with JavaScript", () => {
  test("fills one cart from two cooperatives, pays once with the test provider and gets an order in two parts", async ({ page }) => {
    // Tea: the header count moves at once, and the page says where to go next.
    await addToCart(page, TEA, "250克", 1);
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(1));

    // Hickory nuts from another cooperative, two bags.
    await addToCart(page, NUTS, "250克", 2);
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(3));
    // A page showing someone's cart is not for shared caches.
    const product = await page.request.get(NUTS);
    expect(product.headers()["cache-control"]).toBe("private, no-cache");

    // The cart, grouped by who ships it.
    await cartLink(page).click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["cart.title"]);
    const groups = page.getByRole("main").getByRole("heading", { level: 2, name: /发货$/ });
    await expect(groups).toHaveCount(2);
    await checkPage(page);

    // One more tea: the count and the total change without a page load.
    const total = async () => priceCents((await page.getByRole("link", { name: /^去结算/ }).textContent()) ?? "")!;
    const before = await total();
    await page.getByRole("button", { name: /^增加一件 .*250克$/ }).first().click();
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(4));
    await expect.poll(total).toBeGreaterThan(before);
    // …and stays so once the server has answered and the page revalidated.
    await page.waitForLoadState("networkidle");
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(4));

    // Checkout: contact and a mainland address; the summary shows both cooperatives.
    await page.getByRole("link", { name: /^去结算/ }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByRole("heading", { level: 3, name: /发货$/ })).toHaveCount(2);
    await checkPage(page);
    // A wrong mobile number is caught beside the field, and nothing is lost.
    await fillCheckout(page);
    await page.getByLabel(zh["checkout.field.phone"]).fill("12345678901");
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page.getByText(zh["form.mobile"])).toBeVisible();
    await expect(page.getByLabel(zh["checkout.field.detail"])).toHaveValue("天荒坪镇余村 1 号");
    await page.getByLabel(zh["checkout.field.phone"]).fill("138 1234 5678");
    await page.getByRole("button", { name: /^去支付/ }).click();

    // The test provider's page: unmistakably a test.
    await expect(page).toHaveURL(/\/pay\/test\/XJ\d{6}-[A-Z0-9]{6}\?t=/);
    await expect(page.getByText(zh["pay.test.banner"])).toBeVisible();
    await expect(page.getByText(zh["pay.test.bannerEn"])).toBeVisible();
    await checkPage(page);
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();

    // The order: paid, one part per cooperative, each waiting to be packed.
    await expect(page).toHaveURL(/\/orders\/XJ\d{6}-[A-Z0-9]{6}\?t=/);
    await expect(page.getByText(zh["orders.status.paid"], { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /发货$/ })).toHaveCount(2);
    await expect(page.getByText(zh["orders.part.status.paid"], { exact: true })).toHaveCount(2);
    await checkPage(page);
    // The order page is private and not for search engines.
    const order = await page.request.get(page.url());
    expect(order.headers()["cache-control"]).toBe("private, no-store");
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toBe("noindex");
    // Without its signed link the order does not exist.
    const bare = await page.request.get(new URL(page.url()).pathname, { failOnStatusCode: false });
    expect(bare.status()).toBe(404);

    // Paid lines leave the cart.
    await expect(cartLink(page)).toHaveAccessibleName(zh["cart.header.link"]);
  });

  test("a failed payment cancels the order and puts the stock back", async ({ page }) => {
    const stock = await apiStock(page, FLAKES.slug, FLAKES.sku);
    await addToCart(page, FLAKES.path, FLAKES.variant, 2);
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(2));
    await page.goto("/checkout");
    await fillCheckout(page);
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page).toHaveURL(/\/pay\/test\//);
    // Held while the shopper pays.
    expect(await apiStock(page, FLAKES.slug, FLAKES.sku)).toBe(stock - 2);
    await page.getByRole("button", { name: zh["pay.test.fail"] }).click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByText(zh["orders.status.explain.cancelled"])).toBeVisible();
    expect(await apiStock(page, FLAKES.slug, FLAKES.sku)).toBe(stock);
    // The cart is still there to try again.
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(2));
  });

  test("a visitor without a cart gets the public, cacheable product page and an empty cart, in Chinese and English", async ({ page }) => {
    const res = await page.request.get(TEA);
    expect(res.headers()["cache-control"]).toMatch(/^public/);
    expect(res.headers()["vary"]).toMatch(/Cookie/i);
    await page.goto("/cart");
    await expect(page.getByText(zh["cart.empty"])).toBeVisible();
    await checkPage(page);
    // The same in English.
    await page.goto("/en/cart");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["cart.title"]);
    await expect(page.getByText(en["cart.empty"])).toBeVisible();
    await expect(cartLink(page, en)).toHaveAccessibleName(en["cart.header.link"]);
  });
});

test.describe("a shopper without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adds to the cart, changes a quantity, checks out and pays with plain forms", async ({ page }) => {
    await addToCart(page, TEA, "250克", 1);
    // Back on the product page, told what happened.
    await expect(page).toHaveURL(/\/products\/longjing-daily-tea\?added=/);
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(1));

    await addToCart(page, NUTS, "250克", 1);
    await page.getByRole("link", { name: zh["cart.added.view"] }).first().click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole("main").getByRole("heading", { level: 2, name: /发货$/ })).toHaveCount(2);

    await page.getByRole("button", { name: /^增加一件 .*250克$/ }).first().click();
    await expect(page).toHaveURL(/\/cart\?notice=updated$/);
    await expect(page.getByText(zh["cart.notice.updated"])).toBeVisible();
    await expect(cartLink(page)).toHaveAccessibleName(countLabel(3));

    await page.getByRole("link", { name: /^去结算/ }).click();
    await fillCheckout(page);
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page).toHaveURL(/\/pay\/test\//);
    await expect(page.getByText(zh["pay.test.banner"])).toBeVisible();
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByText(zh["orders.status.paid"], { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: /发货$/ })).toHaveCount(2);
  });
});
