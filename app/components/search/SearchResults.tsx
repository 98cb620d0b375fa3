import { Link } from "@remix-run/react";
import type { HighlightPart, SearchHit } from "~/modules/search/types";
import { formatPrice } from "~/utils/format";
import { useT } from "~/utils/t";
import { CertificationBadges } from "../CatalogBadges";
import { ListingImage } from "../ListingImage";
import { highlightSegments } from "./search-links";

/** A title with the words that matched the query in `<mark>`; plain React text, never raw HTML. */
export function HighlightedTitle({ title, parts }: { title: string; parts: readonly HighlightPart[] }) {
  return (
    <>
      {highlightSegments(title, parts).map((part, i) =>
        part.hit ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-inherit">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

const TYPE_BADGE: Record<SearchHit["type"], string> = {
  product: "bg-tea-50 text-tea-800 border-tea-600/30",
  stay: "bg-earth-100 text-stone-800 border-stone-300",
  experience: "bg-amber-50 text-stone-800 border-amber-300",
  village: "bg-stone-100 text-stone-800 border-stone-300",
};

/** One hit: picture, type, highlighted title (the link), where it comes from, price. */
export function SearchHitCard({ hit }: { hit: SearchHit }) {
  const t = useT();
  const origin =
    hit.village && hit.cooperative
      ? t("search.origin", { village: hit.village.name, seller: hit.cooperative.name })
      : (hit.village?.name ?? hit.cooperative?.name ?? "");
  return (
    <article className="relative flex h-full gap-3 overflow-hidden rounded-lg border border-stone-200 bg-white p-3 shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <div className="w-24 shrink-0 sm:w-32">
        <ListingImage src={hit.image} width={400} height={300} className="rounded-md" />
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p>
          <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${TYPE_BADGE[hit.type]}`}>
            {t(`search.type.${hit.type}`)}
          </span>
        </p>
        <h3 className="text-base font-semibold leading-snug text-stone-900">
          <Link to={hit.url} prefetch="intent" className="after:absolute after:inset-0 focus-visible:outline-none">
            <HighlightedTitle title={hit.title} parts={hit.titleParts} />
          </Link>
        </h3>
        {origin ? <p className="text-sm text-stone-600">{origin}</p> : null}
        {hit.snippet ? <p className="line-clamp-2 text-sm text-stone-700">{hit.snippet}</p> : null}
        <CertificationBadges certs={hit.certifications} />
        {hit.priceFrom !== null && hit.type !== "village" ? (
          <p className="mt-auto pt-1 text-base font-semibold text-persimmon-600">
            {t(`search.price.${hit.type}`, { price: formatPrice(hit.priceFrom) })}
          </p>
        ) : null}
      </div>
    </article>
  );
}

/** The hits as a list: one column on a phone, two on wide screens. */
export function SearchHitList({ hits }: { hits: SearchHit[] }) {
  return (
    <ul className="grid grid-cols-1 gap-3 md:grid-cols-2">
      {hits.map((hit) => (
        <li key={`${hit.type}:${hit.slug}`}>
          <SearchHitCard hit={hit} />
        </li>
      ))}
    </ul>
  );
}
