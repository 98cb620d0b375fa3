import { CertificationFields, PriceRangeFields, SortField } from "~/components/FilterFields";
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useLoaderData, useLocation } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { Pagination } from "~/components/Pagination";
import { ProductGrid } from "~/components/ProductCard";
import { listFacets, listProductCardsByIds, listProducts } from "~/modules/catalog/products.server";
import { parseProductFilters } from "~/modules/catalog/products-query";
import {
  CATEGORY_KEYS,
  DEFAULT_PAGE_SIZE,
  type ProductFacets,
  type ProductFilters,
  type ProductPage,
  hasActiveFilters,
} from "~/modules/catalog/types";
import { MAX_OFFSET } from "~/modules/search/params";
import { search } from "~/modules/search/search.server";
import { type Database, getDb } from "~/utils/db.server";
import { loaderHeaders } from "~/utils/headers";
import { publicHeaders } from "~/utils/http.server";
import { type Lang, langFromPath, pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { translator, useLang, useT } from "~/utils/t";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const filters = parseProductFilters(url.searchParams);
  const db = getDb();
  const list = filters.q ? searchProducts(db, { ...filters, q: filters.q }, langFromPath(url.pathname)) : listProducts(db, filters);
  const [result, facets] = await Promise.all([list, listFacets(db)]);
  return data({ filters: { ...filters, page: result.page }, ...result, facets }, { headers: publicHeaders() });
}

/**
 * With words to search for, the search engine picks and orders the products (same filters, same
 * page size); the cards come from the database in the engine's order. A page past the end shows
 * the last page, as without words.
 */
async function searchProducts(db: Database, filters: ProductFilters & { q: string }, lang: Lang): Promise<ProductPage> {
  const size = DEFAULT_PAGE_SIZE;
  const { q, category, village, certs, minCents, maxCents, sort } = filters;
  const at = (page: number) =>
    search(
      { type: "product", q, lang, category, village, certs: certs.length ? certs : undefined, minCents, maxCents, sort, limit: size, offset: (page - 1) * size },
      { db },
    );
  let page = Math.min(filters.page, Math.floor(MAX_OFFSET / size) + 1);
  let result = await at(page);
  const pages = Math.max(Math.ceil(result.total / size), 1);
  if (page > pages) {
    page = pages;
    result = await at(page);
  }
  const items = await listProductCardsByIds(
    db,
    result.hits.map((hit) => hit.id),
  );
  return { items, total: result.total, page, pages };
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  const t = translator(langFromPath(location.pathname));
  const category = data?.filters.category ? t(`catalog.category.${data.filters.category}`) : undefined;
  const q = data?.filters.q;
  let title = q ? t("search.products.titleFor", { q }) : category ? t("catalog.products.titleFiltered", { category }) : t("catalog.products.title");
  if (data && data.page > 1) title += ` · ${t("catalog.products.pageSuffix", { page: data.page })}`;
  const tags = seoMeta({
    title,
    description: category ? t("catalog.products.categoryDescription", { category }) : t("catalog.products.description"),
    siteName: t("site.name"),
  });
  // Search results are variations of the catalogue: not for search engines.
  if (q) tags.push({ name: "robots", content: "noindex, follow" });
  return tags;
};

export default function ProductsPage() {
  const { filters, items, total, page, pages, facets } = useLoaderData<typeof loader>();
  const t = useT();
  const heading = filters.q
    ? t("search.products.titleFor", { q: filters.q })
    : filters.category
      ? t(`catalog.category.${filters.category}`)
      : t("catalog.products.title");
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-bold text-tea-800 sm:text-3xl">{heading}</h1>
        <p className="mt-1 text-stone-700">{t("catalog.products.intro")}</p>
      </header>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)] lg:items-start">
        <FilterForm filters={filters} facets={facets} />
        <section aria-labelledby="results-heading">
          <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="results-heading" className="text-xl font-semibold">
              {t("catalog.results.heading")}
            </h2>
            <p className="text-stone-700">{total === 1 ? t("catalog.results.countOne") : t("catalog.results.count", { count: total })}</p>
          </div>
          {items.length ? (
            <>
              <ProductGrid products={items} />
              <Pagination page={page} pages={pages} />
            </>
          ) : (
            <EmptyState filtered={hasActiveFilters(filters)} />
          )}
        </section>
      </div>
    </div>
  );
}

const FIELD = "mt-1 block min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900";
const LABEL = "block text-sm font-medium text-stone-800";

