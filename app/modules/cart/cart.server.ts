// Carts: what a shopper means to buy. Nothing here reserves stock (checkout does, with a
// conditional UPDATE); the cart only says, line by line, whether checkout would go through today.
import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { cartLines, carts, cooperatives, orders, productVariants, products, stockHolds } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { coverPhotoSql } from "../media/photos.server";
import { loadBookingLines, quoteBookingLines, setSlotPeople } from "./bookings.server";
import { type BookingProblem, type CartView, MAX_CART_LINES, MAX_LINE_QUANTITY } from "./types";
import { buildCartView, forSale } from "./view";

export type CartErrorCode =
  | "cart_not_found"
  | "line_not_found"
  | "unknown_sku"
  | "unavailable"
  | "sold_out"
  | "not_enough_stock"
  | "too_many_lines"
  | "invalid_quantity"
  | "unknown_listing"
  | "invalid_booking";

const STATUS: Record<CartErrorCode, 404 | 409 | 422> = {
  cart_not_found: 404,
  line_not_found: 404,
  unknown_sku: 404,
  unavailable: 409,
  sold_out: 409,
  not_enough_stock: 409,
  too_many_lines: 422,
  invalid_quantity: 422,
  unknown_listing: 404,
  invalid_booking: 422,
};

export class CartError extends Error {
  readonly status: 404 | 409 | 422;
  constructor(
    readonly code: CartErrorCode,
    message: string = code,
    readonly details: { sku?: string; available?: number; reason?: BookingProblem } = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

/** Cart ids are capabilities (cookie value, API handle): 128 random bits, URL-safe. */
export const CART_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function isCartId(value: unknown): value is string {
  return typeof value === "string" && CART_ID_PATTERN.test(value);
}

export async function createCart(db: Database, userId: number | null = null): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  await db.insert(carts).values({ id, userId });
  return id;
}

/** The signed-in user's own cart, if they have one (no write: page views call this). */
export async function findUserCartId(db: Database, userId: number): Promise<string | null> {
  const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
  return row?.id ?? null;
}

/** The signed-in user's own cart, created on first use. */
export async function cartIdForUser(db: Database, userId: number): Promise<string> {
  const [existing] = await db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
  if (existing) return existing.id;
  const id = randomBytes(16).toString("base64url");
  const [row] = await db
    .insert(carts)
    .values({ id, userId })
    .onConflictDoUpdate({ target: carts.userId, targetWhere: sql`${carts.userId} IS NOT NULL`, set: { updatedAt: new Date() } })
    .returning({ id: carts.id });
  return row!.id;
}

function checkQuantity(quantity: number): void {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
    throw new CartError("invalid_quantity", `Quantity must be a whole number from 1 to ${MAX_LINE_QUANTITY}`);
  }
}

/** A guest cart that is not somebody's account cart. */
export async function cartExists(db: Database, cartId: string): Promise<boolean> {
  if (!isCartId(cartId)) return false;
  const [row] = await db.select({ id: carts.id }).from(carts).where(eq(carts.id, cartId));
  return Boolean(row);
}

async function assertCart(db: Database, cartId: string): Promise<void> {
  if (!(await cartExists(db, cartId))) throw new CartError("cart_not_found", "No such cart");
}


