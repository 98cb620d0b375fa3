// The order about to be placed, as the checkout page shows it: one block per cooperative with
// its lines, pre-sale ship dates and shipping, then the totals.
import type { CartView } from "~/modules/cart/types";
import { formatDate, formatDateTime, formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { CartTotals, PreSaleNote, ShippingNote, lineProblemText } from "./CartLines";

export function CheckoutSummary({ cart, today }: { cart: CartView; today: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-4">
      {cart.groups.map((group) => {
        const seller = pick(lang, group.cooperative.nameZh, group.cooperative.nameEn);
        return (
          <section
            key={group.cooperative.id}
            aria-label={t("cart.group.label", { seller })}
            className="space-y-2 rounded-lg border border-stone-200 bg-white p-4"
          >
            <h3 className="font-semibold text-stone-900">{group.lines.length ? t("cart.group.heading", { seller }) : seller}</h3>
            <ul className="space-y-2">
              {group.lines.map((line) => (
                <li key={line.id} className="flex justify-between gap-3 text-base">
                  <div className="min-w-0">
                    <p className="text-stone-900">
                      {pick(lang, line.titleZh, line.titleEn)}
                      <span className="text-stone-600"> · {pick(lang, line.variantZh, line.variantEn)} × {line.quantity}</span>
                    </p>
                    <PreSaleNote shipsFrom={line.shipsFrom} today={today} />
                    {line.problem ? <p className="text-sm font-medium text-red-700">{lineProblemText(t, line.problem)}</p> : null}
                  </div>
                  <span className="shrink-0">{formatPrice(line.lineTotalCents)}</span>
                </li>
              ))}
              {group.stays.map((line) => (
                <li key={line.id} className="flex justify-between gap-3 text-base">
                  <div className="min-w-0">
                    <p className="text-stone-900">
                      {pick(lang, line.stayZh, line.stayEn)}
                      <span className="text-stone-600"> · {pick(lang, line.roomZh, line.roomEn)}</span>
                    </p>
                    <p className="text-sm text-stone-700">
                      {t("cart.stay.dates", { checkIn: formatDate(line.checkIn, lang), checkOut: formatDate(line.checkOut, lang), nights: line.nights })} ·{" "}
                      {t("cart.stay.guests", { count: line.guests })}
                    </p>
                    {line.problem ? <p className="text-sm font-medium text-red-700">{lineProblemText(t, line.problem)}</p> : null}
                  </div>
                  <span className="shrink-0">{formatPrice(line.totalCents)}</span>
                </li>
              ))}
              {group.experiences.map((line) => (
                <li key={line.id} className="flex justify-between gap-3 text-base">
                  <div className="min-w-0">
                    <p className="text-stone-900">{pick(lang, line.titleZh, line.titleEn)}</p>
                    <p className="text-sm text-stone-700">
                      {line.startsAt ? `${formatDateTime(line.startsAt, lang)} · ` : ""}
                      {t("cart.slot.people", { count: line.people, price: formatPrice(line.pricePerPersonCents) })}
                    </p>
                    {line.problem ? <p className="text-sm font-medium text-red-700">{lineProblemText(t, line.problem)}</p> : null}
                  </div>
                  <span className="shrink-0">{formatPrice(line.totalCents)}</span>
                </li>
              ))}
            </ul>
            {group.lines.length ? (
              <div className="border-t border-stone-200 pt-2">
                <ShippingNote group={{ ...group, subtotalCents: group.lines.reduce((n, l) => n + l.lineTotalCents, 0) }} />
              </div>
            ) : null}
          </section>
        );
      })}
      <div className="rounded-lg border border-stone-200 bg-white p-4">
        <CartTotals cart={cart} />
      </div>
    </div>
  );
}
