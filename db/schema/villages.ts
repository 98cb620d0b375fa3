import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";

export type VillageHighlight = { kind: "culture" | "heritage" | "scenery" | "food"; zh: string; en: string };

export const villages = pgTable(
  "villages",
  {
    id: id(),
    slug: text("slug").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    provinceZh: text("province_zh").notNull(),
    provinceEn: text("province_en").notNull(),
    cityZh: text("city_zh").notNull(),
    cityEn: text("city_en").notNull(),
    countyZh: text("county_zh").notNull(),
    countyEn: text("county_en").notNull(),
    townZh: text("town_zh").notNull().default(""),
    townEn: text("town_en").notNull().default(""),
    summaryZh: text("summary_zh").notNull().default(""),
    summaryEn: text("summary_en").notNull().default(""),
    storyZh: text("story_zh").notNull(),
    storyEn: text("story_en").notNull(),
    highlights: jsonb("highlights").$type<VillageHighlight[]>().notNull().default([]),
    coverImage: text("cover_image").notNull(),
    lat: doublePrecision("lat"),
    lng: doublePrecision("lng"),
    featured: boolean("featured").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("villages_slug_key").on(t.slug),
    index("villages_featured_idx").on(t.featured),
    check("villages_lat_range", sql`${t.lat} IS NULL OR ${t.lat} BETWEEN -90 AND 90`),
    check("villages_lng_range", sql`${t.lng} IS NULL OR ${t.lng} BETWEEN -180 AND 180`),
    check("villages_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);
