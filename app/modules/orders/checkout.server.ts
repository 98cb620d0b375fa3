// Checkout: a cart becomes one order, split into one seller order per cooperative, and its stock
// is taken and held while the buyer pays. Explicit steps, with a compensation when a later one
// fails (DESIGN.md, "Medusa"):
//
//   1. one transaction: lock the cart, cancel an earlier open checkout of the same cart, re-check
//      every line (still for sale, same price), write the order, its seller orders and lines,
//      take the stock with one conditional UPDATE per variant (in id order) and record the holds;
//      a variant without enough stock rolls it all back → "sold_out";
//   2. open the payment with the provider (idempotency key per order number);
//      if that fails: cancel the order and give the stock back → "payment_unavailable".
import { and, eq, sql } from "drizzle-orm";
import { carts, orderLines, orders, productVariants, sellerOrders, stockHolds } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { Lang } from "~/utils/i18n";
import { type CartLineRow, isCartId, lineProblem, loadCartLines, unitsPerVariant } from "../cart/cart.server";
import { shippingFor } from "../cart/shipping";
import type { CartLineProblem } from "../cart/types";
import type { PaymentProvider } from "../payments/port";
import { getPaymentProvider } from "../payments/provider.server";
import { orderAccessToken, orderUrl } from "./access.server";
import { cancelUnpaidOrder } from "./holds.server";
import { newOrderNumber } from "./number";
import type { CheckoutInput } from "./schemas";

export type CheckoutErrorCode = "cart_not_found" | "cart_empty" | "sold_out" | "cart_changed" | "payment_unavailable";

const STATUS: Record<CheckoutErrorCode, 404 | 409 | 422 | 503> = {
  cart_not_found: 404,
  cart_empty: 422,
  sold_out: 409,
  cart_changed: 409,
  payment_unavailable: 503,
};

export type CheckoutProblemLine = { sku: string; titleZh: string; titleEn: string; problem: CartLineProblem };

