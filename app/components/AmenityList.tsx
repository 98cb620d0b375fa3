import type { MessageKey } from "~/locales";
import { useT } from "~/utils/t";

// The keys of db/schema/stays.ts AMENITY_KEYS, repeated here so the browser bundle does not pull
// in the Drizzle schema; the type check fails if a key has no message.
const AMENITY_MESSAGE = {
  wifi: "stays.amenity.wifi",
  parking: "stays.amenity.parking",
  breakfast: "stays.amenity.breakfast",
  air_conditioning: "stays.amenity.air_conditioning",
  heating: "stays.amenity.heating",
  private_bathroom: "stays.amenity.private_bathroom",
  mountain_view: "stays.amenity.mountain_view",
  garden: "stays.amenity.garden",
  tea_room: "stays.amenity.tea_room",
  kitchen: "stays.amenity.kitchen",
  pets_allowed: "stays.amenity.pets_allowed",
  family_rooms: "stays.amenity.family_rooms",
  bicycle: "stays.amenity.bicycle",
  hot_spring: "stays.amenity.hot_spring",
} as const satisfies Record<import("../../db/schema/stays").AmenityKey, MessageKey>;

/** Known amenities only (a stray value in the array is not shown as a raw key). */
export function amenityKeys(amenities: string[]): (keyof typeof AMENITY_MESSAGE)[] {
  return amenities.filter((a): a is keyof typeof AMENITY_MESSAGE => Object.hasOwn(AMENITY_MESSAGE, a));
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
          {t(AMENITY_MESSAGE[key])}
        </li>
      ))}
    </ul>
  );
}
