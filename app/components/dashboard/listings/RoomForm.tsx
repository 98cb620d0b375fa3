// The room form (new and edit): names, description, guests, beds, prices in yuan, minimum stay.
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Field, FormErrors, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { fenToYuanText } from "~/modules/seller-listings/fields";
import { MAX_MIN_NIGHTS, MAX_ROOM_GUESTS, roomSchema } from "~/modules/seller-listings/stay-schemas";
import { useT } from "~/utils/t";
import { Notice, Pair, Section } from "./ui";
import { useListingAnswer, useListingForm } from "./use-listing-form";

export function RoomForm({ title, defaultValue, submitLabel }: { title: string; defaultValue: Record<string, unknown>; submitLabel: string }) {
  const t = useT();
  const { form, fields, notice } = useListingForm("room", roomSchema, defaultValue);
  return (
    <Form method="post" {...getFormProps(form)}>
      <Section id="room-form-title" title={title}>
        <Notice notice={notice} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <Pair>
          <Field meta={fields.nameZh} label={t("listings.room.nameZh")} />
          <Field meta={fields.nameEn} label={t("listings.room.nameEn")} lang="en" />
        </Pair>
        <Pair>
          <TextareaField meta={fields.descriptionZh} label={t("listings.room.descriptionZh")} />
          <TextareaField meta={fields.descriptionEn} label={t("listings.room.descriptionEn")} />
        </Pair>
        <Pair>
          <Field meta={fields.maxGuests} type="number" inputMode="numeric" min={1} max={MAX_ROOM_GUESTS} label={t("listings.room.maxGuests")} />
          <Field meta={fields.beds} label={t("listings.room.beds")} hint={t("listings.room.bedsHint")} />
        </Pair>
        <Pair>
          <Field meta={fields.basePrice} inputMode="decimal" label={t("listings.room.basePrice")} />
          <Field meta={fields.weekendPrice} inputMode="decimal" label={t("listings.room.weekendPrice")} hint={t("listings.room.weekendHint")} />
        </Pair>
        <Field meta={fields.minNights} type="number" inputMode="numeric" min={1} max={MAX_MIN_NIGHTS} label={t("listings.room.minNights")} className="sm:max-w-xs" />
        <SubmitButton intent="save" className="w-full sm:w-auto">
          {submitLabel}
        </SubmitButton>
      </Section>
    </Form>
  );
}

/** Form defaults from a stored room (prices back to yuan). */
export function roomDefaults(room: {
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  maxGuests: number;
  beds: string;
  basePriceCents: number;
  weekendPriceCents: number | null;
  minNights: number;
}): Record<string, unknown> {
  return {
    nameZh: room.nameZh,
    nameEn: room.nameEn,
    descriptionZh: room.descriptionZh,
    descriptionEn: room.descriptionEn,
    maxGuests: String(room.maxGuests),
    beds: room.beds,
    basePrice: fenToYuanText(room.basePriceCents),
    weekendPrice: fenToYuanText(room.weekendPriceCents),
    minNights: String(room.minNights),
  };
}

/** Deleting the room; the refusal for the last room of an active stay shows here. */
export function DeleteRoomPanel() {
  const t = useT();
  const answer = useListingAnswer("room-delete");
  return (
    <Section id="room-delete-title" title={t("listings.room.delete")}>
      <p className="text-stone-700">{t("listings.room.deleteExplain")}</p>
      <FormErrors id="room-delete-errors" errors={answer?.result.error?.[""] ?? undefined} />
      <Form method="post">
        <SubmitButton intent="delete" variant="danger">
          {t("listings.room.delete")}
        </SubmitButton>
      </Form>
    </Section>
  );
}
