// The cooperative's orders as cards (one column on a phone, two from tablet width up): number,
// when, who, what, how much, and where it stands. Each card opens the order.
import { LocaleLink } from "~/components/LocaleLink";
import type { SellerOrderStatus } from "~/modules/orders/seller-schemas";
import { formatDateTime, formatPrice } from "~/utils/format";
import { type Lang, pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { OrderStatusBadge } from "./OrderStatusBadge";

export type OrderListItem = {
  id: number;
  number: string;
  status: SellerOrderStatus;
  createdAt: string;
  buyerName: string;
  city: string;
  totalCents: number;
  lines: { titleZh: string; titleEn: string; variantZh: string; variantEn: string; quantity: number }[];
};

const SHOWN_LINES = 2;

/** "安吉白茶（250克罐装）" / "Anji white tea (250 g tin)". */
export function lineLabel(lang: Lang, l: { titleZh: string; titleEn: string; variantZh: string; variantEn: string }): string {
  const title = pick(lang, l.titleZh, l.titleEn);
  const variant = pick(lang, l.variantZh, l.variantEn);
  return lang === "en" ? `${title} (${variant})` : `${title}（${variant}）`;
}

export function OrderList({ items }: { items: OrderListItem[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="grid gap-3 md:grid-cols-2">
      {items.map((o) => (
        // min-w-0: a long product name is cut short rather than widening the page.
        <li key={o.id} className="min-w-0">
          <LocaleLink
            to={`/dashboard/orders/${o.id}`}
            aria-label={t("ordersDashboard.list.open", { number: o.number })}
            className="block h-full rounded-xl bg-white p-4 shadow-sm hover:bg-tea-50"
          >
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-mono text-base font-semibold text-tea-800">{o.number}</span>
              <OrderStatusBadge status={o.status} />
            </div>
            <p className="mt-1 text-sm text-stone-600">{formatDateTime(o.createdAt, lang)}</p>
            <p className="mt-2">
              {o.buyerName} · {o.city}
            </p>
            <ul className="mt-1 min-w-0 text-stone-700">
              {o.lines.slice(0, SHOWN_LINES).map((l, i) => (
                <li key={i} className="truncate">
                  {lineLabel(lang, l)} × {l.quantity}
                </li>
              ))}
              {o.lines.length > SHOWN_LINES ? <li className="text-sm text-stone-600">{t("ordersDashboard.list.more", { n: o.lines.length - SHOWN_LINES })}</li> : null}
            </ul>
            <p className="mt-2 text-lg font-semibold">{formatPrice(o.totalCents)}</p>
          </LocaleLink>
        </li>
      ))}
    </ul>
  );
}
