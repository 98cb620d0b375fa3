// Village names by slug, for lists that know only slugs (the search page's village facet).
import { inArray } from "drizzle-orm";
import { villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { VillageRef } from "./listing-types";
import { villageRefColumns } from "./listing-select.server";

/** The villages among `slugs` (unknown slugs are left out), in no particular order. */
export async function listVillageRefs(db: Database, slugs: readonly string[]): Promise<VillageRef[]> {
  const wanted = [...new Set(slugs)].slice(0, 500);
  if (!wanted.length) return [];
  return db.select(villageRefColumns).from(villages).where(inArray(villages.slug, wanted));
}
