// The stays list when dates were chosen: each stay with a room free for every night, and the
// total for the range (the cheapest free room that fits the group). The card links to the stay
// with the dates and guests, so its page shows the same quote and the booking form prefilled.
import { AmenityList } from "~/components/AmenityList";
import { ListingImage } from "~/components/ListingImage";
import { LocaleLink } from "~/components/LocaleLink";
import { plural } from "~/modules/catalog/listing-display";
import type { StayCardData } from "~/modules/catalog/listing-types";
import { formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

function AvailableStayCard({ stay, search }: { stay: StayCardData; search: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <article className="relative flex h-full flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <ListingImage src={stay.image} width={800} height={500} />
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <h3 className="text-base font-semibold leading-snug text-stone-900">
          <LocaleLink to={`/stays/${stay.slug}?${search}`} className="after:absolute after:inset-0 focus-visible:outline-none" prefetch="intent">
            {pick(lang, stay.titleZh, stay.titleEn)}
          </LocaleLink>
        </h3>
        <p className="text-sm text-stone-600">
          {pick(lang, stay.village.nameZh, stay.village.nameEn)} · {pick(lang, stay.host.nameZh, stay.host.nameEn)}
        </p>
        <p className="text-sm text-stone-800">
          {plural(t, "stays.card.rooms", stay.roomCount)} · {plural(t, "stays.card.upTo", stay.maxGuests)}
        </p>
        <AmenityList amenities={stay.amenities} limit={3} compact />
        {stay.range ? (
          <p className="mt-auto pt-1 text-lg font-semibold text-persimmon-600" data-testid="stay-total">
            {plural(t, "bookings.find.total", stay.range.nights, { price: formatPrice(stay.range.totalCents) })}
          </p>
        ) : null}
      </div>
    </article>
  );
}

export function AvailableStayGrid({ stays, search }: { stays: StayCardData[]; search: string }) {
  return (
    <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 md:grid-cols-3 lg:grid-cols-4">
      {stays.map((stay) => (
        <li key={stay.slug}>
          <AvailableStayCard stay={stay} search={search} />
        </li>
      ))}
    </ul>
  );
}
