// "加入购物车" for one variant on a product page. A plain form posting to /cart (intent=add):
// without JavaScript the shopper comes back to this page with ?added=<sku> and a notice; with
// JavaScript a fetcher sends it, the header count moves at once and the notice appears here.
// The product page is cached publicly, so nothing here depends on who is looking.
import { useFetcher, useLocation, useSearchParams } from "@remix-run/react";
import { useId } from "react";
import { localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { LocaleLink } from "../LocaleLink";
import { type CartActionError, ViaFetcher, cartErrorMessage } from "./CartLines";

type AddResult = { ok: boolean; sku?: string; error?: CartActionError };

export function AddToCart({ sku, stock, label }: { sku: string; stock: number; label: string }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const location = useLocation();
  const [params] = useSearchParams();
  const fetcher = useFetcher<AddResult>({ key: `add-${sku}` });
  const busy = fetcher.state !== "idle";
  const soldOut = stock <= 0;
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  // Without JavaScript the redirect says what was added; with it, the fetcher's answer does.
  const added = result ? result.ok : params.get("added") === sku;

  if (soldOut) {
    return (
      <button type="button" disabled className="min-h-11 cursor-not-allowed rounded-lg bg-stone-200 px-4 py-2 text-base text-stone-700">
        {t("cart.soldOut")}
      </button>
    );
  }
  return (
    <div className="space-y-2">
      <fetcher.Form method="post" action={localePath(lang, "/cart")} className="flex items-end justify-end gap-2">
        <input type="hidden" name="intent" value="add" />
        <input type="hidden" name="sku" value={sku} />
        <input type="hidden" name="returnTo" value={location.pathname} />
        <ViaFetcher />
        <div>
          <label htmlFor={`${id}-qty`} className="sr-only">
            {t("cart.add.quantityOf", { variant: label })}
          </label>
          <input
            id={`${id}-qty`}
            type="number"
            name="quantity"
            inputMode="numeric"
            min={1}
            max={Math.min(99, stock)}
            defaultValue={1}
            required
            className="min-h-11 w-16 rounded-lg border border-stone-300 px-2 text-center text-base"
          />
        </div>
        <button
          type="submit"
          aria-disabled={busy || undefined}
          className="min-h-11 rounded-lg bg-tea-800 px-4 py-2 text-base font-medium text-white hover:bg-tea-700"
        >
          {busy ? t("cart.adding") : t("cart.add")}
          <span className="sr-only">{t("cart.addOf", { variant: label })}</span>
        </button>
      </fetcher.Form>
      <div aria-live="polite" className="text-right text-sm">
        {added ? (
          <p className="text-tea-800">
            {t("cart.added")}{" "}
            <LocaleLink to="/cart" className="font-medium underline">
              {t("cart.added.view")}
            </LocaleLink>
          </p>
        ) : result?.error ? (
          <p className="font-medium text-red-700">{cartErrorMessage(t, result.error)}</p>
        ) : null}
      </div>
    </div>
  );
}
