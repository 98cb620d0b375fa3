// Read side of a seller's public page. Only approved cooperatives are public.
import { and, eq } from "drizzle-orm";
import { cooperatives, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { CooperativeDetail } from "./listing-types";
import { cooperativeCardColumns } from "./listing-select.server";

export async function getCooperativeBySlug(db: Database, slug: string): Promise<CooperativeDetail | null> {
  const [row] = await db
    .select({ id: cooperatives.id, ...cooperativeCardColumns })
    .from(cooperatives)
    .leftJoin(villages, eq(villages.id, cooperatives.villageId))
    .where(and(eq(cooperatives.slug, slug), eq(cooperatives.status, "approved")))
    .limit(1);
  if (!row) return null;
  // A left-joined village comes back with every field null when the seller has none.
  return { ...row, village: row.village?.slug ? { slug: row.village.slug, nameZh: row.village.nameZh!, nameEn: row.village.nameEn! } : null };
}
