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

export const CheckoutSchema = z.object({
  email: email(),
  name: requiredText(40),
  phone: mobile(),
  address: AddressSchema,
  note: optionalText(200).optional(),
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
  })
  .transform(
    ({ province, city, district, detail, ...rest }): CheckoutInput => ({ ...rest, address: { province, city, district, detail } }),
  );
