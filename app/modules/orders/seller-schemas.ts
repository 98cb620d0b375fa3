// Forms and query strings of the seller's order pages: one Zod schema each, shared by Conform in
// the browser and by the loaders/actions. No server imports (the browser bundle loads this file).
import { z } from "zod";
import type { SellerOrderStatus } from "../../../db/schema/orders";
import { isoDate } from "~/utils/forms";

export type { SellerOrderStatus };

// The schema's list, repeated so the browser bundle does not load the tables; the type check
// below fails if the two ever differ.
export const SELLER_ORDER_STATUSES = ["pending_payment", "confirmed", "paid", "packed", "shipped", "delivered", "cancelled", "refunded"] as const;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameStatuses: Same<(typeof SELLER_ORDER_STATUSES)[number], SellerOrderStatus> = true;
void sameStatuses;

/** The list's status filter: one status, "open" (the default: everything a buyer has paid for) or "all". */
export const ORDER_LIST_STATUSES = ["open", "all", ...SELLER_ORDER_STATUSES] as const;
export type OrderListStatus = (typeof ORDER_LIST_STATUSES)[number];

/** Statuses that mean no money changed hands (yet): left out of the list by default, the CSV and the figures. */
export const UNPAID_STATUSES = ["pending_payment", "cancelled"] as const satisfies readonly SellerOrderStatus[];

export const orderListFilterSchema = z.object({
  status: z.enum(ORDER_LIST_STATUSES).catch("open"),
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 60)),
  page: z.number().int().min(1).max(10_000).catch(1),
});
export type OrderListFilter = z.output<typeof orderListFilterSchema>;

/** The list's filters from the query string; garbage is dropped, never an error. */
export function parseOrderListFilter(params: URLSearchParams): OrderListFilter {
  const page = Number(params.get("page") ?? "1");
  return orderListFilterSchema.parse({
    status: params.get("status") || "open",
    q: params.get("q") ?? undefined,
    page: Number.isFinite(page) ? page : 1,
  });
}

export const CARRIER_MAX = 40;
export const TRACKING_PATTERN = /^[A-Za-z0-9-]{4,40}$/;

/** Carriers offered as suggestions (any other name may be typed). */
export const COMMON_CARRIERS = ["顺丰速运", "中国邮政 EMS", "京东物流", "中通快递", "圆通速递", "韵达快递", "申通快递", "极兔速递", "德邦快递"] as const;

/** Carrier and tracking number, as markShipped takes them. */
export const shipFieldsSchema = z.object({
  carrier: z.string({ required_error: "form.required" }).trim().min(1).max(CARRIER_MAX),
  trackingNumber: z
    .string({ required_error: "form.required" })
    .trim()
    .regex(TRACKING_PATTERN, "ordersDashboard.error.tracking"),
});
export const shipSchema = shipFieldsSchema.extend({ intent: z.literal("ship") });
export type ShipInput = z.output<typeof shipSchema>;

export const REFUND_REASON_MAX = 500;
export const refundSchema = z.object({
  intent: z.literal("refund"),
  reason: z.string({ required_error: "form.required" }).trim().min(2).max(REFUND_REASON_MAX),
});

/** The buttons without fields: one state change each. */
export const simpleIntentSchema = z.object({ intent: z.enum(["pack", "deliver"]) });

/** The longest range one CSV export may cover, in days (both ends included). */
export const EXPORT_MAX_DAYS = 366;

const DAY_MS = 86_400_000;
/** Days from `from` to `to`, both included ("2025-01-01".."2025-01-01" is 1). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

export const exportRangeSchema = z
  .object({ from: isoDate(), to: isoDate() })
  .superRefine((r, ctx) => {
    const days = daysInRange(r.from, r.to);
    if (days < 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "ordersDashboard.export.error.order" });
    else if (days > EXPORT_MAX_DAYS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: `ordersDashboard.export.error.tooLong:${EXPORT_MAX_DAYS}` });
    }
  });
export type ExportRange = z.output<typeof exportRangeSchema>;
