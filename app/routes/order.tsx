// /orders/:number — the buyer's order: status in words, one part per cooperative with its own
// fulfilment status and tracking, the lines, the address and the money (refunds included).
// Shown to its signed-in owner or with the signed link from the confirmation mail (?t=…);
// anyone else gets 404, never 403, so a guessed number reveals nothing. Never cached or indexed.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PreSaleNote } from "~/components/cart/CartLines";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { readSession } from "~/modules/accounts/session.server";
import { nightsBetween } from "~/modules/catalog/listing-dates";
import { type BuyerOrder, type OrderBooking, getOrderForBuyer } from "~/modules/orders/buyer.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatDateTime, formatPrice, todayInShanghai } from "~/utils/format";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromPath, pick } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

const PRIVATE = { "Cache-Control": PRIVATE_NO_STORE, "X-Robots-Tag": "noindex" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await readSession(db, request);
  const token = new URL(request.url).searchParams.get("t");
  const order = await getOrderForBuyer(db, { number: params.number ?? "", userId: session?.user.id ?? null, token });
  if (!order) throw data({ message: "Order not found" }, { status: 404, headers: PRIVATE });
  return data(
    { order: withMaskedPhone(order), signedIn: session !== null, now: new Date().toISOString(), today: todayInShanghai() },
    { headers: PRIVATE },
  );
}

/** The page may be opened from a forwarded link: the phone number shows only its ends. */
function withMaskedPhone(order: BuyerOrder): BuyerOrder {
  return { ...order, phone: order.phone.length === 11 ? `${order.phone.slice(0, 3)}****${order.phone.slice(7)}` : order.phone };
}

export const headers = () => PRIVATE;

export const meta: MetaFunction<typeof loader> = ({ data, location }) => {
  const t = translator(langFromPath(location.pathname));
  const title = data ? t("orders.title", { number: data.order.number }) : t("error.notFound.title");
  return [{ title: `${title} · ${t("site.name")}` }, { name: "robots", content: "noindex" }];
};

const statusTone: Record<string, string> = {
  pending_payment: "bg-amber-100 text-amber-900",
  paid: "bg-tea-100 text-tea-800",
  confirmed: "bg-tea-100 text-tea-800",
  cancelled: "bg-stone-200 text-stone-800",
  refunded: "bg-stone-200 text-stone-800",
  partially_refunded: "bg-amber-100 text-amber-900",
};

function OrderBookingItem({ booking: b, signedIn }: { booking: OrderBooking; signedIn: boolean }) {
  const t = useT();
  const lang = useLang();
  const title = b.roomZh !== null ? `${pick(lang, b.titleZh, b.titleEn)} · ${pick(lang, b.roomZh, b.roomEn ?? "")}` : pick(lang, b.titleZh, b.titleEn);
  return (
    <li className="flex justify-between gap-3 py-2">
      <div className="min-w-0">
        <LocaleLink to={`/${b.kind === "stay" ? "stays" : "experiences"}/${b.slug}`} className="text-stone-900 underline-offset-2 hover:underline">
          {title}
        </LocaleLink>
        <p className="text-sm text-stone-600">
          {b.checkIn && b.checkOut
            ? `${t("cart.stay.dates", { checkIn: formatDate(b.checkIn, lang), checkOut: formatDate(b.checkOut, lang), nights: nightsBetween(b.checkIn, b.checkOut) })} · ${t("cart.stay.guests", { count: b.guests ?? 1 })}`
            : `${b.startsAt ? formatDateTime(b.startsAt, lang) : ""} · ${t("orders.booking.people", { count: b.people ?? 1 })}`}
        </p>
        <p className="text-sm font-medium text-stone-800">{t(`orders.booking.status.${b.status}`)}</p>
        {signedIn && b.status === "confirmed" ? (
          <LocaleLink to={`/account/bookings/${b.kind}/${b.id}`} className="text-sm text-tea-700 underline">
            {t("orders.booking.manage")}
          </LocaleLink>
        ) : null}
      </div>
      <span className="shrink-0">{formatPrice(b.totalCents)}</span>
    </li>
  );
}

