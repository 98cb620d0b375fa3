// The catalogue's filters are a plain GET form: they work with JavaScript off (old phones, flaky
// networks, crawlers) and the URL carries them, so a filtered list can be shared.
import { expect, priceCents, test, zh } from "./support";

test.use({ javaScriptEnabled: false });

test("filters the catalogue by category, certification and max price without JavaScript @desktop", async ({ page }) => {
  await page.goto("/products");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["catalog.products.title"]);

  await page.getByLabel(zh["catalog.filters.category"]).selectOption("tea");
  await page.getByRole("checkbox", { name: zh["catalog.cert.gi"] }).check();
  await page.getByLabel(zh["catalog.filters.max"]).fill("500");
  await page.getByRole("button", { name: zh["catalog.filters.apply"] }).click();

  // The URL carries the filters.
  await expect(page).toHaveURL(/\/products\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get("category")).toBe("tea");
  expect(url.searchParams.getAll("cert")).toEqual(["gi"]);
  expect(url.searchParams.get("max")).toBe("500");

  // The form shows the choices it was given back.
  await expect(page.getByLabel(zh["catalog.filters.category"])).toHaveValue("tea");
  await expect(page.getByRole("checkbox", { name: zh["catalog.cert.gi"] })).toBeChecked();
  await expect(page.getByLabel(zh["catalog.filters.max"])).toHaveValue(/^500(\.00)?$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["catalog.category.tea"]);

  // Every result respects every filter.
  const cards = page.getByRole("region", { name: zh["catalog.results.heading"] }).locator("article");
  const count = await cards.count();
  expect(count, "the seed has GI tea under ¥500").toBeGreaterThan(0);
  const links: string[] = [];
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    await expect(card.getByText(zh["catalog.cert.gi"], { exact: true })).toBeVisible();
    const cents = priceCents((await card.textContent()) ?? "");
    expect(cents, "a price on every card").toBeDefined();
    expect(cents!).toBeLessThanOrEqual(500_00);
    links.push((await card.getByRole("link").first().getAttribute("href"))!);
  }
  // The category is on the product page (breadcrumb and details).
  for (const href of links) {
    await page.goto(href);
    await expect(page.getByRole("navigation", { name: zh["common.breadcrumb"] }).getByRole("link", { name: zh["catalog.category.tea"] })).toBeVisible();
  }
});

test("a price range typed the wrong way round and paging work without JavaScript", async ({ page }) => {
  await page.goto("/products?min=300&max=20&sort=price_asc");
  const cards = page.getByRole("region", { name: zh["catalog.results.heading"] }).locator("article");
  const count = await cards.count();
  expect(count).toBeGreaterThan(0);
  const prices: number[] = [];
  for (let i = 0; i < count; i++) prices.push(priceCents((await cards.nth(i).textContent()) ?? "")!);
  for (const p of prices) {
    expect(p).toBeGreaterThanOrEqual(20_00);
    expect(p).toBeLessThanOrEqual(300_00);
  }
  expect(prices, "sorted by price, low to high").toEqual([...prices].sort((a, b) => a - b));

  // Clearing the filters is a plain link too.
  await page.getByRole("link", { name: zh["catalog.filters.clear"] }).first().click();
  await expect(page).toHaveURL(/\/products$/);

  // Paging keeps working (when the catalogue has more than one page).
  const next = page.getByRole("navigation", { name: zh["common.pagination"] }).getByRole("link", { name: zh["common.next"] });
  if (await next.count()) {
    await next.click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(page.getByRole("region", { name: zh["catalog.results.heading"] }).locator("article").first()).toBeVisible();
  }
});
