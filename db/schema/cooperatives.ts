import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { villages } from "./villages";

export const cooperativeKind = pgEnum("cooperative_kind", [
  "cooperative",
  "family_farm",
  "homestay_host",
  "leisure_farm",
]);
// Whether travellers may book this host's stays and pay at the homestay: not at all, confirmed
// at once, or confirmed by the host (unanswered requests lapse after a day).
export const PAY_ON_ARRIVAL_MODES = ["off", "auto", "host"] as const;
export type PayOnArrivalMode = (typeof PAY_ON_ARRIVAL_MODES)[number];
export const payOnArrivalMode = pgEnum("pay_on_arrival_mode", PAY_ON_ARRIVAL_MODES);

export const cooperativeStatus = pgEnum("cooperative_status", ["pending", "approved", "rejected", "suspended"]);

export const cooperatives = pgTable(
  "cooperatives",
  {
    id: id(),
    slug: text("slug").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    kind: cooperativeKind("kind").notNull(),
    villageId: integer("village_id").references(() => villages.id, { onDelete: "restrict" }),
    storyZh: text("story_zh").notNull().default(""),
    storyEn: text("story_en").notNull().default(""),
    status: cooperativeStatus("status").notNull().default("pending"),
    contactName: text("contact_name").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    commissionBps: integer("commission_bps").notNull().default(800),
    stripeAccountId: text("stripe_account_id"),
    foundedYear: integer("founded_year"),
    // Shipping for one order's part from this seller: a flat fee, free from a threshold (if set).
    shippingFeeCents: integer("shipping_fee_cents").notNull().default(0),
    freeShippingFromCents: integer("free_shipping_from_cents"),
    payOnArrival: payOnArrivalMode("pay_on_arrival").notNull().default("off"),
    // The operator's decision on an application: why it was rejected (or suspended), and when.
    reviewReason: text("review_reason").notNull().default(""),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("cooperatives_slug_key").on(t.slug),
    index("cooperatives_village_idx").on(t.villageId),
    index("cooperatives_status_kind_idx").on(t.status, t.kind),
    check("cooperatives_commission_range", sql`${t.commissionBps} BETWEEN 0 AND 10000`),
    check("cooperatives_shipping_nonnegative", sql`${t.shippingFeeCents} >= 0 AND (${t.freeShippingFromCents} IS NULL OR ${t.freeShippingFromCents} >= 0)`),
    check("cooperatives_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  ],
);
