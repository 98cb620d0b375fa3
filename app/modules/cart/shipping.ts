// A seller's shipping for one order's part: its flat fee, or nothing from its free-shipping
// threshold on (and nothing on an empty part). Shared by the cart, checkout and the pages.
export function shippingFor(subtotalCents: number, feeCents: number, freeFromCents: number | null): number {
  if (subtotalCents <= 0) return 0;
  if (freeFromCents !== null && subtotalCents >= freeFromCents) return 0;
  return feeCents;
}

/** How much more to buy from this seller for free shipping (null: no threshold, or already free). */
export function missingForFreeShipping(subtotalCents: number, feeCents: number, freeFromCents: number | null): number | null {
  if (freeFromCents === null || feeCents === 0 || subtotalCents >= freeFromCents) return null;
  return freeFromCents - subtotalCents;
}
