// The experience form (new and edit): bilingual texts side by side, meeting point, village,
// duration, price per person, group size and status.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { MAX_CUTOFF_HOURS, MAX_GROUP, experienceSchema } from "~/modules/seller-listings/experience-schemas";
import { type ListingStatus, fenToYuanText } from "~/modules/seller-listings/fields";
import type { VillageOption } from "~/modules/seller-listings/types";
import { useT } from "~/utils/t";
import { ListingStatusField, TitleAndDescription } from "./ListingFields";
import { Notice, Pair, Section } from "./ui";
import { useListingForm } from "./use-listing-form";
import { VillageSelect } from "./VillageSelect";

export function ExperienceForm({
  villages,
  defaultValue,
  submitLabel,
  status,
}: {
  villages: VillageOption[];
  defaultValue: Record<string, unknown>;
  submitLabel: string;
  status?: ListingStatus;
}) {
  const t = useT();
  const { form, fields, notice } = useListingForm("experience", experienceSchema, defaultValue);
  return (
    <Form method="post" {...getFormProps(form)}>
      <Section id="experience-form-title" title={t("experiences.about")}>
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TitleAndDescription fields={fields} />
        <Pair>
          <Field meta={fields.meetingPointZh} label={t("listings.experience.meetingPointZh")} />
          <Field meta={fields.meetingPointEn} label={t("listings.experience.meetingPointEn")} lang="en" />
        </Pair>
        <VillageSelect meta={fields.villageId} villages={villages} />
        <Pair>
          <Field
            meta={fields.durationMinutes}
            type="number"
            inputMode="numeric"
            min={15}
            max={1440}
            label={t("listings.experience.duration")}
            hint={t("listings.experience.durationHint")}
          />
          <Field meta={fields.price} inputMode="decimal" label={t("listings.experience.price")} />
        </Pair>
        <Pair>
          <Field meta={fields.minPeople} type="number" inputMode="numeric" min={1} max={MAX_GROUP} label={t("listings.experience.minPeople")} />
          <Field
            meta={fields.maxPeople}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_GROUP}
            label={t("listings.experience.maxPeople")}
            hint={t("listings.experience.groupHint")}
          />
        </Pair>
        <Field
          meta={fields.bookingCutoffHours}
          type="number"
          inputMode="decimal"
          min={0}
          max={MAX_CUTOFF_HOURS}
          step={0.5}
          label={t("listings.experience.cutoff")}
          hint={t("listings.experience.cutoffHint")}
          className="sm:max-w-xs"
        />
        <ListingStatusField meta={fields.status} status={status} />
        <SubmitButton intent="save" className="w-full sm:w-auto">
          {submitLabel}
        </SubmitButton>
      </Section>
    </Form>
  );
}

export function experienceDefaults(e: {
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  meetingPointZh: string;
  meetingPointEn: string;
  villageId: number;
  durationMinutes: number;
  pricePerPersonCents: number;
  minPeople: number;
  maxPeople: number;
  bookingCutoffMinutes: number;
  status: ListingStatus;
}): Record<string, unknown> {
  return {
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    descriptionZh: e.descriptionZh,
    descriptionEn: e.descriptionEn,
    meetingPointZh: e.meetingPointZh,
    meetingPointEn: e.meetingPointEn,
    villageId: String(e.villageId),
    durationMinutes: String(e.durationMinutes),
    price: fenToYuanText(e.pricePerPersonCents),
    minPeople: String(e.minPeople),
    maxPeople: String(e.maxPeople),
    bookingCutoffHours: String(Math.round((e.bookingCutoffMinutes / 60) * 100) / 100),
    status: e.status === "archived" ? "draft" : e.status,
  };
}
