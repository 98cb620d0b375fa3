import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { createdAt, id, updatedAt } from "./columns";
import { cooperatives } from "./cooperatives";
import { experienceSlots } from "./experiences";
import { productVariants, products } from "./products";
import { stayUnits } from "./stays";

// ------------------------------------------------------------------ carts

// A cart is addressed by an unguessable id (the guest's cookie, or an API client's handle);
// a signed-in shopper has at most one cart of their own.
export const carts = pgTable(
  "carts",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("carts_user_key").on(t.userId).where(sql`${t.userId} IS NOT NULL`),
    check("carts_id_format", sql`${t.id} ~ '^[A-Za-z0-9_-]{20,64}$'`),
  ],
);

// Lines of a cart, of three kinds (exactly one of variant, room, slot is set):
//   - a product variant × quantity (the page merges a product added twice into one line; the
//     API may hold several lines of one variant, checkout adds them up before taking stock);
//   - a room × nights [check_in, check_out) × guests (quantity 1; seen price = the stay's total);
//   - an experience slot × people (quantity = people; seen price = the price per person).
// A line holds nothing: checkout takes stock, nights and seats.
export const cartLines = pgTable(
  "cart_lines",
  {
    id: id(),
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: integer("variant_id").references(() => productVariants.id, { onDelete: "cascade" }),
    unitId: integer("unit_id").references(() => stayUnits.id, { onDelete: "cascade" }),
    checkIn: date("check_in"),
    checkOut: date("check_out"),
    guests: integer("guests"),
    slotId: integer("slot_id").references(() => experienceSlots.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    // The price the shopper saw when adding; checkout compares it with today's price.
    seenPriceCents: integer("seen_price_cents").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("cart_lines_cart_idx").on(t.cartId, t.id),
    check("cart_lines_quantity_range", sql`${t.quantity} BETWEEN 1 AND 99`),
    check("cart_lines_one_kind", sql`num_nonnulls(${t.variantId}, ${t.unitId}, ${t.slotId}) = 1`),
    check(
      "cart_lines_stay_fields",
      sql`(${t.unitId} IS NULL AND ${t.checkIn} IS NULL AND ${t.checkOut} IS NULL AND ${t.guests} IS NULL) OR (${t.unitId} IS NOT NULL AND ${t.checkOut} > ${t.checkIn} AND ${t.guests} >= 1 AND ${t.quantity} = 1)`,
    ),
  ],
);

// ------------------------------------------------------------------ orders

// `confirmed`: booked to be paid on arrival (no online payment; see cooperatives.pay_on_arrival).
export const ORDER_STATUSES = [
  "pending_payment",
  "confirmed",
  "paid",
  "cancelled",
  "refunded",
  "partially_refunded",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const orderStatus = pgEnum("order_status", ORDER_STATUSES);

export const SELLER_ORDER_STATUSES = [
  "pending_payment",
  "confirmed",
  "paid",
  "packed",
  "shipped",
  "delivered",
  "cancelled",
  "refunded",
] as const;
export type SellerOrderStatus = (typeof SELLER_ORDER_STATUSES)[number];
export const sellerOrderStatus = pgEnum("seller_order_status", SELLER_ORDER_STATUSES);

// `on_arrival`: stays paid at the homestay (no provider is called).
export const PAYMENT_PROVIDERS = ["test", "stripe", "on_arrival"] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];
export const paymentProvider = pgEnum("payment_provider", PAYMENT_PROVIDERS);

// One payment. `number` is what people see and quote (and Stripe's transfer_group).
export const orders = pgTable(
  "orders",
  {
    id: id(),
    number: text("number").notNull(),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    cartId: text("cart_id"),
    status: orderStatus("status").notNull().default("pending_payment"),
    email: text("email").notNull(),
    name: text("name").notNull(),
    phone: text("phone").notNull(),
    province: text("province").notNull(),
    city: text("city").notNull(),
    district: text("district").notNull(),
    addressDetail: text("address_detail").notNull(),
    note: text("note").notNull().default(""),
    locale: text("locale").notNull().default("zh-CN"),
    subtotalCents: integer("subtotal_cents").notNull(),
    shippingCents: integer("shipping_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    provider: paymentProvider("provider").notNull(),
    // Stripe: the Checkout Session and, once paid, its PaymentIntent.
    providerSessionId: text("provider_session_id"),
    providerPaymentId: text("provider_payment_id"),
    paymentUrl: text("payment_url"),
    // Until then the stock is held; afterwards the sweeper gives it back.
    holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true }).notNull(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    cancelReason: text("cancel_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
    index("orders_user_idx").on(t.userId, t.createdAt),
    index("orders_pending_hold_idx").on(t.holdExpiresAt).where(sql`${t.status} = 'pending_payment'`),
    uniqueIndex("orders_provider_session_key").on(t.providerSessionId),
    check("orders_amounts", sql`${t.subtotalCents} >= 0 AND ${t.shippingCents} >= 0 AND ${t.totalCents} = ${t.subtotalCents} + ${t.shippingCents}`),
    check("orders_refund_range", sql`${t.refundedCents} BETWEEN 0 AND ${t.totalCents}`),
  ],
);

// One cooperative's part of an order: what it packs, ships and gets paid for.
export const sellerOrders = pgTable(
  "seller_orders",
  {
    id: id(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    cooperativeId: integer("cooperative_id")
      .notNull()
      .references(() => cooperatives.id, { onDelete: "restrict" }),
    status: sellerOrderStatus("status").notNull().default("pending_payment"),
    subtotalCents: integer("subtotal_cents").notNull(),
    shippingCents: integer("shipping_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    commissionBps: integer("commission_bps").notNull(),
    commissionCents: integer("commission_cents").notNull(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    carrier: text("carrier"),
    trackingNumber: text("tracking_number"),
    // Stripe Connect: the transfer of (total − commission) to the cooperative, and its reversal.
    transferId: text("transfer_id"),
    transferReversalId: text("transfer_reversal_id"),
    packedAt: timestamp("packed_at", { withTimezone: true }),
    shippedAt: timestamp("shipped_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("seller_orders_order_cooperative_key").on(t.orderId, t.cooperativeId),
    index("seller_orders_cooperative_idx").on(t.cooperativeId, t.createdAt),
    check(
      "seller_orders_amounts",
      sql`${t.subtotalCents} >= 0 AND ${t.shippingCents} >= 0 AND ${t.totalCents} = ${t.subtotalCents} + ${t.shippingCents} AND ${t.commissionCents} BETWEEN 0 AND ${t.totalCents}`,
    ),
    check("seller_orders_refund_range", sql`${t.refundedCents} BETWEEN 0 AND ${t.totalCents}`),
  ],
);

// What was bought, as it was when it was bought (titles and prices are copied).
export const orderLines = pgTable(
  "order_lines",
  {
    id: id(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sellerOrderId: integer("seller_order_id")
      .notNull()
      .references(() => sellerOrders.id, { onDelete: "cascade" }),
    productId: integer("product_id").references(() => products.id, { onDelete: "set null" }),
    variantId: integer("variant_id").references(() => productVariants.id, { onDelete: "set null" }),
    sku: text("sku").notNull(),
    productSlug: text("product_slug").notNull(),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull().default(""),
    variantZh: text("variant_zh").notNull(),
    variantEn: text("variant_en").notNull().default(""),
    unitPriceCents: integer("unit_price_cents").notNull(),
    quantity: integer("quantity").notNull(),
    totalCents: integer("total_cents").notNull(),
    shipsFrom: date("ships_from"),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId),
    index("order_lines_seller_order_idx").on(t.sellerOrderId),
    index("order_lines_variant_idx").on(t.variantId),
    check("order_lines_amounts", sql`${t.quantity} > 0 AND ${t.unitPriceCents} >= 0 AND ${t.totalCents} = ${t.unitPriceCents} * ${t.quantity}`),
  ],
);

export const HOLD_STATES = ["held", "consumed", "released"] as const;
export const holdState = pgEnum("hold_state", HOLD_STATES);

// Stock taken for an open checkout. `held` until the payment lands (`consumed`) or the hold
// expires or the payment fails (`released`: the quantity went back to the variant).
export const stockHolds = pgTable(
  "stock_holds",
  {
    id: id(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => productVariants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    state: holdState("state").notNull().default("held"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("stock_holds_order_variant_key").on(t.orderId, t.variantId),
    index("stock_holds_held_idx").on(t.expiresAt).where(sql`${t.state} = 'held'`),
    check("stock_holds_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

// Every payment-provider event we applied. The unique key is what makes a webhook delivered
// twice (or five times at once) change the order only once.
export const paymentEvents = pgTable(
  "payment_events",
  {
    id: id(),
    provider: paymentProvider("provider").notNull(),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    orderId: integer("order_id").references(() => orders.id, { onDelete: "set null" }),
    outcome: text("outcome").notNull(),
    payload: jsonb("payload"),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex("payment_events_provider_event_key").on(t.provider, t.eventId), index("payment_events_order_idx").on(t.orderId)],
);

// Money given back: a whole order, or one seller's part.
export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    sellerOrderId: integer("seller_order_id").references(() => sellerOrders.id, { onDelete: "cascade" }),
    amountCents: integer("amount_cents").notNull(),
    reason: text("reason").notNull(),
    providerRefundId: text("provider_refund_id"),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("refunds_order_idx").on(t.orderId), check("refunds_amount_positive", sql`${t.amountCents} > 0`)],
);
