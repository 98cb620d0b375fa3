import { Link, useLocation } from "@remix-run/react";
import { useT } from "~/utils/t";

/** Page numbers to show: the first, the last and a window around the current page. */
export function pageWindow(page: number, pages: number, radius = 1): (number | "gap")[] {
  const shown = new Set([1, pages]);
  for (let p = page - radius; p <= page + radius; p++) if (p >= 1 && p <= pages) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | "gap")[] = [];
  for (const p of sorted) {
    const prev = out[out.length - 1];
    if (typeof prev === "number" && p - prev === 2) out.push(p - 1);
    else if (typeof prev === "number" && p - prev > 2) out.push("gap");
    out.push(p);
  }
  return out;
}

/** The current URL with another `page` (page 1 drops the parameter), other parameters kept. */
function useHrefForPage() {
  const location = useLocation();
  return (page: number) => {
    const params = new URLSearchParams(location.search);
    if (page > 1) params.set("page", String(page));
    else params.delete("page");
    const qs = params.toString();
    return qs ? `${location.pathname}?${qs}` : location.pathname;
  };
}

const ITEM = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-3 text-base";

/**
 * Links to the pages of a list. Plain links: works without JavaScript and keeps every other
 * query parameter (filters, sort). Pass `hrefFor` to build the links another way.
 */
export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor?: (page: number) => string }) {
  const t = useT();
  const fromLocation = useHrefForPage();
  const href = hrefFor ?? fromLocation;
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("common.pagination")} className="mt-8 flex flex-col items-center gap-3">
      <p className="text-sm text-stone-600">{t("common.page", { page, pages })}</p>
      <ul className="flex flex-wrap items-center justify-center gap-1">
        <li>
          {page > 1 ? (
            <Link to={href(page - 1)} rel="prev" className={`${ITEM} border border-stone-300 bg-white text-stone-800 hover:bg-stone-100`}>
              {t("common.previous")}
            </Link>
          ) : (
            <span className={`${ITEM} border border-stone-200 text-stone-500`} aria-disabled="true">
              {t("common.previous")}
            </span>
          )}
        </li>
        {pageWindow(page, pages).map((p, i) =>
          p === "gap" ? (
            <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-stone-500">
              …
            </li>
          ) : (
            <li key={p}>
              {p === page ? (
                <span aria-current="page" className={`${ITEM} bg-tea-700 font-semibold text-white`}>
                  <span className="sr-only">{t("catalog.pagination.goto", { page: p })}</span>
                  <span aria-hidden="true">{p}</span>
                </span>
              ) : (
                <Link to={href(p)} aria-label={t("catalog.pagination.goto", { page: p })} className={`${ITEM} text-stone-800 hover:bg-stone-100`}>
                  {p}
                </Link>
              )}
            </li>
          ),
        )}
        <li>
          {page < pages ? (
            <Link to={href(page + 1)} rel="next" className={`${ITEM} border border-stone-300 bg-white text-stone-800 hover:bg-stone-100`}>
              {t("common.next")}
            </Link>
          ) : (
            <span className={`${ITEM} border border-stone-200 text-stone-500`} aria-disabled="true">
              {t("common.next")}
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
