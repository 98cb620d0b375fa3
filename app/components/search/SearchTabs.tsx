import { Link } from "@remix-run/react";
import { SEARCH_TYPES, type SearchFacets, type SearchType } from "~/modules/search/types";
import { useLang, useT } from "~/utils/t";
import { type SearchState, tabHref } from "./search-links";

/**
 * The type tabs (全部 · 农产品 · 民宿 · 田园体验 · 村落) with their counts. Links, not ARIA tabs:
 * each one is a URL of its own and works without JavaScript; the current one has aria-current.
 */
export function SearchTabs({ state, counts }: { state: SearchState; counts: SearchFacets["type"] | null }) {
  const t = useT();
  const lang = useLang();
  const total = counts ? SEARCH_TYPES.reduce((sum, type) => sum + (counts[type] ?? 0), 0) : null;
  const tabs: { type: SearchType | undefined; name: string; count: number | null }[] = [
    { type: undefined, name: t("search.tab.all"), count: total },
    ...SEARCH_TYPES.map((type) => ({ type, name: t(`search.tab.${type}`), count: counts ? (counts[type] ?? 0) : null })),
  ];
  return (
    <nav aria-label={t("search.tabs")} className="-mx-4 overflow-x-auto px-4">
      <ul className="flex min-w-max gap-1 border-b border-stone-200">
        {tabs.map((tab) => {
          const current = tab.type === state.type;
          return (
            <li key={tab.type ?? "all"}>
              <Link
                to={tabHref(lang, state, tab.type)}
                aria-current={current ? "page" : undefined}
                preventScrollReset
                className={`-mb-px inline-flex min-h-11 items-center gap-1.5 border-b-2 px-3 py-2 text-base ${
                  current ? "border-tea-700 font-semibold text-tea-800" : "border-transparent text-stone-700 hover:text-tea-800"
                }`}
              >
                {tab.name}
                {tab.count !== null ? (
                  <span className={`rounded-full px-1.5 text-sm ${current ? "bg-tea-100 text-tea-800" : "bg-stone-100 text-stone-700"}`}>
                    {tab.count}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
