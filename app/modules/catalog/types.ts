// Client-safe catalogue types and constants: routes, components and the server modules share
// them. Nothing here may import server code; the key lists come from a Drizzle-free file.
import { CATEGORY_KEYS, CERTIFICATION_KEYS, type CategoryKey, type CertificationKey } from "../../../db/schema/keys";

export { CATEGORY_KEYS, CERTIFICATION_KEYS, type CategoryKey, type CertificationKey };

export const PRODUCT_SORTS = ["relevance", "price_asc", "price_desc", "newest"] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

export const DEFAULT_PAGE_SIZE = 24;

/** The catalogue filters of `/products`, as parsed from the URL. Prices are in fen. */
export type ProductFilters = {
  /** Words to search for (at most 200 characters): the search engine then picks and orders the list. */
  q?: string;
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
    filters.q ||
      filters.category ||
      filters.village ||
      filters.certs.length ||
      filters.minCents !== undefined ||
      filters.maxCents !== undefined,
  );
}