/** The variant behind a SKU, if it can be bought at all (active product of an approved seller). */
async function buyableVariant(db: Database, sku: string) {
  const [row] = await db
    .select({
      id: productVariants.id,
      priceCents: productVariants.priceCents,
      stock: productVariants.stock,
      productStatus: products.status,
      sellerStatus: cooperatives.status,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(eq(productVariants.sku, sku));
  if (!row) throw new CartError("unknown_sku", `No product with SKU ${sku}`, { sku });
  if (!forSale(row)) {
    throw new CartError("unavailable", `${sku} is not for sale`, { sku });
  }
  return row;
}

export async function addToCart(
  db: Database,
  cartId: string,
  { sku, quantity }: { sku: string; quantity: number },
  { merge }: { merge: boolean },
): Promise<{ lineId: number }> {
  checkQuantity(quantity);
  await assertCart(db, cartId);
  const variant = await buyableVariant(db, sku);
  if (variant.stock <= 0) throw new CartError("sold_out", `${sku} is sold out`, { sku, available: 0 });

  return db.transaction(async (tx) => {
    // One cart's writes queue up behind this lock, so the line cap and merges stay exact.
    await tx.execute(sql`SELECT 1 FROM ${carts} WHERE ${carts.id} = ${cartId} FOR UPDATE`);
    const lines = await tx
      .select({ id: cartLines.id, variantId: cartLines.variantId, quantity: cartLines.quantity })
      .from(cartLines)
      .where(eq(cartLines.cartId, cartId));
    const same = merge ? lines.find((l) => l.variantId === variant.id) : undefined;
    const inCart = lines.filter((l) => l.variantId === variant.id).reduce((n, l) => n + l.quantity, 0);
    const wanted = (same ? same.quantity : 0) + quantity;
    if (wanted > MAX_LINE_QUANTITY) {
      throw new CartError("invalid_quantity", `At most ${MAX_LINE_QUANTITY} of one item per line`);
    }
    if (inCart + quantity > variant.stock) {
      throw new CartError("not_enough_stock", `Only ${variant.stock} of ${sku} left`, { sku, available: variant.stock });
    }
    await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
    if (same) {
      await tx
        .update(cartLines)
        .set({ quantity: wanted, seenPriceCents: variant.priceCents })
        .where(eq(cartLines.id, same.id));
      return { lineId: same.id };
    }
    if (lines.length >= MAX_CART_LINES) throw new CartError("too_many_lines", `A cart holds at most ${MAX_CART_LINES} lines`);
    const [row] = await tx
      .insert(cartLines)
      .values({ cartId, variantId: variant.id, quantity, seenPriceCents: variant.priceCents })
      .returning({ id: cartLines.id });
    return { lineId: row!.id };
  });
}

export async function setLineQuantity(db: Database, cartId: string, lineId: number, quantity: number): Promise<void> {
  checkQuantity(quantity);
  await assertCart(db, cartId);
  if (!Number.isInteger(lineId) || lineId < 1 || lineId > 2_147_483_647) throw new CartError("line_not_found", "No such line in this cart");
  const [line] = await db
    .select({ unitId: cartLines.unitId, slotId: cartLines.slotId })
    .from(cartLines)
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)));
  if (!line) throw new CartError("line_not_found", "No such line in this cart");
  if (line.unitId !== null) throw new CartError("invalid_quantity", "A stay's nights and guests are changed by removing it and adding it again");
  if (line.slotId !== null) return setSlotPeople(db, cartId, lineId, line.slotId, quantity);
  // Changing a line means the shopper looked at it: today's price becomes the one they saw.
  const updated = await db
    .update(cartLines)
    .set({
      quantity,
      seenPriceCents: sql`(SELECT pv.price_cents FROM ${productVariants} pv WHERE pv.id = "cart_lines"."variant_id")`,
    })
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
    .returning({ id: cartLines.id });
  if (!updated.length) throw new CartError("line_not_found", "No such line in this cart");
}

export async function removeLine(db: Database, cartId: string, lineId: number): Promise<void> {
  await assertCart(db, cartId);
  if (!Number.isInteger(lineId) || lineId < 1 || lineId > 2_147_483_647) throw new CartError("line_not_found", "No such line in this cart");
  const deleted = await db
    .delete(cartLines)
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)))
    .returning({ id: cartLines.id });
  if (!deleted.length) throw new CartError("line_not_found", "No such line in this cart");
}

