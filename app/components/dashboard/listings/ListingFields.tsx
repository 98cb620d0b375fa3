// Fields the stay and experience forms share: the texts (Chinese beside English) and the status
// a listing is saved with.
import type { FieldMetadata } from "@conform-to/react";
import { Field, SelectField, TextareaField } from "~/components/forms/Fields";
import type { ListingStatus } from "~/modules/seller-listings/fields";
import { useT } from "~/utils/t";
import { Pair } from "./ui";

type Meta = FieldMetadata<unknown>;

export function TitleAndDescription({ fields }: { fields: { titleZh: Meta; titleEn: Meta; descriptionZh: Meta; descriptionEn: Meta } }) {
  const t = useT();
  return (
    <>
      <Pair>
        <Field meta={fields.titleZh} label={t("listings.titleZh")} />
        <Field meta={fields.titleEn} label={t("listings.titleEn")} lang="en" />
      </Pair>
      <Pair>
        <TextareaField meta={fields.descriptionZh} label={t("listings.descriptionZh")} rows={6} />
        <TextareaField meta={fields.descriptionEn} label={t("listings.descriptionEn")} rows={6} />
      </Pair>
    </>
  );
}

/** Active or draft; an archived listing sends no choice (restore is the archive panel's button). */
export function ListingStatusField({ meta, status }: { meta: Meta; status?: ListingStatus }) {
  const t = useT();
  if (status === "archived") {
    // Kept archived by the server whatever is sent.
    return <input type="hidden" name={meta.name} value="draft" />;
  }
  return (
    <SelectField
      meta={meta}
      label={t("listings.status.label")}
      hint={t("listings.status.hint")}
      options={(["active", "draft"] as const).map((s) => ({ value: s, label: t(`listings.status.${s}`) }))}
    />
  );
}
