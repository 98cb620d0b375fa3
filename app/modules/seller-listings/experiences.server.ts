// A cooperative's experiences as its dashboard manages them, scoped to the acting cooperative.
import { and, desc, eq, sql } from "drizzle-orm";
import { experienceSlots, experiences } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { listingNotFound } from "./errors";
import type { ExperienceInput } from "./experience-schemas";
import type { ListingStatus } from "./fields";
import { insertWithFreeSlug } from "./slug.server";
import { archivedStatus, savedStatus } from "./status.server";
import { assertVillage } from "./villages.server";

export type SellerExperienceRow = {
  id: number;
  slug: string;
  titleZh: string;
  titleEn: string;
  status: ListingStatus;
  pricePerPersonCents: number;
  durationMinutes: number;
  upcomingSlots: number;
};

const statusOrder = sql`CASE ${experiences.status} WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`;

export async function listSellerExperiences(db: Database, cooperativeId: number, { now }: { now: Date }): Promise<SellerExperienceRow[]> {
  // Instants go in as ISO strings with a cast: drizzle's postgres-js driver leaves timestamptz raw.
  const upcoming = sql<number>`(
    SELECT count(*) FROM ${experienceSlots} s
    WHERE s.experience_id = ${experiences.id} AND s.starts_at > ${now.toISOString()}::timestamptz
  )`.mapWith(Number);
  return db
    .select({
      id: experiences.id,
      slug: experiences.slug,
      titleZh: experiences.titleZh,
      titleEn: experiences.titleEn,
      status: experiences.status,
      pricePerPersonCents: experiences.pricePerPersonCents,
      durationMinutes: experiences.durationMinutes,
      upcomingSlots: upcoming,
    })
    .from(experiences)
    .where(eq(experiences.cooperativeId, cooperativeId))
    .orderBy(statusOrder, desc(experiences.createdAt), desc(experiences.id));
}

export type ExperienceRef = { id: number; slug: string; titleZh: string; titleEn: string; status: ListingStatus };

export async function experienceRef(db: Database, cooperativeId: number, experienceId: number): Promise<ExperienceRef> {
  const [row] = await db
    .select({ id: experiences.id, slug: experiences.slug, titleZh: experiences.titleZh, titleEn: experiences.titleEn, status: experiences.status })
    .from(experiences)
    .where(and(eq(experiences.id, experienceId), eq(experiences.cooperativeId, cooperativeId)));
  if (!row) listingNotFound();
  return row;
}

export type SellerExperience = typeof experiences.$inferSelect;

export async function getSellerExperience(db: Database, cooperativeId: number, experienceId: number): Promise<SellerExperience | null> {
  const [row] = await db
    .select()
    .from(experiences)
    .where(and(eq(experiences.id, experienceId), eq(experiences.cooperativeId, cooperativeId)));
  return row ?? null;
}

function experienceColumns(input: ExperienceInput) {
  return {
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    meetingPointZh: input.meetingPointZh,
    meetingPointEn: input.meetingPointEn,
    villageId: input.villageId,
    durationMinutes: input.durationMinutes,
    pricePerPersonCents: input.price,
    minPeople: input.minPeople,
    maxPeople: input.maxPeople,
    // The form's hours are minutes once parsed (see experienceSchema).
    ...(input.bookingCutoffHours === undefined ? {} : { bookingCutoffMinutes: input.bookingCutoffHours }),
  };
}

export async function createExperience(db: Database, cooperativeId: number, input: ExperienceInput): Promise<{ id: number; slug: string }> {
  await assertVillage(db, input.villageId);
  return insertWithFreeSlug(db, "experiences", input, async (slug) => {
    const [row] = await db
      .insert(experiences)
      .values({ cooperativeId, slug, status: input.status, ...experienceColumns(input) })
      .returning({ id: experiences.id, slug: experiences.slug });
    return row!;
  });
}

/** Saves the form; an archived experience stays archived (restore is its own action). */
export async function updateExperience(db: Database, cooperativeId: number, experienceId: number, input: ExperienceInput): Promise<void> {
  await assertVillage(db, input.villageId);
  const rows = await db
    .update(experiences)
    .set({
      ...experienceColumns(input),
      status: savedStatus(experiences.status, input.status),
    })
    .where(and(eq(experiences.id, experienceId), eq(experiences.cooperativeId, cooperativeId)))
    .returning({ id: experiences.id });
  if (rows.length === 0) listingNotFound();
}

/** Archive hides it everywhere public (its slots too); restore brings it back as a draft. */
export async function setExperienceArchived(db: Database, cooperativeId: number, experienceId: number, archived: boolean): Promise<void> {
  const rows = await db
    .update(experiences)
    .set({ status: archivedStatus(experiences.status, archived) })
    .where(and(eq(experiences.id, experienceId), eq(experiences.cooperativeId, cooperativeId)))
    .returning({ id: experiences.id });
  if (rows.length === 0) listingNotFound();
}
