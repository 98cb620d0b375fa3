// Orders written straight into the database (orders + seller_orders + order_lines), for tests of
// the seller's side that need orders in a given state without going through a cart and checkout.
// Amounts are consistent the way checkout writes them (the tables' check constraints hold).
import { randomBytes } from "node:crypto";
import { orderLines, orders, sellerOrders } from "../../db/schema/index";
import type { OrderStatus, SellerOrderStatus } from "~/modules/orders/status";
import type { Database } from "~/utils/db.server";
import { uniqueSlug } from "./unique";

export type LineSpec = {
  titleZh?: string;
  titleEn?: string;
  variantZh?: string;
  variantEn?: string;
  sku?: string;
  productSlug?: string;
  productId?: number | null;
  variantId?: number | null;
  unitPriceCents?: number;
  quantity?: number;
  shipsFrom?: string | null;
};

export type PartSpec = {
  cooperativeId: number;
  lines?: LineSpec[];
  shippingCents?: number;
  status?: SellerOrderStatus;
  commissionBps?: number;
  refundedCents?: number;
  carrier?: string | null;
  trackingNumber?: string | null;
};

export type OrderSpec = {
  parts: PartSpec[];
  /** The order's status; by default derived from the first part's (paid unless it says otherwise). */
  status?: OrderStatus;
  createdAt?: Date;
  /** Defaults to createdAt for a paid order, null for an unpaid one. */
  paidAt?: Date | null;
  email?: string;
  name?: string;
  phone?: string;
  province?: string;
  city?: string;
  district?: string;
  addressDetail?: string;
  note?: string;
  locale?: "zh-CN" | "en";
  number?: string;
  userId?: number | null;
};

export type CreatedOrder = {
  id: number;
  number: string;
  email: string;
  sellerOrders: { id: number; cooperativeId: number; totalCents: number }[];
};

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** An order number in the real format (XJ + yymmdd + 6 characters), unique enough for a test run. */
export function testOrderNumber(at = new Date()): string {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit", month: "2-digit", day: "2-digit" })
    .format(at)
    .replaceAll("-", "");
  const tail = [...randomBytes(6)].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `XJ${day}-${tail}`;
}

function orderStatusFor(status: SellerOrderStatus): OrderStatus {
  if (status === "pending_payment" || status === "cancelled" || status === "refunded") return status;
  return "paid";
}

export async function createOrder(db: Database, spec: OrderSpec): Promise<CreatedOrder> {
  const createdAt = spec.createdAt ?? new Date();
  const parts = spec.parts.map((p, pi) => {
    const lines = (p.lines ?? [{}]).map((l, li) => {
      const slug = l.productSlug ?? uniqueSlug("order-product");
      const unitPriceCents = l.unitPriceCents ?? 6800;
      const quantity = l.quantity ?? 1;
      return {
        productId: l.productId ?? null,
        variantId: l.variantId ?? null,
        sku: l.sku ?? `SKU-${slug.slice(-8).toUpperCase()}-${pi}${li}`,
        productSlug: slug,
        titleZh: l.titleZh ?? "安吉白茶",
        titleEn: l.titleEn ?? "Anji white tea",
        variantZh: l.variantZh ?? "250克罐装",
        variantEn: l.variantEn ?? "250 g tin",
        unitPriceCents,
        quantity,
        totalCents: unitPriceCents * quantity,
        shipsFrom: l.shipsFrom ?? null,
      };
    });
    const subtotalCents = lines.reduce((s, l) => s + l.totalCents, 0);
    const shippingCents = p.shippingCents ?? 1000;
    const totalCents = subtotalCents + shippingCents;
    const commissionBps = p.commissionBps ?? 800;
    return {
      spec: p,
      lines,
      status: p.status ?? "paid",
      subtotalCents,
      shippingCents,
      totalCents,
      commissionBps,
      commissionCents: Math.round((totalCents * commissionBps) / 10_000),
    };
  });
  const status = spec.status ?? orderStatusFor(parts[0]?.status ?? "paid");
  const unpaid = status === "pending_payment" || (status === "cancelled" && parts.every((p) => p.status === "cancelled"));
  const paidAt = spec.paidAt !== undefined ? spec.paidAt : unpaid ? null : createdAt;
  const subtotalCents = parts.reduce((s, p) => s + p.subtotalCents, 0);
  const shippingCents = parts.reduce((s, p) => s + p.shippingCents, 0);
  const refundedCents = parts.reduce((s, p) => s + (p.spec.refundedCents ?? (p.status === "refunded" ? p.totalCents : 0)), 0);
  const email = spec.email ?? `buyer-${uniqueSlug("b")}@example.test`;
  return db.transaction(async (tx) => {
    const [order] = await tx
      .insert(orders)
      .values({
        number: spec.number ?? testOrderNumber(createdAt),
        userId: spec.userId ?? null,
        status,
        email,
        name: spec.name ?? "张小满",
        phone: spec.phone ?? "13800138000",
        province: spec.province ?? "浙江省",
        city: spec.city ?? "杭州市",
        district: spec.district ?? "西湖区",
        addressDetail: spec.addressDetail ?? "龙井路 1 号",
        note: spec.note ?? "",
        locale: spec.locale ?? "zh-CN",
        subtotalCents,
        shippingCents,
        totalCents: subtotalCents + shippingCents,
        refundedCents,
        provider: "test",
        providerSessionId: `test_cs_${randomBytes(10).toString("hex")}`,
        providerPaymentId: paidAt ? `test_pi_${randomBytes(10).toString("hex")}` : null,
        holdExpiresAt: new Date(createdAt.getTime() + 15 * 60_000),
        paidAt,
        cancelledAt: status === "cancelled" ? createdAt : null,
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    const created: CreatedOrder["sellerOrders"] = [];
    for (const p of parts) {
      const [so] = await tx
        .insert(sellerOrders)
        .values({
          orderId: order!.id,
          cooperativeId: p.spec.cooperativeId,
          status: p.status,
          subtotalCents: p.subtotalCents,
          shippingCents: p.shippingCents,
          totalCents: p.totalCents,
          commissionBps: p.commissionBps,
          commissionCents: p.commissionCents,
          refundedCents: p.spec.refundedCents ?? (p.status === "refunded" ? p.totalCents : 0),
          carrier: p.spec.carrier ?? null,
          trackingNumber: p.spec.trackingNumber ?? null,
          createdAt,
          updatedAt: createdAt,
        })
        .returning();
      await tx.insert(orderLines).values(p.lines.map((l) => ({ ...l, orderId: order!.id, sellerOrderId: so!.id })));
      created.push({ id: so!.id, cooperativeId: p.spec.cooperativeId, totalCents: p.totalCents });
    }
    return { id: order!.id, number: order!.number, email, sellerOrders: created };
  });
}
