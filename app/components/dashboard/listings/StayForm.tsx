// The stay form (new and edit): bilingual texts side by side, village, amenities, house rules,
// check-in/out times and the cancellation policy explained in words.
import { type FieldMetadata, getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { CheckboxGroup, Field, FieldErrors, FormErrors, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { AMENITY_LABELS } from "~/modules/catalog/amenities";
import { cancellationPolicyText } from "~/modules/catalog/cancellation";
import type { ListingStatus } from "~/modules/seller-listings/fields";
import { AMENITIES, CANCELLATION_POLICIES, staySchema } from "~/modules/seller-listings/stay-schemas";
import type { VillageOption } from "~/modules/seller-listings/types";
import { useT } from "~/utils/t";
import { ListingStatusField, TitleAndDescription } from "./ListingFields";
import { Notice, Pair, Section } from "./ui";
import { useListingForm } from "./use-listing-form";
import { VillageSelect } from "./VillageSelect";

export function StayForm({
  villages,
  defaultValue,
  submitLabel,
  status,
}: {
  villages: VillageOption[];
  defaultValue: Record<string, unknown>;
  submitLabel: string;
  /** The stored status; an archived stay has no status field (restore is its own button). */
  status?: ListingStatus;
}) {
  const t = useT();
  const { form, fields, notice } = useListingForm("stay", staySchema, defaultValue);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <Notice notice={notice} />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Section id="stay-about" title={t("stays.about")}>
        <TitleAndDescription fields={fields} />
        <VillageSelect meta={fields.villageId} villages={villages} />
        <ListingStatusField meta={fields.status} status={status} />
      </Section>
      <Section id="stay-amenities" title={t("listings.stay.amenities")}>
        <CheckboxGroup
          meta={fields.amenities}
          legend={t("listings.stay.amenitiesLegend")}
          options={AMENITIES.map((key) => ({ value: key, label: t(AMENITY_LABELS[key]) }))}
        />
      </Section>
      <Section id="stay-rules" title={t("listings.stay.rulesTitle")}>
        <Pair>
          <Field meta={fields.checkInTime} type="time" label={t("listings.stay.checkIn")} />
          <Field meta={fields.checkOutTime} type="time" label={t("listings.stay.checkOut")} />
        </Pair>
        <Pair>
          <TextareaField meta={fields.houseRulesZh} label={t("listings.stay.houseRulesZh")} />
          <TextareaField meta={fields.houseRulesEn} label={t("listings.stay.houseRulesEn")} />
        </Pair>
        <PolicyChoice meta={fields.cancellationPolicy} />
      </Section>
      <SubmitButton intent="save" className="w-full sm:w-auto">
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}

/** The three policies as radio buttons, each with what it means for the guest. */
function PolicyChoice({ meta }: { meta: FieldMetadata<unknown> }) {
  const t = useT();
  return (
    <fieldset aria-describedby={meta.errors?.length ? meta.errorId : undefined}>
      <legend className="text-sm font-medium text-stone-800">{t("listings.stay.policy")}</legend>
      <div className="mt-1 space-y-2">
        {CANCELLATION_POLICIES.map((policy) => {
          const { name, body } = cancellationPolicyText(policy, t);
          const props = getInputProps(meta as FieldMetadata<string>, { type: "radio", value: policy });
          return (
            <label key={policy} className="flex min-h-11 items-start gap-3 rounded-lg border border-stone-200 p-3">
              <input {...props} key={props.key} className="mt-1 h-5 w-5 shrink-0" />
              <span>
                <span className="block font-medium">{name}</span>
                <span className="block text-sm text-stone-700">{body}</span>
              </span>
            </label>
          );
        })}
      </div>
      <FieldErrors id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
