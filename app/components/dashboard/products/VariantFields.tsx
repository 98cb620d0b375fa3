// One variant of the product form: a fieldset in the Conform list. The stock field exists only
// for a variant that is not saved yet; a saved one shows its stock and points to the Stock page.
import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { z } from "zod";
import { Field } from "~/components/forms/Fields";
import type { variantSchema } from "~/modules/seller-products/schemas";
import { useT } from "~/utils/t";

export type VariantFieldValues = z.input<typeof variantSchema>;

export function VariantFields({
  meta,
  index,
  storedStock,
  removeButton,
}: {
  meta: FieldMetadata<VariantFieldValues>;
  index: number;
  /** Stock of the saved variant this fieldset edits, if any. */
  storedStock: number | undefined;
  removeButton: React.ReactNode;
}) {
  const t = useT();
  const f = meta.getFieldset();
  const saved = f.id.initialValue !== undefined && f.id.initialValue !== "";
  return (
    <fieldset className="space-y-3 rounded-xl border border-stone-200 bg-stone-50 p-4">
      <legend className="px-1 text-base font-semibold">{t("productsDashboard.form.variant", { n: index + 1 })}</legend>
      {saved ? <input {...getInputProps(f.id, { type: "hidden" })} key={f.id.key} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field meta={f.sku} label={t("productsDashboard.form.sku")} hint={t("productsDashboard.form.skuHint")} autoCapitalize="characters" spellCheck={false} />
        <Field meta={f.price} label={t("productsDashboard.form.price")} inputMode="decimal" />
        <Field meta={f.nameZh} label={t("productsDashboard.form.nameZh")} />
        <Field meta={f.nameEn} label={t("productsDashboard.form.nameEn")} lang="en" />
        {saved ? (
          <p className="text-sm text-stone-700 sm:col-span-2">{t("productsDashboard.form.stockExisting", { n: storedStock ?? 0 })}</p>
        ) : (
          <Field meta={f.stock} type="number" label={t("productsDashboard.form.stock")} min={0} step={1} inputMode="numeric" />
        )}
        <Field meta={f.weightG} type="number" label={t("productsDashboard.form.weight")} min={0} step={1} inputMode="numeric" />
        <Field meta={f.shipsFrom} type="date" label={t("productsDashboard.form.shipsFrom")} />
      </div>
      <div>{removeButton}</div>
    </fieldset>
  );
}
