// What a cart looks like to pages and the API (plain data; no server imports here).

export type CartLineView = {
  id: number;
  sku: string;
  variantId: number;
  productSlug: string;
  titleZh: string;
  titleEn: string;
  variantZh: string;
  variantEn: string;
  /** Today's price of one unit, in fen. */
  unitPriceCents: number;
  /** The price the shopper saw when adding the line. */
  seenPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  /** Units in stock now (not reserved by anyone). */
  stock: number;
  /** Harvest pre-sale: the day this variant ships from (YYYY-MM-DD), else null. */
  shipsFrom: string | null;
  /** What would stop this line at checkout, if anything. */
  problem: CartLineProblem | null;
  imageUrl: string | null;
};

export type CartLineProblem =
  | { kind: "unavailable" } // product archived/draft or its seller not approved
  | { kind: "sold_out" }
  | { kind: "not_enough_stock"; available: number }
  | { kind: "price_changed"; fromCents: number; toCents: number };

export type CartSellerGroup = {
  cooperative: { id: number; slug: string; nameZh: string; nameEn: string };
  lines: CartLineView[];
  subtotalCents: number;
  shippingCents: number;
  /** Flat fee and free-shipping threshold of this seller (fen), as set in its dashboard. */
  shippingFeeCents: number;
  freeShippingFromCents: number | null;
  totalCents: number;
};

export type CartView = {
  id: string;
  userId: number | null;
  groups: CartSellerGroup[];
  /** Number of units (the header's count). */
  itemCount: number;
  lineCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  /** True when some line has a problem: checkout would refuse. */
  hasProblems: boolean;
};

export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;
