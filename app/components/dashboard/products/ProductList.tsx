// The cooperative's products: cards on a phone, a table from tablet width up.
import { LocaleLink } from "~/components/LocaleLink";
import { LOW_STOCK, type ProductStatus } from "~/modules/seller-products/schemas";
import type { SellerProductRow } from "~/modules/seller-products/types";
import { formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

const STATUS_STYLE: Record<ProductStatus, string> = {
  active: "bg-tea-100 text-tea-800",
  draft: "bg-amber-100 text-amber-900",
  archived: "bg-stone-200 text-stone-800",
};

export function StatusBadge({ status }: { status: ProductStatus }) {
  const t = useT();
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${STATUS_STYLE[status]}`}>
      {t(`productsDashboard.status.${status}`)}
    </span>
  );
}

function LowStockBadge({ item }: { item: SellerProductRow }) {
  const t = useT();
  if (item.lowestStock === null || item.lowestStock > LOW_STOCK) return null;
  return <span className="inline-block rounded-full bg-red-100 px-2.5 py-0.5 text-sm font-medium text-red-800">{t("productsDashboard.list.lowStock")}</span>;
}

const action = "inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-3 text-base hover:bg-stone-50";

export function ProductList({ items }: { items: SellerProductRow[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      <ul className="space-y-3 md:hidden">
        {items.map((p) => (
          <li key={p.id} className="rounded-xl bg-white p-4 shadow-sm">
            <LocaleLink to={`/dashboard/products/${p.id}`} className="block text-lg font-semibold text-tea-800 underline-offset-2 hover:underline">
              {pick(lang, p.titleZh, p.titleEn)}
            </LocaleLink>
            <div className="mt-2 flex flex-wrap gap-2">
              <StatusBadge status={p.status} />
              <LowStockBadge item={p} />
            </div>
            <p className="mt-2 text-stone-700">
              {t("productsDashboard.list.priceFromValue", { price: formatPrice(p.priceFromCents) })} · {t("productsDashboard.list.stockValue", { n: p.totalStock })} ·{" "}
              {t("productsDashboard.list.variantsValue", { n: p.variantCount })}
            </p>
            <div className="mt-3 flex flex-wrap gap-2">
              <LocaleLink to={`/dashboard/products/${p.id}`} className={action}>
                {t("productsDashboard.list.edit")}
              </LocaleLink>
              <LocaleLink to={`/dashboard/products/${p.id}/stock`} className={action}>
                {t("productsDashboard.list.stockLink")}
              </LocaleLink>
            </div>
          </li>
        ))}
      </ul>
      <table className="hidden w-full overflow-hidden rounded-xl bg-white text-left shadow-sm md:table">
        <thead className="bg-stone-100 text-sm text-stone-700">
          <tr>
            <th scope="col" className="p-3">
              {t("productsDashboard.list.product")}
            </th>
            <th scope="col" className="p-3 text-right">
              {t("productsDashboard.list.priceFrom")}
            </th>
            <th scope="col" className="p-3 text-right">
              {t("productsDashboard.list.stock")}
            </th>
            <th scope="col" className="p-3 text-right">
              {t("productsDashboard.list.variants")}
            </th>
            <th scope="col" className="p-3">
              {t("productsDashboard.list.actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} className="border-t border-stone-200 align-top">
              <td className="p-3">
                <LocaleLink to={`/dashboard/products/${p.id}`} className="font-semibold text-tea-800 underline-offset-2 hover:underline">
                  {pick(lang, p.titleZh, p.titleEn)}
                </LocaleLink>
                <div className="mt-1 flex flex-wrap gap-2">
                  <StatusBadge status={p.status} />
                  <LowStockBadge item={p} />
                </div>
              </td>
              <td className="p-3 text-right tabular-nums">{formatPrice(p.priceFromCents)}</td>
              <td className="p-3 text-right tabular-nums">{p.totalStock}</td>
              <td className="p-3 text-right tabular-nums">{p.variantCount}</td>
              <td className="p-3">
                <div className="flex flex-wrap gap-2">
                  <LocaleLink to={`/dashboard/products/${p.id}`} className={action}>
                    {t("productsDashboard.list.edit")}
                  </LocaleLink>
                  <LocaleLink to={`/dashboard/products/${p.id}/stock`} className={action}>
                    {t("productsDashboard.list.stockLink")}
                  </LocaleLink>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
