// `meta` helpers and JSON-LD for the village, cooperative, stay and experience pages.
// Client-safe: meta functions run in the browser on client-side navigation too.
import type { Lang } from "~/utils/i18n";
import { langFromPath, localePath, pick } from "~/utils/i18n";
import { type TFunction, translator } from "~/utils/t";
import { toShanghaiIso } from "./listing-display";
import type { CooperativeCardData, ExperienceDetail, StayDetail, VillageDetail, VillageLocation } from "./listing-types";

type MetaArgs = { location: { pathname: string }; matches: { id: string; data?: unknown }[] };

/** Language, translator and the site's public origin (from the root loader) for a meta function. */
export function metaContext({ location, matches }: MetaArgs): { lang: Lang; t: TFunction; origin: string; siteName: string } {
  const lang = langFromPath(location.pathname);
  const t = translator(lang);
  const root = matches.find((m) => m.id === "root")?.data as { origin?: string } | undefined;
  return { lang, t, origin: root?.origin ?? "", siteName: t("site.name") };
}

/** The title of a page whose loader threw 404 (the root error boundary renders the body). */
export function notFoundMeta(t: TFunction) {
  return [{ title: `${t("error.notFound.title")} · ${t("site.name")}` }, { name: "robots", content: "noindex" }];
}

export function absoluteUrl(origin: string, path: string): string {
  if (!path) return "";
  return /^https?:\/\//.test(path) ? path : origin + path;
}

/** Fen → "128.00": schema.org prices are decimal strings, never floats. */
export function centsToDecimal(cents: number): string {
  const abs = Math.abs(Math.trunc(cents));
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

function postalAddress(lang: Lang, place: VillageLocation, villageName?: string) {
  return {
    "@type": "PostalAddress",
    addressCountry: "CN",
    addressRegion: pick(lang, place.provinceZh, place.provinceEn),
    addressLocality: [pick(lang, place.countyZh, place.countyEn), pick(lang, place.cityZh, place.cityEn)].filter(Boolean).join(lang === "en" ? ", " : ""),
    ...(villageName || place.townZh
      ? { streetAddress: [pick(lang, place.townZh, place.townEn), villageName].filter(Boolean).join(lang === "en" ? ", " : "") }
      : {}),
  };
}

export function villageJsonLd(lang: Lang, origin: string, village: VillageDetail) {
  const name = pick(lang, village.nameZh, village.nameEn);
  return {
    "@context": "https://schema.org",
    "@type": "TouristDestination",
    name,
    description: pick(lang, village.summaryZh, village.summaryEn) || undefined,
    url: origin + localePath(lang, `/villages/${village.slug}`),
    image: absoluteUrl(origin, village.coverImage) || undefined,
    address: postalAddress(lang, village, name),
    ...(village.lat !== null && village.lng !== null
      ? { geo: { "@type": "GeoCoordinates", latitude: village.lat, longitude: village.lng } }
      : {}),
  };
}

export function cooperativeJsonLd(lang: Lang, origin: string, coop: CooperativeCardData) {
  return {
    "@context": "https://schema.org",
    "@type": "Organization",
    name: pick(lang, coop.nameZh, coop.nameEn),
    url: origin + localePath(lang, `/cooperatives/${coop.slug}`),
    description: pick(lang, coop.storyZh, coop.storyEn).slice(0, 300) || undefined,
    ...(coop.foundedYear ? { foundingDate: String(coop.foundedYear) } : {}),
    ...(coop.village
      ? {
          location: {
            "@type": "Place",
            name: pick(lang, coop.village.nameZh, coop.village.nameEn),
            url: origin + localePath(lang, `/villages/${coop.village.slug}`),
          },
        }
      : {}),
  };
}

export function stayJsonLd(lang: Lang, origin: string, stay: StayDetail) {
  const prices = stay.rooms.flatMap((r) => [r.basePriceCents, ...(r.weekendPriceCents !== null ? [r.weekendPriceCents] : [])]);
  const low = prices.length ? Math.min(...prices) : null;
  const high = prices.length ? Math.max(...prices) : null;
  const yuan = (c: number) => `¥${Math.round(c / 100)}`;
  return {
    "@context": "https://schema.org",
    "@type": "LodgingBusiness",
    name: pick(lang, stay.titleZh, stay.titleEn),
    description: pick(lang, stay.descriptionZh, stay.descriptionEn).slice(0, 300) || undefined,
    url: origin + localePath(lang, `/stays/${stay.slug}`),
    image: absoluteUrl(origin, stay.image) || undefined,
    address: postalAddress(lang, stay.village, pick(lang, stay.village.nameZh, stay.village.nameEn)),
    ...(low !== null && high !== null ? { priceRange: low === high ? yuan(low) : `${yuan(low)}–${yuan(high)}` } : {}),
    currenciesAccepted: "CNY",
    checkinTime: stay.checkInTime,
    checkoutTime: stay.checkOutTime,
  };
}

/** One schema.org Event per upcoming slot (the first `limit`), each with its own offer. */
export function experienceJsonLd(lang: Lang, origin: string, experience: ExperienceDetail, limit = 10) {
  const url = origin + localePath(lang, `/experiences/${experience.slug}`);
  const villageName = pick(lang, experience.village.nameZh, experience.village.nameEn);
  const location = {
    "@type": "Place",
    name: pick(lang, experience.meetingPointZh, experience.meetingPointEn) || villageName,
    address: postalAddress(lang, experience.village, villageName),
  };
  const organizer = {
    "@type": "Organization",
    name: pick(lang, experience.host.nameZh, experience.host.nameEn),
    url: origin + localePath(lang, `/cooperatives/${experience.host.slug}`),
  };
  return experience.slots.slice(0, limit).map((slot) => ({
    "@context": "https://schema.org",
    "@type": "Event",
    name: pick(lang, experience.titleZh, experience.titleEn),
    description: pick(lang, experience.descriptionZh, experience.descriptionEn).slice(0, 300) || undefined,
    url,
    image: absoluteUrl(origin, experience.image) || undefined,
    startDate: toShanghaiIso(slot.startsAt),
    endDate: toShanghaiIso(new Date(new Date(slot.startsAt).getTime() + experience.durationMinutes * 60_000)),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: "https://schema.org/OfflineEventAttendanceMode",
    location,
    organizer,
    offers: {
      "@type": "Offer",
      price: centsToDecimal(experience.pricePerPersonCents),
      priceCurrency: "CNY",
      availability: slot.seatsLeft > 0 ? "https://schema.org/InStock" : "https://schema.org/SoldOut",
      url,
    },
  }));
}
