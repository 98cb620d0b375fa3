import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AmenityList } from "~/components/AmenityList";
import { Breadcrumbs } from "~/components/Breadcrumbs";
import { KIND_MESSAGE } from "~/components/CooperativeCard";
import { ListingImage } from "~/components/ListingImage";
import { LocaleLink } from "~/components/LocaleLink";
import { Paragraphs } from "~/components/Paragraphs";
import { SectionHeading } from "~/components/SectionHeading";
import { cancellationDeadline, cancellationPolicyText } from "~/modules/catalog/cancellation";
import { formatLocation, plural } from "~/modules/catalog/listing-display";
import { absoluteUrl, metaContext, notFoundMeta, stayJsonLd } from "~/modules/catalog/listing-meta";
import { addDays } from "~/modules/catalog/listing-dates";
import { isSlug, parseStaysQuery } from "~/modules/catalog/listing-params";
import type { StayBlackout, StayRate, StayRoom } from "~/modules/catalog/listing-types";
import { getStayBySlug } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatPrice, todayInShanghai } from "~/utils/format";
import { loaderHeaders } from "~/utils/headers";
import { notFound, publicHeaders } from "~/utils/http.server";
import { type Lang, pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { type TFunction, useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isSlug(params.slug)) notFound();
  const today = todayInShanghai();
  const stay = await getStayBySlug(getDb(), params.slug, { today });
  if (!stay) notFound();
  const query = parseStaysQuery(new URL(request.url).searchParams, { today });
  return data({ stay, checkIn: query.checkIn ?? null }, { headers: publicHeaders() });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { lang, t, origin, siteName } = metaContext(args);
  const stay = args.data?.stay;
  if (!stay) return notFoundMeta(t);
  return seoMeta({
    title: pick(lang, stay.titleZh, stay.titleEn),
    description: pick(lang, stay.descriptionZh, stay.descriptionEn) || t("stays.intro"),
    siteName,
    image: absoluteUrl(origin, stay.image) || undefined,
    jsonLd: stayJsonLd(lang, origin, stay),
  });
};

/** Nights [start, end) in words: "1 May to 4 May" names the first and the last night. */
function nightsText(t: TFunction, lang: Lang, range: { startDate: string; endDate: string }) {
  const last = addDays(range.endDate, -1);
  return last === range.startDate
    ? t("stays.room.night", { start: formatDate(range.startDate, lang) })
    : t("stays.room.nights", { start: formatDate(range.startDate, lang), end: formatDate(last, lang) });
}

