import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { cooperatives } from "./cooperatives";
import { villages } from "./villages";

export const AMENITY_KEYS = [
  "wifi",
  "parking",
  "breakfast",
  "air_conditioning",
  "heating",
  "private_bathroom",
  "mountain_view",
  "garden",
  "tea_room",
  "kitchen",
  "pets_allowed",
  "family_rooms",
  "bicycle",
  "hot_spring",
] as const;
export type AmenityKey = (typeof AMENITY_KEYS)[number];

export const cancellationPolicy = pgEnum("cancellation_policy", ["flexible", "moderate", "strict"]);
export const listingStatus = pgEnum("listing_status", ["active", "draft", "archived"]);

export const stays = pgTable(
  "stays",
  {
    id: id(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id, { onDelete: "restrict" }),
    slug: text("slug").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    amenities: text("amenities").array().notNull().default(sql`'{}'`),
    houseRulesZh: text("house_rules_zh").notNull().default(""),
    houseRulesEn: text("house_rules_en").notNull().default(""),
    // Local wall-clock times in Asia/Shanghai, "HH:MM".
    checkInTime: text("check_in_time").notNull().default("14:00"),
    checkOutTime: text("check_out_time").notNull().default("12:00"),
    cancellationPolicy: cancellationPolicy("cancellation_policy").notNull().default("moderate"),
    status: listingStatus("status").notNull().default("active"),
    image: text("image").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stays_slug_key").on(t.slug),
    index("stays_village_idx").on(t.villageId),
    index("stays_cooperative_idx").on(t.cooperativeId),
    index("stays_status_idx").on(t.status, t.createdAt),
    check("stays_check_in_time_format", sql`${t.checkInTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check("stays_check_out_time_format", sql`${t.checkOutTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check("stays_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const stayUnits = pgTable(
  "stay_units",
  {
    id: id(),
    stayId: integer("stay_id")
      .notNull()
      .references(() => stays.id, { onDelete: "cascade" }),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    maxGuests: integer("max_guests").notNull(),
    beds: text("beds").notNull().default(""),
    basePriceCents: integer("base_price_cents").notNull(),
    // Friday and Saturday nights, when set.
    weekendPriceCents: integer("weekend_price_cents"),
    minNights: integer("min_nights").notNull().default(1),
    position: integer("position").notNull().default(0),
    // The secret in the room's iCal feed URL (/calendars/<token>.ics) for other channels.
    icalToken: text("ical_token")
      .notNull()
      .default(sql`replace(gen_random_uuid()::text, '-', '')`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("stay_units_stay_idx").on(t.stayId, t.position),
    index("stay_units_price_idx").on(t.basePriceCents),
    uniqueIndex("stay_units_ical_token_key").on(t.icalToken),
    check("stay_units_max_guests_min", sql`${t.maxGuests} >= 1`),
    check("stay_units_price_nonnegative", sql`${t.basePriceCents} >= 0`),
    check("stay_units_weekend_price_nonnegative", sql`${t.weekendPriceCents} IS NULL OR ${t.weekendPriceCents} >= 0`),
    check("stay_units_min_nights_min", sql`${t.minNights} >= 1`),
  ],
);

// A rate covers the nights [start_date, end_date): price and minimum stay for those nights.
export const unitRates = pgTable(
  "unit_rates",
  {
    id: id(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => stayUnits.id, { onDelete: "cascade" }),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    priceCents: integer("price_cents").notNull(),
    minNights: integer("min_nights").notNull().default(1),
    labelZh: text("label_zh").notNull().default(""),
    labelEn: text("label_en").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    index("unit_rates_unit_dates_idx").on(t.unitId, t.startDate),
    check("unit_rates_range", sql`${t.endDate} > ${t.startDate}`),
    check("unit_rates_price_nonnegative", sql`${t.priceCents} >= 0`),
    check("unit_rates_min_nights_min", sql`${t.minNights} >= 1`),
  ],
);

// Another channel's calendar of a room (an iCal URL, re-read periodically, or an uploaded file):
// its busy dates become blackouts of the room, replaced on every read.
export const unitCalendarImports = pgTable(
  "unit_calendar_imports",
  {
    id: id(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => stayUnits.id, { onDelete: "cascade" }),
    // null for an uploaded file.
    url: text("url"),
    name: text("name").notNull().default(""),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("unit_calendar_imports_unit_idx").on(t.unitId)],
);

// Nights [start_date, end_date) on which the room cannot be booked: set by the host, or read
// from another channel's calendar (import_id set).
export const unitBlackouts = pgTable(
  "unit_blackouts",
  {
    id: id(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => stayUnits.id, { onDelete: "cascade" }),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    reason: text("reason").notNull().default(""),
    importId: integer("import_id").references(() => unitCalendarImports.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("unit_blackouts_import_idx").on(t.importId),
    index("unit_blackouts_unit_dates_idx").on(t.unitId, t.startDate),
    check("unit_blackouts_range", sql`${t.endDate} > ${t.startDate}`),
  ],
);
