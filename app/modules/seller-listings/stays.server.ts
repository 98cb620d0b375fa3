// A cooperative's stays as its dashboard manages them. Every query is scoped to the acting
// cooperative: another cooperative's stay id is "not found", never its data.
import { and, asc, count, desc, eq, min, sql } from "drizzle-orm";
import { stayUnits, stays } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { listingNotFound } from "./errors";
import type { ListingStatus } from "./fields";
import { insertWithFreeSlug } from "./slug.server";
import { archivedStatus, savedStatus } from "./status.server";
import type { StayInput } from "./stay-schemas";
import { assertVillage } from "./villages.server";

export type SellerStayRow = {
  id: number;
  slug: string;
  titleZh: string;
  titleEn: string;
  status: ListingStatus;
  roomCount: number;
  priceFromCents: number | null;
};

/** Active first, then drafts, then archived; newest first within each. */
const statusOrder = sql`CASE ${stays.status} WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END`;

export async function listSellerStays(db: Database, cooperativeId: number): Promise<SellerStayRow[]> {
  return db
    .select({
      id: stays.id,
      slug: stays.slug,
      titleZh: stays.titleZh,
      titleEn: stays.titleEn,
      status: stays.status,
      roomCount: count(stayUnits.id),
      priceFromCents: min(stayUnits.basePriceCents),
    })
    .from(stays)
    .leftJoin(stayUnits, eq(stayUnits.stayId, stays.id))
    .where(eq(stays.cooperativeId, cooperativeId))
    .groupBy(stays.id)
    .orderBy(statusOrder, desc(stays.createdAt), desc(stays.id));
}

export type SellerRoomRow = {
  id: number;
  nameZh: string;
  nameEn: string;
  maxGuests: number;
  basePriceCents: number;
  weekendPriceCents: number | null;
  minNights: number;
};

export type SellerStay = typeof stays.$inferSelect & { rooms: SellerRoomRow[] };

/** The stay with its rooms (in the host's order), or null when it is not this cooperative's. */
export async function getSellerStay(db: Database, cooperativeId: number, stayId: number): Promise<SellerStay | null> {
  const [stay] = await db
    .select()
    .from(stays)
    .where(and(eq(stays.id, stayId), eq(stays.cooperativeId, cooperativeId)));
  if (!stay) return null;
  const rooms = await db
    .select({
      id: stayUnits.id,
      nameZh: stayUnits.nameZh,
      nameEn: stayUnits.nameEn,
      maxGuests: stayUnits.maxGuests,
      basePriceCents: stayUnits.basePriceCents,
      weekendPriceCents: stayUnits.weekendPriceCents,
      minNights: stayUnits.minNights,
    })
    .from(stayUnits)
    .where(eq(stayUnits.stayId, stay.id))
    .orderBy(asc(stayUnits.position), asc(stayUnits.id));
  return { ...stay, rooms };
}

function stayColumns(input: StayInput) {
  return {
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    villageId: input.villageId,
    amenities: input.amenities,
    houseRulesZh: input.houseRulesZh,
    houseRulesEn: input.houseRulesEn,
    checkInTime: input.checkInTime,
    checkOutTime: input.checkOutTime,
    cancellationPolicy: input.cancellationPolicy,
  };
}

export async function createStay(db: Database, cooperativeId: number, input: StayInput): Promise<{ id: number; slug: string }> {
  await assertVillage(db, input.villageId);
  return insertWithFreeSlug(db, "stays", input, async (slug) => {
    const [row] = await db
      .insert(stays)
      .values({ cooperativeId, slug, status: input.status, ...stayColumns(input) })
      .returning({ id: stays.id, slug: stays.slug });
    return row!;
  });
}

/** Saves the form; an archived stay stays archived (restore is its own action). */
export async function updateStay(db: Database, cooperativeId: number, stayId: number, input: StayInput): Promise<void> {
  await assertVillage(db, input.villageId);
  const rows = await db
    .update(stays)
    .set({
      ...stayColumns(input),
      status: savedStatus(stays.status, input.status),
    })
    .where(and(eq(stays.id, stayId), eq(stays.cooperativeId, cooperativeId)))
    .returning({ id: stays.id });
  if (rows.length === 0) listingNotFound();
}

/** Archive hides the stay everywhere public; restore brings it back as a draft to review. */
export async function setStayArchived(db: Database, cooperativeId: number, stayId: number, archived: boolean): Promise<void> {
  const rows = await db
    .update(stays)
    .set({ status: archivedStatus(stays.status, archived) })
    .where(and(eq(stays.id, stayId), eq(stays.cooperativeId, cooperativeId)))
    .returning({ id: stays.id });
  if (rows.length === 0) listingNotFound();
}
