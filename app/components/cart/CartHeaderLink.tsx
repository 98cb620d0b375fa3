import { NavLink } from "@remix-run/react";
import { localePath } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { useCartCount } from "./optimistic";

/**
 * "购物车 (n)" in the header. The count comes from the root loader (only for browsers with a
 * cart or a session, whose pages are then not shared by caches) and moves at once while a
 * change is being sent.
 */
export function CartHeaderLink() {
  const t = useT();
  const lang = useLang();
  const count = useCartCount();
  return (
    <NavLink
      to={localePath(lang, "/cart")}
      className={({ isActive }) =>
        `inline-flex min-h-11 items-center rounded-full border px-4 py-2 text-sm ${isActive ? "border-tea-700 bg-tea-100 font-semibold text-tea-800" : "border-stone-300 text-stone-800 hover:bg-stone-100"}`
      }
    >
      {t("cart.header.link")}
      {count > 0 ? (
        <>
          <span aria-hidden="true">
            {t("cart.header.count", { count })}
          </span>
          <span className="sr-only">{t("cart.header.countLabel", { count })}</span>
        </>
      ) : null}
    </NavLink>
  );
}
