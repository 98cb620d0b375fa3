// What a buyer may read about their orders. Every query takes the owner: an order is shown to
// its signed-in owner or to whoever holds its signed link (?t=…); to anyone else it does not
// exist (the caller answers 404, so a guessed number reveals nothing).
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { cooperatives, orderLines, orders, refunds, sellerOrders } from "../../../db/schema/index";
import type { OrderStatus, SellerOrderStatus } from "../../../db/schema/orders";
import type { Database } from "~/utils/db.server";
import { verifyOrderAccessToken } from "./access.server";
import { orderBookings } from "../bookings/traveller.server";
import { type OrderLine, orderLineColumns } from "./lines.server";
import { ORDER_NUMBER_PATTERN } from "./number";

/** Anything that is not shaped like an order number cannot be one (and is not looked up). */
export function isOrderNumber(value: unknown): value is string {
  return typeof value === "string" && ORDER_NUMBER_PATTERN.test(value);
}

export type BuyerOrderPart = {
  id: number;
  cooperative: { slug: string; nameZh: string; nameEn: string };
  status: SellerOrderStatus;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  refundedCents: number;
  carrier: string | null;
  trackingNumber: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  lines: OrderLine[];
  bookings: OrderBooking[];
};

/** A room's nights or a slot's seats, as the order page lists them. */
export type OrderBooking = {
  kind: "stay" | "experience";
  id: number;
  status: "held" | "confirmed" | "cancelled";
  slug: string;
  titleZh: string;
  titleEn: string;
  roomZh: string | null;
  roomEn: string | null;
  checkIn: string | null;
  checkOut: string | null;
  guests: number | null;
  startsAt: string | null;
  people: number | null;
  totalCents: number;
  refundedCents: number;
};

export type BuyerOrder = {
  number: string;
  userId: number | null;
  status: OrderStatus;
  email: string;
  name: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  addressDetail: string;
  note: string;
  locale: string;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  refundedCents: number;
  provider: "test" | "stripe" | "on_arrival";
  paymentUrl: string | null;
  holdExpiresAt: string;
  createdAt: string;
  paidAt: string | null;
  cancelledAt: string | null;
  parts: BuyerOrderPart[];
  refunds: { amountCents: number; createdAt: string; cooperative: { nameZh: string; nameEn: string } | null }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Whether this reader may see the order: its owner, or the holder of its signed link. */
function mayRead(order: { number: string; userId: number | null }, reader: { userId: number | null; token: string | null }): boolean {
  if (reader.userId !== null && order.userId === reader.userId) return true;
  return verifyOrderAccessToken(order.number, reader.token);
}

/** The order as its buyer sees it, or null when there is none this reader may see. */
export async function getOrderForBuyer(
  db: Database,
  { number, userId, token }: { number: string; userId: number | null; token: string | null },
): Promise<BuyerOrder | null> {
  if (!isOrderNumber(number)) return null;
  const [order] = await db.select().from(orders).where(eq(orders.number, number));
  if (!order || !mayRead(order, { userId, token })) return null;

  const parts = await db
    .select({
      id: sellerOrders.id,
      status: sellerOrders.status,
      subtotalCents: sellerOrders.subtotalCents,
      shippingCents: sellerOrders.shippingCents,
      totalCents: sellerOrders.totalCents,
      refundedCents: sellerOrders.refundedCents,
      carrier: sellerOrders.carrier,
      trackingNumber: sellerOrders.trackingNumber,
      shippedAt: sellerOrders.shippedAt,
      deliveredAt: sellerOrders.deliveredAt,
      slug: cooperatives.slug,
      nameZh: cooperatives.nameZh,
      nameEn: cooperatives.nameEn,
    })
    .from(sellerOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(eq(sellerOrders.orderId, order.id))
    .orderBy(asc(sellerOrders.id));
  const lines = await db
    .select({ sellerOrderId: orderLines.sellerOrderId, ...orderLineColumns })
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.id));
  const bookings = await orderBookings(db, order.id, { statuses: ["held", "confirmed", "cancelled"] });
  const refundRows = await db
    .select({ amountCents: refunds.amountCents, createdAt: refunds.createdAt, nameZh: cooperatives.nameZh, nameEn: cooperatives.nameEn })
    .from(refunds)
    .leftJoin(sellerOrders, eq(sellerOrders.id, refunds.sellerOrderId))
    .leftJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(eq(refunds.orderId, order.id))
    .orderBy(asc(refunds.createdAt), asc(refunds.id));

  return {
    number: order.number,
    userId: order.userId,
    status: order.status,
    email: order.email,
    name: order.name,
    phone: order.phone,
    province: order.province,
    city: order.city,
    district: order.district,
    addressDetail: order.addressDetail,
    note: order.note,
    locale: order.locale,
    subtotalCents: order.subtotalCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    provider: order.provider,
    paymentUrl: order.paymentUrl,
    holdExpiresAt: order.holdExpiresAt.toISOString(),
    createdAt: order.createdAt.toISOString(),
    paidAt: iso(order.paidAt),
    cancelledAt: iso(order.cancelledAt),
    parts: parts.map((p) => ({
      id: p.id,
      cooperative: { slug: p.slug, nameZh: p.nameZh, nameEn: p.nameEn },
      status: p.status,
      subtotalCents: p.subtotalCents,
      shippingCents: p.shippingCents,
      totalCents: p.totalCents,
      refundedCents: p.refundedCents,
      carrier: p.carrier,
      trackingNumber: p.trackingNumber,
      shippedAt: iso(p.shippedAt),
      deliveredAt: iso(p.deliveredAt),
      lines: lines.filter((l) => l.sellerOrderId === p.id).map(({ sellerOrderId: _, ...l }) => l),
      bookings: bookings
        .filter((b) => b.sellerOrderId === p.id)
        .map(
          (b): OrderBooking => ({
            kind: b.kind,
            id: b.id,
            status: b.status,
            slug: b.stay?.slug ?? b.experience?.slug ?? "",
            titleZh: b.stay?.titleZh ?? b.experience?.titleZh ?? "",
            titleEn: b.stay?.titleEn ?? b.experience?.titleEn ?? "",
            roomZh: b.stay?.roomZh ?? null,
            roomEn: b.stay?.roomEn ?? null,
            checkIn: b.stay?.checkIn ?? null,
            checkOut: b.stay?.checkOut ?? null,
            guests: b.stay?.guests ?? null,
            startsAt: b.experience ? b.experience.startsAt.toISOString() : null,
            people: b.experience?.people ?? null,
            totalCents: b.totalCents,
            refundedCents: b.refundedCents,
          }),
        ),
    })),
    refunds: refundRows.map((r) => ({
      amountCents: r.amountCents,
      createdAt: r.createdAt.toISOString(),
      cooperative: r.nameZh !== null ? { nameZh: r.nameZh, nameEn: r.nameEn ?? "" } : null,
    })),
  };
}

