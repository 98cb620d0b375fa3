// The cart page's pieces: one section per cooperative (its lines, its shipping), the totals.
// Every button is a real form posting to /cart (so it all works without JavaScript); with
// JavaScript the same forms go through fetchers and the page shows the result at once.
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { missingForFreeShipping } from "~/modules/cart/shipping";
import type { BookingProblem, CartLineProblem, CartLineView, CartSellerGroup, CartView } from "~/modules/cart/types";
import { formatDate, formatPrice } from "~/utils/format";
import { type Lang, localePath, pick } from "~/utils/i18n";
import { type TFunction, useLang, useT } from "~/utils/t";
import { LocaleLink } from "../LocaleLink";
import { SlotLineItem, StayLineItem } from "./BookingLines";

/** True once the page runs in the browser: fetcher-only fields are added then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Tells the action that a fetcher (not a plain form) sent this: answer with data, not a redirect. */
export function ViaFetcher() {
  return useHydrated() ? <input type="hidden" name="via" value="fetcher" /> : null;
}

export type CartActionError = { code: string; available?: number; reason?: BookingProblem };

/** The words for a cart action's error (codes of CartError, or "invalid" for a bad form). */
export function cartErrorMessage(t: TFunction, error: CartActionError): string {
  // Rooms and slots: the reason says exactly what is wrong with the dates, guests or seats.
  if (error.reason) return t(`cart.booking.problem.${error.reason}`);
  switch (error.code) {
    case "not_enough_stock":
      return t("cart.error.not_enough_stock", { available: error.available ?? 0 });
    case "cart_not_found":
    case "line_not_found":
    case "unknown_sku":
    case "unavailable":
    case "sold_out":
    case "too_many_lines":
    case "invalid_quantity":
    case "unknown_listing":
    case "invalid_booking":
      return t(`cart.error.${error.code}`);
    default:
      return t("cart.error.invalid");
  }
}

export function lineProblemText(t: TFunction, problem: CartLineProblem): string {
  switch (problem.kind) {
    case "not_enough_stock":
      return t("cart.problem.not_enough_stock", { available: problem.available });
    case "price_changed":
      return t("cart.problem.price_changed", { from: formatPrice(problem.fromCents), to: formatPrice(problem.toCents) });
    case "not_bookable":
      return t(`cart.booking.problem.${problem.reason}`);
    default:
      return t(`cart.problem.${problem.kind}`);
  }
}

export const lineTitle = (lang: Lang, line: Pick<CartLineView, "titleZh" | "titleEn" | "variantZh" | "variantEn">) =>
  `${pick(lang, line.titleZh, line.titleEn)} · ${pick(lang, line.variantZh, line.variantEn)}`;

/** Pre-sale: the line ships from a later day than today (Shanghai). */
export function PreSaleNote({ shipsFrom, today }: { shipsFrom: string | null; today: string }) {
  const t = useT();
  const lang = useLang();
  if (!shipsFrom || shipsFrom <= today) return null;
  return <p className="text-sm font-medium text-persimmon-600">{t("cart.preSale", { date: formatDate(shipsFrom, lang) })}</p>;
}

/** "运费 ¥10.00 · 再买 ¥32.00 包邮" / "包邮" for one cooperative's part. */
export function ShippingNote({ group }: { group: Pick<CartSellerGroup, "subtotalCents" | "shippingCents" | "shippingFeeCents" | "freeShippingFromCents"> }) {
  const t = useT();
  const missing = missingForFreeShipping(group.subtotalCents, group.shippingFeeCents, group.freeShippingFromCents);
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-4 text-sm">
      <span className="text-stone-700">
        {t("cart.shippingIs", { amount: group.shippingCents === 0 ? t("cart.shipping.free") : formatPrice(group.shippingCents) })}
      </span>
      {missing !== null ? (
        <span className="font-medium text-tea-700">{t("cart.shipping.missing", { amount: formatPrice(missing) })}</span>
      ) : null}
    </div>
  );
}

const smallButton =
  "inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 hover:bg-stone-50 disabled:cursor-not-allowed disabled:opacity-50";

