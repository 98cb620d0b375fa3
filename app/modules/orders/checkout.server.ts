// Checkout: a cart becomes one order, split into one seller order per cooperative, and its stock
// is taken and held while the buyer pays. Explicit steps, with a compensation when a later one
// fails (DESIGN.md, "Medusa"):
//
//   1. one transaction: lock the cart, cancel an earlier open checkout of the same cart, re-check
//      every line (still for sale, same price), write the order, its seller orders and lines,
//      take the stock with one conditional UPDATE per variant (in id order) and record the holds;
//      a variant without enough stock rolls it all back → "sold_out";
//      rooms and seats of the cart are held too (bookings with expires_at: the exclusion
//      constraint and the slot's conditional UPDATE decide) → else "unavailable";
//   2. open the payment with the provider (idempotency key per order number);
//      if that fails: cancel the order and give the stock back → "payment_unavailable".
// A cart of stays only, at hosts who take payment at the homestay, may skip step 2
// (`payment: "on_arrival"`): confirmed at once or held until the host answers (on-arrival.server.ts).
import { and, eq, ne, sql } from "drizzle-orm";
import { carts, orderLines, orders, productVariants, sellerOrders, stockHolds } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { todayInShanghai } from "~/utils/format";
import type { Lang } from "~/utils/i18n";
import { ARRIVAL_REQUEST_HOURS, confirmAutomaticParts } from "../bookings/on-arrival.server";
import { type QuotedBookingLines, loadBookingLines, quoteBookingLines } from "../cart/bookings.server";
import { type CartLineRow, isCartId, lineProblem, loadCartLines, unitsPerVariant } from "../cart/cart.server";
import { shippingFor } from "../cart/shipping";
import { CheckoutError, type CheckoutProblemLine } from "./checkout-errors";
import { TAKEN, afterArrivalPlaced, bookingProblemLines, holdCartBookings, unavailable } from "./checkout-bookings.server";
import type { PaymentProvider } from "../payments/port";
import { getPaymentProvider } from "../payments/provider.server";
import { orderAccessToken, orderUrl } from "./access.server";
import { cancelUnpaidOrder } from "./holds.server";
import { newOrderNumber } from "./number";
import type { CheckoutInput } from "./schemas";

export { CheckoutError, type CheckoutErrorCode, type CheckoutProblemLine } from "./checkout-errors";

export type PlacedOrder = {
  orderNumber: string;
  /** confirmed: paid on arrival and confirmed at once (paymentUrl is then the order page). */
  status: "pending_payment" | "confirmed";
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
  stays: QuotedBookingLines["stays"];
  slots: QuotedBookingLines["slots"];
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  commissionBps: number;
  commissionCents: number;
};

const NO_BOOKINGS: QuotedBookingLines = { stays: [], slots: [] };

/**
 * The cart's lines grouped per seller, priced with today's prices. Shipping (each seller's flat
 * fee and threshold) is charged on products only; commission on everything but shipping.
 */
