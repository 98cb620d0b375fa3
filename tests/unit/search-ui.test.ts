import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { toSuggestions } from "~/components/search/HeaderSearch";
import { HighlightedTitle } from "~/components/search/SearchResults";
import {
  compactQuery,
  hasSearchFilters,
  highlightSegments,
  pageCount,
  popularTerms,
  queryHref,
  searchHref,
  searchParamsFor,
  tabHref,
  withoutFiltersHref,
} from "~/components/search/search-links";
import { messages } from "~/locales";
import { parseProductFilters, productFiltersToSearchParams } from "~/modules/catalog/products-query";
import { parseSearchPageParams } from "~/modules/search/params";

const html = (title: string, parts: { text: string; hit: boolean }[]) => renderToStaticMarkup(createElement(HighlightedTitle, { title, parts }));

describe("highlighted titles", () => {
  it("marks the matched parts and nothing else", () => {
    expect(html("临安手剥山核桃 椒盐味", [
      { text: "临安手剥", hit: false },
      { text: "山核桃", hit: true },
      { text: " 椒盐味", hit: false },
    ])).toBe("<span>临安手剥</span><mark class=\"rounded-sm bg-amber-100 px-0.5 text-inherit\">山核桃</mark><span> 椒盐味</span>");
  });

  it("shows markup in a title as text, never as HTML", () => {
    const out = html("<img src=x onerror=alert(1)> tea", [
      { text: "<img src=x onerror=alert(1)>", hit: true },
      { text: " tea", hit: false },
    ]);
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("joins neighbouring parts of the same kind and drops empty ones", () => {
    expect(highlightSegments("白茶酥", [
      { text: "白", hit: true },
      { text: "茶", hit: true },
      { text: "", hit: false },
      { text: "酥", hit: false },
    ])).toEqual([
      { text: "白茶", hit: true },
      { text: "酥", hit: false },
    ]);
  });

  it("falls back to the plain title when the engine gave no parts", () => {
    expect(highlightSegments("安吉白茶", [])).toEqual([{ text: "安吉白茶", hit: false }]);
    expect(highlightSegments("安吉白茶", undefined)).toEqual([{ text: "安吉白茶", hit: false }]);
    expect(highlightSegments("", [])).toEqual([]);
  });
});

describe("search page links", () => {
  const state = { q: "白茶", type: "product" as const, category: "tea" as const, village: "yucun", certs: ["gi" as const], minCents: 5000, maxCents: 19950, sort: "price_asc" as const };

  it("carry every filter, prices in yuan, and q even when empty", () => {
    expect(searchParamsFor(state, 3).toString()).toBe(
      "q=%E7%99%BD%E8%8C%B6&type=product&category=tea&village=yucun&cert=gi&min=50&max=199.50&sort=price_asc&page=3",
    );
    expect(searchHref("zh-CN", { q: "" })).toBe("/search?q=");
    expect(searchHref("en", { q: "honey" })).toBe("/en/search?q=honey");
  });

  it("round-trip through the page's own parser", () => {
    const { query, page } = parseSearchPageParams(searchParamsFor(state, 2), "zh-CN", 20);
    expect(page).toBe(2);
    expect(query).toMatchObject({ ...state, lang: "zh-CN", limit: 20, offset: 20 });
  });

  it("a tab keeps the words and filters, changes the type and goes back to page 1", () => {
    const href = new URL(tabHref("en", state, "stay"), "http://x");
    expect(href.pathname).toBe("/en/search");
    expect(href.searchParams.get("type")).toBe("stay");
    expect(href.searchParams.get("q")).toBe("白茶");
    expect(href.searchParams.get("village")).toBe("yucun");
    expect(href.searchParams.has("page")).toBe(false);
    expect(new URL(tabHref("zh-CN", state, undefined), "http://x").searchParams.has("type")).toBe(false);
  });

  it("did-you-mean and popular searches start afresh; clearing filters keeps words and tab", () => {
    expect(queryHref("zh-CN", "山核桃")).toBe(`/search?q=${encodeURIComponent("山核桃")}`);
    const cleared = new URL(withoutFiltersHref("zh-CN", state), "http://x").searchParams;
    expect([...cleared.keys()]).toEqual(["q", "type", "sort"]);
  });

  it("knows when a facet narrows the search", () => {
    expect(hasSearchFilters({ q: "茶", type: "stay", sort: "newest" })).toBe(false);
    expect(hasSearchFilters({ q: "茶", certs: [] })).toBe(false);
    expect(hasSearchFilters({ q: "茶", maxCents: 0 })).toBe(true);
    expect(hasSearchFilters({ q: "", village: "yucun" })).toBe(true);
  });

  it("pages: at least one, rounded up", () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(pageCount(5, 0)).toBe(1);
  });
});

describe("compact form URLs", () => {
  it("leave out empty fields and defaults but keep q", () => {
    const form: [string, string][] = [
      ["q", ""],
      ["category", ""],
      ["village", "yucun"],
      ["cert", "gi"],
      ["cert", "organic"],
      ["min", " "],
      ["max", "80"],
      ["sort", "relevance"],
    ];
    expect(compactQuery(form)).toBe("q=&village=yucun&cert=gi&cert=organic&max=80");
    expect(compactQuery([["sort", "newest"]])).toBe("q=&sort=newest");
  });
});

describe("popular searches", () => {
  it.each(["zh-CN", "en"] as const)("%s has a handful of distinct terms", (lang) => {
    const terms = popularTerms(messages[lang]["search.popular.terms"]);
    expect(terms.length).toBeGreaterThanOrEqual(6);
    expect(new Set(terms).size).toBe(terms.length);
  });

  it("Chinese first: the usual words shoppers type", () => {
    expect(popularTerms(messages["zh-CN"]["search.popular.terms"])).toEqual(expect.arrayContaining(["白茶", "山核桃", "民宿", "采茶", "蜂蜜", "香菇"]));
    expect(popularTerms(" a | |b ")).toEqual(["a", "b"]);
  });
});

describe("header suggestions from the JSON API", () => {
  const hit = (over: Record<string, unknown> = {}) => ({ type: "product", slug: "x", title: "安吉白茶", url: "/products/x", ...over });

  it("keeps type, title and url of at most six hits", () => {
    const body = { hits: Array.from({ length: 9 }, (_, i) => hit({ url: `/products/p${i}` })) };
    const out = toSuggestions(body);
    expect(out).toHaveLength(6);
    expect(out[0]).toEqual({ type: "product", title: "安吉白茶", url: "/products/p0" });
  });

  it("never follows a link off the site, skips malformed hits", () => {
    const body = {
      hits: [
        hit({ url: "https://evil.example/" }),
        hit({ url: "//evil.example/" }),
        hit({ url: "javascript:alert(1)" }),
        hit({ type: "unicorn" }),
        hit({ title: 42 }),
        null,
        hit({ type: "stay", url: "/en/stays/y", title: "Bamboo house" }),
      ],
    };
    expect(toSuggestions(body)).toEqual([{ type: "stay", title: "Bamboo house", url: "/en/stays/y" }]);
    expect(toSuggestions(null)).toEqual([]);
    expect(toSuggestions({ error: { code: "bad_request" } })).toEqual([]);
  });
});

describe("/products?q=", () => {
  it("reads the words, cleaned, and keeps them in page links", () => {
    const filters = parseProductFilters(new URLSearchParams("q=%20%20白茶%00礼盒%20&category=tea&page=2"));
    expect(filters.q).toBe("白茶 礼盒");
    const params = productFiltersToSearchParams(filters);
    expect([...params]).toEqual([
      ["q", "白茶 礼盒"],
      ["category", "tea"],
      ["page", "2"],
    ]);
  });

  it("an empty or over-long q is no search at all", () => {
    expect(parseProductFilters(new URLSearchParams("q=")).q).toBeUndefined();
    expect(parseProductFilters(new URLSearchParams("q=%20%20")).q).toBeUndefined();
    expect(parseProductFilters(new URLSearchParams({ q: "茶".repeat(201) })).q).toBeUndefined();
    expect(parseProductFilters(new URLSearchParams({ q: "茶".repeat(200) })).q).toBe("茶".repeat(200));
  });
});
