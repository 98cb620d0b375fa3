// What an import did: the counts, or the row-level errors (line, column, problem) to fix.
import { useT } from "~/utils/t";

export type ImportCountsView = { created: number; updated: number; unchanged: number };
export type ImportErrorView = { line: number; column: string; message: string };

export function ImportCounts({ products, variants }: { products: ImportCountsView; variants: ImportCountsView }) {
  const t = useT();
  const rows = [
    { label: t("productsDashboard.import.products"), c: products },
    { label: t("productsDashboard.import.variants"), c: variants },
  ];
  return (
    <section role="status" aria-labelledby="import-done" className="space-y-2 rounded-xl border border-tea-600 bg-tea-50 p-4">
      <h2 id="import-done" className="text-lg font-semibold text-tea-800">
        {t("productsDashboard.import.success")}
      </h2>
      <table className="w-full text-left">
        <thead className="text-sm text-stone-700">
          <tr>
            <th scope="col" className="py-1 pr-3">{t("productsDashboard.import.kind")}</th>
            <th scope="col" className="py-1 pr-3 text-right">{t("productsDashboard.import.created")}</th>
            <th scope="col" className="py-1 pr-3 text-right">{t("productsDashboard.import.updated")}</th>
            <th scope="col" className="py-1 text-right">{t("productsDashboard.import.unchanged")}</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map(({ label, c }) => (
            <tr key={label} className="border-t border-tea-100">
              <th scope="row" className="py-1 pr-3 font-medium">{label}</th>
              <td className="py-1 pr-3 text-right">{c.created}</td>
              <td className="py-1 pr-3 text-right">{c.updated}</td>
              <td className="py-1 text-right">{c.unchanged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function ImportErrors({ errors, total }: { errors: ImportErrorView[]; total: number }) {
  const t = useT();
  return (
    <section role="alert" aria-labelledby="import-failed" className="space-y-2 rounded-xl border border-red-300 bg-red-50 p-4">
      <h2 id="import-failed" className="font-semibold text-red-800">
        {t("productsDashboard.import.failed", { n: total })}
      </h2>
      <p className="text-sm text-stone-800">{t("productsDashboard.import.allOrNothing")}</p>
      <div className="overflow-x-auto rounded-lg bg-white" tabIndex={0} role="region" aria-labelledby="import-failed">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{t("productsDashboard.import.errorsCaption")}</caption>
          <thead className="bg-stone-100 text-stone-700">
            <tr>
              <th scope="col" className="p-2">{t("productsDashboard.import.line")}</th>
              <th scope="col" className="p-2">{t("productsDashboard.import.column")}</th>
              <th scope="col" className="p-2">{t("productsDashboard.import.message")}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={`${e.line}-${e.column}-${i}`} className="border-t border-stone-200 align-top">
                <td className="p-2 tabular-nums">{e.line > 0 ? e.line : t("productsDashboard.import.wholeFile")}</td>
                <td className="p-2 font-mono">{e.column}</td>
                <td className="p-2 break-words">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > errors.length ? <p className="text-sm text-stone-700">{t("productsDashboard.import.moreErrors", { n: total - errors.length })}</p> : null}
    </section>
  );
}