export default function OrderPage() {
  const { order, signedIn, now, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const canPay = order.status === "pending_payment" && order.paymentUrl && order.holdExpiresAt > now;
  return (
    <article className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-bold text-stone-900">{t("orders.title", { number: order.number })}</h1>
        <p className="text-sm text-stone-600">{t("orders.placedAt", { time: formatDateTime(order.createdAt, lang) })}</p>
        <p>
          <span className="sr-only">{t("orders.status.label")}: </span>
          <span className={`inline-block rounded-full px-3 py-1 text-base font-semibold ${statusTone[order.status] ?? ""}`}>
            {t(`orders.status.${order.status}`)}
          </span>
        </p>
        <p className="text-stone-800">
          {t(`orders.status.explain.${order.status}`, { time: formatDateTime(order.holdExpiresAt, lang) })}
        </p>
        {order.paidAt ? <p className="text-sm text-stone-600">{t("orders.paidAt", { time: formatDateTime(order.paidAt, lang) })}</p> : null}
        {order.cancelledAt ? (
          <p className="text-sm text-stone-600">{t("orders.cancelledAt", { time: formatDateTime(order.cancelledAt, lang) })}</p>
        ) : null}
        {canPay ? (
          <a href={order.paymentUrl!} className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-5 py-2 font-medium text-white hover:bg-tea-700">
            {t("orders.payNow")}
          </a>
        ) : null}
        {!signedIn ? <p className="text-sm text-stone-600">{t("orders.keepLink")}</p> : null}
      </header>

      {order.parts.map((part) => {
        const seller = pick(lang, part.cooperative.nameZh, part.cooperative.nameEn);
        const headingId = `part-${part.id}`;
        return (
          <section key={part.id} aria-labelledby={headingId} className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={headingId} className="text-lg font-semibold">
                <LocaleLink to={`/cooperatives/${part.cooperative.slug}`} className="underline-offset-2 hover:underline">
                  {part.lines.length ? t("orders.part.heading", { seller }) : seller}
                </LocaleLink>
              </h2>
              {/* A part of only rooms and seats has nothing to pack: paid means booked. */}
              <span className="rounded-full bg-stone-100 px-3 py-1 text-sm font-medium text-stone-800">
                {part.lines.length || part.status !== "paid" ? t(`orders.part.status.${part.status}`) : t("orders.status.paid")}
              </span>
            </div>
            {part.trackingNumber ? (
              <p className="text-base">{t("orders.part.tracking", { carrier: part.carrier ?? "", number: part.trackingNumber })}</p>
            ) : null}
            <ul className="divide-y divide-stone-200">
              {part.lines.map((line) => (
                <li key={line.sku} className="flex justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <LocaleLink to={`/products/${line.productSlug}`} className="text-stone-900 underline-offset-2 hover:underline">
                      {pick(lang, line.titleZh, line.titleEn)}
                    </LocaleLink>
                    <p className="text-sm text-stone-600">
                      {pick(lang, line.variantZh, line.variantEn)} · {formatPrice(line.unitPriceCents)} {t("orders.quantity", { n: line.quantity })}
                    </p>
                    <PreSaleNote shipsFrom={line.shipsFrom} today={today} />
                  </div>
                  <span className="shrink-0">{formatPrice(line.totalCents)}</span>
                </li>
              ))}
              {part.bookings.map((b) => (
                <OrderBookingItem key={`${b.kind}-${b.id}`} booking={b} signedIn={signedIn} />
              ))}
            </ul>
            <dl className="space-y-1 border-t border-stone-200 pt-2 text-sm">
              {part.lines.length ? (
                <div className="flex justify-between">
                  <dt className="text-stone-600">{t("orders.shipping")}</dt>
                  <dd>{part.shippingCents === 0 ? t("cart.shipping.free") : formatPrice(part.shippingCents)}</dd>
                </div>
              ) : null}
              <div className="flex justify-between text-base font-medium">
                <dt>{t("cart.groupTotal")}</dt>
                <dd>{formatPrice(part.totalCents)}</dd>
              </div>
              {part.refundedCents > 0 ? (
                <div className="flex justify-between text-red-800">
                  <dt>{t("orders.refunded")}</dt>
                  <dd>{formatPrice(part.refundedCents)}</dd>
                </div>
              ) : null}
            </dl>
          </section>
        );
      })}

      <section aria-labelledby="order-money" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="order-money" className="sr-only">
          {t("orders.total")}
        </h2>
        <dl className="space-y-1 text-base">
          <div className="flex justify-between">
            <dt className="text-stone-700">{t("orders.subtotal")}</dt>
            <dd>{formatPrice(order.subtotalCents)}</dd>
          </div>
          <div className="flex justify-between">
            <dt className="text-stone-700">{t("orders.shipping")}</dt>
            <dd>{order.shippingCents === 0 ? t("cart.shipping.free") : formatPrice(order.shippingCents)}</dd>
          </div>
          <div className="flex justify-between border-t border-stone-200 pt-2 text-lg font-semibold">
            <dt>{t("orders.total")}</dt>
            <dd>{formatPrice(order.totalCents)}</dd>
          </div>
          {order.refundedCents > 0 ? (
            <div className="flex justify-between text-red-800">
              <dt>{t("orders.refunded")}</dt>
              <dd>{formatPrice(order.refundedCents)}</dd>
            </div>
          ) : null}
        </dl>
        {order.refunds.length ? (
          <>
            <h3 className="mt-4 font-semibold">{t("orders.refunds")}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {order.refunds.map((r, i) => (
                <li key={i}>
                  {t("orders.refund.line", { time: formatDateTime(r.createdAt, lang), amount: formatPrice(r.amountCents) })}
                  {r.cooperative ? ` · ${pick(lang, r.cooperative.nameZh, r.cooperative.nameEn)}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="order-delivery" className="space-y-1 rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="order-delivery" className="text-lg font-semibold">
          {t("orders.deliverTo")}
        </h2>
        <p>
          {order.name} · {order.phone}
        </p>
        <p>
          {order.province} {order.city} {order.district} {order.addressDetail}
        </p>
        <p className="text-sm text-stone-600">{t("orders.contact", { email: order.email })}</p>
        {order.note ? <p className="text-sm text-stone-600">{t("orders.note", { note: order.note })}</p> : null}
      </section>

      {signedIn ? (
        <LocaleLink to="/account/orders" className="inline-block text-tea-700 underline">
          {t("orders.backToAccount")}
        </LocaleLink>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
