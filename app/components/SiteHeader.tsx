import { Form, NavLink, useLocation } from "@remix-run/react";
import { localePath, stripLang } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { CartHeaderLink } from "./cart/CartHeaderLink";
import { LocaleLink } from "./LocaleLink";
import { HeaderSearch } from "./search/HeaderSearch";

const NAV = [
  { to: "/products", key: "nav.products" },
  { to: "/stays", key: "nav.stays" },
  { to: "/experiences", key: "nav.experiences" },
  { to: "/villages", key: "nav.villages" },
  // The same link for everyone (public pages are cached): /account sends visitors to log in.
  { to: "/account", key: "nav.account" },
] as const;

export function SiteHeader() {
  const t = useT();
  const lang = useLang();
  const location = useLocation();
  const otherLang = lang === "en" ? "zh-CN" : "en";
  const neutral = stripLang(location.pathname);
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-3">
        {/* The visible words start the accessible name (WCAG 2.5.3 label in name: voice control users say what they see). */}
        <LocaleLink to="/" className="flex items-baseline gap-2 text-tea-800">
          <span className="text-2xl font-bold tracking-wide">乡集</span>
          <span className="text-sm text-stone-600" lang="en">
            Xiangji
          </span>
          <span className="sr-only">{t("nav.home")}</span>
        </LocaleLink>
        <div className="flex items-center gap-2 sm:order-3">
          <CartHeaderLink />
          <Form method="post" action="/lang" reloadDocument>
            <input type="hidden" name="lang" value={otherLang} />
            <input type="hidden" name="next" value={neutral + location.search} />
            <button
              type="submit"
              className="min-h-11 rounded-full border border-stone-300 px-4 py-2 text-sm text-stone-800 hover:bg-stone-100"
            >
              <span lang={otherLang === "en" ? "en" : "zh-CN"}>{t("lang.switch")}</span>
              <span className="sr-only"> · {t("lang.switchLabel")}</span>
            </button>
          </Form>
        </div>
        <HeaderSearch className="w-full sm:order-1 sm:w-auto sm:min-w-52 sm:flex-1 lg:max-w-sm" />
        <nav aria-label={t("nav.main")} className="w-full sm:order-2 sm:ml-auto sm:w-auto">
          <ul className="flex gap-1 overflow-x-auto text-base">
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={localePath(lang, item.to)}
                  className={({ isActive }) =>
                    `inline-block min-h-11 whitespace-nowrap rounded-md px-3 py-2.5 ${isActive ? "bg-tea-100 font-semibold text-tea-800" : "text-stone-800 hover:bg-stone-100"}`
                  }
                >
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
