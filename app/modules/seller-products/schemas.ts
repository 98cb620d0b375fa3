// Forms of the seller's product pages: one Zod schema per form, shared by Conform in the browser
// and by the actions. No server imports here (the browser bundle loads this file), so the
// importer's limits are repeated below; a unit test keeps them equal to the importer's.
import { z } from "zod";
import { CATEGORY_KEYS, CERTIFICATION_KEYS } from "../../../db/schema/keys";
import { isoDate, optionalText, requiredText, yuanToFen } from "~/utils/forms";

/** A variant with this many units or fewer is "low" (the list filter and the overview agree). */
export const LOW_STOCK = 5;
export const MAX_VARIANTS = 50;
export const MAX_PRICE_CENTS = 100_000_000;
export const MAX_STOCK = 1_000_000;
export const MAX_WEIGHT_G = 1_000_000;
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const PRODUCT_FORM_STATUSES = ["active", "draft"] as const;
export const PRODUCT_STATUSES = ["active", "draft", "archived"] as const;
export const STOCK_REASONS = ["restock", "correction", "damaged", "offline_sale", "other"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export type StockReason = (typeof STOCK_REASONS)[number];

/** A row id as typed in a form: a positive int4, anything else is invalid. */
export const rowId = () => z.number({ required_error: "form.required" }).int().positive().max(2_147_483_647);

/** `"42"` from a URL parameter → 42, or null for anything that is not a row id. */
export function parseRowId(value: string | undefined): number | null {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const n = Number(value);
  return n <= 2_147_483_647 ? n : null;
}

// Browsers send textarea line breaks as CRLF; stored text uses LF so an export re-imports unchanged.
const multiline = (max: number) => optionalText(max).transform((v) => v.replace(/\r\n?/g, "\n"));

export const variantSchema = z
  .object({
    id: rowId().optional(),
    sku: z
      .string({ required_error: "form.required" })
      .trim()
      .min(1)
      .max(64)
      .regex(SKU_PATTERN, "productsDashboard.error.skuFormat"),
    nameZh: requiredText(100),
    nameEn: optionalText(100),
    price: yuanToFen()
      .refine((cents) => cents > 0, "productsDashboard.error.pricePositive")
      .refine((cents) => cents <= MAX_PRICE_CENTS, `form.tooBig:${MAX_PRICE_CENTS / 100}`),
    // Only read for a new variant: later changes go through stock adjustments.
    stock: z.number().int().min(0).max(MAX_STOCK).optional(),
    weightG: z.number().int().min(0).max(MAX_WEIGHT_G).optional(),
    shipsFrom: isoDate().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.id === undefined && v.stock === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["stock"], message: "form.required" });
    }
  });

export const productFormSchema = z
  .object({
    titleZh: requiredText(200),
    titleEn: optionalText(200),
    descriptionZh: multiline(10_000),
    descriptionEn: multiline(10_000),
    category: z.enum(CATEGORY_KEYS, { required_error: "form.required" }),
    certifications: z
      .array(z.enum(CERTIFICATION_KEYS))
      .max(CERTIFICATION_KEYS.length)
      .optional()
      .transform((keys) => CERTIFICATION_KEYS.filter((k) => keys?.includes(k))),
    harvestSeason: optionalText(50),
    villageId: rowId().optional(),
    status: z.enum(PRODUCT_FORM_STATUSES, { required_error: "form.required" }),
    variants: z
      .array(variantSchema, { required_error: "productsDashboard.error.variantsRequired" })
      .min(1, "productsDashboard.error.variantsRequired")
      .max(MAX_VARIANTS, `productsDashboard.error.tooManyVariants:${MAX_VARIANTS}`),
  })
  .superRefine((p, ctx) => {
    const skus = new Map<string, number>();
    const ids = new Set<number>();
    p.variants.forEach((v, i) => {
      const key = v.sku.toLowerCase();
      if (skus.has(key)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["variants", i, "sku"], message: "productsDashboard.error.skuDuplicate" });
      } else skus.set(key, i);
      if (v.id !== undefined) {
        if (ids.has(v.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["variants", i, "id"], message: "form.invalid" });
        ids.add(v.id);
      }
    });
  });

export type ProductFormValue = z.output<typeof productFormSchema>;
export type VariantFormValue = z.output<typeof variantSchema>;

export const stockAdjustmentSchema = z
  .object({
    intent: z.literal("adjust"),
    variantId: rowId(),
    delta: z
      .number({ required_error: "form.required" })
      .int()
      .refine((d) => d !== 0, "productsDashboard.stock.error.zero")
      .refine((d) => Math.abs(d) <= MAX_STOCK, `form.tooBig:${MAX_STOCK}`),
    reason: z.enum(STOCK_REASONS, { required_error: "form.required" }),
    note: optionalText(500),
  })
  .superRefine((a, ctx) => {
    if (a.reason === "other" && a.note === "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "productsDashboard.stock.error.noteRequired" });
    }
  });

export type StockAdjustmentValue = z.output<typeof stockAdjustmentSchema>;

export const productListFilterSchema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().slice(0, 100)),
  status: z.enum(PRODUCT_STATUSES).optional().catch(undefined),
  lowStock: z.boolean(),
  page: z.number().int().min(1).max(10_000).catch(1),
});
export type ProductListFilter = z.output<typeof productListFilterSchema>;

/** The list's filters from the query string; garbage is dropped, never an error. */
export function parseProductListFilter(params: URLSearchParams): ProductListFilter {
  const page = Number(params.get("page") ?? "1");
  return productListFilterSchema.parse({
    q: params.get("q") ?? undefined,
    status: params.get("status") || undefined,
    lowStock: params.get("stock") === "low",
    page: Number.isFinite(page) ? page : 1,
  });
}

/** Fen → the yuan a form shows ("168.00"). */
export function centsToYuan(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