function RateList({ rates }: { rates: StayRate[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="divide-y divide-stone-200 rounded-md border border-stone-200">
      {rates.map((rate, i) => (
        <li key={i} className="flex flex-col gap-1 px-3 py-2 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4">
          <span>
            <span className="font-medium text-stone-900">{pick(lang, rate.label.zh, rate.label.en) || t("stays.room.rateDefaultLabel")}</span>
            <span className="block text-stone-600">{nightsText(t, lang, rate)}</span>
          </span>
          <span className="sm:shrink-0 sm:text-right">
            <span className="block font-semibold text-persimmon-600">{formatPrice(rate.priceCents)}</span>
            {rate.minNights > 1 ? <span className="block text-stone-600">{plural(t, "stays.room.minNights", rate.minNights)}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function BlackoutList({ blackouts }: { blackouts: StayBlackout[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
      {blackouts.map((b, i) => (
        <li key={i}>{nightsText(t, lang, b)}</li>
      ))}
    </ul>
  );
}

function RoomCard({ room }: { room: StayRoom }) {
  const t = useT();
  const lang = useLang();
  const description = pick(lang, room.descriptionZh, room.descriptionEn);
  return (
    <article className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h3 className="text-lg font-semibold text-stone-900">{pick(lang, room.nameZh, room.nameEn)}</h3>
      <p className="mt-1 text-sm font-medium text-tea-800">
        {plural(t, "stays.room.maxGuests", room.maxGuests)}
        {room.minNights > 1 ? ` · ${plural(t, "stays.room.minNights", room.minNights)}` : null}
      </p>
      {description ? <p className="mt-1 text-sm text-stone-700">{description}</p> : null}
      <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm min-[480px]:grid-cols-2">
        {room.beds ? (
          <div>
            <dt className="text-stone-600">{t("stays.room.beds")}</dt>
            <dd className="text-stone-900">{room.beds}</dd>
          </div>
        ) : null}
        <div>
          <dt className="text-stone-600">{t("stays.room.basePrice")}</dt>
          <dd className="text-base font-semibold text-persimmon-600">
            {formatPrice(room.basePriceCents)} <span className="text-sm font-normal text-stone-600">{t("common.perNight")}</span>
          </dd>
        </div>
        {room.weekendPriceCents !== null ? (
          <div>
            <dt className="text-stone-600">{t("stays.room.weekendPrice")}</dt>
            <dd className="text-base font-semibold text-persimmon-600">
              {formatPrice(room.weekendPriceCents)} <span className="text-sm font-normal text-stone-600">{t("common.perNight")}</span>
            </dd>
          </div>
        ) : null}
      </dl>
      {room.rates.length ? (
        <div className="mt-4">
          <h4 className="mb-2 text-sm font-semibold text-stone-900">{t("stays.room.rates")}</h4>
          <RateList rates={room.rates} />
        </div>
      ) : null}
      {room.blackouts.length ? (
        <div className="mt-4">
          <h4 className="mb-2 text-sm font-semibold text-stone-900">{t("stays.room.blackouts")}</h4>
          <BlackoutList blackouts={room.blackouts} />
        </div>
      ) : null}
    </article>
  );
}

export default function StayPage() {
  const { stay, checkIn } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const title = pick(lang, stay.titleZh, stay.titleEn);
  const village = pick(lang, stay.village.nameZh, stay.village.nameEn);
  const host = pick(lang, stay.host.nameZh, stay.host.nameEn);
  const policy = cancellationPolicyText(stay.cancellationPolicy, t);
  const description = pick(lang, stay.descriptionZh, stay.descriptionEn);
  const houseRules = pick(lang, stay.houseRulesZh, stay.houseRulesEn);
  const lowest = stay.rooms.length ? Math.min(...stay.rooms.map((r) => r.basePriceCents)) : null;
  return (
    <article>
      <Breadcrumbs items={[{ to: "/stays", label: t("stays.title") }, { label: title }]} />
      <header className="mb-4">
        <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{title}</h1>
        <p className="mt-1 text-stone-700">
          <LocaleLink to={`/villages/${stay.village.slug}`} className="text-tea-800 underline underline-offset-4">
            {village}
          </LocaleLink>
          {" · "}
          {formatLocation(lang, stay.village)}
        </p>
      </header>
      <ListingImage src={stay.image} alt={title} width={1200} height={675} eager className="max-h-[26rem] rounded-lg" />

      <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-3">
        <div className="space-y-10 lg:col-span-2">
          {description ? (
            <section aria-labelledby="stay-about">
              <SectionHeading id="stay-about" title={t("stays.about")} />
              <Paragraphs text={description} />
            </section>
          ) : null}

          <section aria-labelledby="stay-rooms">
            <SectionHeading id="stay-rooms" title={t("stays.rooms")} />
            {stay.rooms.length ? (
              <ul className="space-y-4">
                {stay.rooms.map((room) => (
                  <li key={room.id}>
                    <RoomCard room={room} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-stone-700">{t("stays.room.none")}</p>
            )}
          </section>

          {stay.amenities.length ? (
            <section aria-labelledby="stay-amenities">
              <SectionHeading id="stay-amenities" title={t("stays.amenities")} />
              <AmenityList amenities={stay.amenities} />
            </section>
          ) : null}

          <section aria-labelledby="stay-times">
            <SectionHeading id="stay-times" title={t("stays.times")} />
            <ul className="space-y-1 text-stone-800">
              <li>{t("stays.checkInTime", { time: stay.checkInTime })}</li>
              <li>{t("stays.checkOutTime", { time: stay.checkOutTime })}</li>
            </ul>
            <p className="mt-1 text-sm text-stone-600">{t("stays.timesNote")}</p>
          </section>

          {houseRules ? (
            <section aria-labelledby="stay-rules">
              <SectionHeading id="stay-rules" title={t("stays.houseRules")} />
              <Paragraphs text={houseRules} />
            </section>
          ) : null}

          <section aria-labelledby="stay-cancellation">
            <SectionHeading id="stay-cancellation" title={t("stays.cancellation")} />
            <p className="font-medium text-stone-900">{policy.name}</p>
            <p className="mt-1 text-stone-800">{policy.body}</p>
            {checkIn ? (
              <p className="mt-2 rounded-md bg-tea-50 p-3 text-sm text-tea-800">
                {t("stays.cancellationDeadline", {
                  checkIn: formatDate(checkIn, lang),
                  deadline: formatDate(cancellationDeadline(stay.cancellationPolicy, checkIn), lang),
                })}
              </p>
            ) : null}
          </section>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label={t("stays.host")}>
          {lowest !== null ? (
            <p className="rounded-lg bg-white p-4 text-xl font-semibold text-persimmon-600 shadow-sm ring-1 ring-stone-200">
              {t("stays.card.perNight", { price: formatPrice(lowest) })}
            </p>
          ) : null}
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-sm font-medium text-stone-600">{t("stays.host")}</h2>
            <p className="mt-1 text-xs text-earth-700">{t(KIND_MESSAGE[stay.host.kind])}</p>
            <p className="text-lg font-semibold text-stone-900">{host}</p>
            <LocaleLink
              to={`/cooperatives/${stay.host.slug}`}
              className="mt-2 inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4"
            >
              {t("stays.hostLink", { name: host })}
            </LocaleLink>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-sm font-medium text-stone-600">{t("stays.location")}</h2>
            <LocaleLink
              to={`/villages/${stay.village.slug}`}
              className="mt-1 inline-flex min-h-11 items-center text-lg font-semibold text-tea-800 underline-offset-4 hover:underline"
            >
              {village}
            </LocaleLink>
            <p className="text-sm text-stone-700">{formatLocation(lang, stay.village)}</p>
          </div>
        </aside>
      </div>
    </article>
  );
}
