// Read side of villages: the list with how much each village offers, and a village's page.
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { cooperatives, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { CooperativeCardData, Paged, VillageCardData, VillageDetail, VillageRef } from "./listing-types";
import { cooperativeCardColumns, paged, paging, villageLocationColumns, villageRefColumns } from "./listing-select.server";

// (`villages.id` is written out: drizzle drops the table name of a one-table select, and
// inside these subqueries a bare "id" would be ambiguous.)
// Counts use the same visibility as the lists they announce (see listStays/listExperiences
// and the product catalogue): active listings of approved cooperatives; a stay needs a room.
const stayCount = sql<number>`(
  SELECT count(*) FROM stays s JOIN cooperatives c ON c.id = s.cooperative_id
  WHERE s.village_id = villages.id AND s.status = 'active' AND c.status = 'approved'
    AND EXISTS (SELECT 1 FROM stay_units u WHERE u.stay_id = s.id)
)`.mapWith(Number);
const experienceCount = sql<number>`(
  SELECT count(*) FROM experiences e JOIN cooperatives c ON c.id = e.cooperative_id
  WHERE e.village_id = villages.id AND e.status = 'active' AND c.status = 'approved'
)`.mapWith(Number);
const productCount = sql<number>`(
  SELECT count(*) FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
  WHERE p.village_id = villages.id AND p.status = 'active' AND c.status = 'approved'
)`.mapWith(Number);

const villageCardColumns = {
  ...villageRefColumns,
  ...villageLocationColumns,
  summaryZh: villages.summaryZh,
  summaryEn: villages.summaryEn,
  coverImage: villages.coverImage,
  featured: villages.featured,
  stayCount,
  experienceCount,
  productCount,
};

/**
 * All villages, featured first (the operator curates `featured`), then oldest first. `offset`
 * (the JSON API's paging) overrides the offset that `page` implies.
 */
export async function listVillages(
  db: Database,
  options: { featuredOnly?: boolean; page?: number; pageSize?: number; offset?: number } = {},
): Promise<Paged<VillageCardData>> {
  const { page, pageSize, offset: pageOffset } = paging(options, 24);
  const offset = options.offset !== undefined ? Math.max(Math.trunc(options.offset), 0) : pageOffset;
  const where = options.featuredOnly ? eq(villages.featured, true) : undefined;
  const [items, totals] = await Promise.all([
    db
      .select(villageCardColumns)
      .from(villages)
      .where(where)
      .orderBy(desc(villages.featured), asc(villages.id))
      .limit(pageSize)
      .offset(offset),
    db.select({ total: count() }).from(villages).where(where),
  ]);
  return paged(items, totals[0]?.total ?? 0, page, pageSize);
}

export async function getVillageBySlug(db: Database, slug: string): Promise<VillageDetail | null> {
  const [village] = await db
    .select({
      ...villageRefColumns,
      ...villageLocationColumns,
      summaryZh: villages.summaryZh,
      summaryEn: villages.summaryEn,
      storyZh: villages.storyZh,
      storyEn: villages.storyEn,
      highlights: villages.highlights,
      coverImage: villages.coverImage,
      lat: villages.lat,
      lng: villages.lng,
    })
    .from(villages)
    .where(eq(villages.slug, slug))
    .limit(1);
  return village ?? null;
}

/** Approved cooperatives, farms and hosts of a village (by slug), oldest first. */
export async function listVillageCooperatives(db: Database, villageSlug: string): Promise<CooperativeCardData[]> {
  const rows = await db
    .select(cooperativeCardColumns)
    .from(cooperatives)
    .innerJoin(villages, eq(villages.id, cooperatives.villageId))
    .where(and(eq(villages.slug, villageSlug), eq(cooperatives.status, "approved")))
    .orderBy(asc(cooperatives.id))
    .limit(100);
  return rows.map((r) => ({ ...r, village: r.village as VillageRef }));
}
