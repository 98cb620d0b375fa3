// The rows the product pages of the dashboard read, in a file the browser bundle may import (the
// modules that fill them are server-only).
import type { ProductStatus, StockReason } from "./schemas";

/** A product in the cooperative's list: lowest price, variants and stock at a glance. */
export type SellerProductRow = {
  id: number;
  titleZh: string;
  titleEn: string;
  status: ProductStatus;
  priceFromCents: number;
  variantCount: number;
  totalStock: number;
  lowestStock: number | null;
};

/** One stock adjustment of a product's variant, with who made it. */
export type StockHistoryEntry = {
  id: number;
  createdAt: Date;
  variantId: number;
  sku: string;
  variantZh: string;
  variantEn: string;
  delta: number;
  stockAfter: number;
  reason: StockReason;
  note: string;
  userName: string | null;
  userEmail: string | null;
};