export async function cartItemCount(db: Database, cartId: string): Promise<number> {
  if (!isCartId(cartId)) return 0;
  const [row] = await db
    // Units of products; one per stay or experience booking.
    .select({ n: sql<number>`coalesce(sum(CASE WHEN ${cartLines.variantId} IS NOT NULL THEN ${cartLines.quantity} ELSE 1 END), 0)::int` })
    .from(cartLines)
    .where(eq(cartLines.cartId, cartId));
  return row?.n ?? 0;
}

/**
 * At login: the guest's lines move into the user's cart (quantities of the same variant add up,
 * capped at the line maximum), and the guest cart is deleted.
 */
export async function mergeGuestCartIntoUser(db: Database, guestCartId: string, userId: number): Promise<string> {
  const userCartId = await cartIdForUser(db, userId);
  if (!isCartId(guestCartId) || guestCartId === userCartId) return userCartId;
  await db.transaction(async (tx) => {
    const [guest] = await tx
      .select({ id: carts.id, userId: carts.userId })
      .from(carts)
      .where(eq(carts.id, guestCartId))
      .for("update");
    // Another user's cart is never merged, even if its id is known.
    if (!guest || guest.userId !== null) return;
    await tx.execute(sql`SELECT 1 FROM ${carts} WHERE ${carts.id} = ${userCartId} FOR UPDATE`);
    const guestLines = await tx.select().from(cartLines).where(eq(cartLines.cartId, guestCartId)).orderBy(asc(cartLines.id));
    const mine = await tx.select().from(cartLines).where(eq(cartLines.cartId, userCartId));
    let count = mine.length;
    for (const line of guestLines) {
      // Products of one variant add up; stays and slots move over as they are (checkout sorts out clashes).
      const same = line.variantId !== null ? mine.find((l) => l.variantId === line.variantId) : undefined;
      if (same) {
        same.quantity = Math.min(MAX_LINE_QUANTITY, same.quantity + line.quantity);
        await tx.update(cartLines).set({ quantity: same.quantity }).where(eq(cartLines.id, same.id));
      } else if (count < MAX_CART_LINES) {
        await tx.update(cartLines).set({ cartId: userCartId }).where(eq(cartLines.id, line.id));
        mine.push({ ...line, cartId: userCartId });
        count += 1;
      }
    }
    await tx.delete(carts).where(eq(carts.id, guestCartId));
  });
  return userCartId;
}

/**
 * Empties the lines an order bought (after it was paid for or confirmed): its variants, its rooms
 * for the same nights, its slots. Lines added since stay.
 */
export async function removeOrderedLines(db: Database, cartId: string, variantIds: number[], orderId?: number): Promise<void> {
  if (!isCartId(cartId)) return;
  if (variantIds.length) await db.delete(cartLines).where(and(eq(cartLines.cartId, cartId), inArray(cartLines.variantId, variantIds)));
  if (orderId === undefined) return;
  await db.execute(sql`
    DELETE FROM ${cartLines} cl WHERE cl.cart_id = ${cartId} AND (
      EXISTS (SELECT 1 FROM stay_bookings b WHERE b.order_id = ${orderId} AND b.unit_id = cl.unit_id AND b.check_in = cl.check_in AND b.check_out = cl.check_out)
      OR EXISTS (SELECT 1 FROM experience_bookings b WHERE b.order_id = ${orderId} AND b.slot_id = cl.slot_id)
    )`);
}

type LineRow = Awaited<ReturnType<typeof selectLines>>[number];

