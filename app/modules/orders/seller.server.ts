// A cooperative's own orders, as its members see and move them in the dashboard. Every function
// takes the acting cooperative and reads or writes nothing outside it: another cooperative's
// seller order is answered exactly like one that does not exist (SellerOrderError "not_found").
// Status changes are single conditional UPDATEs built from the state machine in status.ts, so
// two people pressing "shipped" at once change the order once, and the other gets a 409.
import { and, asc, desc, eq, ilike, inArray, notInArray, or, sql } from "drizzle-orm";
import { cooperatives, orderLines, orders, refunds, sellerOrders } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { formErrorMap } from "~/utils/forms";
import { escapeLike } from "~/utils/sql-like.server";
import { type OrderLine, orderLineColumns } from "./lines.server";
import { type OrderListFilter, type ShipInput, UNPAID_STATUSES, shipFieldsSchema } from "./seller-schemas";
import { SellerOrderError } from "./seller-errors";
import { type SellerOrderStatus, sellerSourcesOf } from "./status";

export { SellerOrderError, type SellerOrderErrorCode } from "./seller-errors";
export { ordersCsv } from "./seller-csv.server";
export { salesOverview, type SalesOverview } from "./sales.server";

export const ORDERS_PAGE_SIZE = 20;

const notFound = () => new SellerOrderError("not_found", "ordersDashboard.error.notFound");

export type SellerOrderRef = { cooperativeId: number; sellerOrderId: number };

// ---- reading ------------------------------------------------------------------------------------

export type SellerOrderRow = {
  id: number;
  number: string;
  status: SellerOrderStatus;
  createdAt: Date;
  buyerName: string;
  city: string;
  totalCents: number;
  lines: Pick<OrderLine, "titleZh" | "titleEn" | "variantZh" | "variantEn" | "quantity">[];
};

export async function listSellerOrders(
  db: Database,
  cooperativeId: number,
  filter: Pick<OrderListFilter, "page"> & Partial<Pick<OrderListFilter, "status" | "q">>,
): Promise<{ items: SellerOrderRow[]; total: number; page: number; pages: number }> {
  const conditions = [eq(sellerOrders.cooperativeId, cooperativeId)];
  const status = filter.status ?? "open";
  if (status === "open") conditions.push(notInArray(sellerOrders.status, [...UNPAID_STATUSES]));
  else if (status !== "all") conditions.push(eq(sellerOrders.status, status));
  const q = (filter.q ?? "").trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    // Phone numbers are stored as 11 digits; people type them with spaces or dashes.
    const digits = q.replace(/[\s-]/g, "");
    conditions.push(
      or(
        ilike(orders.number, like),
        ilike(orders.name, like),
        /^\+?\d{3,}$/.test(digits) ? ilike(orders.phone, `%${escapeLike(digits.replace(/^\+?86(?=1\d{10}$)/, ""))}%`) : undefined,
      )!,
    );
  }
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(where);
  const pages = Math.max(1, Math.ceil(total / ORDERS_PAGE_SIZE));
  const page = Math.min(filter.page, pages);
  const rows = await db
    .select({
      id: sellerOrders.id,
      number: orders.number,
      status: sellerOrders.status,
      createdAt: orders.createdAt,
      buyerName: orders.name,
      city: orders.city,
      totalCents: sellerOrders.totalCents,
    })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(where)
    .orderBy(desc(orders.createdAt), desc(sellerOrders.id))
    .limit(ORDERS_PAGE_SIZE)
    .offset((page - 1) * ORDERS_PAGE_SIZE);
  const lines = rows.length
    ? await db
        .select({
          sellerOrderId: orderLines.sellerOrderId,
          titleZh: orderLines.titleZh,
          titleEn: orderLines.titleEn,
          variantZh: orderLines.variantZh,
          variantEn: orderLines.variantEn,
          quantity: orderLines.quantity,
        })
        .from(orderLines)
        .where(inArray(orderLines.sellerOrderId, rows.map((r) => r.id)))
        .orderBy(asc(orderLines.id))
    : [];
  const items = rows.map((r) => ({
    ...r,
    lines: lines.filter((l) => l.sellerOrderId === r.id).map(({ sellerOrderId: _, ...l }) => l),
  }));
  return { items, total, page, pages };
}

export type TimelineEvent = { event: "placed" | "paid" | "packed" | "shipped" | "delivered" | "refunded" | "cancelled"; at: Date };

export type SellerOrderDetail = {
  id: number;
  orderId: number;
  number: string;
  status: SellerOrderStatus;
  orderStatus: typeof orders.$inferSelect.status;
  createdAt: Date;
  buyer: { name: string; phone: string; email: string };
  address: { province: string; city: string; district: string; detail: string };
  note: string;
  lines: OrderLine[];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  commissionBps: number;
  commissionCents: number;
  refundedCents: number;
  /** What reaches the cooperative: the total less the commission, less what was refunded. */
  payoutCents: number;
  carrier: string | null;
  trackingNumber: string | null;
  timeline: TimelineEvent[];
  refunds: { amountCents: number; reason: string; at: Date }[];
  cooperative: { nameZh: string; nameEn: string };
};

