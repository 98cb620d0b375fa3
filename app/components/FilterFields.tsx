import { CERTIFICATION_KEYS, type CertificationKey, PRODUCT_SORTS } from "~/modules/catalog/types";
import { centsToYuanInput } from "~/modules/catalog/product-display";
import { useT } from "~/utils/t";

const FIELD = "mt-1 block min-h-11 w-full min-w-0 rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900";
const LABEL = "block text-sm font-medium text-stone-800";

/**
 * The "price from … to …" pair of a GET filter form (`min`, `max` in yuan), shared by the
 * catalogue and the search page. `hint` shows the range of what is listed as placeholders.
 */
export function PriceRangeFields(props: {
  idPrefix: string;
  minCents?: number;
  maxCents?: number;
  hint?: { min: number; max: number } | null;
}) {
  const t = useT();
  const field = (name: "min" | "max", cents: number | undefined, hint: number | undefined) => (
    <div>
      <label htmlFor={`${props.idPrefix}-${name}`} className="block text-sm text-stone-700">
        {t(name === "min" ? "catalog.filters.min" : "catalog.filters.max")}
      </label>
      <input
        id={`${props.idPrefix}-${name}`}
        name={name}
        type="number"
        inputMode="decimal"
        min={0}
        step="0.01"
        placeholder={hint !== undefined ? centsToYuanInput(hint) : undefined}
        defaultValue={cents !== undefined ? centsToYuanInput(cents) : ""}
        className={FIELD}
      />
    </div>
  );
  return (
    <fieldset>
      <legend className={LABEL}>{t("catalog.filters.price")}</legend>
      <div className="mt-1 grid grid-cols-2 gap-2">
        {field("min", props.minCents, props.hint ? Math.floor(props.hint.min / 100) * 100 : undefined)}
        {field("max", props.maxCents, props.hint ? Math.ceil(props.hint.max / 100) * 100 : undefined)}
      </div>
    </fieldset>
  );
}

/** The sort select of a GET filter form (the catalogue's sorts; search offers the same four). */
export function SortField(props: { id: string; value: (typeof PRODUCT_SORTS)[number] }) {
  const t = useT();
  return (
    <div>
      <label htmlFor={props.id} className={LABEL}>
        {t("catalog.filters.sort")}
      </label>
      <select id={props.id} name="sort" defaultValue={props.value} className={FIELD}>
        {PRODUCT_SORTS.map((sort) => (
          <option key={sort} value={sort}>
            {t(`catalog.sort.${sort}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The certification checkboxes (`cert`, every checked one required), with counts when known. */
export function CertificationFields(props: {
  checked: readonly CertificationKey[] | undefined;
  counts?: Partial<Record<CertificationKey, number>>;
}) {
  const t = useT();
  return (
    <fieldset>
      <legend className={LABEL}>{t("catalog.filters.certs")}</legend>
      <div className="mt-1 grid grid-cols-2 gap-x-2 lg:grid-cols-1">
        {CERTIFICATION_KEYS.map((cert) => {
          const name = t(`catalog.cert.${cert}`);
          const count = props.counts?.[cert];
          return (
            <label key={cert} className="flex min-h-11 cursor-pointer items-center gap-2 text-base">
              <input
                type="checkbox"
                name="cert"
                value={cert}
                defaultChecked={props.checked?.includes(cert)}
                className="size-5 accent-tea-700"
              />
              {count ? t("catalog.filters.withCount", { name, count }) : name}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