function selectLines(db: Database, cartId: string) {
  return db
    .select({
      id: cartLines.id,
      quantity: cartLines.quantity,
      seenPriceCents: cartLines.seenPriceCents,
      variantId: productVariants.id,
      sku: productVariants.sku,
      variantZh: productVariants.nameZh,
      variantEn: productVariants.nameEn,
      priceCents: productVariants.priceCents,
      stock: productVariants.stock,
      shipsFrom: productVariants.shipsFrom,
      productId: products.id,
      productSlug: products.slug,
      titleZh: products.titleZh,
      titleEn: products.titleEn,
      productStatus: products.status,
      image: products.image,
      photo: coverPhotoSql(products.id),
      cooperativeId: cooperatives.id,
      cooperativeSlug: cooperatives.slug,
      cooperativeZh: cooperatives.nameZh,
      cooperativeEn: cooperatives.nameEn,
      sellerStatus: cooperatives.status,
      shippingFeeCents: cooperatives.shippingFeeCents,
      freeShippingFromCents: cooperatives.freeShippingFromCents,
      commissionBps: cooperatives.commissionBps,
    })
    .from(cartLines)
    .innerJoin(productVariants, eq(productVariants.id, cartLines.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .where(eq(cartLines.cartId, cartId))
    .orderBy(asc(cartLines.id));
}

export type CartLineRow = LineRow;

// The cart's view is built in view.ts; these stay importable from here.
export { buildCartView, lineProblem, unitsPerVariant } from "./view";

/** The cart's lines with today's product data (also what checkout prices from). */
export async function loadCartLines(db: Database, cartId: string): Promise<LineRow[]> {
  return selectLines(db, cartId);
}

export async function getCart(db: Database, cartId: string): Promise<CartView | null> {
  if (!isCartId(cartId)) return null;
  const [cart] = await db.select({ id: carts.id, userId: carts.userId }).from(carts).where(eq(carts.id, cartId));
  if (!cart) return null;
  const rows = await selectLines(db, cartId);
  // Units this cart's own open checkout holds come back when it checks out again (placeOrder
  // cancels that checkout first), so they count as available here.
  const held = await db
    .select({ variantId: stockHolds.variantId, quantity: sql<number>`sum(${stockHolds.quantity})::int` })
    .from(stockHolds)
    .innerJoin(orders, eq(orders.id, stockHolds.orderId))
    .where(and(eq(orders.cartId, cartId), eq(orders.status, "pending_payment"), eq(stockHolds.state, "held")))
    .groupBy(stockHolds.variantId);
  const own = new Map(held.map((h) => [h.variantId, h.quantity]));
  const now = new Date();
  const bookings = await quoteBookingLines(db, await loadBookingLines(db, cartId), { today: todayInShanghai(now), now, cartId });
  return buildCartView(cart.id, cart.userId, rows.map((r) => ({ ...r, stock: r.stock + (own.get(r.variantId) ?? 0) })), bookings);
}

/** Guest carts nobody touched for 60 days, and empty guest carts older than a day, go away. */
export async function deleteAbandonedCarts(db: Database): Promise<number> {
  const deleted = await db.execute(sql`
    DELETE FROM ${carts} c WHERE c.user_id IS NULL AND (
      c.updated_at < now() - interval '60 days'
      OR (c.updated_at < now() - interval '1 day' AND NOT EXISTS (SELECT 1 FROM ${cartLines} l WHERE l.cart_id = c.id))
    )`);
  return deleted.count;
}

/** Accepts today's prices: the shopper saw the change and goes on. */
export async function acceptCurrentPrices(db: Database, cartId: string): Promise<void> {
  if (!isCartId(cartId)) return;
  await db.execute(sql`
    UPDATE ${cartLines} cl SET seen_price_cents = pv.price_cents
    FROM ${productVariants} pv WHERE pv.id = cl.variant_id AND cl.cart_id = ${cartId}`);
  const now = new Date();
  const bookings = await quoteBookingLines(db, await loadBookingLines(db, cartId), { today: todayInShanghai(now), now, cartId });
  const seen = [
    ...bookings.stays.filter((s) => s.quote.quote).map((s) => ({ id: s.row.id, cents: s.quote.quote!.totalCents })),
    ...bookings.slots.filter((s) => !s.quote.problem || s.quote.problem !== "not_found").map((s) => ({ id: s.row.id, cents: s.quote.pricePerPersonCents })),
  ];
  for (const line of seen) {
    await db.update(cartLines).set({ seenPriceCents: line.cents }).where(and(eq(cartLines.id, line.id), eq(cartLines.cartId, cartId)));
  }
}