export class CheckoutError extends Error {
  readonly status: 404 | 409 | 422 | 503;
  constructor(
    readonly code: CheckoutErrorCode,
    message: string = code,
    readonly lines: CheckoutProblemLine[] = [],
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export type PlacedOrder = {
  orderNumber: string;
  status: "pending_payment";
  paymentUrl: string;
  accessToken: string;
};

/** Commission is taken on the goods, not on the shipping fee (rounded to the fen). */
export function commissionOf(subtotalCents: number, bps: number): number {
  return Math.round((subtotalCents * bps) / 10_000);
}

type SellerPart = {
  cooperativeId: number;
  nameZh: string;
  nameEn: string;
  rows: CartLineRow[];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  commissionBps: number;
  commissionCents: number;
};

/** The cart's lines grouped per seller, priced with today's prices and each seller's shipping. */
export function splitBySeller(rows: CartLineRow[]): SellerPart[] {
  const parts = new Map<number, SellerPart>();
  for (const r of rows) {
    let part = parts.get(r.cooperativeId);
    if (!part) {
      part = {
        cooperativeId: r.cooperativeId,
        nameZh: r.cooperativeZh,
        nameEn: r.cooperativeEn,
        rows: [],
        subtotalCents: 0,
        shippingCents: 0,
        totalCents: 0,
        commissionBps: r.commissionBps,
        commissionCents: 0,
      };
      parts.set(r.cooperativeId, part);
    }
    part.rows.push(r);
    part.subtotalCents += r.priceCents * r.quantity;
  }
  for (const part of parts.values()) {
    const first = part.rows[0]!;
    part.shippingCents = shippingFor(part.subtotalCents, first.shippingFeeCents, first.freeShippingFromCents);
    part.totalCents = part.subtotalCents + part.shippingCents;
    part.commissionCents = commissionOf(part.subtotalCents, part.commissionBps);
  }
  return [...parts.values()];
}

function problemLines(rows: CartLineRow[], wanted: Map<number, number>): CheckoutProblemLine[] {
  const out: CheckoutProblemLine[] = [];
  for (const r of rows) {
    const problem = lineProblem(r, wanted.get(r.variantId) ?? r.quantity);
    if (problem) out.push({ sku: r.sku, titleZh: r.titleZh, titleEn: r.titleEn, problem });
  }
  return out;
}

export async function placeOrder(
  db: Database,
  args: {
    cartId: string;
    userId: number | null;
    input: CheckoutInput;
    locale: Lang;
    origin: string;
    provider?: PaymentProvider;
  },
): Promise<PlacedOrder> {
  const { cartId, userId, input, locale, origin } = args;
  if (!isCartId(cartId)) throw new CheckoutError("cart_not_found", "No such cart");
  const provider = args.provider ?? getPaymentProvider();
  const holdExpiresAt = new Date(Date.now() + env().CHECKOUT_HOLD_MINUTES * 60_000);
  const number = newOrderNumber();

  // Step 1: the order and the stock, all or nothing.
  const placed = await db.transaction(async (tx) => {
    const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).for("update");
    if (!cart) throw new CheckoutError("cart_not_found", "No such cart");

    // A new checkout of the same cart replaces an open one (its stock comes back first).
    const open = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending_payment")))
      .for("update");
    for (const o of open) await cancelUnpaidOrder(tx, o.id, "replaced_by_new_checkout");

    const rows = await loadCartLines(tx as unknown as Database, cartId);
    if (!rows.length) throw new CheckoutError("cart_empty", "The cart is empty");

    const wanted = unitsPerVariant(rows);
    const problems = problemLines(rows, wanted);
    const changed = problems.filter((p) => p.problem.kind === "unavailable" || p.problem.kind === "price_changed");
    if (changed.length) throw new CheckoutError("cart_changed", "Some items changed since they were added", changed);
    const short = problems.filter((p) => p.problem.kind === "sold_out" || p.problem.kind === "not_enough_stock");
    if (short.length) throw new CheckoutError("sold_out", `Sold out: ${short.map((p) => p.sku).join(", ")}`, short);

    const parts = splitBySeller(rows);
    const subtotalCents = parts.reduce((n, p) => n + p.subtotalCents, 0);
    const shippingCents = parts.reduce((n, p) => n + p.shippingCents, 0);
    const [order] = await tx
      .insert(orders)
      .values({
        number,
        userId,
        cartId,
        email: input.email,
        name: input.name,
        phone: input.phone,
        province: input.address.province,
        city: input.address.city,
        district: input.address.district,
        addressDetail: input.address.detail,
        note: input.note ?? "",
        locale,
        subtotalCents,
        shippingCents,
        totalCents: subtotalCents + shippingCents,
        provider: provider.name,
        holdExpiresAt,
      })
      .returning({ id: orders.id });
    const orderId = order!.id;

    for (const part of parts) {
      const [so] = await tx
        .insert(sellerOrders)
        .values({
          orderId,
          cooperativeId: part.cooperativeId,
          subtotalCents: part.subtotalCents,
          shippingCents: part.shippingCents,
          totalCents: part.totalCents,
          commissionBps: part.commissionBps,
          commissionCents: part.commissionCents,
        })
        .returning({ id: sellerOrders.id });
      await tx.insert(orderLines).values(
        part.rows.map((r) => ({
          orderId,
          sellerOrderId: so!.id,
          productId: r.productId,
          variantId: r.variantId,
          sku: r.sku,
          productSlug: r.productSlug,
          titleZh: r.titleZh,
          titleEn: r.titleEn,
          variantZh: r.variantZh,
          variantEn: r.variantEn,
          unitPriceCents: r.priceCents,
          quantity: r.quantity,
          totalCents: r.priceCents * r.quantity,
          shipsFrom: r.shipsFrom,
        })),
      );
    }

    // The rule that protects buyers: one conditional UPDATE per variant, in id order. Whoever
    // finds the stock gone rolls back everything above and hears "sold out".
    for (const [variantId, quantity] of [...wanted.entries()].sort((a, b) => a[0] - b[0])) {
      const taken = await tx
        .update(productVariants)
        .set({ stock: sql`${productVariants.stock} - ${quantity}` })
        .where(and(eq(productVariants.id, variantId), sql`${productVariants.stock} >= ${quantity}`))
        .returning({ id: productVariants.id });
      if (!taken.length) {
        const row = rows.find((r) => r.variantId === variantId)!;
        throw new CheckoutError("sold_out", `Sold out: ${row.sku}`, [
          { sku: row.sku, titleZh: row.titleZh, titleEn: row.titleEn, problem: { kind: "sold_out" } },
        ]);
      }
      await tx.insert(stockHolds).values({ orderId, variantId, quantity, expiresAt: holdExpiresAt });
    }
    return { orderId, parts, total: subtotalCents + shippingCents };
  });

  // Step 2: the payment page. On failure the order is cancelled and the stock comes back.
  const successUrl = orderUrl(origin, locale, number);
  const cancelUrl = origin + (locale === "en" ? "/en/cart" : "/cart");
  let started: { sessionId: string; url: string };
  try {
    started = await provider.startPayment(
      {
        id: placed.orderId,
        number,
        email: input.email,
        locale,
        totalCents: placed.total,
        lines: placed.parts.map((p) => ({ name: `${locale === "en" ? p.nameEn || p.nameZh : p.nameZh} · ${number}`, amountCents: p.totalCents })),
        holdExpiresAt,
      },
      { successUrl, cancelUrl },
    );
  } catch (error) {
    console.error(`[checkout] could not open the payment of ${number}:`, error instanceof Error ? error.message : error);
    await db.transaction(async (tx) => {
      const [o] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, placed.orderId)).for("update");
      if (o?.status === "pending_payment") await cancelUnpaidOrder(tx, placed.orderId, "payment_start_failed");
    });
    throw new CheckoutError("payment_unavailable", "The payment service is not available; nothing was charged. Please try again.");
  }
  await db
    .update(orders)
    .set({ providerSessionId: started.sessionId, paymentUrl: started.url })
    .where(eq(orders.id, placed.orderId));

  return { orderNumber: number, status: "pending_payment", paymentUrl: started.url, accessToken: orderAccessToken(number) };
}
