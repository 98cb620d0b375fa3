// Pure helpers of the search page: the URL of a search (tabs, did-you-mean, popular searches,
// pages) and the highlighted title. Client-safe, no React, unit-tested.
import { centsToYuanInput } from "~/modules/catalog/product-display";
import type { HighlightPart, SearchQuery, SearchType } from "~/modules/search/types";
import { type Lang, localePath } from "~/utils/i18n";

/** What a search page URL says: the query without language, paging in items. */
export type SearchState = Pick<SearchQuery, "q" | "type" | "category" | "village" | "certs" | "minCents" | "maxCents" | "sort">;

/**
 * The query string of a search (`q`, `type`, `category`, `village`, `cert`, `min`, `max` in yuan,
 * `sort`, `page`), in that order, without defaults or empty values. `q` is always there, even
 * empty: `/search?q=` is the search page's own address.
 */
export function searchParamsFor(state: SearchState, page = 1): URLSearchParams {
  const params = new URLSearchParams();
  params.set("q", state.q);
  if (state.type) params.set("type", state.type);
  if (state.category) params.set("category", state.category);
  if (state.village) params.set("village", state.village);
  for (const cert of state.certs ?? []) params.append("cert", cert);
  if (state.minCents !== undefined) params.set("min", centsToYuanInput(state.minCents));
  if (state.maxCents !== undefined) params.set("max", centsToYuanInput(state.maxCents));
  if (state.sort && state.sort !== "relevance") params.set("sort", state.sort);
  if (page > 1) params.set("page", String(Math.trunc(page)));
  return params;
}

/** `/search?q=…` (or `/en/search?q=…`) for a search state and page. */
export function searchHref(lang: Lang, state: SearchState, page = 1): string {
  return `${localePath(lang, "/search")}?${searchParamsFor(state, page).toString()}`;
}

/** The link of a type tab: same query and filters, another type (undefined: all), first page. */
export function tabHref(lang: Lang, state: SearchState, type: SearchType | undefined): string {
  return searchHref(lang, { ...state, type });
}

/** A new search for other words (did-you-mean, popular searches): no filters, all types. */
export function queryHref(lang: Lang, q: string): string {
  return searchHref(lang, { q });
}

/** The same words without any filter, keeping the type tab. */
export function withoutFiltersHref(lang: Lang, state: SearchState): string {
  return searchHref(lang, { q: state.q, type: state.type, sort: state.sort });
}

/** True when a facet narrows the search (type, sort and page do not count). */
export function hasSearchFilters(state: SearchState): boolean {
  return Boolean(state.category || state.village || state.certs?.length || state.minCents !== undefined || state.maxCents !== undefined);
}

/** Number of pages for `total` hits, at least 1. */
export function pageCount(total: number, pageSize: number): number {
  if (!(pageSize > 0) || !(total > 0)) return 1;
  return Math.ceil(total / pageSize);
}

/**
 * Title parts ready to render: adjacent parts of the same kind joined, empty parts dropped, and
 * the plain title when the engine gave no parts.
 */
export function highlightSegments(title: string, parts: readonly HighlightPart[] | undefined): HighlightPart[] {
  const spelled = (parts ?? []).map((p) => p.text).join("");
  if (!spelled) return title ? [{ text: title, hit: false }] : [];
  const out: HighlightPart[] = [];
  for (const part of parts ?? []) {
    if (!part.text) continue;
    const last = out[out.length - 1];
    if (last && last.hit === part.hit) last.text += part.text;
    else out.push({ text: part.text, hit: part.hit });
  }
  return out;
}

/** The popular searches of a language, kept in the locale file as `a|b|c`. */
export function popularTerms(list: string): string[] {
  return list
    .split("|")
    .map((term) => term.trim())
    .filter(Boolean);
}

/**
 * A GET form's fields → the query string to navigate to, without empty values and the default
 * sort (`?q=白茶&category=tea` rather than `…&village=&min=&max=&sort=relevance`). `q` stays,
 * even empty. Without JavaScript the browser sends every field, which means the same.
 */
export function compactQuery(entries: Iterable<[string, FormDataEntryValue]>): string {
  const params = new URLSearchParams();
  let q = "";
  for (const [name, value] of entries) {
    if (typeof value !== "string") continue;
    if (name === "q") {
      q = value;
      continue;
    }
    const text = value.trim();
    if (!text || (name === "sort" && text === "relevance") || (name === "page" && text === "1")) continue;
    params.append(name, text);
  }
  return new URLSearchParams([["q", q], ...params]).toString();
}
