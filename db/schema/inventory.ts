import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id } from "./columns";
import { productVariants, products } from "./products";

export const STOCK_REASONS = ["restock", "correction", "damaged", "offline_sale", "other"] as const;
export type StockReason = (typeof STOCK_REASONS)[number];
export const stockReason = pgEnum("stock_reason", STOCK_REASONS);

// Every manual change of a variant's stock, with who made it and why; never updated or deleted.
export const stockAdjustments = pgTable(
  "stock_adjustments",
  {
    id: id(),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    delta: integer("delta").notNull(),
    stockAfter: integer("stock_after").notNull(),
    reason: stockReason("reason").notNull(),
    note: text("note").notNull().default(""),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("stock_adjustments_variant_idx").on(t.variantId, t.createdAt),
    check("stock_adjustments_delta_nonzero", sql`${t.delta} <> 0`),
    check("stock_adjustments_after_nonnegative", sql`${t.stockAfter} >= 0`),
  ],
);

// Pictures a seller uploaded for a product. `storage_key` is the stem; each width in `widths`
// exists as `<key>-<width>.webp` and `<key>-<width>.avif` in the media store.
export const productImages = pgTable(
  "product_images",
  {
    id: id(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    widths: integer("widths").array().notNull(),
    altZh: text("alt_zh").notNull().default(""),
    altEn: text("alt_en").notNull().default(""),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("product_images_product_idx").on(t.productId, t.position),
    check("product_images_size_positive", sql`${t.width} > 0 AND ${t.height} > 0`),
  ],
);
