// What a buyer tells us at checkout: one schema for the checkout page (Conform), the JSON API
// and the domain function. Messages are message keys (app/locales/forms.ts).
import { z } from "zod";
import { email, optionalText, requiredText } from "~/utils/forms";

/** Mainland mobile numbers: 11 digits starting 13–19; "+86", spaces and dashes are tolerated. */
export function normaliseMobile(value: string): string | null {
  let digits = value.replace(/[\s\-()]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith("86")) digits = digits.slice(2);
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export const mobile = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .min(1)
    .max(20, "form.mobile")
    .transform((value, ctx) => {
      const normal = normaliseMobile(value);
      if (!normal) {
        ctx.addIssue({ code: "custom", message: "form.mobile" });
        return z.NEVER;
      }
      return normal;
    });

export const AddressSchema = z.object({
  province: requiredText(20),
  city: requiredText(30),
  district: requiredText(30),
  detail: requiredText(120),
});

/** online: the payment provider; on_arrival: stays paid at the homestay (hosts who offer it). */
export const PAYMENT_CHOICES = ["online", "on_arrival"] as const;

export const CheckoutSchema = z.object({
  email: email(),
  name: requiredText(40),
  phone: mobile(),
  // Needed when the cart holds products (checkout says so); stays and experiences ship nothing.
  address: AddressSchema.optional(),
  note: optionalText(200).optional(),
  payment: z.enum(PAYMENT_CHOICES, { message: "form.chooseOne" }).optional(),
});

export type CheckoutInput = z.infer<typeof CheckoutSchema>;

/** The checkout page's flat form (email, name, phone, province, city, district, detail, note). */
export const CheckoutFormSchema = z
  .object({
    email: email(),
    name: requiredText(40),
    phone: mobile(),
    province: requiredText(20),
    city: requiredText(30),
    district: requiredText(30),
    detail: requiredText(120),
    note: optionalText(200).optional(),
    payment: z.enum(PAYMENT_CHOICES, { message: "form.chooseOne" }).optional(),
  })
  .transform(
    ({ province, city, district, detail, ...rest }): CheckoutInput => ({ ...rest, address: { province, city, district, detail } }),
  );

/** The checkout page's form for a cart without products: no shipping address. */
export const BookingCheckoutFormSchema = z.object({
  email: email(),
  name: requiredText(40),
  phone: mobile(),
  note: optionalText(200).optional(),
  payment: z.enum(PAYMENT_CHOICES, { message: "form.chooseOne" }).optional(),
});
