import { CertificationFields, PriceRangeFields, SortField } from "~/components/FilterFields";
import { Link, useLocation } from "@remix-run/react";
import { CATEGORY_KEYS, type CategoryKey } from "~/modules/catalog/types";
import type { SearchFacets } from "~/modules/search/types";
import { localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { type SearchState, hasSearchFilters, withoutFiltersHref } from "./search-links";
import { useCompactSubmit } from "./use-search-form";

const FIELD = "mt-1 block min-h-11 w-full min-w-0 rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900";
const LABEL = "block text-sm font-medium text-stone-800";

export type VillageName = { slug: string; name: string };

/**
 * The facets as a plain GET form (category, village, certifications, price in yuan, sort): the
 * URL carries them and it works without JavaScript. Counts come from the engine's facets.
 * Category and certifications only mean something for products: shown on the "all" and
 * "products" tabs.
 */
export function SearchFilters({ state, facets, villages }: { state: SearchState; facets: SearchFacets | null; villages: VillageName[] }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const onSubmit = useCompactSubmit();
  const productFacets = !state.type || state.type === "product";
  const withCount = (name: string, count: number | undefined) => (count ? t("catalog.filters.withCount", { name, count }) : name);

  const categories = CATEGORY_KEYS.filter((key) => facets?.category[key] || key === state.category);
  const villageCounts = facets?.village ?? {};
  const names = new Map(villages.map((v) => [v.slug, v.name]));
  const villageSlugs = Object.keys(villageCounts)
    .filter((slug) => villageCounts[slug])
    .sort((a, b) => (villageCounts[b] ?? 0) - (villageCounts[a] ?? 0) || a.localeCompare(b));
  if (state.village && !villageSlugs.includes(state.village)) villageSlugs.unshift(state.village);
  const filtered = hasSearchFilters(state);

  return (
    <details open={filtered || undefined} className="group rounded-lg border border-stone-200 bg-white">
      <summary className="flex min-h-11 cursor-pointer items-center justify-between px-4 py-2 text-lg font-semibold">
        <span>{t("search.filters.heading")}</span>
        <span aria-hidden="true" className="text-stone-500 transition group-open:rotate-180">
          ▾
        </span>
      </summary>
      {/* Keyed by the query string so the fields show the URL's values after each navigation. */}
      <form
        method="get"
        action={localePath(lang, "/search")}
        key={location.search}
        onSubmit={onSubmit}
        className="grid gap-4 border-t border-stone-200 p-4 sm:grid-cols-2 lg:grid-cols-1"
      >
        <input type="hidden" name="q" value={state.q} />
        {state.type ? <input type="hidden" name="type" value={state.type} /> : null}
        {productFacets ? (
          <div>
            <label htmlFor="search-category" className={LABEL}>
              {t("catalog.filters.category")}
            </label>
            <select id="search-category" name="category" defaultValue={state.category ?? ""} className={FIELD}>
              <option value="">{t("catalog.filters.allCategories")}</option>
              {categories.map((key: CategoryKey) => (
                <option key={key} value={key}>
                  {withCount(t(`catalog.category.${key}`), facets?.category[key])}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="search-village" className={LABEL}>
            {t("catalog.filters.village")}
          </label>
          <select id="search-village" name="village" defaultValue={state.village ?? ""} className={FIELD}>
            <option value="">{t("catalog.filters.allVillages")}</option>
            {villageSlugs.map((slug) => (
              <option key={slug} value={slug}>
                {withCount(names.get(slug) ?? slug, villageCounts[slug])}
              </option>
            ))}
          </select>
        </div>
        {productFacets ? (
          <CertificationFields checked={state.certs} counts={facets?.certification} />
        ) : null}
        <PriceRangeFields idPrefix="search" minCents={state.minCents} maxCents={state.maxCents} hint={facets?.price} />
        <SortField id="search-sort" value={state.sort ?? "relevance"} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-1">
          <button type="submit" className="min-h-11 rounded-full bg-tea-700 px-6 py-2 font-semibold text-white hover:bg-tea-800">
            {t("search.filters.apply")}
          </button>
          {filtered ? (
            <Link
              to={withoutFiltersHref(lang, state)}
              className="inline-flex min-h-11 items-center px-2 text-tea-700 underline hover:text-tea-800"
            >
              {t("search.filters.clear")}
            </Link>
          ) : null}
        </div>
      </form>
    </details>
  );
}
