// The cooperative's products: every status, filters as query parameters (status, stock=low, q),
// and the ways in: new product, CSV import and export.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ProductList } from "~/components/dashboard/products/ProductList";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { Pagination } from "~/components/Pagination";
import { requireSeller } from "~/modules/accounts/auth.server";
import { listSellerProducts } from "~/modules/seller-products/products.server";
import { LOW_STOCK, PRODUCT_STATUSES, parseProductListFilter } from "~/modules/seller-products/schemas";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromPath, localePath } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const filter = parseProductListFilter(new URL(request.url).searchParams);
  const list = await listSellerProducts(db, seller.membership.cooperativeId, filter);
  return data({ ...list, filter }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction = ({ location }) => {
  const t = translator(langFromPath(location.pathname));
  return [{ title: `${t("productsDashboard.title")} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

const button = "inline-flex min-h-11 items-center justify-center rounded-lg px-4 text-base font-medium";

export default function DashboardProducts() {
  const { items, total, page, pages, filter } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const filtered = Boolean(filter.q || filter.status || filter.lowStock);
  return (
    <section aria-labelledby="products-title" className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="products-title" className="text-xl font-semibold">
          {t("productsDashboard.title")}
        </h1>
        <div className="flex flex-wrap gap-2">
          <LocaleLink to="/dashboard/products/new" className={`${button} bg-tea-700 text-white hover:bg-tea-800`}>
            {t("productsDashboard.new")}
          </LocaleLink>
          <LocaleLink to="/dashboard/products/import" className={`${button} border border-stone-300 bg-white hover:bg-stone-50`}>
            {t("productsDashboard.import")}
          </LocaleLink>
          {/* A file download, not a page: the browser must fetch it itself. */}
          <a href={localePath(lang, "/dashboard/products/export")} className={`${button} border border-stone-300 bg-white hover:bg-stone-50`} download>
            {t("productsDashboard.export")}
          </a>
        </div>
      </div>

      <Form method="get" aria-label={t("productsDashboard.filter.label")} className="grid gap-3 rounded-xl bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4 lg:items-end">
        <label className="block text-sm font-medium text-stone-800">
          {t("productsDashboard.filter.q")}
          <input
            type="search"
            name="q"
            defaultValue={filter.q}
            maxLength={100}
            className="mt-1 block min-h-11 w-full rounded-lg border border-stone-300 px-3 text-base"
          />
        </label>
        <label className="block text-sm font-medium text-stone-800">
          {t("productsDashboard.filter.status")}
          <select name="status" defaultValue={filter.status ?? ""} className="mt-1 block min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base">
            <option value="">{t("productsDashboard.filter.allStatuses")}</option>
            {PRODUCT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`productsDashboard.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-flex min-h-11 items-center gap-2 text-base">
          <input type="checkbox" name="stock" value="low" defaultChecked={filter.lowStock} className="h-5 w-5" />
          {t("productsDashboard.filter.lowStock", { n: LOW_STOCK })}
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={`${button} bg-tea-700 text-white hover:bg-tea-800`}>
            {t("productsDashboard.filter.submit")}
          </button>
          {filtered ? (
            <Link to={localePath(lang, "/dashboard/products")} className={`${button} border border-stone-300 bg-white hover:bg-stone-50`}>
              {t("productsDashboard.filter.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="text-sm text-stone-700" role="status">
        {t("productsDashboard.list.count", { n: total })}
      </p>
      {items.length ? (
        <ProductList items={items} />
      ) : (
        <p className="rounded-xl bg-white p-4 shadow-sm">{t(filtered ? "productsDashboard.list.noMatch" : "productsDashboard.list.empty")}</p>
      )}
      <Pagination page={page} pages={pages} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
