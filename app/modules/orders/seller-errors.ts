// A refusal the seller's order pages explain: a message key of locales/orders-dashboard.ts (or
// forms.ts) and the HTTP status that says what kind of refusal it is.
import type { SellerOrderStatus } from "../../../db/schema/orders";

export type SellerOrderErrorCode = "not_found" | "illegal_transition" | "invalid";

export class SellerOrderError extends Error {
  readonly status: 400 | 404 | 409;
  constructor(
    readonly code: SellerOrderErrorCode,
    readonly messageKey: string,
    /** For an illegal transition: where the order is now. */
    readonly current?: SellerOrderStatus,
  ) {
    super(messageKey);
    this.name = "SellerOrderError";
    this.status = code === "not_found" ? 404 : code === "illegal_transition" ? 409 : 400;
  }
}
