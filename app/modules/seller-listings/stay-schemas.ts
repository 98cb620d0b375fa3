// The stay and room forms: one Zod schema each, shared by Conform in the browser and the actions.
import { z } from "zod";
import type { AmenityKey } from "../../../db/schema/stays";
import { AMENITY_LABELS } from "~/modules/catalog/amenities";
import { yuanToFen } from "~/utils/forms";
import { DESCRIPTION_MAX, EDITABLE_STATUSES, TITLE_MAX, clockTime, optionalTextField, optionalYuanToFen, textField, wholeNumber } from "./fields";

export const AMENITIES = Object.keys(AMENITY_LABELS) as [AmenityKey, ...AmenityKey[]];

export const CANCELLATION_POLICIES = ["flexible", "moderate", "strict"] as const;
export const MAX_ROOM_GUESTS = 20;
export const MAX_MIN_NIGHTS = 30;

export const staySchema = z.object({
  titleZh: textField(TITLE_MAX),
  titleEn: optionalTextField(TITLE_MAX),
  descriptionZh: optionalTextField(DESCRIPTION_MAX),
  descriptionEn: optionalTextField(DESCRIPTION_MAX),
  villageId: wholeNumber(1, 2_147_483_647),
  amenities: z
    .array(z.enum(AMENITIES))
    .max(AMENITIES.length)
    .transform((keys) => [...new Set(keys)]),
  houseRulesZh: optionalTextField(3000),
  houseRulesEn: optionalTextField(3000),
  checkInTime: clockTime(),
  checkOutTime: clockTime(),
  cancellationPolicy: z.enum(CANCELLATION_POLICIES),
  status: z.enum(EDITABLE_STATUSES),
});
export type StayInput = z.output<typeof staySchema>;

export const roomSchema = z.object({
  nameZh: textField(80),
  nameEn: optionalTextField(80),
  descriptionZh: optionalTextField(2000),
  descriptionEn: optionalTextField(2000),
  maxGuests: wholeNumber(1, MAX_ROOM_GUESTS),
  beds: optionalTextField(120),
  basePrice: yuanToFen(),
  weekendPrice: optionalYuanToFen(),
  minNights: wholeNumber(1, MAX_MIN_NIGHTS),
});
export type RoomInput = z.output<typeof roomSchema>;
