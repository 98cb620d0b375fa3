import { eq } from "drizzle-orm";
import { productVariants, products } from "../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { type CooperativeRow, createCooperative } from "./cooperatives";
import { uniqueSlug, uniqueToken } from "./unique";

export type ShopVariant = { id: number; sku: string; productId: number; slug: string; cooperative: CooperativeRow };

/**
 * An active product with one variant for sale (stock and price as given) from a cooperative —
 * a new approved one unless `cooperative` is passed.
 */
export async function createShopVariant(
  db: Database,
  options: {
    cooperative?: CooperativeRow;
    stock?: number;
    priceCents?: number;
    shipsFrom?: string | null;
    titleZh?: string;
    status?: "active" | "draft" | "archived";
  } = {},
): Promise<ShopVariant> {
  const cooperative = options.cooperative ?? (await createCooperative(db));
  const slug = uniqueSlug("item");
  const priceCents = options.priceCents ?? 6800;
  const [product] = await db
    .insert(products)
    .values({
      slug,
      handle: slug,
      cooperativeId: cooperative.id,
      category: "tea",
      titleZh: options.titleZh ?? `测试白茶${slug.slice(-5)}`,
      titleEn: `Test white tea ${slug.slice(-5)}`,
      status: options.status ?? "active",
      priceFromCents: priceCents,
    })
    .returning({ id: products.id });
  const sku = `T-${uniqueToken().toUpperCase()}`;
  const [variant] = await db
    .insert(productVariants)
    .values({
      productId: product!.id,
      sku,
      nameZh: "250克罐装",
      nameEn: "250 g tin",
      priceCents,
      stock: options.stock ?? 10,
      shipsFrom: options.shipsFrom ?? null,
    })
    .returning({ id: productVariants.id });
  return { id: variant!.id, sku, productId: product!.id, slug, cooperative };
}

export async function stockOf(db: Database, variantId: number): Promise<number> {
  const [row] = await db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId));
  return row!.stock;
}
