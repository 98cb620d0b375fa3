// What checkout refuses, and with which HTTP status (pages and the API answer with the same one).
// Client-safe.
import type { CartLineProblem } from "../cart/types";

export type CheckoutErrorCode =
  | "cart_not_found"
  | "cart_empty"
  | "sold_out"
  | "cart_changed"
  | "payment_unavailable"
  | "unavailable"
  | "invalid_checkout";

const STATUS: Record<CheckoutErrorCode, 400 | 404 | 409 | 422 | 503> = {
  cart_not_found: 404,
  cart_empty: 422,
  sold_out: 409,
  cart_changed: 409,
  payment_unavailable: 503,
  unavailable: 409,
  invalid_checkout: 400,
};

export type CheckoutProblemLine = { sku: string; titleZh: string; titleEn: string; problem: CartLineProblem };

export class CheckoutError extends Error {
  readonly status: 400 | 404 | 409 | 422 | 503;
  constructor(
    readonly code: CheckoutErrorCode,
    message: string = code,
    readonly lines: CheckoutProblemLine[] = [],
    /** invalid_checkout: which input is wrong (message keys of app/locales/forms.ts). */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
