// /admin: what waits for the operator — sellers by status, each a link to its list.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { requireOperator } from "~/modules/accounts/auth.server";
import { countByStatus } from "~/modules/sellers/review.server";
import { COOPERATIVE_STATUSES } from "~/modules/sellers/schemas";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "admin.overview.title");
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  await requireOperator(request, db);
  return data({ counts: await countByStatus(db) }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export default function AdminOverview() {
  const { counts } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="admin-overview" className="space-y-4">
      <h1 id="admin-overview" className="text-2xl font-semibold">
        {t("admin.overview.title")}
      </h1>
      {counts.pending > 0 ? (
        <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {t("admin.overview.waiting", { n: counts.pending })}
        </p>
      ) : (
        <p className="text-stone-700">{t("admin.overview.nothingWaiting")}</p>
      )}
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {COOPERATIVE_STATUSES.map((status) => (
          <li key={status}>
            <LocaleLink
              to={`/admin/cooperatives?status=${status}`}
              className="block min-h-11 rounded-xl bg-white p-4 shadow-sm hover:bg-stone-50"
            >
              <span className="block text-3xl font-semibold text-tea-700">{counts[status]}</span>
              <span className="mt-1 block text-stone-800">{t(`sellers.status.${status}`)}</span>
            </LocaleLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
