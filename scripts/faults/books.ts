// The books after an outage: every order whole and consistent with its status, stock that adds up,
// and every payment applied once. Each check is one SQL count of the rows that break a rule, so a
// report names the rule and how many rows broke it. Only the drill's orders (its buyers' e-mail)
// are checked: the seed's demo orders are in other states on purpose.
import type postgres from "postgres";

export type BookCheck = { rule: string; broken: number };

type Counted = { n: number }[];

async function count(sql: postgres.Sql, query: Promise<Counted>): Promise<number> {
  const [row] = await query;
  return row?.n ?? 0;
}

/** Half-written orders: each rule counts the rows that break it (0 everywhere = whole orders). */
export async function halfWrittenOrders(sql: postgres.Sql, email: string, skus: readonly string[], startStock: number): Promise<BookCheck[]> {
  return [
    {
      rule: "orders without seller orders",
      broken: await count(sql, sql`SELECT count(*)::int AS n FROM orders o WHERE o.email = ${email} AND NOT EXISTS (SELECT 1 FROM seller_orders s WHERE s.order_id = o.id)`),
    },
    {
      rule: "orders without lines",
      broken: await count(sql, sql`SELECT count(*)::int AS n FROM orders o WHERE o.email = ${email} AND NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`),
    },
    {
      rule: "lines of another order's seller order",
      broken: await count(sql, sql`SELECT count(*)::int AS n FROM order_lines l JOIN seller_orders s ON s.id = l.seller_order_id WHERE s.order_id <> l.order_id`),
    },
    {
      rule: "order totals ≠ the sum of their seller orders",
      broken: await count(
        sql,
        sql`SELECT count(*)::int AS n FROM orders o
            WHERE o.email = ${email} AND o.total_cents <> (SELECT coalesce(sum(s.total_cents), 0) FROM seller_orders s WHERE s.order_id = o.id)`,
      ),
    },
    {
      rule: "seller orders whose status differs from their order's",
      broken: await count(sql, sql`SELECT count(*)::int AS n FROM seller_orders s JOIN orders o ON o.id = s.order_id WHERE o.email = ${email} AND s.status::text <> o.status::text`),
    },
    {
      rule: "holds whose state does not match the order (paid→consumed, pending→held, cancelled→released)",
      broken: await count(
        sql,
        sql`SELECT count(*)::int AS n FROM stock_holds h LEFT JOIN orders o ON o.id = h.order_id
            WHERE (o.id IS NULL OR o.email = ${email}) AND NOT (o.id IS NOT NULL AND ((o.status = 'paid' AND h.state = 'consumed')
               OR (o.status = 'pending_payment' AND h.state = 'held')
               OR (o.status = 'cancelled' AND h.state = 'released')))`,
      ),
    },
    {
      rule: "order lines without their hold, or holds without their lines (or other quantities)",
      broken: await count(
        sql,
        sql`SELECT count(*)::int AS n
            FROM (SELECT order_id, variant_id, sum(quantity)::int AS q FROM order_lines
                  WHERE order_id IN (SELECT id FROM orders WHERE email = ${email}) GROUP BY 1, 2) l
            FULL JOIN (SELECT * FROM stock_holds WHERE order_id IN (SELECT id FROM orders WHERE email = ${email})) h
              ON h.order_id = l.order_id AND h.variant_id = l.variant_id
            WHERE h.id IS NULL OR l.order_id IS NULL OR h.quantity <> l.q`,
      ),
    },
    {
      rule: "SKUs whose stock ≠ start − units of paid and pending orders",
      broken: await count(
        sql,
        sql`SELECT count(*)::int AS n FROM product_variants v
            WHERE v.sku IN ${sql(skus as string[])}
              AND v.stock <> ${startStock} - (
                SELECT coalesce(sum(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE l.variant_id = v.id AND o.status IN ('paid', 'pending_payment'))`,
      ),
    },
  ];
}

/** Duplicate charges: each rule counts what would be a second charge or a lost one. */
export async function duplicateCharges(sql: postgres.Sql, email: string): Promise<BookCheck[]> {
  return [
    {
      rule: "payment events recorded twice",
      broken: await count(sql, sql`SELECT (count(*) - count(DISTINCT (provider, event_id)))::int AS n FROM payment_events`),
    },
    {
      rule: "orders with more than one applied successful payment",
      broken: await count(
        sql,
        sql`SELECT count(*)::int AS n FROM (SELECT order_id FROM payment_events
            WHERE outcome IN ('applied', 'late_payment_taken') AND type LIKE '%succeeded'
              AND order_id IN (SELECT id FROM orders WHERE email = ${email}) GROUP BY order_id HAVING count(*) > 1) x`,
      ),
    },
    {
      rule: "paid orders without exactly one applied payment, or without a payment id",
      broken: await count(
        sql,
        sql`SELECT count(*)::int AS n FROM orders o WHERE o.email = ${email} AND o.status = 'paid' AND (o.provider_payment_id IS NULL OR
            (SELECT count(*) FROM payment_events e WHERE e.order_id = o.id AND e.outcome IN ('applied', 'late_payment_taken')) <> 1)`,
      ),
    },
    {
      rule: "a payment id on two orders",
      broken: await count(sql, sql`SELECT (count(provider_payment_id) - count(DISTINCT provider_payment_id))::int AS n FROM orders`),
    },
  ];
}

/** What the buyers were told against what the books say: a 201 is an order that exists, a "paid" a paid order. */
export async function buyersVersusBooks(sql: postgres.Sql, placed: ReadonlySet<string>, paid: ReadonlySet<string>): Promise<BookCheck[]> {
  const rows = placed.size ? await sql<{ number: string; status: string }[]>`SELECT number, status::text FROM orders WHERE number IN ${sql([...placed])}` : [];
  const status = new Map(rows.map((r) => [r.number, r.status]));
  return [
    { rule: "orders answered 201 that do not exist", broken: [...placed].filter((n) => !status.has(n)).length },
    { rule: "orders answered paid that are not paid", broken: [...paid].filter((n) => status.get(n) !== "paid").length },
  ];
}

export async function ordersByStatus(sql: postgres.Sql, email: string): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM orders WHERE email = ${email} GROUP BY 1 ORDER BY 1`;
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
