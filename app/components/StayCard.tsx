import type { StayCardData } from "~/modules/catalog/listing-types";
import { plural } from "~/modules/catalog/listing-display";
import { formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { AmenityList } from "./AmenityList";
import { ListingImage } from "./ListingImage";
import { LocaleLink } from "./LocaleLink";

/** A homestay in a grid; the whole card links to the stay (stretched link on the title). */
/** `search` (without "?") is carried to the stay's page: the dates and guests the visitor chose. */
export function StayCard({ stay, headingLevel = 3, search }: { stay: StayCardData; headingLevel?: 2 | 3; search?: string }) {
  const t = useT();
  const lang = useLang();
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="relative flex h-full flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <ListingImage src={stay.image} width={800} height={500} />
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <Heading className="text-base font-semibold leading-snug text-stone-900">
          <LocaleLink to={`/stays/${stay.slug}${search ? `?${search}` : ""}`} className="after:absolute after:inset-0 focus-visible:outline-none" prefetch="intent">
            {pick(lang, stay.titleZh, stay.titleEn)}
          </LocaleLink>
        </Heading>
        <p className="text-sm text-stone-600">
          {pick(lang, stay.village.nameZh, stay.village.nameEn)} · {pick(lang, stay.host.nameZh, stay.host.nameEn)}
        </p>
        <p className="text-sm text-stone-800">
          {plural(t, "stays.card.rooms", stay.roomCount)} · {plural(t, "stays.card.upTo", stay.maxGuests)}
        </p>
        <AmenityList amenities={stay.amenities} limit={3} compact />
        <p className="mt-auto pt-1 text-lg font-semibold text-persimmon-600">
          {t("stays.card.perNight", { price: formatPrice(stay.priceFromCents) })}
        </p>
      </div>
    </article>
  );
}

export function StayGrid({ stays, headingLevel = 3, search }: { stays: StayCardData[]; headingLevel?: 2 | 3; search?: string }) {
  return (
    <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 md:grid-cols-3 lg:grid-cols-4">
      {stays.map((stay) => (
        <li key={stay.slug}>
          <StayCard stay={stay} headingLevel={headingLevel} search={search} />
        </li>
      ))}
    </ul>
  );
}
