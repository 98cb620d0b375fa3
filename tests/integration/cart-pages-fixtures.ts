// The shelf of the cart and checkout page tests: two cooperatives with their own shipping
// (A: ¥10, free from ¥200; B: ¥8 flat), tea from A and hickory nuts from B, and a few variants
// to break (sold out, pre-sale, archived). Every call makes fresh rows (unique slugs and SKUs).
import { eq, sql } from "drizzle-orm";
import { cartLines, productVariants, products } from "../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { createCooperative, uniqueSlug } from "../factories";

export type Shelf = Awaited<ReturnType<typeof buyingShelf>>;

async function product(
  db: Database,
  cooperativeId: number,
  input: { category: string; titleZh: string; titleEn: string; variants: { suffix: string; nameZh: string; priceCents: number; stock: number; shipsFrom?: string }[] },
) {
  const slug = uniqueSlug(input.category);
  const [row] = await db
    .insert(products)
    .values({
      cooperativeId,
      handle: slug,
      slug,
      category: input.category as "tea",
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      priceFromCents: Math.min(...input.variants.map((v) => v.priceCents)),
    })
    .returning();
  const skus: Record<string, string> = {};
  for (const [i, v] of input.variants.entries()) {
    const sku = `${slug.toUpperCase()}-${v.suffix}`.slice(0, 64);
    await db.insert(productVariants).values({
      productId: row!.id,
      sku,
      nameZh: v.nameZh,
      nameEn: v.nameZh,
      priceCents: v.priceCents,
      stock: v.stock,
      shipsFrom: v.shipsFrom ?? null,
      position: i,
    });
    skus[v.suffix] = sku;
  }
  return { id: row!.id, slug, skus };
}

export async function buyingShelf(db: Database) {
  const coopA = await createCooperative(db, { shippingFeeCents: 1000, freeShippingFromCents: 20000 });
  const coopB = await createCooperative(db, { shippingFeeCents: 800 });
  const tea = await product(db, coopA.id, {
    category: "tea",
    titleZh: "安吉白茶 明前一级",
    titleEn: "Anji White Tea",
    variants: [
      { suffix: "250", nameZh: "250克罐装", priceCents: 16800, stock: 5 },
      { suffix: "50", nameZh: "50克尝鲜装", priceCents: 3800, stock: 40 },
      { suffix: "NEW", nameZh: "新茶预售", priceCents: 20000, stock: 10, shipsFrom: "2099-04-10" },
      { suffix: "GONE", nameZh: "已卖完", priceCents: 9900, stock: 0 },
    ],
  });
  const nuts = await product(db, coopB.id, {
    category: "nuts",
    titleZh: "临安山核桃",
    titleEn: "Lin'an Hickory Nuts",
    variants: [{ suffix: "500", nameZh: "500克袋装", priceCents: 9800, stock: 20 }],
  });
  return { coopA, coopB, tea, nuts };
}

export async function setStock(db: Database, sku: string, stock: number) {
  await db.update(productVariants).set({ stock }).where(eq(productVariants.sku, sku));
}

export async function setPrice(db: Database, sku: string, priceCents: number) {
  await db.update(productVariants).set({ priceCents }).where(eq(productVariants.sku, sku));
}

export async function setProductStatus(db: Database, productId: number, status: "active" | "archived") {
  await db.update(products).set({ status }).where(eq(products.id, productId));
}

export async function stockOf(db: Database, sku: string): Promise<number> {
  const [row] = await db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.sku, sku));
  return row!.stock;
}

/** The cart's lines as (sku, quantity), in the order they were added. */
export async function linesOf(db: Database, cartId: string): Promise<{ id: number; sku: string; quantity: number }[]> {
  return db
    .select({ id: cartLines.id, sku: productVariants.sku, quantity: cartLines.quantity })
    .from(cartLines)
    .innerJoin(productVariants, eq(productVariants.id, cartLines.variantId))
    .where(eq(cartLines.cartId, cartId))
    .orderBy(cartLines.id);
}

/** Everything a shopper's request could change: the carts and their lines, orders placed from them, the variants' stock. */
export async function snapshot(db: Database, cartIds: string[], skus: string[]): Promise<string> {
  const carts = `{${cartIds.join(",")}}`;
  const variants = `{${skus.join(",")}}`;
  const [row] = await db.execute<{ s: string | null }>(sql`
    SELECT coalesce((SELECT string_agg(c.id || '/' || coalesce(c.user_id::text, '-'), ',' ORDER BY c.id) FROM carts c WHERE c.id = ANY(${carts}::text[])), '-') || ' | ' ||
           coalesce((SELECT string_agg(l.id || ':' || l.variant_id || 'x' || l.quantity || '@' || l.seen_price_cents, ',' ORDER BY l.id)
                     FROM cart_lines l WHERE l.cart_id = ANY(${carts}::text[])), '-') || ' | ' ||
           (SELECT count(*) FROM orders o WHERE o.cart_id = ANY(${carts}::text[])) || ' orders | ' ||
           coalesce((SELECT string_agg(v.sku || '=' || v.stock, ',' ORDER BY v.sku) FROM product_variants v WHERE v.sku = ANY(${variants}::text[])), '-') AS s`);
  return row!.s ?? "";
}
