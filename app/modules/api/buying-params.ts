// Bodies and path parameters of the cart, checkout and order endpoints of the JSON API v1.
// Strict like the query parameters (ADR 007): a quantity is a JSON integer (not "2", not 1.5),
// unknown keys are ignored. Messages are form message keys (~/utils/forms). Client-safe.
import { z } from "zod";
import { MAX_LINE_QUANTITY } from "~/modules/cart/types";

/** SKUs as the product importer accepts them. */
const SKU_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const quantity = z.number().int().min(1).max(MAX_LINE_QUANTITY);

/** `POST /api/v1/carts/:cartId/lines` */
export const AddLineBody = z.object({
  sku: z.string().trim().min(1).max(64).regex(SKU_RE, "form.invalid"),
  quantity,
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
