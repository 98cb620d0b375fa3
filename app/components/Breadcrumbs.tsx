import { useT } from "~/utils/t";
import { LocaleLink } from "./LocaleLink";

/** Home › section › this page. The last crumb is the current page (not a link). */
export function Breadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  const t = useT();
  return (
    <nav aria-label={t("common.breadcrumb")} className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-x-1 text-stone-600">
        {[{ to: "/", label: t("nav.home") }, ...items].map((item, i, all) => (
          <li key={i} className="flex items-center gap-x-1">
            {i > 0 ? <span aria-hidden="true">›</span> : null}
            {item.to && i < all.length - 1 ? (
              <LocaleLink to={item.to} className="inline-flex min-h-11 items-center px-1 text-tea-800 underline-offset-4 hover:underline">
                {item.label}
              </LocaleLink>
            ) : (
              <span aria-current="page" className="px-1 text-stone-800">
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