export type BuyerOrderSummary = {
  number: string;
  status: OrderStatus;
  createdAt: string;
  totalCents: number;
  itemCount: number;
  sellers: { nameZh: string; nameEn: string }[];
};

/** The signed-in user's orders, newest first (the most recent 200). */
export async function listOrdersForUser(db: Database, userId: number): Promise<BuyerOrderSummary[]> {
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      createdAt: orders.createdAt,
      totalCents: orders.totalCents,
      // Qualified by hand: Drizzle writes a one-table select's columns unqualified, and an
      // unqualified "id" inside this subquery would be the order line's own id.
      // Units of products plus one per room or slot booked.
      itemCount: sql<number>`(SELECT coalesce(sum(ol.quantity), 0)::int FROM ${orderLines} ol WHERE ol.order_id = "orders"."id")
        + (SELECT count(*)::int FROM stay_bookings sb WHERE sb.order_id = "orders"."id")
        + (SELECT count(*)::int FROM experience_bookings eb WHERE eb.order_id = "orders"."id")`,
    })
    .from(orders)
    .where(eq(orders.userId, userId))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(200);
  if (!rows.length) return [];
  const sellers = await db
    .select({ orderId: sellerOrders.orderId, nameZh: cooperatives.nameZh, nameEn: cooperatives.nameEn })
    .from(sellerOrders)
    .innerJoin(cooperatives, eq(cooperatives.id, sellerOrders.cooperativeId))
    .where(inArray(sellerOrders.orderId, rows.map((r) => r.id)))
    .orderBy(asc(sellerOrders.id));
  return rows.map((r) => ({
    number: r.number,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    totalCents: r.totalCents,
    itemCount: r.itemCount,
    sellers: sellers.filter((s) => s.orderId === r.id).map(({ nameZh, nameEn }) => ({ nameZh, nameEn })),
  }));
}
