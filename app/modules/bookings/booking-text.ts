// How a booking is named in pages and mails (client-safe): the stay and room or the experience,
// the place, the host's contact.
import { type Lang, pick } from "~/utils/i18n";

type Named = {
  stay: { titleZh: string; titleEn: string; roomZh: string; roomEn: string } | null;
  experience: { titleZh: string; titleEn: string } | null;
};

/** "溪山居 · 溪景房" / the experience's title. */
export function bookingTitle(lang: Lang, b: Named): string {
  if (b.stay) return `${pick(lang, b.stay.titleZh, b.stay.titleEn)} · ${pick(lang, b.stay.roomZh, b.stay.roomEn)}`;
  return b.experience ? pick(lang, b.experience.titleZh, b.experience.titleEn) : "";
}

export type Place = {
  nameZh: string;
  nameEn: string;
  provinceZh: string;
  provinceEn: string;
  cityZh: string;
  cityEn: string;
  countyZh: string;
  countyEn: string;
  townZh: string;
  townEn: string;
};

/** Where the booking is: the village with its town, county, city and province. */
export function placeOf(lang: Lang, v: Place): string {
  if (lang === "en") return [v.nameEn, v.townEn, v.countyEn, v.cityEn, v.provinceEn].filter(Boolean).join(", ");
  return `${v.provinceZh}${v.cityZh}${v.countyZh}${v.townZh}${v.nameZh}`;
}

export type HostContact = { nameZh: string; nameEn: string; contactName: string; contactPhone: string; contactEmail: string };

export function hostContactOf(c: HostContact, lang: Lang): string {
  const name = c.contactName || pick(lang, c.nameZh, c.nameEn);
  return [name, c.contactPhone, c.contactEmail].filter(Boolean).join(lang === "en" ? ", " : "，");
}
