// The search port's contract, shared by both engines, the pages and the JSON API. Client-safe.
import { type CategoryKey, type CertificationKey, PRODUCT_SORTS } from "~/modules/catalog/types";
import type { Lang } from "~/utils/i18n";

export const SEARCH_TYPES = ["product", "stay", "experience", "village"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

// The catalogue's sorts: /products?q= and /search read the same `sort` values.
export const SEARCH_SORTS = PRODUCT_SORTS;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const ENGINES = ["meilisearch", "postgres"] as const;
export type EngineName = (typeof ENGINES)[number];

/** Longest query we accept (characters). */
export const MAX_QUERY_LENGTH = 200;
/** Most hits one request may ask for. */
export const MAX_LIMIT = 50;

export type SearchQuery = {
  /** Trimmed, at most MAX_QUERY_LENGTH characters; "" lists everything (filters still apply). */
  q: string;
  /** Language of titles, URLs and highlights in the hits. */
  lang: Lang;
  /** Restrict to one type (the tabs); facets.type still counts every type. */
  type?: SearchType;
  category?: CategoryKey;
  /** Village slug. */
  village?: string;
  /** Every listed certification must be present. */
  certs?: CertificationKey[];
  /** Price bounds in fen, inclusive, on `priceFrom`. */
  minCents?: number;
  maxCents?: number;
  sort?: SearchSort;
  limit: number;
  offset: number;
};

/** A piece of a highlighted title: `hit` parts matched the query. */
export type HighlightPart = { text: string; hit: boolean };

export type PlaceRef = { slug: string; name: string };

export type SearchHit = {
  type: SearchType;
  id: number;
  slug: string;
  /** Title in the query's language (Chinese when no English title exists). */
  title: string;
  titleParts: HighlightPart[];
  /** A short line under the title (variant / village summary / description start). */
  snippet: string;
  /** Localized path of the page, e.g. `/en/products/anji-white-tea`. */
  url: string;
  image: string;
  village: PlaceRef | null;
  cooperative: PlaceRef | null;
  /** Lowest price in fen (product variant, room per night, experience per person); null for villages. */
  priceFrom: number | null;
  category: CategoryKey | null;
  certifications: CertificationKey[];
  /** The SKU of the variant the query named, when the query was a SKU. */
  sku?: string;
};

export type SearchFacets = {
  /** Hits per type for the query and filters, ignoring the type filter (tab counts). */
  type: Record<SearchType, number>;
  /** Product categories → count (within the current type filter). */
  category: Partial<Record<CategoryKey, number>>;
  /** Village slug → count. */
  village: Record<string, number>;
  certification: Partial<Record<CertificationKey, number>>;
  /** Price range (fen) over the matched hits with a price, or null. */
  price: { min: number; max: number } | null;
};

export type SearchResult = {
  query: string;
  engine: EngineName;
  total: number;
  hits: SearchHit[];
  facets: SearchFacets;
  /** A corrected query when the query looks misspelt and the correction finds more, else null. */
  didYouMean: string | null;
  tookMs: number;
};

export type SearchStatus = {
  /** What configuration asks for. */
  configured: EngineName;
  /** What answers right now (postgres while Meilisearch is unreachable). */
  engine: EngineName;
  meilisearch: "off" | "up" | "down";
  /** Outbox rows not yet projected, documents not yet shipped to Meilisearch. */
  pending: { outbox: number; unshipped: number };
};
