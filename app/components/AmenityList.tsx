import { AMENITY_LABELS } from "~/modules/catalog/amenities";
import { useT } from "~/utils/t";

/** Known amenities only (a stray value in the array is not shown as a raw key). */
export function amenityKeys(amenities: string[]): (keyof typeof AMENITY_LABELS)[] {
  return amenities.filter((a): a is keyof typeof AMENITY_LABELS => Object.hasOwn(AMENITY_LABELS, a));
}

export function AmenityList({ amenities, limit, compact = false }: { amenities: string[]; limit?: number; compact?: boolean }) {
  const t = useT();
  const keys = amenityKeys(amenities).slice(0, limit);
  if (!keys.length) return null;
  return (
    <ul className={compact ? "flex flex-wrap gap-1.5" : "grid grid-cols-2 gap-2 md:grid-cols-3"}>
      {keys.map((key) => (
        <li
          key={key}
          className={
            compact
              ? "rounded-full bg-tea-50 px-2 py-0.5 text-xs text-tea-800"
              : "flex items-center gap-2 rounded-md bg-white px-3 py-2 text-sm text-stone-800 ring-1 ring-stone-200 sm:text-base"
          }
        >
          {compact ? null : (
            <span aria-hidden="true" className="text-tea-700">
              ✓
            </span>
          )}
          {t(AMENITY_LABELS[key])}
        </li>
      ))}
    </ul>
  );
}
