import type { ExperienceCardData } from "~/modules/catalog/listing-types";
import { formatDuration } from "~/modules/catalog/listing-display";
import { formatDateTime, formatPrice } from "~/utils/format";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { ListingImage } from "./ListingImage";
import { LocaleLink } from "./LocaleLink";

/** A farm experience in a grid; the whole card links to it (stretched link on the title). */
export function ExperienceCard({ experience, headingLevel = 3 }: { experience: ExperienceCardData; headingLevel?: 2 | 3 }) {
  const t = useT();
  const lang = useLang();
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="relative flex h-full flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <ListingImage src={experience.image} width={800} height={500} />
      <div className="flex flex-1 flex-col gap-1.5 p-3">
        <Heading className="text-base font-semibold leading-snug text-stone-900">
          <LocaleLink
            to={`/experiences/${experience.slug}`}
            className="after:absolute after:inset-0 focus-visible:outline-none"
            prefetch="intent"
          >
            {pick(lang, experience.titleZh, experience.titleEn)}
          </LocaleLink>
        </Heading>
        <p className="text-sm text-stone-600">
          {pick(lang, experience.village.nameZh, experience.village.nameEn)} · {pick(lang, experience.host.nameZh, experience.host.nameEn)}
        </p>
        <p className="text-sm text-stone-800">
          {formatDuration(experience.durationMinutes, lang)} ·{" "}
          {t("experiences.groupRange", { min: experience.minPeople, max: experience.maxPeople })}
        </p>
        <p className="text-sm text-tea-800">
          {experience.nextSlotAt
            ? t("experiences.nextSlot", { date: formatDateTime(experience.nextSlotAt, lang) })
            : t("experiences.noUpcoming")}
        </p>
        <p className="mt-auto pt-1 text-lg font-semibold text-persimmon-600">
          {t("experiences.pricePerPerson", { price: formatPrice(experience.pricePerPersonCents) })}
        </p>
      </div>
    </article>
  );
}

export function ExperienceGrid({ experiences, headingLevel = 3 }: { experiences: ExperienceCardData[]; headingLevel?: 2 | 3 }) {
  return (
    <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 md:grid-cols-3 lg:grid-cols-4">
      {experiences.map((experience) => (
        <li key={experience.slug}>
          <ExperienceCard experience={experience} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
