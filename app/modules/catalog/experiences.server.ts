// Read side of leisure-farm experiences: the public list (with each experience's next slot
// that can still be booked) and an experience's page with its upcoming slots, each with its
// seats left and whether bookings are open, closed (the host's cutoff before the start) or full.
import { and, asc, count, desc, eq, gte, lt, sql } from "drizzle-orm";
import { cooperatives, experienceSlots, experiences, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { slotClosesAt, slotState } from "~/modules/bookings/find-slots";
import { pageCount } from "./listing-params";
import type { BookableExperience, ExperienceCardData, Paged, VillageRef } from "./listing-types";
import { seatsLeft } from "./listing-display";
import { hostColumns, paged, paging, publicExperience, villageLocationColumns, villageRefColumns } from "./listing-select.server";

/** How far ahead slots are shown (and count as "next"). */
export const SLOT_HORIZON_DAYS = 60;

function horizon(now: Date): Date {
  return new Date(now.getTime() + SLOT_HORIZON_DAYS * 86_400_000);
}

export type ListExperiencesOptions = {
  /** Village slug. */
  village?: string;
  villageId?: number;
  cooperativeId?: number;
  /** Only experiences with a slot that still has seats within the horizon (the home page). */
  upcomingOnly?: boolean;
  now?: Date;
  page?: number;
  pageSize?: number;
};

/** Public experiences, soonest bookable slot first; those without one come last, newest first. */
export async function listExperiences(db: Database, options: ListExperiencesOptions = {}): Promise<Paged<ExperienceCardData>> {
  const { page, pageSize, offset } = paging(options, 12);
  const now = options.now ?? new Date();
  // The timestamptz parser is left raw by drizzle's postgres-js driver, so instants go in as
  // ISO strings with an explicit cast and come out through the column's own decoder.
  const nextSlotAt = sql<Date | null>`(
    SELECT min(s.starts_at) FROM ${experienceSlots} s
    WHERE s.experience_id = ${experiences.id}
      AND s.starts_at > ${now.toISOString()}::timestamptz + ${experiences.bookingCutoffMinutes} * interval '1 minute'
      AND s.starts_at < ${horizon(now).toISOString()}::timestamptz
      AND s.booked_count + greatest(${experiences.minPeople}, 1) <= s.capacity
  )`.mapWith(experienceSlots.startsAt);
  const where = and(
    publicExperience(),
    options.village !== undefined ? eq(villages.slug, options.village) : undefined,
    options.villageId !== undefined ? eq(experiences.villageId, options.villageId) : undefined,
    options.cooperativeId !== undefined ? eq(experiences.cooperativeId, options.cooperativeId) : undefined,
    options.upcomingOnly ? sql`${nextSlotAt} IS NOT NULL` : undefined,
  );
  const pageOf = (offset: number) =>
    db
      .select({
        slug: experiences.slug,
        titleZh: experiences.titleZh,
        titleEn: experiences.titleEn,
        image: experiences.image,
        durationMinutes: experiences.durationMinutes,
        pricePerPersonCents: experiences.pricePerPersonCents,
        minPeople: experiences.minPeople,
        maxPeople: experiences.maxPeople,
        village: villageRefColumns,
        host: hostColumns,
        nextSlotAt,
      })
      .from(experiences)
      .innerJoin(cooperatives, eq(cooperatives.id, experiences.cooperativeId))
      .innerJoin(villages, eq(villages.id, experiences.villageId))
      .where(where)
      .orderBy(sql`${nextSlotAt} ASC NULLS LAST`, desc(experiences.createdAt), desc(experiences.id))
      .limit(pageSize)
      .offset(offset);
  const [rows, totals] = await Promise.all([
    pageOf(offset),
    db
      .select({ total: count() })
      .from(experiences)
      .innerJoin(cooperatives, eq(cooperatives.id, experiences.cooperativeId))
      .innerJoin(villages, eq(villages.id, experiences.villageId))
      .where(where),
  ]);
  const total = totals[0]?.total ?? 0;
  // A page past the end (a stale link to a list that shrank) shows the last page.
  const last = pageCount(total, pageSize);
  const shown = page > last ? last : page;
  const finalRows = shown === page ? rows : await pageOf((shown - 1) * pageSize);
  const items = finalRows.map((r) => ({ ...r, nextSlotAt: r.nextSlotAt ? r.nextSlotAt.toISOString() : null }));
  return paged(items, total, shown, pageSize);
}

/** Villages that have at least one public experience: the choices of the list's filter. */
export async function listExperienceVillages(db: Database): Promise<VillageRef[]> {
  return db
    .selectDistinct(villageRefColumns)
    .from(experiences)
    .innerJoin(cooperatives, eq(cooperatives.id, experiences.cooperativeId))
    .innerJoin(villages, eq(villages.id, experiences.villageId))
    .where(publicExperience())
    .orderBy(asc(villages.slug));
}

/**
 * A public experience with its slots from `now` to SLOT_HORIZON_DAYS ahead, earliest first,
 * full and closed ones included (shown as such, not bookable). Null when unknown, not active or the host not approved.
 */
export async function getExperienceBySlug(db: Database, slug: string, { now }: { now: Date }): Promise<BookableExperience | null> {
  const [experience] = await db
    .select({
      id: experiences.id,
      slug: experiences.slug,
      titleZh: experiences.titleZh,
      titleEn: experiences.titleEn,
      descriptionZh: experiences.descriptionZh,
      descriptionEn: experiences.descriptionEn,
      meetingPointZh: experiences.meetingPointZh,
      meetingPointEn: experiences.meetingPointEn,
      image: experiences.image,
      durationMinutes: experiences.durationMinutes,
      pricePerPersonCents: experiences.pricePerPersonCents,
      minPeople: experiences.minPeople,
      maxPeople: experiences.maxPeople,
      bookingCutoffMinutes: experiences.bookingCutoffMinutes,
      village: { ...villageRefColumns, ...villageLocationColumns },
      host: hostColumns,
    })
    .from(experiences)
    .innerJoin(cooperatives, eq(cooperatives.id, experiences.cooperativeId))
    .innerJoin(villages, eq(villages.id, experiences.villageId))
    .where(and(eq(experiences.slug, slug), publicExperience()))
    .limit(1);
  if (!experience) return null;

  const slots = await db
    .select()
    .from(experienceSlots)
    .where(
      and(
        eq(experienceSlots.experienceId, experience.id),
        gte(experienceSlots.startsAt, now),
        lt(experienceSlots.startsAt, horizon(now)),
      ),
    )
    .orderBy(asc(experienceSlots.startsAt));

  const { id: _id, ...rest } = experience;
  return {
    ...rest,
    slots: slots.map((s) => {
      const left = seatsLeft(s.capacity, s.bookedCount);
      const rules = { now, cutoffMinutes: experience.bookingCutoffMinutes, minPeople: experience.minPeople };
      return {
        id: s.id,
        startsAt: s.startsAt.toISOString(),
        capacity: s.capacity,
        seatsLeft: left,
        closesAt: slotClosesAt(s.startsAt, experience.bookingCutoffMinutes).toISOString(),
        state: slotState({ startsAt: s.startsAt, seatsLeft: left }, rules),
      };
    }),
  };
}
