// Column sets and visibility rules shared by the village, cooperative, stay and experience
// read models. Public pages only ever show active listings of approved cooperatives.
import { and, eq } from "drizzle-orm";
import { cooperatives, experiences, stays, villages } from "../../../db/schema/index";
import { MAX_PAGE, pageCount } from "./listing-params";

export const villageRefColumns = { slug: villages.slug, nameZh: villages.nameZh, nameEn: villages.nameEn };

export const villageLocationColumns = {
  provinceZh: villages.provinceZh,
  provinceEn: villages.provinceEn,
  cityZh: villages.cityZh,
  cityEn: villages.cityEn,
  countyZh: villages.countyZh,
  countyEn: villages.countyEn,
  townZh: villages.townZh,
  townEn: villages.townEn,
};

export const hostColumns = {
  slug: cooperatives.slug,
  nameZh: cooperatives.nameZh,
  nameEn: cooperatives.nameEn,
  kind: cooperatives.kind,
};

/** Use with `innerJoin(cooperatives, …)`. */
/** A seller as its card and page show it (with its village, which may be missing). */
export const cooperativeCardColumns = {
  slug: cooperatives.slug,
  nameZh: cooperatives.nameZh,
  nameEn: cooperatives.nameEn,
  kind: cooperatives.kind,
  storyZh: cooperatives.storyZh,
  storyEn: cooperatives.storyEn,
  foundedYear: cooperatives.foundedYear,
  village: villageRefColumns,
};

export const publicStay = () => and(eq(stays.status, "active"), eq(cooperatives.status, "approved"));
export const publicExperience = () => and(eq(experiences.status, "active"), eq(cooperatives.status, "approved"));

export function paging(options: { page?: number; pageSize?: number }, defaultSize: number) {
  const pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? defaultSize), 1), 100);
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1), 1), MAX_PAGE);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export function paged<T>(items: T[], total: number, page: number, pageSize: number) {
  return { items, total, page, pageSize, pages: pageCount(total, pageSize) };
}
