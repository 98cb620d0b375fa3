// The one place where the domain's typed errors (CartError, CheckoutError) become API errors.
// The HTTP status is the domain's own (the pages answer with the same one); the code is the
// domain's code where the API has it, `not_found` for what the caller cannot see (an unknown
// SKU keeps its own code `unknown_sku`, with the domain's 404). A SKU the caller sent, or the
// SKUs a checkout refused, are named in the message.
import { CartError } from "~/modules/cart/cart.server";
import { CheckoutError } from "~/modules/orders/checkout.server";
import { type ApiErrorCode, apiError } from "./respond.server";

type Known = { code: ApiErrorCode; status: number; message: (skus: string) => string; field?: string };

const CART_ERRORS: Record<CartError["code"], Known> = {
  cart_not_found: { code: "not_found", status: 404, message: () => "No such cart." },
  line_not_found: { code: "not_found", status: 404, message: () => "No such line in this cart." },
  unknown_sku: { code: "unknown_sku", status: 404, message: (s) => `No product variant has the SKU ${s}.`, field: "sku" },
  unavailable: { code: "unavailable", status: 409, message: (s) => `${s} is not for sale at the moment.`, field: "sku" },
  sold_out: { code: "sold_out", status: 409, message: (s) => `Sold out: ${s}.`, field: "sku" },
  not_enough_stock: { code: "not_enough_stock", status: 409, message: (s) => `Not enough stock of ${s} for that quantity.`, field: "quantity" },
  too_many_lines: { code: "too_many_lines", status: 422, message: () => "The cart holds as many lines as it can." },
  // The schema lets 1…99 through; this is a line that would pass 99 (the pages merge lines).
  invalid_quantity: { code: "invalid_body", status: 400, message: () => "Invalid quantity.", field: "quantity" },
  unknown_listing: { code: "not_found", status: 404, message: () => "No such room or slot." },
  invalid_booking: { code: "invalid_booking", status: 422, message: () => "These dates or this number of guests cannot be booked." },
};

const CHECKOUT_ERRORS: Record<CheckoutError["code"], Known> = {
  cart_not_found: { code: "not_found", status: 404, message: () => "No such cart." },
  cart_empty: { code: "cart_empty", status: 422, message: () => "The cart is empty." },
  sold_out: { code: "sold_out", status: 409, message: (s) => `Sold out: ${s}.` },
  cart_changed: { code: "cart_changed", status: 409, message: (s) => `The cart changed (${s}): read it again before checking out.` },
  payment_unavailable: { code: "payment_unavailable", status: 503, message: () => "Payments cannot be started right now. Please try again shortly." },
  unavailable: { code: "unavailable", status: 409, message: (s) => `No longer available: ${s}.` },
  invalid_checkout: { code: "invalid_body", status: 400, message: () => "Invalid checkout." },
};

/** The request field a booking problem is about. */
function bookingField(reason: string | undefined): string | undefined {
  if (!reason) return undefined;
  if (["invalid_date", "past", "too_far"].includes(reason)) return "checkIn";
  if (["order", "too_long", "min_nights"].includes(reason)) return "checkOut";
  if (["too_many_guests", "invalid_guests"].includes(reason)) return "guests";
  if (["too_few_people", "too_many_people"].includes(reason)) return "people";
  return undefined;
}

const MAX_NAMED = 10;

function named(skus: readonly string[]): string {
  const unique = [...new Set(skus)];
  if (unique.length === 0) return "some items";
  const shown = unique.slice(0, MAX_NAMED).join(", ");
  return unique.length > MAX_NAMED ? `${shown} and ${unique.length - MAX_NAMED} more` : shown;
}

const statusOf = (error: { status?: unknown }, fallback: number) =>
  typeof error.status === "number" && error.status >= 400 && error.status < 600 ? error.status : fallback;

/**
 * The API answer for a domain error, or null when `error` is not one (the caller rethrows).
 * `sku`: the SKU the request named (adding a line), for the message.
 */
export function domainErrorResponse(error: unknown, context: { sku?: string } = {}): Response | null {
  if (error instanceof CartError) {
    const known = CART_ERRORS[error.code] ?? null;
    if (!known) return null;
    // Rooms and slots: the domain's message says what is wrong with the dates, guests or seats.
    if (error.details.reason || error.code === "unknown_listing" || error.code === "invalid_booking") {
      const field = error.code === "invalid_booking" ? bookingField(error.details.reason) : undefined;
      return apiError(statusOf(error, known.status), known.code, `${error.message}.`, field ? { [field]: `${error.message}.` } : undefined);
    }
    const sku = error.details.sku ?? context.sku;
    const skus = named(sku ? [sku] : []);
    const message = known.message(skus);
    const fields = known.field && known.code !== "not_found" ? { [known.field]: message } : undefined;
    // invalid_quantity is the caller's mistake in a body that passed the schema: 400 like the rest.
    const status = known.code === "invalid_body" ? 400 : statusOf(error, known.status);
    return apiError(status, known.code, message, fields);
  }
  if (error instanceof CheckoutError) {
    const known = CHECKOUT_ERRORS[error.code] ?? null;
    if (!known) return null;
    const status = statusOf(error, known.status);
    const headers: Record<string, string> = status === 503 ? { "Retry-After": "30" } : {};
    if (error.code === "unavailable" || error.code === "invalid_checkout") {
      const fields = error.fields ? Object.fromEntries(Object.keys(error.fields).map((k) => [k, `${error.message}.`])) : undefined;
      return apiError(status, known.code, `${error.message.replace(/\.$/, "")}.`, fields, headers);
    }
    return apiError(status, known.code, known.message(named((error.lines ?? []).map((l) => l.sku))), undefined, headers);
  }
  return null;
}
