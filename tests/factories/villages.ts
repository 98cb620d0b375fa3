import { villages } from "../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { uniqueSlug } from "./unique";

export type VillageRow = typeof villages.$inferSelect;

export async function createVillage(
  db: Database,
  overrides: Partial<typeof villages.$inferInsert> = {},
): Promise<VillageRow> {
  const slug = overrides.slug ?? uniqueSlug("village");
  const [row] = await db
    .insert(villages)
    .values({
      slug,
      nameZh: `测试村${slug.slice(-6)}`,
      nameEn: `Test Village ${slug.slice(-6)}`,
      provinceZh: "浙江省",
      provinceEn: "Zhejiang",
      cityZh: "湖州市",
      cityEn: "Huzhou",
      countyZh: "安吉县",
      countyEn: "Anji County",
      storyZh: "测试用村庄。",
      storyEn: "A village for tests.",
      coverImage: "/images/villages/test.svg",
      ...overrides,
    })
    .returning();
  return row!;
}
