// The product form of the dashboard (new and edit). Conform + Zod: the same schema checks it in
// the browser and in the action; the variant list grows and shrinks with intent buttons that
// also work without JavaScript (the server answers with the new list).
import { type SubmissionResult, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { CATEGORY_KEYS, CERTIFICATION_KEYS } from "../../../../db/schema/keys";
import { CheckboxGroup, Field, FormErrors, SelectField, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { PRODUCT_FORM_STATUSES, productFormSchema } from "~/modules/seller-products/schemas";
import { parseForm } from "~/utils/forms";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { type VariantFieldValues, VariantFields } from "./VariantFields";

export type ProductFormDefaults = {
  titleZh?: string;
  titleEn?: string;
  descriptionZh?: string;
  descriptionEn?: string;
  category?: string;
  certifications?: string[];
  harvestSeason?: string;
  villageId?: string;
  status?: string;
  variants: Partial<Record<keyof VariantFieldValues, string>>[];
};

export type VillageChoice = { id: number; nameZh: string; nameEn: string; countyZh: string; countyEn: string };

export function ProductForm({
  lastResult,
  defaultValue,
  villages,
  storedStock,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: ProductFormDefaults;
  villages: VillageChoice[];
  /** Current stock of the saved variants by id (edit page). */
  storedStock: Record<string, number>;
  submitLabel: string;
}) {
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm<z.input<typeof productFormSchema>, z.output<typeof productFormSchema>>({
    id: "product-form",
    lastResult,
    defaultValue,
    constraint: getZodConstraint(productFormSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, productFormSchema),
  });
  const variants = fields.variants.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      {/* Enter in a field presses the first submit button of the form: make that "save", not "remove variant 1". */}
      <button type="submit" name="intent" value="save" className="hidden" tabIndex={-1} aria-hidden="true" />
      <FormErrors id={form.errorId} errors={form.errors} />

      <fieldset className="space-y-4 rounded-xl bg-white p-4 shadow-sm">
        <legend className="px-1 text-lg font-semibold">{t("productsDashboard.form.basics")}</legend>
        <div className="grid gap-4 md:grid-cols-2">
          <Field meta={fields.titleZh} label={t("productsDashboard.form.titleZh")} />
          <Field meta={fields.titleEn} label={t("productsDashboard.form.titleEn")} lang="en" />
          <TextareaField meta={fields.descriptionZh} label={t("productsDashboard.form.descriptionZh")} rows={5} />
          <TextareaField meta={fields.descriptionEn} label={t("productsDashboard.form.descriptionEn")} rows={5} />
          <SelectField
            meta={fields.category}
            label={t("productsDashboard.form.category")}
            placeholder={t("productsDashboard.form.chooseCategory")}
            options={CATEGORY_KEYS.map((k) => ({ value: k, label: t(`catalog.category.${k}`) }))}
          />
          <SelectField
            meta={fields.villageId}
            label={t("productsDashboard.form.village")}
            placeholder={t("productsDashboard.form.noVillage")}
            options={villages.map((v) => ({ value: String(v.id), label: `${pick(lang, v.nameZh, v.nameEn)} · ${pick(lang, v.countyZh, v.countyEn)}` }))}
          />
          <Field meta={fields.harvestSeason} label={t("productsDashboard.form.harvestSeason")} hint={t("productsDashboard.form.harvestSeasonHint")} />
          <SelectField
            meta={fields.status}
            label={t("productsDashboard.form.status")}
            hint={t("productsDashboard.form.statusHint")}
            options={PRODUCT_FORM_STATUSES.map((s) => ({ value: s, label: t(`productsDashboard.status.${s}`) }))}
          />
        </div>
        <CheckboxGroup
          meta={fields.certifications}
          legend={t("productsDashboard.form.certifications")}
          options={CERTIFICATION_KEYS.map((k) => ({ value: k, label: t(`catalog.cert.${k}`) }))}
        />
      </fieldset>

      <section aria-labelledby="variants-heading" className="space-y-4 rounded-xl bg-white p-4 shadow-sm">
        <h2 id="variants-heading" className="text-lg font-semibold">
          {t("productsDashboard.form.variants")}
        </h2>
        <p className="text-sm text-stone-700">{t("productsDashboard.form.variantsHint")}</p>
        <FormErrors id={fields.variants.errorId} errors={fields.variants.errors} />
        {variants.map((variant, index) => {
          const id = variant.getFieldset().id.initialValue;
          return (
            <VariantFields
              key={variant.key ?? `variant-${index}`}
              meta={variant}
              index={index}
              storedStock={typeof id === "string" ? storedStock[id] : undefined}
              removeButton={
                variants.length > 1 ? (
                  <button
                    {...form.remove.getButtonProps({ name: fields.variants.name, index })}
                    className="inline-flex min-h-11 items-center rounded-lg border border-red-300 bg-white px-4 text-base text-red-800 hover:bg-red-50"
                  >
                    {t("productsDashboard.form.removeVariant", { n: index + 1 })}
                  </button>
                ) : null
              }
            />
          );
        })}
        <div className="flex flex-wrap items-center gap-3">
          <button
            {...form.insert.getButtonProps({ name: fields.variants.name })}
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-base hover:bg-stone-50"
          >
            {t("productsDashboard.form.addVariant")}
          </button>
          <p className="text-sm text-stone-600">{t("productsDashboard.form.removeHint")}</p>
        </div>
      </section>

      <SubmitButton intent="save" className="w-full sm:w-auto">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
