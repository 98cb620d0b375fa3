// The stock adjustments of a product, newest first: a table that scrolls sideways inside its
// own box on a phone (the page itself never does).
import type { StockHistoryEntry } from "~/modules/seller-products/types";
import { formatDateTime } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

/** A history row as it reaches the page: the date as ISO text. */
export type StockHistoryRow = Omit<StockHistoryEntry, "createdAt" | "variantId"> & { createdAt: string };

export function StockHistory({ rows, limit }: { rows: StockHistoryRow[]; limit: number }) {
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="stock-history" className="space-y-2">
      <h2 id="stock-history" className="text-lg font-semibold">
        {t("productsDashboard.stock.history")}
      </h2>
      {rows.length === 0 ? (
        <p className="rounded-xl bg-white p-4 shadow-sm">{t("productsDashboard.stock.historyEmpty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm" tabIndex={0} role="region" aria-labelledby="stock-history">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="bg-stone-100 text-stone-700">
              <tr>
                <th scope="col" className="p-3">{t("productsDashboard.stock.col.when")}</th>
                <th scope="col" className="p-3">{t("productsDashboard.stock.col.variant")}</th>
                <th scope="col" className="p-3 text-right">{t("productsDashboard.stock.col.delta")}</th>
                <th scope="col" className="p-3 text-right">{t("productsDashboard.stock.col.after")}</th>
                <th scope="col" className="p-3">{t("productsDashboard.stock.col.reason")}</th>
                <th scope="col" className="p-3">{t("productsDashboard.stock.col.note")}</th>
                <th scope="col" className="p-3">{t("productsDashboard.stock.col.who")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-stone-200 align-top">
                  <td className="p-3 whitespace-nowrap">{formatDateTime(r.createdAt, lang)}</td>
                  <td className="p-3">
                    {pick(lang, r.variantZh, r.variantEn)} <span className="text-stone-600">{r.sku}</span>
                  </td>
                  <td className={`p-3 text-right font-semibold tabular-nums ${r.delta > 0 ? "text-tea-800" : "text-red-800"}`}>
                    {r.delta > 0 ? `+${r.delta}` : r.delta}
                  </td>
                  <td className="p-3 text-right tabular-nums">{r.stockAfter}</td>
                  <td className="p-3">{t(`productsDashboard.stock.reason.${r.reason}`)}</td>
                  <td className="p-3 break-words">{r.note}</td>
                  <td className="p-3">{r.userName || r.userEmail || t("productsDashboard.stock.unknownUser")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length >= limit ? <p className="text-sm text-stone-600">{t("productsDashboard.stock.historyLimit", { n: limit })}</p> : null}
    </section>
  );
}
