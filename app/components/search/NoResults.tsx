import { Link } from "@remix-run/react";
import { useLang, useT } from "~/utils/t";
import { type SearchState, hasSearchFilters, popularTerms, queryHref, withoutFiltersHref } from "./search-links";

/** The popular searches of the page's language (kept in the locale file), as links. */
export function PopularSearches({ headingId = "popular-searches" }: { headingId?: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="text-base font-semibold text-stone-900">
        {t("search.popular")}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2">
        {popularTerms(t("search.popular.terms")).map((term) => (
          <li key={term}>
            <Link
              to={queryHref(lang, term)}
              className="inline-flex min-h-11 items-center rounded-full border border-stone-300 bg-white px-4 py-2 text-stone-800 hover:bg-stone-100"
            >
              {term}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Did you mean: 山核桃" — the engine's correction, as a new search. */
export function DidYouMean({ q, className = "mb-3" }: { q: string; className?: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <p className={className}>
      {t("search.didYouMean")}
      <Link to={queryHref(lang, q)} className="font-semibold text-tea-700 underline hover:text-tea-800">
        {q}
      </Link>
    </p>
  );
}

/**
 * Help when nothing matched: the engine's correction ("did you mean"), a way out of the filters
 * when they are what empties the list, and the popular searches.
 */
export function NoResults({ state, didYouMean }: { state: SearchState; didYouMean: string | null }) {
  const t = useT();
  const lang = useLang();
  const filtered = hasSearchFilters(state);
  return (
    <div className="space-y-5 rounded-lg border border-dashed border-stone-300 bg-white px-4 py-6">
      <div>
        <p className="text-lg font-semibold text-stone-900">
          {filtered || !state.q ? t("search.empty.titleFiltered") : t("search.empty.title", { q: state.q })}
        </p>
        <p className="mt-1 text-stone-700">{t("search.empty.body")}</p>
      </div>
      {didYouMean ? <DidYouMean q={didYouMean} className="text-lg" /> : null}
      {filtered ? (
        <p>
          <Link to={withoutFiltersHref(lang, state)} className="text-tea-700 underline hover:text-tea-800">
            {t("search.empty.clearFilters", { q: state.q })}
          </Link>
        </p>
      ) : null}
      <PopularSearches headingId="popular-searches-empty" />
    </div>
  );
}
