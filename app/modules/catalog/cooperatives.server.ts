// Read side of a seller's public page. Only approved cooperatives are public.
import { and, asc, count, eq } from "drizzle-orm";
import { cooperatives, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { CooperativeCardData, CooperativeDetail, CooperativeKind } from "./listing-types";
import { cooperativeCardColumns } from "./listing-select.server";

export async function getCooperativeBySlug(db: Database, slug: string): Promise<CooperativeDetail | null> {
  const [row] = await db
    .select({ id: cooperatives.id, ...cooperativeCardColumns })
    .from(cooperatives)
    .leftJoin(villages, eq(villages.id, cooperatives.villageId))
    .where(and(eq(cooperatives.slug, slug), eq(cooperatives.status, "approved")))
    .limit(1);
  return row ? withVillage(row) : null;
}

// A left-joined village comes back with every field null when the seller has none.
function withVillage<T extends { village: { slug: string | null; nameZh: string | null; nameEn: string | null } | null }>(
  row: T,
): Omit<T, "village"> & { village: CooperativeCardData["village"] } {
  return { ...row, village: row.village?.slug ? { slug: row.village.slug, nameZh: row.village.nameZh!, nameEn: row.village.nameEn! } : null };
}

export type ListCooperativesOptions = { village?: string; kind?: CooperativeKind; limit?: number; offset?: number };

/** Approved sellers, optionally of one village (slug) and one kind, oldest first (the JSON API's list). */
export async function listCooperatives(
  db: Database,
  options: ListCooperativesOptions = {},
): Promise<{ items: CooperativeCardData[]; total: number }> {
  const where = and(
    eq(cooperatives.status, "approved"),
    options.village !== undefined ? eq(villages.slug, options.village) : undefined,
    options.kind !== undefined ? eq(cooperatives.kind, options.kind) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select(cooperativeCardColumns)
      .from(cooperatives)
      .leftJoin(villages, eq(villages.id, cooperatives.villageId))
      .where(where)
      .orderBy(asc(cooperatives.id))
      .limit(Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 100))
      .offset(Math.max(Math.trunc(options.offset ?? 0), 0)),
    db.select({ total: count() }).from(cooperatives).leftJoin(villages, eq(villages.id, cooperatives.villageId)).where(where),
  ]);
  return { items: rows.map(withVillage), total: totals[0]?.total ?? 0 };
}
