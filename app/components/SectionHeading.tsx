import { LocaleLink } from "./LocaleLink";

/**
 * An h2 section title with an optional intro and a "view all" link. Give the section
 * `aria-labelledby={id}` so screen readers list it as a named region.
 */
export function SectionHeading({
  id,
  title,
  intro,
  more,
}: {
  id: string;
  title: string;
  intro?: string;
  more?: { to: string; label: string };
}) {
  return (
    <div className="mb-4 flex flex-wrap items-end justify-between gap-x-4 gap-y-1">
      <div className="min-w-0">
        <h2 id={id} className="text-xl font-semibold text-stone-900 sm:text-2xl">
          {title}
        </h2>
        {intro ? <p className="mt-1 text-sm text-stone-700">{intro}</p> : null}
      </div>
      {more ? (
        <LocaleLink
          to={more.to}
          className="inline-flex min-h-11 items-center rounded-md px-2 text-sm font-medium text-tea-700 underline-offset-4 hover:underline"
        >
          {more.label}
          <span aria-hidden="true">&nbsp;→</span>
        </LocaleLink>
      ) : null}
    </div>
  );
}
