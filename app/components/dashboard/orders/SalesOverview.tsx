// The dashboard home's sales: orders and revenue today, over 7 and 30 days, and the best sellers.
import { LocaleLink } from "~/components/LocaleLink";
import type { SalesOverview as Sales } from "~/modules/orders/sales.server";
import { formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export function SalesOverview({ sales }: { sales: Sales }) {
  const t = useT();
  const lang = useLang();
  const periods = [
    { key: "today", label: t("ordersDashboard.sales.today"), figures: sales.today },
    { key: "days7", label: t("ordersDashboard.sales.days7"), figures: sales.days7 },
    { key: "days30", label: t("ordersDashboard.sales.days30"), figures: sales.days30 },
  ] as const;
  return (
    <section aria-labelledby="sales-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="sales-title" className="text-lg font-semibold">
          {t("ordersDashboard.sales.title")}
        </h2>
        <LocaleLink to="/dashboard/orders" className="inline-flex min-h-11 items-center text-tea-800 underline">
          {t("ordersDashboard.sales.allOrders")}
        </LocaleLink>
      </div>
      <ul className="grid gap-2 sm:grid-cols-3 sm:gap-3">
        {periods.map((p) => (
          // A row on a phone (label, amount, count side by side), a card from tablet width up.
          <li key={p.key} className="flex flex-wrap items-baseline justify-between gap-x-3 rounded-xl bg-white p-3 shadow-sm sm:block sm:p-4">
            <span className="block text-sm text-stone-700">{p.label}</span>
            <span className="block text-xl font-bold tabular-nums text-tea-800 sm:text-2xl">{formatPrice(p.figures.revenueCents)}</span>
            <span className="block text-sm text-stone-600">{t("ordersDashboard.sales.orders", { n: p.figures.orders })}</span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-stone-600">{t("ordersDashboard.sales.note")}</p>
      <div className="rounded-xl bg-white p-4 shadow-sm">
        <h3 className="font-semibold">{t("ordersDashboard.sales.top")}</h3>
        {sales.topProducts.length ? (
          <ol className="mt-2 space-y-1">
            {sales.topProducts.map((p, i) => (
              <li key={`${p.productId ?? 0}-${p.slug}`} className="flex justify-between gap-3">
                <span className="min-w-0 truncate">
                  {i + 1}. {pick(lang, p.titleZh, p.titleEn)}
                </span>
                <span className="shrink-0 tabular-nums text-stone-700">
                  {t("ordersDashboard.sales.units", { n: p.units })} · {formatPrice(p.revenueCents)}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-2 text-stone-700">{t("ordersDashboard.sales.topNone")}</p>
        )}
      </div>
    </section>
  );
}
