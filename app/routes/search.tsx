import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Pagination } from "~/components/Pagination";
import { DidYouMean, NoResults, PopularSearches } from "~/components/search/NoResults";
import { SearchFilters } from "~/components/search/SearchFilters";
import { SearchForm } from "~/components/search/SearchForm";
import { SearchHitList } from "~/components/search/SearchResults";
import { SearchTabs } from "~/components/search/SearchTabs";
import { type SearchState, hasSearchFilters, pageCount } from "~/components/search/search-links";
import { listVillageRefs } from "~/modules/catalog/village-refs.server";
import { parseSearchPageParams } from "~/modules/search/params";
import { search } from "~/modules/search/search.server";
import type { SearchQuery } from "~/modules/search/types";
import { getDb } from "~/utils/db.server";
import { loaderHeaders } from "~/utils/headers";
import { publicHeaders } from "~/utils/http.server";
import { langFromPath, pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { translator, useT } from "~/utils/t";

const PAGE_SIZE = 20;

function stateOf(query: SearchQuery): SearchState {
  const { q, type, category, village, certs, minCents, maxCents, sort } = query;
  return { q, type, category, village, certs, minCents, maxCents, sort };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const lang = langFromPath(url.pathname);
  const { query, page } = parseSearchPageParams(url.searchParams, lang, PAGE_SIZE);
  const state = stateOf(query);
  // Nothing asked yet: the page offers the box and the popular searches.
  if (!query.q && !query.type && !hasSearchFilters(state)) {
    return data({ state, page: 1, pages: 1, result: null, villages: [] }, { headers: publicHeaders() });
  }
  const db = getDb();
  let result = await search(query, { db });
  const pages = pageCount(result.total, PAGE_SIZE);
  let shown = page;
  // A stale link past the last page shows the last page.
  if (page > pages && result.total > 0) {
    shown = pages;
    result = await search({ ...query, offset: (pages - 1) * PAGE_SIZE }, { db });
  }
  const slugs = Object.keys(result.facets.village);
  if (query.village) slugs.push(query.village);
  const villages = (await listVillageRefs(db, slugs)).map((v) => ({ slug: v.slug, name: pick(lang, v.nameZh, v.nameEn) }));
  return data({ state, page: shown, pages, result, villages }, { headers: publicHeaders() });
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  const t = translator(langFromPath(location.pathname));
  const q = data?.state.q;
  let title = q ? t("search.titleFor", { q }) : t("search.title");
  if (data && data.page > 1) title += ` · ${t("catalog.products.pageSuffix", { page: data.page })}`;
  const tags = seoMeta({ title, description: t("search.metaDescription"), siteName: t("site.name") });
  // The first page of a plain query with results ("/search?q=茶") is a useful landing page for a
  // search engine (and Lighthouse's SEO audit fails a page that is not indexable); its canonical
  // is /search. Filtered, sorted, paged or empty variations are endless: not for search engines.
  const variation = !!data?.result && (data.page > 1 || !!data.state.type || !!data.state.sort || hasSearchFilters(data.state) || data.result.total === 0);
  if (variation) tags.push({ name: "robots", content: "noindex, follow" });
  return tags;
};

export default function SearchPage() {
  const { state, page, pages, result, villages } = useLoaderData<typeof loader>();
  const t = useT();
  const navigation = useNavigation();
  const location = useLocation();
  const pending = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  const count = result ? (result.total === 1 ? t("search.countOne") : t("search.count", { count: result.total })) : "";
  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <h1 className="break-words text-2xl font-bold text-tea-800 sm:text-3xl">
          {state.q ? t("search.titleFor", { q: state.q }) : t("search.title")}
        </h1>
        {result ? null : <p className="text-stone-700">{t("search.intro")}</p>}
        <SearchForm state={state} />
      </header>
      {result ? (
        <>
          <SearchTabs state={state} counts={result.facets.type} />
          <div className="grid grid-cols-1 gap-5 lg:grid-cols-[16rem_minmax(0,1fr)] lg:items-start">
            <SearchFilters state={state} facets={result.facets} villages={villages} />
            <section aria-labelledby="results-heading" aria-busy={pending || undefined} data-engine={result.engine}>
              <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                <h2 id="results-heading" className="text-xl font-semibold">
                  {t("search.results")}
                </h2>
                <p id="search-status" role="status" className="text-stone-700">
                  {pending ? t("search.pending") : count}
                </p>
              </div>
              <div className={pending ? "opacity-60 transition-opacity" : "transition-opacity"}>
                {result.hits.length ? (
                  <>
                    {result.didYouMean ? <DidYouMean q={result.didYouMean} /> : null}
                    <SearchHitList hits={result.hits} />
                    <Pagination page={page} pages={pages} />
                  </>
                ) : (
                  <NoResults state={state} didYouMean={result.didYouMean} />
                )}
              </div>
            </section>
          </div>
        </>
      ) : (
        <div className="space-y-4">
          <p id="search-status" role="status" className="text-stone-700">
            {pending ? t("search.pending") : t("search.start")}
          </p>
          <PopularSearches />
        </div>
      )}
    </div>
  );
}