export async function getSellerOrder(db: Database, ref: SellerOrderRef): Promise<SellerOrderDetail> {
  const [row] = await db
    .select({ so: sellerOrders, o: orders, coop: { nameZh: cooperatives.nameZh, nameEn: cooperatives.nameEn } })
    .from(sellerOrders)
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(and(eq(sellerOrders.id, ref.sellerOrderId), eq(sellerOrders.cooperativeId, ref.cooperativeId)));
  if (!row) throw notFound();
  const { so, o } = row;
  const lines = await db
    .select(orderLineColumns)
    .from(orderLines)
    .where(eq(orderLines.sellerOrderId, so.id))
    .orderBy(asc(orderLines.id));
  const given = await db
    .select({ amountCents: refunds.amountCents, reason: refunds.reason, at: refunds.createdAt })
    .from(refunds)
    .where(eq(refunds.sellerOrderId, so.id))
    .orderBy(asc(refunds.id));
  const timeline: TimelineEvent[] = [{ event: "placed", at: o.createdAt }];
  const add = (event: TimelineEvent["event"], at: Date | null) => {
    if (at) timeline.push({ event, at });
  };
  add("paid", o.paidAt);
  if (so.status === "cancelled") add("cancelled", o.cancelledAt ?? so.updatedAt);
  add("packed", so.packedAt);
  add("shipped", so.shippedAt);
  add("delivered", so.deliveredAt);
  add("refunded", so.refundedAt);
  timeline.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    id: so.id,
    orderId: o.id,
    number: o.number,
    status: so.status,
    orderStatus: o.status,
    createdAt: o.createdAt,
    buyer: { name: o.name, phone: o.phone, email: o.email },
    address: { province: o.province, city: o.city, district: o.district, detail: o.addressDetail },
    note: o.note,
    lines,
    subtotalCents: so.subtotalCents,
    shippingCents: so.shippingCents,
    totalCents: so.totalCents,
    commissionBps: so.commissionBps,
    commissionCents: so.commissionCents,
    refundedCents: so.refundedCents,
    payoutCents: Math.max(0, so.totalCents - so.commissionCents - so.refundedCents),
    carrier: so.carrier,
    trackingNumber: so.trackingNumber,
    timeline,
    refunds: given,
    cooperative: row.coop,
  };
}

/** True when the seller order exists and is the cooperative's (the pages' 404 check). */
export async function sellerOrderInCooperative(db: Database, ref: SellerOrderRef): Promise<boolean> {
  const [row] = await db
    .select({ id: sellerOrders.id })
    .from(sellerOrders)
    .where(and(eq(sellerOrders.id, ref.sellerOrderId), eq(sellerOrders.cooperativeId, ref.cooperativeId)));
  return Boolean(row);
}

// ---- moving ---------------------------------------------------------------------------------------

type Movable = "packed" | "shipped" | "delivered";

/**
 * One conditional UPDATE: the row moves only if it is the cooperative's and its status is one the
 * state machine allows `to` from. When nothing moved, a second look says why (404 or 409).
 */
async function move(db: Database, ref: SellerOrderRef, to: Movable, set: Partial<typeof sellerOrders.$inferInsert>): Promise<void> {
  const moved = await db
    .update(sellerOrders)
    .set({ ...set, status: to })
    .where(
      and(
        eq(sellerOrders.id, ref.sellerOrderId),
        eq(sellerOrders.cooperativeId, ref.cooperativeId),
        inArray(sellerOrders.status, sellerSourcesOf(to)),
        // Packing and shipping are for parcels: a part of only rooms and seats has none.
        sql`EXISTS (SELECT 1 FROM order_lines ol WHERE ol.seller_order_id = ${sellerOrders.id})`,
      ),
    )
    .returning({ id: sellerOrders.id });
  if (moved.length) return;
  const [current] = await db
    .select({ status: sellerOrders.status })
    .from(sellerOrders)
    .where(and(eq(sellerOrders.id, ref.sellerOrderId), eq(sellerOrders.cooperativeId, ref.cooperativeId)));
  if (!current) throw notFound();
  throw new SellerOrderError("illegal_transition", `ordersDashboard.error.cannot.${to}`, current.status);
}

export function markPacked(db: Database, ref: SellerOrderRef, now = new Date()): Promise<void> {
  return move(db, ref, "packed", { packedAt: now });
}

/** Shipped with the carrier and tracking number the buyer is mailed; a bad one is refused (400) before anything moves. */
export async function markShipped(
  db: Database,
  ref: SellerOrderRef,
  input: Pick<ShipInput, "carrier" | "trackingNumber">,
  now = new Date(),
): Promise<void> {
  const parsed = shipFieldsSchema.safeParse(input, { errorMap: formErrorMap });
  if (!parsed.success) throw new SellerOrderError("invalid", parsed.error.issues[0]?.message ?? "form.invalid");
  return move(db, ref, "shipped", { carrier: parsed.data.carrier, trackingNumber: parsed.data.trackingNumber, shippedAt: now });
}

export function markDelivered(db: Database, ref: SellerOrderRef, now = new Date()): Promise<void> {
  return move(db, ref, "delivered", { deliveredAt: now });
}
