import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { cooperatives } from "./cooperatives";
import { CATEGORY_KEYS, CERTIFICATION_KEYS } from "./keys";
import { villages } from "./villages";

export { CATEGORY_KEYS, CERTIFICATION_KEYS, type CategoryKey, type CertificationKey } from "./keys";

export const productCategory = pgEnum("product_category", CATEGORY_KEYS);
export const certification = pgEnum("certification", CERTIFICATION_KEYS);
export const productStatus = pgEnum("product_status", ["active", "draft", "archived"]);

export const products = pgTable(
  "products",
  {
    id: id(),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    // `handle` is the seller's own key (the CSV column); `slug` is the public URL, unique site-wide.
    handle: text("handle").notNull(),
    slug: text("slug").notNull(),
    villageId: integer("village_id").references(() => villages.id, { onDelete: "set null" }),
    category: productCategory("category").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull().default(""),
    descriptionZh: text("description_zh").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    certifications: certification("certifications").array().notNull().default(sql`'{}'`),
    harvestSeason: text("harvest_season").notNull().default(""),
    status: productStatus("status").notNull().default("active"),
    image: text("image").notNull().default(""),
    // Lowest variant price, kept by the catalogue writer so filters and sorts need no join.
    priceFromCents: integer("price_from_cents").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("products_slug_key").on(t.slug),
    uniqueIndex("products_cooperative_handle_key").on(t.cooperativeId, t.handle),
    index("products_status_category_idx").on(t.status, t.category),
    index("products_village_idx").on(t.villageId),
    index("products_cooperative_idx").on(t.cooperativeId),
    index("products_certifications_idx").using("gin", t.certifications),
    index("products_price_idx").on(t.status, t.priceFromCents),
    index("products_created_idx").on(t.status, t.createdAt),
    check("products_price_from_nonnegative", sql`${t.priceFromCents} >= 0`),
    check("products_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);

export const productVariants = pgTable(
  "product_variants",
  {
    id: id(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull().default(""),
    priceCents: integer("price_cents").notNull(),
    stock: integer("stock").notNull().default(0),
    weightG: integer("weight_g"),
    shipsFrom: date("ships_from"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("product_variants_sku_key").on(t.sku),
    index("product_variants_product_idx").on(t.productId, t.position),
    check("product_variants_price_nonnegative", sql`${t.priceCents} >= 0`),
    check("product_variants_stock_nonnegative", sql`${t.stock} >= 0`),
    check("product_variants_weight_nonnegative", sql`${t.weightG} IS NULL OR ${t.weightG} >= 0`),
  ],
);