function CartLineItem({ line, today }: { line: CartLineView; today: string }) {
  const t = useT();
  const lang = useLang();
  const quantityFetcher = useFetcher<{ ok: boolean; error?: CartActionError }>({ key: `cart-line-${line.id}` });
  const removeFetcher = useFetcher<{ ok: boolean; error?: CartActionError }>({ key: `cart-remove-${line.id}` });
  const action = localePath(lang, "/cart");
  const title = lineTitle(lang, line);
  const formId = `qty-${line.id}`;
  const error = [quantityFetcher, removeFetcher].find((f) => f.state === "idle" && f.data && !f.data.ok)?.data?.error;
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="lineId" value={line.id} />
      <input type="hidden" name="was" value={line.quantity} />
      <ViaFetcher />
    </>
  );
  const step = (delta: 1 | -1) => {
    const next = line.quantity + delta;
    return (
      <quantityFetcher.Form method="post" action={action}>
        {hidden("set")}
        <input type="hidden" name="quantity" value={next} />
        <button
          type="submit"
          className={smallButton}
          disabled={next < 1 || next > 99}
          aria-label={t(delta < 0 ? "cart.decreaseOf" : "cart.increaseOf", { title })}
        >
          <span aria-hidden="true">{delta < 0 ? "−" : "+"}</span>
        </button>
      </quantityFetcher.Form>
    );
  };
  return (
    <li className="flex gap-3 py-4">
      {line.imageUrl ? (
        <img src={line.imageUrl} alt="" width={64} height={64} loading="lazy" className="h-16 w-16 shrink-0 rounded-md bg-earth-100 object-cover" />
      ) : null}
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-x-3">
          <div className="min-w-0">
            <LocaleLink to={`/products/${line.productSlug}`} className="font-medium text-stone-900 underline-offset-2 hover:underline">
              {pick(lang, line.titleZh, line.titleEn)}
            </LocaleLink>
            <p className="text-sm text-stone-600">
              {pick(lang, line.variantZh, line.variantEn)} · {t("cart.unitPrice", { price: formatPrice(line.unitPriceCents) })}
            </p>
            <PreSaleNote shipsFrom={line.shipsFrom} today={today} />
          </div>
          <p className="font-semibold text-stone-900">{formatPrice(line.lineTotalCents)}</p>
        </div>
        {line.problem ? (
          <p className="rounded-md bg-red-50 px-2 py-1 text-sm font-medium text-red-800">{lineProblemText(t, line.problem)}</p>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          <div className="flex items-center gap-1" role="group" aria-label={t("cart.quantityOf", { title })}>
            {step(-1)}
            <label htmlFor={`${formId}-input`} className="sr-only">
              {t("cart.quantityOf", { title })}
            </label>
            <input
              id={`${formId}-input`}
              key={line.quantity}
              form={formId}
              type="number"
              name="quantity"
              inputMode="numeric"
              min={1}
              max={99}
              defaultValue={line.quantity}
              className="min-h-11 w-16 rounded-lg border border-stone-300 px-2 text-center text-base"
            />
            {step(1)}
          </div>
          <quantityFetcher.Form id={formId} method="post" action={action}>
            {hidden("set")}
            <button type="submit" className={smallButton} aria-label={t("cart.updateOf", { title })}>
              {t("cart.update")}
            </button>
          </quantityFetcher.Form>
          <removeFetcher.Form method="post" action={action} className="ml-auto">
            {hidden("remove")}
            <button type="submit" className={`${smallButton} text-red-800`} aria-label={t("cart.removeOf", { title })}>
              {t("cart.remove")}
            </button>
          </removeFetcher.Form>
        </div>
        {error ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {cartErrorMessage(t, error)}
          </p>
        ) : null}
      </div>
    </li>
  );
}

/** One cooperative's part of the cart. */
export function CartGroupSection({ group, today }: { group: CartSellerGroup; today: string }) {
  const t = useT();
  const lang = useLang();
  const seller = pick(lang, group.cooperative.nameZh, group.cooperative.nameEn);
  const headingId = `cart-group-${group.cooperative.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id={headingId} className="text-lg font-semibold text-stone-900">
        <LocaleLink to={`/cooperatives/${group.cooperative.slug}`} className="underline-offset-2 hover:underline">
          {group.lines.length ? t("cart.group.heading", { seller }) : seller}
        </LocaleLink>
      </h2>
      <ul className="divide-y divide-stone-200">
        {group.lines.map((line) => (
          <CartLineItem key={line.id} line={line} today={today} />
        ))}
        {group.stays.map((line) => (
          <StayLineItem key={line.id} line={line} />
        ))}
        {group.experiences.map((line) => (
          <SlotLineItem key={line.id} line={line} />
        ))}
      </ul>
      <div className="space-y-1 border-t border-stone-200 pt-3">
        {group.lines.length ? <ShippingNote group={{ ...group, subtotalCents: group.lines.reduce((n, l) => n + l.lineTotalCents, 0) }} /> : null}
        <p className="flex justify-between text-base">
          <span>{t("cart.groupTotal")}</span>
          <span className="font-semibold">{formatPrice(group.totalCents)}</span>
        </p>
      </div>
    </section>
  );
}

/** Items, shipping and the total to pay. */
export function CartTotals({ cart }: { cart: Pick<CartView, "subtotalCents" | "shippingCents" | "totalCents"> }) {
  const t = useT();
  return (
    <dl className="space-y-1 text-base">
      <div className="flex justify-between">
        <dt className="text-stone-700">{t("cart.subtotal")}</dt>
        <dd>{formatPrice(cart.subtotalCents)}</dd>
      </div>
      <div className="flex justify-between">
        <dt className="text-stone-700">{t("cart.shipping")}</dt>
        <dd>{cart.shippingCents === 0 ? t("cart.shipping.free") : formatPrice(cart.shippingCents)}</dd>
      </div>
      <div className="flex justify-between border-t border-stone-200 pt-2 text-lg font-semibold">
        <dt>{t("cart.total")}</dt>
        <dd className="text-persimmon-600">{formatPrice(cart.totalCents)}</dd>
      </div>
    </dl>
  );
}
