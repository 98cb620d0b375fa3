// /dashboard/orders: the cooperative's own orders, newest first (paid ones by default; the status
// filter shows the others), a search by order number, name or phone, and the CSV export of a
// date range (a plain GET form: the browser downloads the file itself).
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { OrderList } from "~/components/dashboard/orders/OrderList";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Pagination } from "~/components/Pagination";
import { requireSeller } from "~/modules/accounts/auth.server";
import { ORDER_LIST_STATUSES, EXPORT_MAX_DAYS, parseOrderListFilter } from "~/modules/orders/seller-schemas";
import { listSellerOrders } from "~/modules/orders/seller.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromPath, localePath } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const filter = parseOrderListFilter(new URL(request.url).searchParams);
  const list = await listSellerOrders(db, seller.membership.cooperativeId, filter);
  const today = todayInShanghai();
  const monthAgo = todayInShanghai(new Date(Date.now() - 29 * 86_400_000));
  return data(
    {
      ...list,
      items: list.items.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
      filter,
      exportDefaults: { from: monthAgo, to: today },
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction = ({ location }) => {
  const t = translator(langFromPath(location.pathname));
  return [{ title: `${t("ordersDashboard.title")} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

const button = "inline-flex min-h-11 items-center justify-center rounded-lg px-4 text-base font-medium";
const input = "mt-1 block min-h-11 w-full rounded-lg border border-stone-300 bg-white px-3 text-base";

export default function DashboardOrders() {
  const { items, total, page, pages, filter, exportDefaults } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const filtered = Boolean(filter.q || filter.status !== "open");
  return (
    <section aria-labelledby="orders-title" className="space-y-4">
      <h1 id="orders-title" className="text-xl font-semibold">
        {t("ordersDashboard.title")}
      </h1>

      <Form method="get" aria-label={t("ordersDashboard.filter.label")} className="grid gap-3 rounded-xl bg-white p-4 shadow-sm sm:grid-cols-3 sm:items-end">
        <label className="block text-sm font-medium text-stone-800">
          {t("ordersDashboard.filter.q")}
          <input type="search" name="q" defaultValue={filter.q} maxLength={60} className={input} />
        </label>
        <label className="block text-sm font-medium text-stone-800">
          {t("ordersDashboard.filter.status")}
          <select name="status" defaultValue={filter.status} className={input}>
            {ORDER_LIST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === "open" || s === "all" ? t(`ordersDashboard.filter.${s}`) : t(`ordersDashboard.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className={`${button} bg-tea-700 text-white hover:bg-tea-800`}>
            {t("ordersDashboard.filter.submit")}
          </button>
          {filtered ? (
            <Link to={localePath(lang, "/dashboard/orders")} className={`${button} border border-stone-300 bg-white hover:bg-stone-50`}>
              {t("ordersDashboard.filter.clear")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="text-sm text-stone-700" role="status">
        {t("ordersDashboard.list.count", { n: total })}
      </p>
      {items.length ? (
        <OrderList items={items} />
      ) : (
        <p className="rounded-xl bg-white p-4 shadow-sm">{t(filtered ? "ordersDashboard.list.noMatch" : "ordersDashboard.list.empty")}</p>
      )}
      <Pagination page={page} pages={pages} />

      <section aria-labelledby="export-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
        <h2 id="export-title" className="text-lg font-semibold">
          {t("ordersDashboard.export.title")}
        </h2>
        <p className="text-stone-700">{t("ordersDashboard.export.intro", { n: EXPORT_MAX_DAYS })}</p>
        {/* A file download, not a page: a plain form, so the browser fetches it itself. */}
        <form method="get" action={localePath(lang, "/dashboard/orders/export")} className="grid gap-3 sm:grid-cols-3 sm:items-end">
          <label className="block text-sm font-medium text-stone-800">
            {t("ordersDashboard.export.from")}
            <input type="date" name="from" required defaultValue={exportDefaults.from} max={exportDefaults.to} className={input} />
          </label>
          <label className="block text-sm font-medium text-stone-800">
            {t("ordersDashboard.export.to")}
            <input type="date" name="to" required defaultValue={exportDefaults.to} className={input} />
          </label>
          <button type="submit" className={`${button} border border-stone-300 bg-white hover:bg-stone-50`}>
            {t("ordersDashboard.export.submit")}
          </button>
        </form>
      </section>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
