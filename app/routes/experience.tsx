import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/Breadcrumbs";
import { KIND_MESSAGE } from "~/components/CooperativeCard";
import { ListingImage } from "~/components/ListingImage";
import { LocaleLink } from "~/components/LocaleLink";
import { Paragraphs } from "~/components/Paragraphs";
import { SectionHeading } from "~/components/SectionHeading";
import { CutoffNote, SlotList } from "~/components/bookings/SlotList";
import { AVAILABILITY_CACHE } from "~/modules/bookings/find-dates";
import { getExperienceBySlug } from "~/modules/catalog/experiences.server";
import { formatDuration, formatLocation } from "~/modules/catalog/listing-display";
import { absoluteUrl, experienceJsonLd, metaContext, notFoundMeta } from "~/modules/catalog/listing-meta";
import { isSlug } from "~/modules/catalog/listing-params";
import { getDb } from "~/utils/db.server";
import { formatPrice } from "~/utils/format";
import { loaderHeaders } from "~/utils/headers";
import { notFound } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isSlug(params.slug)) notFound();
  const experience = await getExperienceBySlug(getDb(), params.slug, { now: new Date() });
  if (!experience) notFound();
  // Seats left change with every booking.
  return data({ experience }, { headers: { "Cache-Control": AVAILABILITY_CACHE } });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { lang, t, origin, siteName } = metaContext(args);
  const experience = args.data?.experience;
  if (!experience) return notFoundMeta(t);
  const events = experienceJsonLd(lang, origin, experience);
  return seoMeta({
    title: pick(lang, experience.titleZh, experience.titleEn),
    description: pick(lang, experience.descriptionZh, experience.descriptionEn) || t("experiences.intro"),
    siteName,
    image: absoluteUrl(origin, experience.image) || undefined,
    jsonLd: events.length ? events : undefined,
  });
};

export default function ExperiencePage() {
  const { experience } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const title = pick(lang, experience.titleZh, experience.titleEn);
  const village = pick(lang, experience.village.nameZh, experience.village.nameEn);
  const host = pick(lang, experience.host.nameZh, experience.host.nameEn);
  const description = pick(lang, experience.descriptionZh, experience.descriptionEn);
  const meetingPoint = pick(lang, experience.meetingPointZh, experience.meetingPointEn);
  return (
    <article>
      <Breadcrumbs items={[{ to: "/experiences", label: t("experiences.title") }, { label: title }]} />
      <header className="mb-4">
        <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{title}</h1>
        <p className="mt-1 text-stone-700">
          <LocaleLink to={`/villages/${experience.village.slug}`} className="text-tea-800 underline underline-offset-4">
            {village}
          </LocaleLink>
          {" · "}
          <LocaleLink to={`/cooperatives/${experience.host.slug}`} className="text-tea-800 underline underline-offset-4">
            {host}
          </LocaleLink>
        </p>
      </header>
      <ListingImage src={experience.image} alt={title} width={1200} height={675} eager className="max-h-[26rem] rounded-lg" />

      <dl className="mt-6 grid grid-cols-2 gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200 md:grid-cols-4">
        <div>
          <dt className="text-sm text-stone-600">{t("experiences.price")}</dt>
          <dd className="text-lg font-semibold text-persimmon-600">
            {t("experiences.pricePerPerson", { price: formatPrice(experience.pricePerPersonCents) })}
          </dd>
        </div>
        <div>
          <dt className="text-sm text-stone-600">{t("experiences.duration")}</dt>
          <dd className="font-medium text-stone-900">{formatDuration(experience.durationMinutes, lang)}</dd>
        </div>
        <div>
          <dt className="text-sm text-stone-600">{t("experiences.groupSize")}</dt>
          <dd className="font-medium text-stone-900">{t("experiences.groupRange", { min: experience.minPeople, max: experience.maxPeople })}</dd>
        </div>
        {meetingPoint ? (
          <div className="col-span-2 md:col-span-1">
            <dt className="text-sm text-stone-600">{t("experiences.meetingPoint")}</dt>
            <dd className="font-medium text-stone-900">{meetingPoint}</dd>
          </div>
        ) : null}
      </dl>

      <div className="mt-8 grid grid-cols-1 gap-8 lg:grid-cols-3">
        <div className="space-y-10 lg:col-span-2">
          <section aria-labelledby="experience-slots">
            <SectionHeading id="experience-slots" title={t("experiences.slots")} intro={t("experiences.slotsNote")} />
            <div className="mb-3">
              <CutoffNote minutes={experience.bookingCutoffMinutes} />
            </div>
            {experience.slots.length ? (
              <SlotList slots={experience.slots} minPeople={experience.minPeople} maxPeople={experience.maxPeople} />
            ) : (
              <p className="rounded-lg bg-white p-4 text-stone-700">{t("experiences.slotsEmpty")}</p>
            )}
          </section>

          {description ? (
            <section aria-labelledby="experience-about">
              <SectionHeading id="experience-about" title={t("experiences.about")} />
              <Paragraphs text={description} />
            </section>
          ) : null}
        </div>

        <aside className="space-y-4 lg:self-start" aria-label={t("experiences.host")}>
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-sm font-medium text-stone-600">{t("experiences.host")}</h2>
            <p className="mt-1 text-xs text-earth-700">{t(KIND_MESSAGE[experience.host.kind])}</p>
            <LocaleLink
              to={`/cooperatives/${experience.host.slug}`}
              className="inline-flex min-h-11 items-center text-lg font-semibold text-tea-800 underline-offset-4 hover:underline"
            >
              {host}
            </LocaleLink>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-sm font-medium text-stone-600">{t("experiences.location")}</h2>
            <LocaleLink
              to={`/villages/${experience.village.slug}`}
              className="inline-flex min-h-11 items-center text-lg font-semibold text-tea-800 underline-offset-4 hover:underline"
            >
              {village}
            </LocaleLink>
            <p className="text-sm text-stone-700">{formatLocation(lang, experience.village)}</p>
          </div>
        </aside>
      </div>
    </article>
  );
}
