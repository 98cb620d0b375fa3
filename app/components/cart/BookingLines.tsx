// The cart's stay and experience lines: what, when, how many, the price and anything that would
// stop checkout. A stay's dates and guests are changed by removing it and booking again from the
// stay page (its calendar shows what is free); an experience's number of people can be changed.
import { useFetcher } from "@remix-run/react";
import type { ReactNode } from "react";
import type { CartSlotLineView, CartStayLineView } from "~/modules/cart/types";
import { formatDate, formatDateTime, formatPrice } from "~/utils/format";
import { localePath, pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { LocaleLink } from "../LocaleLink";
import { type CartActionError, ViaFetcher, cartErrorMessage, lineProblemText } from "./CartLines";

const button =
  "inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg border border-stone-300 bg-white px-3 text-base text-stone-900 hover:bg-stone-50";

function RemoveButton({ lineId, title }: { lineId: number; title: string }) {
  const t = useT();
  const lang = useLang();
  const fetcher = useFetcher<{ ok: boolean; error?: CartActionError }>({
    key: `cart-remove-${lineId}`,
  });
  return (
    <fetcher.Form method="post" action={localePath(lang, "/cart")} className="ml-auto">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="lineId" value={lineId} />
      <input type="hidden" name="was" value={1} />
      <ViaFetcher />
      <button type="submit" className={`${button} text-red-800`} aria-label={t("cart.removeOf", { title })}>
        {t("cart.remove")}
      </button>
    </fetcher.Form>
  );
}

/** Picture, linked title with its details, and the price: the frame of a stay or slot line. */
function LineShell({
  line,
  to,
  title,
  totalCents,
  details,
  children,
}: {
  line: CartStayLineView | CartSlotLineView;
  to: string | null;
  title: string;
  totalCents: number;
  details: ReactNode;
  children: ReactNode;
}) {
  return (
    <li className="flex gap-3 py-4">
      {line.imageUrl ? (
        <img src={line.imageUrl} alt="" width={64} height={64} loading="lazy" className="h-16 w-16 shrink-0 rounded-md bg-earth-100 object-cover" />
      ) : null}
      <div className="min-w-0 flex-1 space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-x-3">
          <div className="min-w-0">
            {to ? (
              <LocaleLink to={to} className="font-medium text-stone-900 underline-offset-2 hover:underline">
                {title}
              </LocaleLink>
            ) : (
              <span className="font-medium text-stone-900">{title}</span>
            )}
            {details}
          </div>
          <p className="font-semibold text-stone-900">{formatPrice(totalCents)}</p>
        </div>
        <Problem line={line} />
        {children}
      </div>
    </li>
  );
}

function Problem({ line }: { line: CartStayLineView | CartSlotLineView }) {
  const t = useT();
  if (!line.problem) return null;
  return <p className="rounded-md bg-red-50 px-2 py-1 text-sm font-medium text-red-800">{lineProblemText(t, line.problem)}</p>;
}

export function StayLineItem({ line }: { line: CartStayLineView }) {
  const t = useT();
  const lang = useLang();
  const title = `${pick(lang, line.stayZh, line.stayEn)} · ${pick(lang, line.roomZh, line.roomEn)}`;
  const details = (
    <>
      <p className="text-sm text-stone-700">
        {t("cart.stay.dates", {
          checkIn: formatDate(line.checkIn, lang),
          checkOut: formatDate(line.checkOut, lang),
          nights: line.nights,
        })}
      </p>
      <p className="text-sm text-stone-600">
        {t("cart.stay.guests", { count: line.guests })}
        {line.payOnArrival !== "off" ? ` · ${t("cart.stay.payOnArrival")}` : null}
      </p>
    </>
  );
  return (
    <LineShell line={line} to={line.staySlug ? `/stays/${line.staySlug}` : null} title={title} totalCents={line.totalCents} details={details}>
      <div className="flex">
        <RemoveButton lineId={line.id} title={title} />
      </div>
    </LineShell>
  );
}

export function SlotLineItem({ line }: { line: CartSlotLineView }) {
  const t = useT();
  const lang = useLang();
  const fetcher = useFetcher<{ ok: boolean; error?: CartActionError }>({
    key: `cart-line-${line.id}`,
  });
  const title = pick(lang, line.titleZh, line.titleEn);
  const error = fetcher.state === "idle" && fetcher.data && !fetcher.data.ok ? fetcher.data.error : undefined;
  const inputId = `people-${line.id}`;
  const details = (
    <>
      {line.startsAt ? <p className="text-sm text-stone-700">{formatDateTime(line.startsAt, lang)}</p> : null}
      <p className="text-sm text-stone-600">
        {t("cart.slot.people", {
          count: line.people,
          price: formatPrice(line.pricePerPersonCents),
        })}
      </p>
    </>
  );
  return (
    <LineShell
      line={line}
      to={line.experienceSlug ? `/experiences/${line.experienceSlug}` : null}
      title={title}
      totalCents={line.totalCents}
      details={details}
    >
      <div className="flex flex-wrap items-center gap-2">
        <fetcher.Form method="post" action={localePath(lang, "/cart")} className="flex items-center gap-2">
          <input type="hidden" name="intent" value="set" />
          <input type="hidden" name="lineId" value={line.id} />
          <ViaFetcher />
          <label htmlFor={inputId} className="sr-only">
            {t("cart.slot.peopleOf", { title })}
          </label>
          <input
            id={inputId}
            key={line.people}
            type="number"
            name="quantity"
            inputMode="numeric"
            min={line.minPeople}
            max={Math.min(99, line.maxPeople)}
            defaultValue={line.people}
            className="min-h-11 w-16 rounded-lg border border-stone-300 px-2 text-center text-base"
          />
          <button type="submit" className={button} aria-label={t("cart.updateOf", { title })}>
            {t("cart.update")}
          </button>
        </fetcher.Form>
        <RemoveButton lineId={line.id} title={title} />
      </div>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {cartErrorMessage(t, error)}
        </p>
      ) : null}
    </LineShell>
  );
}
