// A person's journeys through the site, Chinese first, by clicking what they see.
import { PRICE, en, expect, priceCents, test, zh } from "./support";

test.describe("a shopper in Chinese @desktop", () => {
  test("goes from the home page to a category and a product, and sees price, village and seller", async ({ page }) => {
    const res = await page.goto("/");
    expect(res?.status()).toBe(200);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle(/乡集/);

    // Home → the catalogue, by the main navigation.
    await page.getByRole("navigation", { name: zh["nav.main"] }).getByRole("link", { name: zh["nav.products"] }).click();
    await expect(page).toHaveURL(/\/products$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["catalog.products.title"]);

    // A category: tea.
    await page.getByLabel(zh["catalog.filters.category"]).selectOption("tea");
    await page.getByRole("button", { name: zh["catalog.filters.apply"] }).click();
    await expect(page).toHaveURL(/[?&]category=tea(&|$)/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["catalog.category.tea"]);

    // A product from the results.
    const results = page.getByRole("region", { name: zh["catalog.results.heading"] });
    const first = results.getByRole("listitem").first().getByRole("link").first();
    const name = (await first.textContent())!.trim();
    await first.click();
    await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

    // Price in yuan with two decimals, the village of origin and the cooperative.
    const main = page.getByRole("main");
    await expect(main.getByText(PRICE).first()).toBeVisible();
    await expect(main.getByText(zh["catalog.product.origin"], { exact: true })).toBeVisible();
    await expect(main.getByText(zh["catalog.product.seller"], { exact: true })).toBeVisible();
    await expect(main.getByRole("link", { name: zh["catalog.category.tea"] }).first()).toBeVisible();
    const village = main.locator('a[href^="/villages/"]').first();
    const seller = main.locator('a[href^="/cooperatives/"]').first();
    await expect(village).toBeVisible();
    await expect(seller).toBeVisible();
    await expect(main.getByRole("heading", { name: zh["catalog.product.variants"] })).toBeVisible();

    // On to the seller's own page.
    const sellerName = (await seller.textContent())!.trim();
    await seller.click();
    await expect(page).toHaveURL(/\/cooperatives\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(sellerName);
  });

  test("switches to English with the header button, and the choice sticks", async ({ page }) => {
    await page.goto("/products");
    await page.getByRole("button", { name: zh["lang.switchLabel"] }).click();
    await expect(page).toHaveURL(/\/en\/products$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["catalog.products.title"]);
    await expect(page.getByRole("navigation", { name: en["nav.main"] }).getByRole("link", { name: en["nav.stays"] })).toBeVisible();

    // The choice persists: the Chinese home page now sends this visitor to the English one.
    await page.goto("/");
    await expect(page).toHaveURL(/\/en$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    // And back to Chinese, which sticks as well.
    await page.getByRole("button", { name: en["lang.switchLabel"] }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.goto("/");
    await expect(page).toHaveURL(/\/$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  });

  test("switching language keeps the page and its filters", async ({ page }) => {
    await page.goto("/products?category=tea&sort=price_asc");
    await page.getByRole("button", { name: zh["lang.switchLabel"] }).click();
    await expect(page).toHaveURL(/\/en\/products\?category=tea&sort=price_asc$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["catalog.category.tea"]);
  });
});

test.describe("a traveller in Chinese @desktop", () => {
  test("reads a village's story and finds what the village offers", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: zh["nav.main"] }).getByRole("link", { name: zh["nav.villages"] }).click();
    await expect(page).toHaveURL(/\/villages$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["places.villages.title"]);

    const link = page.getByRole("main").locator('a[href^="/villages/"]').first();
    await link.click();
    await expect(page).toHaveURL(/\/villages\/[a-z0-9-]+$/);
    const main = page.getByRole("main");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(main.getByRole("heading", { name: zh["places.village.story"] })).toBeVisible();
    // A village page leads on to something to buy, book or do there.
    await expect(main.locator('a[href^="/products/"], a[href^="/stays/"], a[href^="/experiences/"]').first()).toBeVisible();
  });

  test("opens a stay and sees its rooms with nightly prices", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: zh["nav.main"] }).getByRole("link", { name: zh["nav.stays"] }).click();
    await expect(page).toHaveURL(/\/stays$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["stays.title"]);

    const link = page.getByRole("main").locator('a[href^="/stays/"]').first();
    const name = (await link.textContent())!.trim();
    await link.click();
    await expect(page).toHaveURL(/\/stays\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(name);

    const rooms = page.getByRole("region", { name: zh["stays.rooms"] });
    await expect(rooms).toBeVisible();
    await expect(rooms.getByText(zh["stays.room.basePrice"]).first()).toBeVisible();
    const text = (await rooms.textContent()) ?? "";
    const price = priceCents(text);
    expect(price, "a nightly price in yuan with two decimals").toBeGreaterThan(0);
    await expect(rooms.getByText(/最多 \d+ 人/).first()).toBeVisible();
    await expect(page.getByRole("main").getByRole("heading", { name: zh["stays.cancellation"] })).toBeVisible();
  });

  test("opens an experience and sees upcoming slots with seats left", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: zh["nav.main"] }).getByRole("link", { name: zh["nav.experiences"] }).click();
    await expect(page).toHaveURL(/\/experiences$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["experiences.title"]);

    const link = page.getByRole("main").locator('a[href^="/experiences/"]').first();
    await link.click();
    await expect(page).toHaveURL(/\/experiences\/[a-z0-9-]+$/);
    const main = page.getByRole("main");
    await expect(main.getByText(PRICE).first()).toBeVisible();

    const slots = page.getByRole("region", { name: zh["experiences.slots"] });
    await expect(slots).toBeVisible();
    await expect(slots.getByText(/余 \d+ 位/).first()).toBeVisible();
  });
});

test.describe("a traveller in English", () => {
  test("reads a stay and an experience in English", async ({ page }) => {
    await page.goto("/en/stays");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["stays.title"]);
    await page.getByRole("main").locator('a[href^="/en/stays/"]').first().click();
    await expect(page).toHaveURL(/\/en\/stays\/[a-z0-9-]+$/);
    await expect(page.getByRole("region", { name: en["stays.rooms"] })).toBeVisible();
    await expect(page.getByRole("region", { name: en["stays.rooms"] }).getByText(PRICE).first()).toBeVisible();

    await page.goto("/en/experiences");
    await page.getByRole("main").locator('a[href^="/en/experiences/"]').first().click();
    await expect(page).toHaveURL(/\/en\/experiences\/[a-z0-9-]+$/);
    await expect(page.getByRole("region", { name: en["experiences.slots"] }).getByText(/\d+ seats? left/).first()).toBeVisible();
  });
});
