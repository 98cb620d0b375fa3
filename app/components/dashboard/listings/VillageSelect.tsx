import type { FieldMetadata } from "@conform-to/react";
import { SelectField } from "~/components/forms/Fields";
import type { VillageOption } from "~/modules/seller-listings/types";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

/** Every village of the site, named with its county (two villages may share a name). */
export function VillageSelect({ meta, villages }: { meta: FieldMetadata<unknown>; villages: VillageOption[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <SelectField
      meta={meta}
      label={t("listings.village")}
      hint={t("listings.villageHint")}
      placeholder={t("listings.villageChoose")}
      options={villages.map((v) => ({
        value: String(v.id),
        label: `${pick(lang, v.nameZh, v.nameEn)} · ${pick(lang, v.countyZh, v.countyEn)}`,
      }))}
    />
  );
}
