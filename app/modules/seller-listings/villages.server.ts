// Villages a seller can place a stay or an experience in (every village on the site), and the
// cooperative's own village as the form's first choice.
import { asc, eq } from "drizzle-orm";
import { cooperatives, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { ListingError } from "./errors";
import type { VillageOption } from "./types";

export async function listVillageOptions(db: Database): Promise<VillageOption[]> {
  return db
    .select({ id: villages.id, nameZh: villages.nameZh, nameEn: villages.nameEn, countyZh: villages.countyZh, countyEn: villages.countyEn })
    .from(villages)
    .orderBy(asc(villages.countyZh), asc(villages.nameZh), asc(villages.id));
}

export async function cooperativeVillageId(db: Database, cooperativeId: number): Promise<number | null> {
  const [row] = await db.select({ villageId: cooperatives.villageId }).from(cooperatives).where(eq(cooperatives.id, cooperativeId));
  return row?.villageId ?? null;
}

type Executor = Pick<Database, "select">;

/** A village id picked in a form must be one of the list (a tampered one is a field error). */
export async function assertVillage(db: Executor, villageId: number): Promise<void> {
  const [row] = await db.select({ id: villages.id }).from(villages).where(eq(villages.id, villageId));
  if (!row) throw new ListingError(400, "listings.error.village", "villageId");
}
