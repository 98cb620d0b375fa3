// An order as its buyer sees it (getOrderForBuyer) → the JSON API v1 body: the whole order and
// one entry per cooperative (its status, carrier and tracking number, its lines). One language
// per response, money in fen, instants ISO 8601 in China Standard Time (ADR 007). Client-safe.
import { toShanghaiIso } from "~/modules/catalog/listing-display";
import type { BuyerOrder } from "~/modules/orders/buyer.server";
import { type Lang, localePath, pick } from "~/utils/i18n";

const instant = (value: string | null) => (value ? toShanghaiIso(value) : null);

export function orderJson(order: BuyerOrder, lang: Lang) {
  const pending = order.status === "pending_payment";
  return {
    number: order.number,
    status: order.status,
    createdAt: instant(order.createdAt),
    paidAt: instant(order.paidAt),
    cancelledAt: instant(order.cancelledAt),
    payment: {
      provider: order.provider,
      // While the order waits for its payment: where to pay, and until when the stock is held.
      url: pending ? order.paymentUrl : null,
      holdExpiresAt: pending ? instant(order.holdExpiresAt) : null,
    },
    contact: { email: order.email, name: order.name, phone: order.phone },
    address: { province: order.province, city: order.city, district: order.district, detail: order.addressDetail },
    note: order.note,
    subtotalCents: order.subtotalCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    sellerOrders: order.parts.map((part) => ({
      cooperative: {
        slug: part.cooperative.slug,
        name: pick(lang, part.cooperative.nameZh, part.cooperative.nameEn),
        url: localePath(lang, `/cooperatives/${part.cooperative.slug}`),
      },
      status: part.status,
      subtotalCents: part.subtotalCents,
      shippingCents: part.shippingCents,
      totalCents: part.totalCents,
      refundedCents: part.refundedCents,
      carrier: part.carrier,
      trackingNumber: part.trackingNumber,
      shippedAt: instant(part.shippedAt),
      deliveredAt: instant(part.deliveredAt),
      lines: part.lines.map((line) => ({
        sku: line.sku,
        title: pick(lang, line.titleZh, line.titleEn),
        variant: pick(lang, line.variantZh, line.variantEn),
        url: localePath(lang, `/products/${line.productSlug}`),
        unitPriceCents: line.unitPriceCents,
        quantity: line.quantity,
        totalCents: line.totalCents,
        shipsFrom: line.shipsFrom,
      })),
      bookings: part.bookings.map((b) => ({
        kind: b.kind,
        status: b.status,
        title: pick(lang, b.titleZh, b.titleEn),
        room: b.roomZh !== null ? pick(lang, b.roomZh, b.roomEn ?? "") : null,
        url: localePath(lang, `/${b.kind === "stay" ? "stays" : "experiences"}/${b.slug}`),
        checkIn: b.checkIn,
        checkOut: b.checkOut,
        guests: b.guests,
        startsAt: b.startsAt,
        people: b.people,
        totalCents: b.totalCents,
        refundedCents: b.refundedCents,
      })),
    })),
    refunds: order.refunds.map((r) => ({
      amountCents: r.amountCents,
      createdAt: instant(r.createdAt),
      cooperative: r.cooperative ? pick(lang, r.cooperative.nameZh, r.cooperative.nameEn) : null,
    })),
  };
}
