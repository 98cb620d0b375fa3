// The shipping settings form (owners): one flat fee per seller order, and an optional order
// amount from which shipping is free. Yuan as typed; stored in fen. Shared by the page (Conform)
// and the action.
import { z } from "zod";
import { yuanToFen } from "~/utils/forms";

export const MAX_SHIPPING_FEE_CENTS = 50_000; // ¥500
export const MAX_FREE_FROM_CENTS = 10_000_000; // ¥100,000

export const ShippingSettingsSchema = z.object({
  shippingFee: yuanToFen().refine((c) => c <= MAX_SHIPPING_FEE_CENTS, `form.tooBig:${MAX_SHIPPING_FEE_CENTS / 100}`),
  // Empty (Conform gives undefined): shipping is never free.
  freeShippingFrom: yuanToFen()
    .refine((c) => c > 0, "ordersDashboard.shipping.error.freeFromPositive")
    .refine((c) => c <= MAX_FREE_FROM_CENTS, `form.tooBig:${MAX_FREE_FROM_CENTS / 100}`)
    .optional(),
});
export type ShippingSettingsInput = z.output<typeof ShippingSettingsSchema>;
