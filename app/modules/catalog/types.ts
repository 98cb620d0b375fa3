// Client-safe catalogue types and constants: routes, components and the server modules share
// them. Nothing here may import server code (the type-only imports below are erased).
import type { CategoryKey as SchemaCategoryKey, CertificationKey as SchemaCertificationKey } from "../../../db/schema/products";

// The same keys as db/schema/products.ts, repeated so the browser bundle does not pull in the
// Drizzle schema; the assertions below fail the type check if the two lists ever drift apart.
export const CATEGORY_KEYS = [
  "tea",
  "grain",
  "fruit",
  "vegetables",
  "nuts",
  "honey",
  "mushrooms",
  "bamboo",
  "meat_eggs",
  "aquatic",
  "preserved",
  "crafts",
  "snacks",
] as const;
export const CERTIFICATION_KEYS = ["organic", "green_food", "gi", "heritage"] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];
export type CertificationKey = (typeof CERTIFICATION_KEYS)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const categoriesMatchSchema: Same<CategoryKey, SchemaCategoryKey> = true;
const certificationsMatchSchema: Same<CertificationKey, SchemaCertificationKey> = true;
void categoriesMatchSchema;
void certificationsMatchSchema;

export const PRODUCT_SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const DEFAULT_PAGE_SIZE = 24;

/** The catalogue filters of `/products`, as parsed from the URL. Prices are in fen. */
export type ProductFilters = {
  category?: CategoryKey;
  village?: string;
  certs: CertificationKey[];
  minCents?: number;
  maxCents?: number;
  sort: ProductSort;
  page: number;
};

/** What a product card shows (grid of `/products`, village and cooperative pages, related). */
export type ProductCardData = {
  slug: string;
  titleZh: string;
  titleEn: string;
  image: string;
  category: CategoryKey;
  certifications: CertificationKey[];
  priceFromCents: number;
  villageSlug: string | null;
  villageNameZh: string | null;
  villageNameEn: string | null;
  cooperativeSlug: string;
  cooperativeNameZh: string;
  cooperativeNameEn: string;
  /** Every variant has stock 0 (or there is no variant). */
  soldOut: boolean;
  /** Some variant ships from a date after today (harvest pre-sale). */
  preSale: boolean;
};

export type ProductPage = { items: ProductCardData[]; total: number; page: number; pages: number };

export type CooperativeKind = "cooperative" | "family_farm" | "homestay_host" | "leisure_farm";

export type ProductVariantData = {
  sku: string;
  nameZh: string;
  nameEn: string;
  priceCents: number;
  stock: number;
  weightG: number | null;
  /** "YYYY-MM-DD" (Asia/Shanghai calendar date) or null. */
  shipsFrom: string | null;
};

export type ProductDetail = {
  id: number;
  slug: string;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  category: CategoryKey;
  certifications: CertificationKey[];
  harvestSeason: string;
  image: string;
  priceFromCents: number;
  village: { id: number; slug: string; nameZh: string; nameEn: string } | null;
  cooperative: { id: number; slug: string; nameZh: string; nameEn: string; kind: CooperativeKind };
  variants: ProductVariantData[];
};

export type ProductFacets = {
  villages: { slug: string; nameZh: string; nameEn: string; count: number }[];
  categories: { key: CategoryKey; count: number }[];
};

/** The picture of a product: its own image, else its category's illustration (800×600 SVG). */
export function productImage(p: { image: string; category: CategoryKey }): string {
  return p.image || `/images/categories/${p.category}.svg`;
}

/** True when the visitor narrowed the list (sort and page do not count). */
export function hasActiveFilters(filters: ProductFilters): boolean {
  return Boolean(
    filters.category || filters.village || filters.certs.length || filters.minCents !== undefined || filters.maxCents !== undefined,
  );
}
