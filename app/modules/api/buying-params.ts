// Bodies and path parameters of the cart, checkout and order endpoints of the JSON API v1.
// Strict like the query parameters (ADR 007): a quantity is a JSON integer (not "2", not 1.5),
// unknown keys are ignored. Messages are form message keys (~/utils/forms). Client-safe.
import { z } from "zod";
import { MAX_BOOKING_GUESTS, MAX_BOOKING_PEOPLE } from "~/modules/bookings/dates";
import { MAX_LINE_QUANTITY } from "~/modules/cart/types";

/** SKUs as the product importer accepts them. */
const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

const ProductLineBody = z.object({
  sku: z.string().trim().min(1).max(64).regex(SKU_RE, "form.invalid"),
  quantity,
});

const id = z.number().int().min(1).max(2_147_483_647);
// Well-formed here; whether the day exists, is not past, and the range is bookable is the
// domain's answer (422 invalid_booking / 409 unavailable).
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "form.date");

/** A room for the nights [checkIn, checkOut). */
const StayLineBody = z.object({
  unitId: id,
  checkIn: day,
  checkOut: day,
  guests: z.number().int().min(1).max(MAX_BOOKING_GUESTS),
});

/** Seats on an experience slot. */
const SlotLineBody = z.object({ slotId: id, people: z.number().int().min(1).max(MAX_BOOKING_PEOPLE) });

export type AddLineInput =
  | ({ kind: "product" } & z.output<typeof ProductLineBody>)
  | ({ kind: "stay" } & z.output<typeof StayLineBody>)
  | ({ kind: "slot" } & z.output<typeof SlotLineBody>);

/**
 * `POST /api/v1/carts/:cartId/lines`: `{sku, quantity}`, `{unitId, checkIn, checkOut, guests}`
 * or `{slotId, people}` — the key that is present decides which (field errors name that shape's fields).
 */
export const AddLineBody = z.unknown().transform((value, ctx): AddLineInput => {
  const has = (key: string) => typeof value === "object" && value !== null && !Array.isArray(value) && key in value;
  const [kind, schema] = has("unitId")
    ? (["stay", StayLineBody] as const)
    : has("slotId")
      ? (["slot", SlotLineBody] as const)
      : (["product", ProductLineBody] as const);
  const parsed = (schema as z.ZodTypeAny).safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue(issue);
    return z.NEVER;
  }
  return { kind, ...parsed.data } as AddLineInput;
});

/** `PATCH /api/v1/carts/:cartId/lines/:lineId` */
export const SetQuantityBody = z.object({ quantity });

export const TEST_PAYMENT_OUTCOMES = ["succeeded", "failed"] as const;

/** `POST /api/v1/orders/:number/test-payment` */
export const TestPaymentBody = z.object({ outcome: z.enum(TEST_PAYMENT_OUTCOMES) });

// Path parameters: a line id that cannot be one is a 404 without asking the database (cart ids
// and order numbers have their shapes checked by the cart and order modules).
const LINE_ID_RE = /^[1-9]\d{0,9}$/;
const MAX_INT4 = 2_147_483_647;

export function lineIdParam(value: string | undefined): number | null {
  if (!value || !LINE_ID_RE.test(value)) return null;
  const n = Number(value);
  return n <= MAX_INT4 ? n : null;
}
