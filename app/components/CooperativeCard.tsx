import type { MessageKey } from "~/locales";
import type { CooperativeCardData, CooperativeKind } from "~/modules/catalog/listing-types";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { LocaleLink } from "./LocaleLink";

export const KIND_MESSAGE: Record<CooperativeKind, MessageKey> = {
  cooperative: "kind.cooperative",
  family_farm: "kind.family_farm",
  homestay_host: "kind.homestay_host",
  leisure_farm: "kind.leisure_farm",
};

/** A seller (cooperative, family farm, host, leisure farm); the whole card links to its page. */
export function CooperativeCard({ cooperative, headingLevel = 3 }: { cooperative: CooperativeCardData; headingLevel?: 2 | 3 }) {
  const t = useT();
  const lang = useLang();
  const Heading = `h${headingLevel}` as const;
  const story = pick(lang, cooperative.storyZh, cooperative.storyEn);
  return (
    <article className="relative flex h-full flex-col gap-1.5 rounded-lg border border-stone-200 bg-white p-4 shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <p className="text-xs font-medium text-earth-700">{t(KIND_MESSAGE[cooperative.kind])}</p>
      <Heading className="text-base font-semibold text-stone-900">
        <LocaleLink to={`/cooperatives/${cooperative.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none" prefetch="intent">
          {pick(lang, cooperative.nameZh, cooperative.nameEn)}
        </LocaleLink>
      </Heading>
      {cooperative.foundedYear ? <p className="text-sm text-stone-600">{t("places.coop.founded", { year: cooperative.foundedYear })}</p> : null}
      {story ? <p className="line-clamp-3 text-sm text-stone-800">{story}</p> : null}
    </article>
  );
}
