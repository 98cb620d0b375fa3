import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { cooperatives } from "./cooperatives";
import { listingStatus } from "./stays";
import { villages } from "./villages";

export const experiences = pgTable(
  "experiences",
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
    meetingPointZh: text("meeting_point_zh").notNull().default(""),
    meetingPointEn: text("meeting_point_en").notNull().default(""),
    durationMinutes: integer("duration_minutes").notNull(),
    pricePerPersonCents: integer("price_per_person_cents").notNull(),
    minPeople: integer("min_people").notNull().default(1),
    maxPeople: integer("max_people").notNull().default(10),
    // Bookings of a slot close this many minutes before it starts.
    bookingCutoffMinutes: integer("booking_cutoff_minutes").notNull().default(120),
    status: listingStatus("status").notNull().default("active"),
    image: text("image").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("experiences_slug_key").on(t.slug),
    index("experiences_village_idx").on(t.villageId),
    index("experiences_cooperative_idx").on(t.cooperativeId),
    index("experiences_status_idx").on(t.status, t.createdAt),
    check("experiences_duration_positive", sql`${t.durationMinutes} > 0`),
    check("experiences_price_nonnegative", sql`${t.pricePerPersonCents} >= 0`),
    check("experiences_group_range", sql`${t.minPeople} >= 1 AND ${t.maxPeople} >= ${t.minPeople}`),
    check("experiences_booking_cutoff_range", sql`${t.bookingCutoffMinutes} BETWEEN 0 AND 10080`),
    check("experiences_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const experienceSlots = pgTable(
  "experience_slots",
  {
    id: id(),
    experienceId: integer("experience_id")
      .notNull()
      .references(() => experiences.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    capacity: integer("capacity").notNull(),
    bookedCount: integer("booked_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("experience_slots_experience_start_key").on(t.experienceId, t.startsAt),
    index("experience_slots_starts_idx").on(t.startsAt),
    check("experience_slots_capacity_nonnegative", sql`${t.capacity} >= 0`),
    check("experience_slots_booked_range", sql`${t.bookedCount} >= 0 AND ${t.bookedCount} <= ${t.capacity}`),
  ],
);
