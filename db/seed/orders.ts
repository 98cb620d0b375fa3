// A few demo orders for shopper@xiangji.demo, so that /account/orders and the sellers'
// /dashboard/orders have something to show right after `npm start`: one paid across two
// cooperatives, one shipped, one delivered. Written as rows (no mails, no stock taken: the CSV's
// stock is what is left after them). Inserted once: a re-seed leaves them as they are.
import { and, asc, eq, like } from "drizzle-orm";
import { commissionOf } from "../../app/modules/orders/checkout.server";
import { shippingFor } from "../../app/modules/cart/shipping";
import { cooperatives, orderLines, orders, productVariants, products, sellerOrders, users } from "../schema/index";
import type { Tx } from "./write";

type Part = { seller: string; pick: { index: number; quantity: number }[]; status: "paid" | "shipped" | "delivered" };
type DemoOrder = { tail: string; daysAgo: number; parts: Part[] };

const DEMO: DemoOrder[] = [
  { tail: "DEMXA2", daysAgo: 1, parts: [
    { seller: "yucun-white-tea-farm", pick: [{ index: 0, quantity: 1 }], status: "paid" },
    { seller: "linan-hickory-coop", pick: [{ index: 0, quantity: 2 }], status: "paid" },
  ] },
  { tail: "DEMXA3", daysAgo: 3, parts: [{ seller: "yucun-white-tea-farm", pick: [{ index: 1, quantity: 1 }], status: "shipped" }] },
  { tail: "DEMXA4", daysAgo: 10, parts: [{ seller: "yucun-bamboo-coop", pick: [{ index: 0, quantity: 3 }], status: "delivered" }] },
];

const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit", month: "2-digit", day: "2-digit" });

export async function seedDemoOrders(tx: Tx, today: Date = new Date()): Promise<number> {
  const [existing] = await tx.select({ id: orders.id }).from(orders).where(like(orders.number, "%-DEMXA%")).limit(1);
  const [shopper] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "shopper@xiangji.demo"));
  if (existing || !shopper) return 0;
  let created = 0;
  for (const demo of DEMO) {
    const at = new Date(today.getTime() - demo.daysAgo * 86_400_000);
    const parts = [];
    for (const part of demo.parts) {
      const [seller] = await tx.select().from(cooperatives).where(eq(cooperatives.slug, part.seller));
      if (!seller) return created; // a trimmed seed: no demo orders
      const variants = await tx
        .select({ v: productVariants, p: products })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(and(eq(products.cooperativeId, seller.id), eq(products.status, "active")))
        .orderBy(asc(products.id), asc(productVariants.position), asc(productVariants.id));
      const lines = part.pick.map(({ index, quantity }) => ({ ...variants[index % variants.length]!, quantity }));
      const subtotal = lines.reduce((n, l) => n + l.v.priceCents * l.quantity, 0);
      const shipping = shippingFor(subtotal, seller.shippingFeeCents, seller.freeShippingFromCents);
      parts.push({ part, seller, lines, subtotal, shipping });
    }
    const subtotal = parts.reduce((n, p) => n + p.subtotal, 0);
    const shipping = parts.reduce((n, p) => n + p.shipping, 0);
    const [order] = await tx
      .insert(orders)
      .values({
        number: `XJ${DAY.format(at).replaceAll("-", "")}-${demo.tail}`,
        userId: shopper.id,
        status: "paid",
        email: "shopper@xiangji.demo",
        name: "Emma Shopper",
        phone: "13800000001",
        province: "浙江省",
        city: "杭州市",
        district: "西湖区",
        addressDetail: "文三路 100 号 3 单元 201（演示地址）",
        locale: "en",
        subtotalCents: subtotal,
        shippingCents: shipping,
        totalCents: subtotal + shipping,
        provider: "test",
        holdExpiresAt: at,
        paidAt: at,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: orders.id });
    if (!order) continue;
    for (const { part, seller, lines, subtotal: sub, shipping: ship } of parts) {
      const shipped = part.status !== "paid";
      const [so] = await tx
        .insert(sellerOrders)
        .values({
          orderId: order.id,
          cooperativeId: seller.id,
          status: part.status,
          subtotalCents: sub,
          shippingCents: ship,
          totalCents: sub + ship,
          commissionBps: seller.commissionBps,
          commissionCents: commissionOf(sub, seller.commissionBps),
          carrier: shipped ? "顺丰速运" : null,
          trackingNumber: shipped ? `SF140000000${demo.tail.slice(-1)}` : null,
          packedAt: shipped ? at : null,
          shippedAt: shipped ? at : null,
          deliveredAt: part.status === "delivered" ? new Date(at.getTime() + 2 * 86_400_000) : null,
          createdAt: at,
        })
        .returning({ id: sellerOrders.id });
      await tx.insert(orderLines).values(
        lines.map(({ v, p, quantity }) => ({
          orderId: order.id,
          sellerOrderId: so!.id,
          productId: p.id,
          variantId: v.id,
          sku: v.sku,
          productSlug: p.slug,
          titleZh: p.titleZh,
          titleEn: p.titleEn,
          variantZh: v.nameZh,
          variantEn: v.nameEn,
          unitPriceCents: v.priceCents,
          quantity,
          totalCents: v.priceCents * quantity,
          shipsFrom: v.shipsFrom,
        })),
      );
    }
    created += 1;
  }
  return created;
}
