import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SalesOverview } from "~/components/dashboard/orders/SalesOverview";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSeller } from "~/modules/accounts/auth.server";
import { getDashboardOverview } from "~/modules/dashboard/overview.server";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db).catch((thrown: unknown) => {
    // Not a seller (yet): the layout explains where the application stands.
    if (thrown instanceof Object && "init" in thrown && (thrown as { init?: { status?: number } }).init?.status === 403) return null;
    throw thrown;
  });
  const overview = seller ? await getDashboardOverview(db, seller.membership.cooperativeId) : null;
  return data({ overview }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export default function DashboardHome() {
  const { overview } = useLoaderData<typeof loader>();
  const t = useT();
  if (!overview) return null;
  const cards = [
    { to: "/dashboard/products", label: t("dashboard.overview.products"), value: overview.products.active, note: t("dashboard.overview.drafts", { n: overview.products.draft }) },
    { to: "/dashboard/products?stock=low", label: t("dashboard.overview.lowStock"), value: overview.lowStockVariants, note: t("dashboard.overview.lowStockNote") },
    { to: "/dashboard/stays", label: t("dashboard.overview.stays"), value: overview.stays, note: t("dashboard.overview.rooms", { n: overview.rooms }) },
    { to: "/dashboard/experiences", label: t("dashboard.overview.experiences"), value: overview.experiences, note: t("dashboard.overview.slots", { n: overview.upcomingSlots }) },
  ];
  return (
    <section aria-labelledby="overview-title" className="space-y-3">
      <h1 id="overview-title" className="text-xl font-semibold">
        {t("dashboard.overview.title")}
      </h1>
      <SalesOverview sales={overview.sales} />
      <ul className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {cards.map((c) => (
          <li key={c.to}>
            <LocaleLink to={c.to} className="block rounded-xl bg-white p-4 shadow-sm hover:bg-tea-50">
              <span className="block text-sm text-stone-700">{c.label}</span>
              <span className="block text-3xl font-bold text-tea-800">{c.value}</span>
              <span className="block text-sm text-stone-600">{c.note}</span>
            </LocaleLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
