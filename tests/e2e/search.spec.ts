// Search as a visitor uses it: the /search page (tabs, facets, pages, help when nothing matches),
// with and without JavaScript, the header box's suggestions, and /products?q=. Chinese first.
import type { Locator, Page } from "@playwright/test";
import { en, expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, re, test, zh } from "./support";

const results = (page: Page, t = zh) => page.getByRole("region", { name: t["search.results"] });
const cards = (page: Page, t = zh) => results(page, t).locator("article");
const pageBox = (page: Page, t = zh) => page.getByRole("search", { name: t["search.title"], exact: true }).getByRole("searchbox");
const headerBox = (page: Page, t = zh) => page.getByRole("search", { name: t["search.header.label"] }).getByLabel(t["search.header.label"]);

/** "hickory" with two typos. */
const MISSPELT = "hickoxx";

/** The total in "找到 12 条结果". */
async function total(page: Page): Promise<number> {
  const status = results(page).getByRole("status");
  await expect(status).toHaveText(/\d/);
  return Number(/\d+/.exec((await status.textContent()) ?? "")?.[0]);
}

/** The count in a tab link ("民宿 12"). */
async function tabCount(tab: Locator): Promise<number> {
  return Number(/\d+/.exec((await tab.textContent()) ?? "")?.[0]);
}

/** "余村（5）" → ["余村", 5]. */
function villageOption(label: string): [string, number] {
  const m = /^(.+)（(\d+)）$/.exec(label.trim());
  expect(m, `a village option with a count: ${label}`).toBeTruthy();
  return [m![1]!, Number(m![2])];
}

async function titles(page: Page): Promise<string[]> {
  return (await cards(page).getByRole("heading").allTextContents()).map((s) => s.trim());
}

