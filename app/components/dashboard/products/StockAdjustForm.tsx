// One variant's stock and the form that changes it (intent "adjust"). Each variant has its own
// form; an answer of the action belongs to the form of the variant it names.
import { type SubmissionResult, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { Field, FormErrors, SelectField, SubmitButton } from "~/components/forms/Fields";
import { LOW_STOCK, STOCK_REASONS, stockAdjustmentSchema } from "~/modules/seller-products/schemas";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export type StockVariant = { id: number; sku: string; nameZh: string; nameEn: string; stock: number };

export function StockAdjustForm({ variant, lastResult }: { variant: StockVariant; lastResult: SubmissionResult<string[]> | undefined }) {
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm<z.input<typeof stockAdjustmentSchema>, z.output<typeof stockAdjustmentSchema>>({
    id: `adjust-${variant.id}`,
    lastResult,
    defaultValue: { variantId: variant.id, reason: "restock" },
    constraint: getZodConstraint(stockAdjustmentSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, stockAdjustmentSchema),
  });
  const low = variant.stock <= LOW_STOCK;
  return (
    <article className="space-y-3 rounded-xl bg-white p-4 shadow-sm" aria-labelledby={`variant-${variant.id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`variant-${variant.id}`} className="text-lg font-semibold">
          {pick(lang, variant.nameZh, variant.nameEn)} <span className="text-sm font-normal text-stone-600">{variant.sku}</span>
        </h2>
        <p>
          <span className="text-sm text-stone-700">{t("productsDashboard.stock.current")} </span>
          <span className={`text-2xl font-bold tabular-nums ${low ? "text-red-800" : "text-tea-800"}`}>{variant.stock}</span>
          {low ? <span className="ml-2 rounded-full bg-red-100 px-2.5 py-0.5 text-sm text-red-800">{t("productsDashboard.list.lowStock")}</span> : null}
        </p>
      </div>
      <Form method="post" {...getFormProps(form)} className="grid gap-3 sm:grid-cols-2">
        <input {...getInputProps(fields.variantId, { type: "hidden" })} key={fields.variantId.key} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.delta} type="number" step={1} label={t("productsDashboard.stock.delta")} hint={t("productsDashboard.stock.deltaHint")} placeholder="+20 / -3" />
        <SelectField
          meta={fields.reason}
          label={t("productsDashboard.stock.reason")}
          options={STOCK_REASONS.map((r) => ({ value: r, label: t(`productsDashboard.stock.reason.${r}`) }))}
        />
        <Field meta={fields.note} label={t("productsDashboard.stock.note")} className="sm:col-span-2" />
        <div className="sm:col-span-2">
          <SubmitButton intent="adjust" className="w-full sm:w-auto">
            {t("productsDashboard.stock.submit")}
          </SubmitButton>
        </div>
      </Form>
    </article>
  );
}
