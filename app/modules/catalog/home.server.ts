// The home page's data: featured villages, seasonal products, stays and upcoming experiences,
// fetched together (one round of queries in parallel).
import { and, desc, eq, sql } from "drizzle-orm";
import { cooperatives, products, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { listExperiences } from "./experiences.server";
import { type ProductCard, cardColumns, inStockSql, preSaleSql } from "./products.server";
import type { ExperienceCardData, StayCardData, VillageCardData } from "./listing-types";
import { listStays } from "./stays.server";
import { listVillages } from "./villages.server";

export type HomeData = {
  villages: VillageCardData[];
  /** True when at least one product is in season this month or on harvest pre-sale. */
  productsInSeason: boolean;
  products: ProductCard[];
  stays: StayCardData[];
  experiences: ExperienceCardData[];
};

// `harvest_season` is free text in the CSV; the months form ("3-4", "9", "11-2", "3–4月") is the
// one that says when. Ranges may wrap the new year. Same reading as formatHarvestSeason.
const SEASON_PATTERN = "^\\s*(\\d{1,2})\\s*月?\\s*(?:[-–~至到]\\s*(\\d{1,2}))?\\s*月?\\s*$";

/** SQL: the product's harvest season includes `month` (1–12). */
export function inSeasonSql(month: number) {
  return sql<boolean>`exists (
    select 1 from regexp_match(${products.harvestSeason}, ${SEASON_PATTERN}) as m(a)
    cross join lateral (select a[1]::int as f, coalesce(a[2], a[1])::int as t) as r
    where a is not null and r.f between 1 and 12 and r.t between 1 and 12
      and case when r.f <= r.t then ${month}::int between r.f and r.t
               else ${month}::int >= r.f or ${month}::int <= r.t end
  )`;
}

/**
 * Products in season this month (Asia/Shanghai) or on pre-sale, those in stock first, then the
 * newest; when nothing is in season the newest products fill the shelf.
 */
export async function listSeasonalProducts(
  db: Database,
  { today, limit = 8 }: { today: string; limit?: number },
): Promise<{ items: ProductCard[]; inSeason: boolean }> {
  const month = Number(today.slice(5, 7));
  const seasonal = sql<boolean>`(${inSeasonSql(month)} or ${preSaleSql(today)})`;
  const rows = await db
    // The same card as the catalogue's (ProductCard), plus whether it is in season.
    .select({ ...cardColumns(today), seasonal })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .leftJoin(villages, eq(villages.id, products.villageId))
    .where(and(eq(products.status, "active"), eq(cooperatives.status, "approved")))
    .orderBy(desc(seasonal), desc(inStockSql()), desc(products.createdAt), desc(products.id))
    .limit(limit);
  return {
    items: rows.map(({ seasonal: _seasonal, ...card }) => card),
    inSeason: rows.some((r) => r.seasonal),
  };
}

export async function getHomeData(db: Database, { today, now }: { today: string; now: Date }): Promise<HomeData> {
  const [featured, seasonal, stays, experiences] = await Promise.all([
    listVillages(db, { pageSize: 6 }),
    listSeasonalProducts(db, { today, limit: 8 }),
    listStays(db, { pageSize: 4 }),
    listExperiences(db, { upcomingOnly: true, now, pageSize: 4 }),
  ]);
  return {
    villages: featured.items,
    productsInSeason: seasonal.inSeason,
    products: seasonal.items,
    stays: stays.items,
    experiences: experiences.items,
  };
}