test.describe("the search page", () => {
  test("核桃 finds the hickory nuts, with the matched words marked @desktop", async ({ page }) => {
    await page.goto("/search");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["search.title"]);
    await pageBox(page).fill("核桃");
    await pageBox(page).press("Enter");
    await expect(page).toHaveURL(/\/search\?q=%E6%A0%B8%E6%A1%83/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["search.titleFor"].replace("{q}", "核桃"));
    expect(await total(page)).toBeGreaterThanOrEqual(6);
    const names = await titles(page);
    expect(names.slice(0, 5).filter((n) => n.includes("山核桃")).length, names.join(" / ")).toBeGreaterThanOrEqual(3);
    // The words that matched are <mark>ed inside the title links.
    const marks = cards(page).first().getByRole("heading").locator("mark");
    await expect(marks.first()).toHaveText(/核桃/);
    // A hit is a link to its page, with a price in yuan.
    await expect(cards(page).first()).toContainText(/¥\d/);
    await cards(page).first().getByRole("link").click();
    await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("核桃");
  });

  test("the 民宿 tab lists only stays, and its count matches", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("民宿")}`);
    const tabs = page.getByRole("navigation", { name: zh["search.tabs"] });
    const stayTab = tabs.getByRole("link", { name: new RegExp(`^${zh["search.tab.stay"]}\\s*\\d+$`) });
    expect(await tabCount(stayTab), "the seed has many homestays").toBeGreaterThanOrEqual(5);
    await stayTab.click();
    await expect(page).toHaveURL(/[?&]type=stay(&|$)/);
    await expect(stayTab).toHaveAttribute("aria-current", "page");
    await expect(tabs.locator('[aria-current="page"]')).toHaveCount(1);
    // The tab's count is the number of results listed under it.
    const count = await tabCount(stayTab);
    expect(await total(page)).toBe(count);
    const n = await cards(page).count();
    expect(n).toBe(Math.min(count, 20));
    for (let i = 0; i < n; i++) {
      // The type badge, then the title link to the stay's page.
      await expect(cards(page).nth(i).locator("p").first()).toHaveText(zh["search.type.stay"]);
      await expect(cards(page).nth(i).getByRole("link")).toHaveAttribute("href", /^\/stays\//);
    }
  });

  test("a village facet narrows the list to that village", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("茶")}`);
    const before = await total(page);
    await page.getByText(zh["search.filters.heading"], { exact: true }).click();
    const select = page.getByLabel(zh["catalog.filters.village"]);
    const [name] = villageOption((await select.locator("option").nth(1).textContent())!);
    await select.selectOption({ index: 1 });
    await page.getByRole("button", { name: zh["search.filters.apply"] }).click();
    await expect(page).toHaveURL(/[?&]village=[a-z0-9-]+/);
    const after = await total(page);
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    for (const text of await cards(page).allTextContents()) expect(text).toContain(name);
    // The form shows the filter back, with the count of what is listed.
    const chosen = page.getByLabel(zh["catalog.filters.village"]).locator("option:checked");
    expect(villageOption((await chosen.textContent())!)).toEqual([name, after]);
    // Clearing it lists more again.
    await page.getByRole("link", { name: zh["search.filters.clear"] }).click();
    await expect(page).not.toHaveURL(/village=/);
    expect(await total(page)).toBeGreaterThan(after);
  });

  test("pages through a long list", async ({ page }) => {
    await page.goto("/search?q=&type=product");
    expect(await total(page)).toBeGreaterThan(20);
    await expect(cards(page)).toHaveCount(20);
    const first = await titles(page);
    const pager = page.getByRole("navigation", { name: zh["common.pagination"] });
    await pager.getByRole("link", { name: zh["common.next"] }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(pager.locator('[aria-current="page"]')).toHaveText(/2/);
    await expect.poll(() => titles(page)).not.toEqual(first);
    await expect(cards(page).first()).toBeVisible();
    // A stale link far past the end shows the last page rather than nothing.
    await page.goto("/search?q=&type=product&page=999");
    await expect(cards(page).first()).toBeVisible();
  });

  test("nothing found: says so, offers a correction and the popular searches", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("火星特产")}`);
    await expect(results(page).getByText(zh["search.empty.title"].replace("{q}", "火星特产"))).toBeVisible();
    const popular = page.getByRole("region", { name: zh["search.popular"] });
    await expect(popular.getByRole("link")).toHaveCount(10);
    await popular.getByRole("link", { name: "山核桃", exact: true }).click();
    await expect(page).toHaveURL(/\?q=%E5%B1%B1%E6%A0%B8%E6%A1%83$/);
    await expect(cards(page).first()).toContainText("山核桃");

    // A misspelt word: "did you mean" leads to the right one. (Two typos in seven letters: too
    // many for Meilisearch's typo tolerance, close enough for the correction from the catalogue's words.)
    await page.goto(`/search?q=${MISSPELT}`);
    const didYouMean = page.getByText(zh["search.didYouMean"]).getByRole("link");
    await expect(didYouMean).toHaveText(/^hickor/);
    await didYouMean.click();
    await expect(page).toHaveURL(/\?q=hickor/);
    await expect(cards(page).first()).toBeVisible();
  });

  test("results follow the typing, without Enter, and the caret stays in the box", async ({ page }) => {
    await page.goto("/search");
    const box = pageBox(page);
    await box.click();
    await box.pressSequentially("蜂蜜", { delay: 40 });
    await expect(page).toHaveURL(/\?q=%E8%9C%82%E8%9C%9C$/);
    await expect(cards(page).first()).toContainText("蜜");
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("蜂蜜");
    // Keep typing: the list follows again, the box keeps the text being typed.
    await box.press("End");
    await box.pressSequentially(" 礼盒", { delay: 40 });
    await expect(page).toHaveURL(/\?q=%E8%9C%82%E8%9C%9C(\+|%20)%E7%A4%BC%E7%9B%92$/);
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("蜂蜜 礼盒");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("蜂蜜 礼盒");
  });

  test("in English under /en/search @desktop", async ({ page }) => {
    await page.goto("/en/search?q=honey");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["search.titleFor"].replace("{q}", "honey"));
    await expect(cards(page, en).first().locator("mark").first()).toHaveText(/honey/i);
    await expect(cards(page, en).first().getByRole("link")).toHaveAttribute("href", /^\/en\//);
  });

  for (const [lang, path] of [
    ["zh", `/search?q=${encodeURIComponent("核桃")}`],
    ["en", "/en/search?q=tea"],
    ["zh, nothing asked yet", "/search"],
    ["zh, nothing found", "/search?q=qqqqzzzz"],
  ] as const) {
    test(`no serious accessibility violation, no horizontal scroll (${lang})`, async ({ page }) => {
      await page.goto(path);
      // With the filters open, so that their fields are checked too.
      const filters = page.getByText(lang.startsWith("en") ? en["search.filters.heading"] : zh["search.filters.heading"], { exact: true });
      if (await filters.count()) await filters.click();
      await expectNoHorizontalScroll(page);
      await expectNoSeriousA11yViolations(page);
    });
  }
});

test.describe("the header search box", () => {
  test("suggests as you type; arrow keys and Enter open a suggestion @desktop", async ({ page }) => {
    await page.goto("/");
    const box = page.getByRole("combobox", { name: zh["search.header.label"] });
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.pressSequentially("白茶", { delay: 40 });
    const list = page.getByRole("listbox", { name: zh["search.header.suggestions"] });
    await expect(list).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    const options = list.getByRole("option");
    expect(await options.count()).toBeGreaterThan(0);
    expect(await options.count()).toBeLessThanOrEqual(6);
    await expect(options.first()).toContainText("白茶");

    await box.press("ArrowDown");
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await options.first().getAttribute("id"))!);
    await box.press("ArrowDown");
    await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
    await box.press("ArrowUp");
    const chosen = (await options.first().textContent())!;
    // Escape closes the list; typing opens it again.
    await box.press("Escape");
    await expect(list).toBeHidden();
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.press("ArrowDown");
    await expect(list).toBeVisible();
    await expect(options.first()).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/products\/[a-z0-9-]+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(re(chosen.replace(zh["search.type.product"], "").trim()));
  });

  test("a tap on a suggestion opens it; Enter without one searches", async ({ page }) => {
    await page.goto("/products");
    const box = page.getByRole("combobox", { name: zh["search.header.label"] });
    await box.pressSequentially("民宿", { delay: 40 });
    const option = page.getByRole("listbox").getByRole("option").filter({ hasText: zh["search.type.stay"] }).first();
    await expect(option).toBeVisible();
    await option.click();
    await expect(page).toHaveURL(/\/stays\/[a-z0-9-]+$/);

    const again = page.getByRole("combobox", { name: zh["search.header.label"] });
    await expect(again).toHaveValue("");
    await again.fill("采茶");
    await again.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=%E9%87%87%E8%8C%B6$/);
    await expect(cards(page).first()).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search, tabs, facets and pages are plain links and forms @desktop", async ({ page }) => {
    await page.goto("/");
    await headerBox(page).fill("核桃");
    await headerBox(page).press("Enter");
    await expect(page).toHaveURL(/\/search\?q=%E6%A0%B8%E6%A1%83$/);
    await expect(cards(page).first().locator("mark").first()).toHaveText(/核桃/);

    // The page's own box.
    await pageBox(page).fill("茶");
    await pageBox(page).press("Enter");
    await expect(page).toHaveURL(/\?q=%E8%8C%B6$/);
    const all = await total(page);

    // A tab.
    await page.getByRole("navigation", { name: zh["search.tabs"] }).getByRole("link", { name: re(zh["search.tab.product"]) }).click();
    await expect(page).toHaveURL(/type=product/);
    const products = await total(page);
    expect(products).toBeLessThanOrEqual(all);

    // A facet (the browser sends every field; empty ones mean "not set").
    await page.getByText(zh["search.filters.heading"], { exact: true }).click();
    await page.getByLabel(zh["catalog.filters.category"]).selectOption("snacks");
    await page.getByRole("button", { name: zh["search.filters.apply"] }).click();
    await expect(page).toHaveURL(/category=snacks/);
    const snacks = await total(page);
    expect(snacks).toBeGreaterThan(0);
    expect(snacks).toBeLessThan(products);
    await expect(page.getByLabel(zh["catalog.filters.category"])).toHaveValue("snacks");

    // Pages.
    await page.goto("/search?q=&type=product");
    await page.getByRole("navigation", { name: zh["common.pagination"] }).getByRole("link", { name: zh["common.next"] }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(cards(page).first()).toBeVisible();
  });

  test("nothing found still helps", async ({ page }) => {
    await page.goto(`/search?q=${encodeURIComponent("火星特产")}`);
    await expect(page.getByRole("region", { name: zh["search.popular"] }).getByRole("link").first()).toBeVisible();
    await page.goto(`/search?q=${MISSPELT}`);
    await expect(page.getByText(zh["search.didYouMean"]).getByRole("link")).toHaveText(/^hickor/);
  });
});

test.describe("/products?q=", () => {
  test("lists only what the engine matched, and keeps the words when filtering @desktop", async ({ page }) => {
    await page.goto("/products");
    const list = page.getByRole("region", { name: zh["catalog.results.heading"] });
    const catalogue = Number(/\d+/.exec((await list.getByText(/\d/).first().textContent()) ?? "")?.[0]);

    await page.goto(`/products?q=${encodeURIComponent("白茶")}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["search.products.titleFor"].replace("{q}", "白茶"));
    const found = Number(/\d+/.exec((await list.getByText(/\d/).first().textContent()) ?? "")?.[0]);
    expect(found).toBeGreaterThanOrEqual(6);
    expect(found, "a search, not the whole catalogue").toBeLessThan(catalogue / 2);
    // The six white-tea products of the seed come first.
    const names = (await list.locator("article").getByRole("heading").allTextContents()).slice(0, 6);
    for (const name of names) expect(name).toContain("白茶");
    await expect(list.locator("article a").first()).toHaveAttribute("href", /^\/products\//);

    // The words are in the filter form, so a filter keeps them.
    await expect(page.getByLabel(zh["search.products.label"])).toHaveValue("白茶");
    await page.getByLabel(zh["catalog.filters.category"]).selectOption("snacks");
    await page.getByRole("button", { name: zh["catalog.filters.apply"] }).click();
    await expect(page).toHaveURL(/q=%E7%99%BD%E8%8C%B6/);
    await expect(page).toHaveURL(/category=snacks/);
    const snacks = list.locator("article");
    await expect(snacks.first()).toContainText("白茶");
    expect(await snacks.count()).toBeLessThan(found);
    await expect(page.getByLabel(zh["search.products.label"])).toHaveValue("白茶");

    // "Price, low to high" orders the matches by price, not by relevance first.
    await page.goto(`/products?q=${encodeURIComponent("白茶")}&sort=price_asc`);
    await expect(page.getByLabel(zh["catalog.filters.sort"], { exact: true })).toHaveValue("price_asc");
    const prices = (await list.locator("article").allTextContents()).map((text) => Number(/¥([\d,]+\.\d{2})/.exec(text)?.[1]?.replace(/,/g, "")));
    expect(prices.length).toBeGreaterThanOrEqual(6);
    expect(prices.every((p) => Number.isFinite(p))).toBe(true);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});
