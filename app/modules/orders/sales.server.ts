// A cooperative's sales at a glance: orders and revenue today, over 7 and over 30 days (calendar
// days in Asia/Shanghai, today included), and its best-selling products of the 30 days.
// A sale counts from the moment it was paid; what was refunded is taken off the revenue, and a
// seller order refunded in full is no longer counted as an order.
import { TZDate } from "@date-fns/tz";
import { startOfDay, subDays } from "date-fns";
import { sql } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { ORDERS_TIME_ZONE } from "./seller-csv.server";

export type SalesFigures = { orders: number; revenueCents: number };
export type TopProduct = { productId: number | null; slug: string; titleZh: string; titleEn: string; units: number; revenueCents: number };
export type SalesOverview = { today: SalesFigures; days7: SalesFigures; days30: SalesFigures; topProducts: TopProduct[] };

export const TOP_PRODUCTS = 5;

export async function salesOverview(db: Database, cooperativeId: number, now: Date = new Date()): Promise<SalesOverview> {
  const today = startOfDay(new TZDate(now, ORDERS_TIME_ZONE));
  const iso = (d: Date) => new Date(d.getTime()).toISOString();
  const since = { today: iso(today), days7: iso(subDays(today, 6)), days30: iso(subDays(today, 29)) };
  const until = now.toISOString();
  // Timestamps travel as ISO text and are cast in SQL (raw parameters are not typed by Drizzle).
  const [figures] = await db.execute<Record<string, string | number | null>>(sql`
    WITH sold AS (
      SELECT so.status, so.total_cents - so.refunded_cents AS net, coalesce(o.paid_at, o.created_at) AS at
      FROM seller_orders so JOIN orders o ON o.id = so.order_id
      WHERE so.cooperative_id = ${cooperativeId}
        AND so.status NOT IN ('pending_payment', 'cancelled')
        AND coalesce(o.paid_at, o.created_at) >= ${since.days30}::timestamptz
        AND coalesce(o.paid_at, o.created_at) <= ${until}::timestamptz
    )
    SELECT
      count(*) FILTER (WHERE at >= ${since.today}::timestamptz AND status <> 'refunded') AS today_orders,
      coalesce(sum(net) FILTER (WHERE at >= ${since.today}::timestamptz), 0) AS today_revenue,
      count(*) FILTER (WHERE at >= ${since.days7}::timestamptz AND status <> 'refunded') AS days7_orders,
      coalesce(sum(net) FILTER (WHERE at >= ${since.days7}::timestamptz), 0) AS days7_revenue,
      count(*) FILTER (WHERE status <> 'refunded') AS days30_orders,
      coalesce(sum(net), 0) AS days30_revenue
    FROM sold`);
  const top = await db.execute<{ product_id: number | null; slug: string; title_zh: string; title_en: string; units: string | number; revenue: string | number }>(sql`
    SELECT ol.product_id, ol.product_slug AS slug,
      (array_agg(ol.title_zh ORDER BY ol.id DESC))[1] AS title_zh,
      (array_agg(ol.title_en ORDER BY ol.id DESC))[1] AS title_en,
      sum(ol.quantity) AS units, sum(ol.total_cents) AS revenue
    FROM order_lines ol
      JOIN seller_orders so ON so.id = ol.seller_order_id
      JOIN orders o ON o.id = so.order_id
    WHERE so.cooperative_id = ${cooperativeId}
      AND so.status NOT IN ('pending_payment', 'cancelled', 'refunded')
      AND coalesce(o.paid_at, o.created_at) >= ${since.days30}::timestamptz
      AND coalesce(o.paid_at, o.created_at) <= ${until}::timestamptz
    GROUP BY ol.product_id, ol.product_slug
    ORDER BY units DESC, revenue DESC, slug
    LIMIT ${TOP_PRODUCTS}`);
  const n = (k: string) => Number(figures?.[k] ?? 0);
  return {
    today: { orders: n("today_orders"), revenueCents: n("today_revenue") },
    days7: { orders: n("days7_orders"), revenueCents: n("days7_revenue") },
    days30: { orders: n("days30_orders"), revenueCents: n("days30_revenue") },
    topProducts: [...top].map((r) => ({
      productId: r.product_id === null ? null : Number(r.product_id),
      slug: r.slug,
      titleZh: r.title_zh,
      titleEn: r.title_en,
      units: Number(r.units),
      revenueCents: Number(r.revenue),
    })),
  };
}
