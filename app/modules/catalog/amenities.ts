// The amenities a stay can offer, with their message keys: the stay page shows them, the
// dashboard's stay form offers them. The keys are those of db/schema/stays.ts AMENITY_KEYS,
// repeated so the browser bundle does not pull in the Drizzle schema; the type check fails if a
// key has no message, and tests/unit/seller-listings-schemas.test.ts if the two lists drift apart.
import type { AmenityKey } from "../../../db/schema/stays";
import type { MessageKey } from "~/locales";

export const AMENITY_LABELS = {
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
} as const satisfies Record<AmenityKey, MessageKey>;
