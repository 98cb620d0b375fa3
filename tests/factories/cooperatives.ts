import { cooperatives } from "../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { uniqueSlug } from "./unique";

export type CooperativeRow = typeof cooperatives.$inferSelect;

export async function createCooperative(
  db: Database,
  overrides: Partial<typeof cooperatives.$inferInsert> = {},
): Promise<CooperativeRow> {
  const slug = overrides.slug ?? uniqueSlug("coop");
  const [row] = await db
    .insert(cooperatives)
    .values({
      slug,
      nameZh: `测试合作社${slug.slice(-6)}`,
      nameEn: `Test Cooperative ${slug.slice(-6)}`,
      kind: "cooperative",
      status: "approved",
      ...overrides,
    })
    .returning();
  return row!;
}
