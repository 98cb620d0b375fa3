// /account/orders: the signed-in shopper's orders, newest first, each linking to its page.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NothingBought } from "~/components/cart/NothingBought";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSession } from "~/modules/accounts/auth.server";
import { listOrdersForUser } from "~/modules/orders/buyer.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime, formatPrice } from "~/utils/format";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  return data({ orders: await listOrdersForUser(db, session.user.id) }, { headers: NO_STORE });
}

export const headers = () => NO_STORE;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "orders.account.title");

export default function AccountOrdersPage() {
  const { orders } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <h1 className="text-2xl font-bold text-stone-900">{t("orders.account.title")}</h1>
      {orders.length === 0 ? (
        <NothingBought message={t("orders.account.empty")} browse={t("orders.account.browse")} />
      ) : (
        <ul className="space-y-3">
          {orders.map((o) => (
            <li key={o.number} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <LocaleLink
                  to={`/orders/${o.number}`}
                  className="font-mono text-lg font-semibold text-tea-800 underline-offset-2 hover:underline"
                >
                  {o.number}
                </LocaleLink>
                <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium text-stone-800">{t(`orders.status.${o.status}`)}</span>
              </div>
              <p className="mt-1 text-sm text-stone-600">
                {t("orders.account.placedAt")} {formatDateTime(o.createdAt, lang)} · {t("orders.account.items", { count: o.itemCount })}
              </p>
              <p className="mt-1 text-stone-800">{o.sellers.map((s) => pick(lang, s.nameZh, s.nameEn)).join(lang === "en" ? ", " : "、")}</p>
              <p className="mt-1 text-right text-lg font-semibold">{formatPrice(o.totalCents)}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
