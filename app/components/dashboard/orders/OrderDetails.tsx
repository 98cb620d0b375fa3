// One seller order in full: its lines, where it goes (the buyer's contact and note), the money
// (total, commission, refunds, what the cooperative receives), the shipment and the timeline.
import type { SellerOrderDetail, TimelineEvent } from "~/modules/orders/seller.server";
import { formatCommission } from "~/modules/sellers/display";
import { formatDate, formatDateTime, formatPrice } from "~/utils/format";
import { useLang, useT } from "~/utils/t";
import { lineLabel } from "./OrderList";

/** The seller order as the page's loader sends it (its dates arrive as ISO strings). */
export type OrderDetailView = Pick<
  SellerOrderDetail,
  | "lines"
  | "buyer"
  | "address"
  | "note"
  | "subtotalCents"
  | "shippingCents"
  | "totalCents"
  | "commissionBps"
  | "commissionCents"
  | "refundedCents"
  | "payoutCents"
  | "carrier"
  | "trackingNumber"
> & {
  timeline: { event: TimelineEvent["event"]; at: string }[];
  refunds: { amountCents: number; reason: string; at: string }[];
};

const card = "space-y-2 rounded-xl bg-white p-4 shadow-sm";

function Row({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className={`flex justify-between gap-3 ${strong ? "font-semibold" : ""}`}>
      <dt>{label}</dt>
      <dd className="tabular-nums">{value}</dd>
    </div>
  );
}

export function OrderDetails({ order }: { order: OrderDetailView }) {
  const t = useT();
  const lang = useLang();
  const sep = lang === "en" ? ": " : "：";
  const address = `${order.address.province}${order.address.city}${order.address.district}${order.address.detail}`;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section aria-labelledby="items-title" className={card}>
        <h2 id="items-title" className="text-lg font-semibold">
          {t("ordersDashboard.detail.items")}
        </h2>
        <ul className="divide-y divide-stone-200">
          {order.lines.map((l) => (
            <li key={l.sku} className="py-2">
              <p className="font-medium">{lineLabel(lang, l)}</p>
              <p className="flex justify-between gap-3 text-stone-700">
                <span>
                  <span className="font-mono text-sm">{l.sku}</span> · {t("ordersDashboard.detail.lineTotal", { price: formatPrice(l.unitPriceCents), n: l.quantity })}
                </span>
                <span className="tabular-nums">{formatPrice(l.totalCents)}</span>
              </p>
              {l.shipsFrom ? <p className="text-sm text-amber-900">{t("ordersDashboard.detail.shipsFrom", { date: formatDate(l.shipsFrom, lang) })}</p> : null}
            </li>
          ))}
        </ul>
        <dl className="space-y-1 border-t border-stone-200 pt-2">
          <Row label={t("ordersDashboard.detail.subtotal")} value={formatPrice(order.subtotalCents)} />
          <Row label={t("ordersDashboard.detail.shipping")} value={formatPrice(order.shippingCents)} />
          <Row label={t("ordersDashboard.detail.total")} value={formatPrice(order.totalCents)} strong />
          <Row label={t("ordersDashboard.detail.commission", { rate: formatCommission(order.commissionBps) })} value={`−${formatPrice(order.commissionCents)}`} />
          {order.refundedCents > 0 ? <Row label={t("ordersDashboard.detail.refunded")} value={`−${formatPrice(order.refundedCents)}`} /> : null}
          <Row label={t("ordersDashboard.detail.payout")} value={formatPrice(order.payoutCents)} strong />
        </dl>
      </section>

      <section aria-labelledby="buyer-title" className={card}>
        <h2 id="buyer-title" className="text-lg font-semibold">
          {t("ordersDashboard.detail.buyer")}
        </h2>
        <p className="text-lg">{order.buyer.name}</p>
        <p>
          {t("ordersDashboard.detail.phone")}{sep}
          <a href={`tel:${order.buyer.phone}`} className="text-tea-800 underline">
            {order.buyer.phone}
          </a>
        </p>
        <p className="break-all">
          {t("ordersDashboard.detail.email")}{sep}{order.buyer.email}
        </p>
        <p>
          {t("ordersDashboard.detail.address")}{sep}{address}
        </p>
        <p>
          {t("ordersDashboard.detail.note")}{sep}{order.note || t("ordersDashboard.detail.noNote")}
        </p>
        {order.carrier || order.trackingNumber ? (
          <>
            <h3 className="pt-2 font-semibold">{t("ordersDashboard.detail.shipment")}</h3>
            <p>
              {t("ordersDashboard.detail.carrier")}{sep}{order.carrier}
            </p>
            <p>
              {t("ordersDashboard.detail.trackingNumber")}{sep}<span className="font-mono">{order.trackingNumber}</span>
            </p>
          </>
        ) : null}
      </section>

      <section aria-labelledby="timeline-title" className={`${card} md:col-span-2`}>
        <h2 id="timeline-title" className="text-lg font-semibold">
          {t("ordersDashboard.detail.timeline")}
        </h2>
        <ol className="space-y-1">
          {order.timeline.map((e) => (
            <li key={`${e.event}-${e.at}`} className="flex flex-wrap gap-x-3">
              <span className="text-stone-600 tabular-nums">{formatDateTime(e.at, lang)}</span>
              <span>{t(`ordersDashboard.timeline.${e.event}`)}</span>
            </li>
          ))}
        </ol>
        {order.refunds.length ? (
          <>
            <h3 className="pt-2 font-semibold">{t("ordersDashboard.detail.refunds")}</h3>
            <ul>
              {order.refunds.map((r) => (
                <li key={r.at}>{t("ordersDashboard.detail.refundLine", { at: formatDateTime(r.at, lang), amount: formatPrice(r.amountCents), reason: r.reason })}</li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}
