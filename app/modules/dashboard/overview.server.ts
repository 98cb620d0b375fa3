import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { type SalesOverview, salesOverview } from "../orders/sales.server";

export type DashboardOverview = {
  products: { active: number; draft: number; archived: number };
  lowStockVariants: number;
  stays: number;
  rooms: number;
  experiences: number;
  upcomingSlots: number;
  /** Orders and revenue today / 7 / 30 days (Asia/Shanghai), and the best sellers. */
  sales: SalesOverview;
};

/** What a seller sees first: its sales and counts of its own listings (scoped to the one cooperative). */
export async function getDashboardOverview(db: Database, cooperativeId: number, now: Date = new Date()): Promise<DashboardOverview> {
  const sales = await salesOverview(db, cooperativeId, now);
  const [row] = await db.execute<Record<string, string | number>>(sql`
    SELECT
      (SELECT count(*) FROM products WHERE cooperative_id = ${cooperativeId} AND status = 'active') AS active,
      (SELECT count(*) FROM products WHERE cooperative_id = ${cooperativeId} AND status = 'draft') AS draft,
      (SELECT count(*) FROM products WHERE cooperative_id = ${cooperativeId} AND status = 'archived') AS archived,
      (SELECT count(*) FROM product_variants v JOIN products p ON p.id = v.product_id
        WHERE p.cooperative_id = ${cooperativeId} AND p.status = 'active' AND v.stock <= 5) AS low_stock,
      (SELECT count(*) FROM stays WHERE cooperative_id = ${cooperativeId} AND status <> 'archived') AS stays,
      (SELECT count(*) FROM stay_units u JOIN stays s ON s.id = u.stay_id
        WHERE s.cooperative_id = ${cooperativeId} AND s.status <> 'archived') AS rooms,
      (SELECT count(*) FROM experiences WHERE cooperative_id = ${cooperativeId} AND status <> 'archived') AS experiences,
      (SELECT count(*) FROM experience_slots sl JOIN experiences e ON e.id = sl.experience_id
        WHERE e.cooperative_id = ${cooperativeId} AND sl.starts_at > now()) AS upcoming_slots`);
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    products: { active: n("active"), draft: n("draft"), archived: n("archived") },
    lowStockVariants: n("low_stock"),
    stays: n("stays"),
    rooms: n("rooms"),
    experiences: n("experiences"),
    upcomingSlots: n("upcoming_slots"),
    sales,
  };
}