/** A plain GET form: the filters live in the URL and it works without JavaScript. */
function FilterForm({ filters, facets }: { filters: ProductFilters; facets: ProductFacets }) {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const counts = new Map(facets.categories.map((c) => [c.key, c.count]));
  const villages = [...facets.villages];
  // A link may name a village that has nothing for sale right now: still show it as selected.
  if (filters.village && !villages.some((v) => v.slug === filters.village)) {
    villages.unshift({ slug: filters.village, nameZh: filters.village, nameEn: filters.village, count: 0 });
  }
  const withCount = (name: string, count: number | undefined) => (count ? t("catalog.filters.withCount", { name, count }) : name);
  return (
    <section aria-labelledby="filters-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="filters-heading" className="text-lg font-semibold">
        {t("catalog.filters.heading")}
      </h2>
      {/* Keyed by the query string so the fields show the URL's values after each navigation. */}
      <Form
        method="get"
        action={location.pathname}
        key={location.search}
        onSubmit={leaveOutEmptyFields}
        className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-1">
        <div className="sm:col-span-2 lg:col-span-1">
          <label htmlFor="filter-q" className={LABEL}>
            {t("search.products.label")}
          </label>
          <input
            id="filter-q"
            name="q"
            type="search"
            maxLength={200}
            enterKeyHint="search"
            defaultValue={filters.q ?? ""}
            placeholder={t("search.products.placeholder")}
            className={FIELD}
          />
        </div>
        <div>
          <label htmlFor="filter-category" className={LABEL}>
            {t("catalog.filters.category")}
          </label>
          <select id="filter-category" name="category" defaultValue={filters.category ?? ""} className={FIELD}>
            <option value="">{t("catalog.filters.allCategories")}</option>
            {CATEGORY_KEYS.map((key) => (
              <option key={key} value={key}>
                {withCount(t(`catalog.category.${key}`), counts.get(key))}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-village" className={LABEL}>
            {t("catalog.filters.village")}
          </label>
          <select id="filter-village" name="village" defaultValue={filters.village ?? ""} className={FIELD}>
            <option value="">{t("catalog.filters.allVillages")}</option>
            {villages.map((v) => (
              <option key={v.slug} value={v.slug}>
                {withCount(pick(lang, v.nameZh, v.nameEn), v.count)}
              </option>
            ))}
          </select>
        </div>
        <CertificationFields checked={filters.certs} />
        <PriceRangeFields idPrefix="filter" minCents={filters.minCents} maxCents={filters.maxCents} />
        <SortField id="filter-sort" value={filters.sort} />
        <div className="flex flex-wrap items-center gap-3 sm:col-span-2 lg:col-span-1">
          <button type="submit" className="min-h-11 rounded-full bg-tea-700 px-6 py-2 font-semibold text-white hover:bg-tea-800">
            {t("catalog.filters.apply")}
          </button>
          {hasActiveFilters(filters) || filters.sort !== "relevance" ? (
            <LocaleLink to="/products" className="inline-flex min-h-11 items-center px-2 text-tea-700 underline hover:text-tea-800">
              {t("catalog.filters.clear")}
            </LocaleLink>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

// With JavaScript on, empty fields and the default sort stay out of the URL (`?category=tea`
// rather than `?category=tea&village=&min=&max=&sort=relevance`): shorter links to share and
// fewer distinct URLs for caches. Remix reads the form synchronously during this event, so the
// fields are switched back on right after. Without JavaScript the browser sends them all.
function leaveOutEmptyFields(event: React.FormEvent<HTMLFormElement>) {
  const skipped: (HTMLInputElement | HTMLSelectElement)[] = [];
  for (const field of Array.from(event.currentTarget.elements)) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLSelectElement) || !field.name) continue;
    if (field.value === "" || (field.name === "sort" && field.value === "relevance")) {
      field.disabled = true;
      skipped.push(field);
    }
  }
  setTimeout(() => skipped.forEach((field) => (field.disabled = false)), 0);
}

function EmptyState({ filtered }: { filtered: boolean }) {
  const t = useT();
  return (
    <div className="rounded-lg border border-dashed border-stone-300 bg-white px-4 py-10 text-center">
      <p className="text-lg font-semibold text-stone-900">{t("catalog.results.empty.title")}</p>
      <p className="mt-2 text-stone-700">{t("catalog.results.empty.body")}</p>
      {filtered ? (
        <LocaleLink
          to="/products"
          className="mt-6 inline-flex min-h-11 items-center rounded-full bg-tea-700 px-6 py-2 font-semibold text-white hover:bg-tea-800"
        >
          {t("catalog.filters.clear")}
        </LocaleLink>
      ) : null}
    </div>
  );
}
