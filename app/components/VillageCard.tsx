import type { VillageCardData } from "~/modules/catalog/listing-types";
import { formatLocation, plural } from "~/modules/catalog/listing-display";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { ListingImage } from "./ListingImage";
import { LocaleLink } from "./LocaleLink";

/** A village in a grid; the whole card links to its page (stretched link on the name). */
export function VillageCard({ village, headingLevel = 3 }: { village: VillageCardData; headingLevel?: 2 | 3 }) {
  const t = useT();
  const lang = useLang();
  const Heading = `h${headingLevel}` as const;
  const counts = [
    village.productCount ? plural(t, "places.counts.products", village.productCount) : null,
    village.stayCount ? plural(t, "places.counts.stays", village.stayCount) : null,
    village.experienceCount ? plural(t, "places.counts.experiences", village.experienceCount) : null,
  ].filter(Boolean);
  return (
    <article className="relative flex h-full flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <div className="relative">
        <ListingImage src={village.coverImage} width={800} height={500} />
        {village.featured ? (
          <span className="absolute left-2 top-2 rounded-full bg-tea-700 px-2.5 py-1 text-xs font-medium text-white">
            {t("places.villages.featured")}
          </span>
        ) : null}
      </div>
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <Heading className="text-lg font-semibold text-stone-900">
          <LocaleLink to={`/villages/${village.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none" prefetch="intent">
            {pick(lang, village.nameZh, village.nameEn)}
          </LocaleLink>
        </Heading>
        <p className="text-sm text-stone-600">{formatLocation(lang, village)}</p>
        {pick(lang, village.summaryZh, village.summaryEn) ? (
          <p className="line-clamp-3 text-sm text-stone-800">{pick(lang, village.summaryZh, village.summaryEn)}</p>
        ) : null}
        {counts.length ? <p className="mt-auto pt-1 text-sm text-tea-800">{counts.join(" · ")}</p> : null}
      </div>
    </article>
  );
}

export function VillageGrid({ villages, headingLevel = 3 }: { villages: VillageCardData[]; headingLevel?: 2 | 3 }) {
  return (
    <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 lg:grid-cols-3">
      {villages.map((village) => (
        <li key={village.slug}>
          <VillageCard village={village} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
