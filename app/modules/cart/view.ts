// What a cart looks like to pages, the API and checkout, from its rows: lines grouped per seller,
// each line's problem, shipping on products only, the totals. Pure (no queries).
import { fallbackPhotoUrl } from "../media/photo";
import type { QuotedBookingLines } from "./bookings.server";
import type { CartLineRow as LineRow } from "./cart.server";
import { shippingFor } from "./shipping";
import type { CartLineProblem, CartLineView, CartSellerGroup, CartView } from "./types";

/** Whether a variant can be bought at all: its product is active and its seller approved. */
export const forSale = (row: { productStatus: string; sellerStatus: string }) => row.productStatus === "active" && row.sellerStatus === "approved";

/** How many units of each variant the lines ask for together (a cart may hold one SKU in several lines). */
export function unitsPerVariant(rows: readonly { variantId: number; quantity: number }[]): Map<number, number> {
  const wanted = new Map<number, number>();
  for (const r of rows) wanted.set(r.variantId, (wanted.get(r.variantId) ?? 0) + r.quantity);
  return wanted;
}

/** What stops a line, given how many units of its variant the whole cart asks for. */
export function lineProblem(row: LineRow, wantedOfVariant: number): CartLineProblem | null {
  if (!forSale(row)) return { kind: "unavailable" };
  if (row.stock <= 0) return { kind: "sold_out" };
  if (wantedOfVariant > row.stock) return { kind: "not_enough_stock", available: row.stock };
  if (row.priceCents !== row.seenPriceCents) return { kind: "price_changed", fromCents: row.seenPriceCents, toCents: row.priceCents };
  return null;
}

const EMPTY_BOOKINGS: QuotedBookingLines = { stays: [], slots: [] };

export function buildCartView(id: string, userId: number | null, rows: LineRow[], bookings: QuotedBookingLines = EMPTY_BOOKINGS): CartView {
  const wanted = unitsPerVariant(rows);
  const groups = new Map<number, CartSellerGroup>();
  for (const r of rows) {
    const line: CartLineView = {
      id: r.id,
      sku: r.sku,
      variantId: r.variantId,
      productSlug: r.productSlug,
      titleZh: r.titleZh,
      titleEn: r.titleEn,
      variantZh: r.variantZh,
      variantEn: r.variantEn,
      unitPriceCents: r.priceCents,
      seenPriceCents: r.seenPriceCents,
      quantity: r.quantity,
      lineTotalCents: r.priceCents * r.quantity,
      stock: r.stock,
      shipsFrom: r.shipsFrom,
      problem: lineProblem(r, wanted.get(r.variantId) ?? r.quantity),
      imageUrl: r.photo ? fallbackPhotoUrl(r.photo) : r.image || null,
    };
    const group = groupOf(groups, { id: r.cooperativeId, slug: r.cooperativeSlug, nameZh: r.cooperativeZh, nameEn: r.cooperativeEn }, r);
    group.lines.push(line);
    group.subtotalCents += line.lineTotalCents;
  }
  const goods = new Map([...groups.values()].map((g) => [g.cooperative.id, g.subtotalCents]));
  for (const { quote, view } of bookings.stays) {
    const group = groupOf(groups, { id: quote.cooperativeId, slug: quote.cooperativeSlug, nameZh: quote.cooperativeZh, nameEn: quote.cooperativeEn });
    group.stays.push(view);
    group.subtotalCents += view.totalCents;
  }
  for (const { quote, view } of bookings.slots) {
    const group = groupOf(groups, { id: quote.cooperativeId, slug: quote.cooperativeSlug, nameZh: quote.cooperativeZh, nameEn: quote.cooperativeEn });
    group.experiences.push(view);
    group.subtotalCents += view.totalCents;
  }
  const list = [...groups.values()];
  for (const g of list) {
    // Shipping is charged on the products only (nights and seats are not shipped).
    g.shippingCents = g.lines.length ? shippingFor(goods.get(g.cooperative.id) ?? 0, g.shippingFeeCents, g.freeShippingFromCents) : 0;
    g.totalCents = g.subtotalCents + g.shippingCents;
  }
  const lines = list.flatMap((g) => g.lines);
  const stayLines = list.flatMap((g) => g.stays);
  const slotLines = list.flatMap((g) => g.experiences);
  const bookingProblems = [...stayLines, ...slotLines].some((l) => l.problem !== null);
  return {
    id,
    userId,
    groups: list,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0) + stayLines.length + slotLines.length,
    lineCount: lines.length + stayLines.length + slotLines.length,
    subtotalCents: list.reduce((n, g) => n + g.subtotalCents, 0),
    shippingCents: list.reduce((n, g) => n + g.shippingCents, 0),
    totalCents: list.reduce((n, g) => n + g.totalCents, 0),
    hasProblems: lines.some((l) => l.problem !== null) || bookingProblems,
    hasProducts: lines.length > 0,
    payOnArrivalAllowed: lines.length === 0 && slotLines.length === 0 && stayLines.length > 0 && stayLines.every((l) => l.payOnArrival !== "off"),
  };
}

type CooperativeRef = CartSellerGroup["cooperative"];

function groupOf(
  groups: Map<number, CartSellerGroup>,
  cooperative: CooperativeRef,
  shipping: { shippingFeeCents: number; freeShippingFromCents: number | null } = { shippingFeeCents: 0, freeShippingFromCents: null },
): CartSellerGroup {
  let group = groups.get(cooperative.id);
  if (!group) {
    group = {
      cooperative,
      lines: [],
      stays: [],
      experiences: [],
      subtotalCents: 0,
      shippingCents: 0,
      shippingFeeCents: shipping.shippingFeeCents,
      freeShippingFromCents: shipping.freeShippingFromCents,
      totalCents: 0,
    };
    groups.set(cooperative.id, group);
  }
  return group;
}

