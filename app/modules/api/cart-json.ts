// A cart (the CartView the pages render) → the JSON API v1 body. Explicit fields only: the
// cooperative's and the variant's internal ids stay inside; a line's id is the handle the
// PATCH/DELETE endpoints take (meaningful only together with its unguessable cart id).
// One language per response, money in fen (`…Cents`), dates YYYY-MM-DD (ADR 007). Client-safe.
import type { CartLineProblem, CartLineView, CartSellerGroup, CartSlotLineView, CartStayLineView, CartView } from "~/modules/cart/types";
import { type Lang, localePath, pick } from "~/utils/i18n";

function problemJson(problem: CartLineProblem | null) {
  if (!problem) return null;
  switch (problem.kind) {
    case "not_enough_stock":
      return { code: problem.kind, available: problem.available };
    case "price_changed":
      return { code: problem.kind, fromCents: problem.fromCents, toCents: problem.toCents };
    case "not_bookable":
      return { code: problem.kind, reason: problem.reason };
    default:
      return { code: problem.kind };
  }
}

export function cartLineJson(line: CartLineView, lang: Lang) {
  return {
    id: line.id,
    sku: line.sku,
    title: pick(lang, line.titleZh, line.titleEn),
    variant: pick(lang, line.variantZh, line.variantEn),
    url: localePath(lang, `/products/${line.productSlug}`),
    image: line.imageUrl,
    unitPriceCents: line.unitPriceCents,
    quantity: line.quantity,
    lineTotalCents: line.lineTotalCents,
    stock: Math.max(line.stock, 0),
    shipsFrom: line.shipsFrom,
    problem: problemJson(line.problem),
  };
}

export function stayLineJson(line: CartStayLineView, lang: Lang) {
  return {
    id: line.id,
    unitId: line.unitId,
    stay: pick(lang, line.stayZh, line.stayEn),
    room: pick(lang, line.roomZh, line.roomEn),
    url: line.staySlug ? localePath(lang, `/stays/${line.staySlug}`) : null,
    checkIn: line.checkIn,
    checkOut: line.checkOut,
    nights: line.nights,
    guests: line.guests,
    totalCents: line.totalCents,
    cancellationPolicy: line.cancellationPolicy,
    payOnArrival: line.payOnArrival !== "off",
    problem: problemJson(line.problem),
  };
}

export function slotLineJson(line: CartSlotLineView, lang: Lang) {
  return {
    id: line.id,
    slotId: line.slotId,
    title: pick(lang, line.titleZh, line.titleEn),
    url: line.experienceSlug ? localePath(lang, `/experiences/${line.experienceSlug}`) : null,
    startsAt: line.startsAt,
    people: line.people,
    pricePerPersonCents: line.pricePerPersonCents,
    totalCents: line.totalCents,
    seatsLeft: line.seatsLeft,
    problem: problemJson(line.problem),
  };
}

function groupJson(group: CartSellerGroup, lang: Lang) {
  const c = group.cooperative;
  return {
    cooperative: { slug: c.slug, name: pick(lang, c.nameZh, c.nameEn), url: localePath(lang, `/cooperatives/${c.slug}`) },
    lines: group.lines.map((l) => cartLineJson(l, lang)),
    stays: group.stays.map((l) => stayLineJson(l, lang)),
    experiences: group.experiences.map((l) => slotLineJson(l, lang)),
    subtotalCents: group.subtotalCents,
    shippingCents: group.shippingCents,
    shipping: { feeCents: group.shippingFeeCents, freeFromCents: group.freeShippingFromCents },
    totalCents: group.totalCents,
  };
}

export function cartJson(cart: CartView, lang: Lang) {
  return {
    id: cart.id,
    groups: cart.groups.map((g) => groupJson(g, lang)),
    itemCount: cart.itemCount,
    lineCount: cart.lineCount,
    subtotalCents: cart.subtotalCents,
    shippingCents: cart.shippingCents,
    totalCents: cart.totalCents,
    /** False when some line has a problem: checkout would refuse until it is fixed. */
    canCheckout: cart.lineCount > 0 && !cart.hasProblems,
    /** Checkout needs `address` (the cart holds products). */
    needsAddress: cart.hasProducts,
    /** Checkout may send `payment: "on_arrival"` (stays only, at hosts who take payment there). */
    payOnArrival: cart.payOnArrivalAllowed,
  };
}