export function splitBySeller(rows: CartLineRow[], bookings: QuotedBookingLines = NO_BOOKINGS): SellerPart[] {
  const parts = new Map<number, SellerPart>();
  const partOf = (c: { cooperativeId: number; nameZh: string; nameEn: string; commissionBps: number }) => {
    let part = parts.get(c.cooperativeId);
    if (!part) {
      part = { ...c, rows: [], stays: [], slots: [], subtotalCents: 0, shippingCents: 0, totalCents: 0, commissionCents: 0 };
      parts.set(c.cooperativeId, part);
    }
    return part;
  };
  for (const r of rows) {
    const part = partOf({ cooperativeId: r.cooperativeId, nameZh: r.cooperativeZh, nameEn: r.cooperativeEn, commissionBps: r.commissionBps });
    part.rows.push(r);
    part.subtotalCents += r.priceCents * r.quantity;
  }
  for (const part of parts.values()) {
    const first = part.rows[0]!;
    part.shippingCents = shippingFor(part.subtotalCents, first.shippingFeeCents, first.freeShippingFromCents);
  }
  for (const line of bookings.stays) {
    const q = line.quote;
    const part = partOf({ cooperativeId: q.cooperativeId, nameZh: q.cooperativeZh, nameEn: q.cooperativeEn, commissionBps: q.commissionBps });
    part.stays.push(line);
    part.subtotalCents += q.quote?.totalCents ?? 0;
  }
  for (const line of bookings.slots) {
    const q = line.quote;
    const part = partOf({ cooperativeId: q.cooperativeId, nameZh: q.cooperativeZh, nameEn: q.cooperativeEn, commissionBps: q.commissionBps });
    part.slots.push(line);
    part.subtotalCents += q.totalCents;
  }
  for (const part of parts.values()) {
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
  const onArrival = input.payment === "on_arrival";
  const provider = onArrival ? null : (args.provider ?? getPaymentProvider());
  const now = new Date();
  const holdExpiresAt = new Date(now.getTime() + (onArrival ? ARRIVAL_REQUEST_HOURS * 60 : env().CHECKOUT_HOLD_MINUTES) * 60_000);
  const number = newOrderNumber();

  // Step 1: the order, the stock, the nights and the seats, all or nothing.
  const placed = await db.transaction(async (tx) => {
    const [cart] = await tx.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId)).for("update");
    if (!cart) throw new CheckoutError("cart_not_found", "No such cart");

    // A new checkout of the same cart replaces an open one (its stock, nights, seats come back first).
    const open = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending_payment"), ne(orders.provider, "on_arrival")))
      .for("update");
    for (const o of open) await cancelUnpaidOrder(tx, o.id, "replaced_by_new_checkout");

    const asDb = tx as unknown as Database;
    const rows = await loadCartLines(asDb, cartId);
    const bookings = await quoteBookingLines(asDb, await loadBookingLines(asDb, cartId), { today: todayInShanghai(now), now, cartId: null });
    if (!rows.length && !bookings.stays.length && !bookings.slots.length) throw new CheckoutError("cart_empty", "The cart is empty");

    if (rows.length && !input.address) {
      throw new CheckoutError("invalid_checkout", "A shipping address is needed for the products", [], { address: "form.required" });
    }
    const arrivalAllowed = !rows.length && !bookings.slots.length && bookings.stays.every((s) => s.quote.payOnArrival !== "off");
    if (onArrival && !arrivalAllowed) {
      throw new CheckoutError("invalid_checkout", "Paying on arrival is only possible for stays at hosts who offer it", [], { payment: "checkout.payOnArrival.notOffered" });
    }

    const wanted = unitsPerVariant(rows);
    const problems = [...problemLines(rows, wanted), ...bookingProblemLines(bookings)];
    const taken = problems.filter((p) => p.problem.kind === "not_bookable" && TAKEN.has(p.problem.reason));
    if (taken.length) throw unavailable(taken);
    const changed = problems.filter((p) => p.problem.kind === "unavailable" || p.problem.kind === "price_changed" || p.problem.kind === "not_bookable");
    if (changed.length) throw new CheckoutError("cart_changed", "Some items changed since they were added", changed);
    const short = problems.filter((p) => p.problem.kind === "sold_out" || p.problem.kind === "not_enough_stock");
    if (short.length) throw new CheckoutError("sold_out", `Sold out: ${short.map((p) => p.sku).join(", ")}`, short);

    const parts = splitBySeller(rows, bookings);
    const subtotalCents = parts.reduce((n, p) => n + p.subtotalCents, 0);
    const shippingCents = parts.reduce((n, p) => n + p.shippingCents, 0);
    const address = input.address ?? { province: "", city: "", district: "", detail: "" };
    const [order] = await tx
      .insert(orders)
      .values({
        number,
        userId,
        cartId,
        email: input.email,
        name: input.name,
        phone: input.phone,
        province: address.province,
        city: address.city,
        district: address.district,
        addressDetail: address.detail,
        note: input.note ?? "",
        locale,
        subtotalCents,
        shippingCents,
        totalCents: subtotalCents + shippingCents,
        provider: provider ? provider.name : "on_arrival",
        holdExpiresAt,
      })
      .returning({ id: orders.id });
    const orderId = order!.id;

    const sellerOrderIds = new Map<number, number>();
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
      sellerOrderIds.set(part.cooperativeId, so!.id);
      if (!part.rows.length) continue;
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

    // Nights and seats: the database decides who gets the last one (rooms, then slots, in id order).
    await holdCartBookings(tx, { orderId, sellerOrderIds, bookings, expiresAt: holdExpiresAt });

    let status: PlacedOrder["status"] = "pending_payment";
    if (onArrival) {
      const automatic = parts.filter((p) => p.stays.every((s) => s.quote.payOnArrival === "auto")).map((p) => sellerOrderIds.get(p.cooperativeId)!);
      if (automatic.length) status = await confirmAutomaticParts(tx, orderId, automatic);
    }
    return { orderId, parts, total: subtotalCents + shippingCents, status };
  });

  if (!provider) {
    await afterArrivalPlaced(db, placed.orderId, cartId, origin, placed.status === "confirmed");
    return { orderNumber: number, status: placed.status, paymentUrl: orderUrl(origin, locale, number), accessToken: orderAccessToken(number) };
  }

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
