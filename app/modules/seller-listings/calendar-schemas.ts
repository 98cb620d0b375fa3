// A room's calendar: date-range rates and blackout dates. Sellers think in nights ("from the
// night of 1 May to the night of 5 May"), so both forms ask for the first and the last night,
// both included; the tables keep [start_date, end_date) with end_date = last night + 1 day.
// Dates are calendar days in Asia/Shanghai; "today" is passed in (todayInShanghai()).
import { z } from "zod";
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";
import { yuanToFen } from "~/utils/forms";
import { calendarDate, optionalTextField, rowId, wholeNumber } from "./fields";
import { MAX_MIN_NIGHTS } from "./stay-schemas";

/** One range covers at most a year of nights. */
export const MAX_RANGE_NIGHTS = 366;
/** Calendars are planned at most this far ahead. */
export const MAX_DAYS_AHEAD = 3 * 366;

type NightRange = { firstNight: string; lastNight: string };

function checkNights(range: NightRange, ctx: z.RefinementCtx, today: string) {
  if (range.lastNight < range.firstNight) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lastNight"], message: "listings.error.lastBeforeFirst" });
  } else if (range.lastNight < today) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lastNight"], message: "listings.error.pastRange" });
  } else if (nightsBetween(range.firstNight, range.lastNight) >= MAX_RANGE_NIGHTS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lastNight"], message: `listings.error.rangeTooLong:${MAX_RANGE_NIGHTS}` });
  } else if (range.lastNight > addDays(today, MAX_DAYS_AHEAD)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["lastNight"], message: "listings.error.tooFarAhead" });
  }
}

/** The stored half-open range of an inclusive range of nights. */
export function nightsToRange(range: NightRange): { startDate: string; endDate: string } {
  return { startDate: range.firstNight, endDate: addDays(range.lastNight, 1) };
}

export function rateSchema(today: string) {
  return z
    .object({
      firstNight: calendarDate(),
      lastNight: calendarDate(),
      price: yuanToFen(),
      minNights: wholeNumber(1, MAX_MIN_NIGHTS),
      labelZh: optionalTextField(60),
      labelEn: optionalTextField(60),
    })
    .superRefine((value, ctx) => checkNights(value, ctx, today));
}
export type RateInput = z.output<ReturnType<typeof rateSchema>>;

export function blackoutSchema(today: string) {
  return z
    .object({
      firstNight: calendarDate(),
      lastNight: calendarDate(),
      reason: optionalTextField(200),
    })
    .superRefine((value, ctx) => checkNights(value, ctx, today));
}
export type BlackoutInput = z.output<ReturnType<typeof blackoutSchema>>;

export const deleteRateSchema = z.object({ rateId: rowId() });
export const deleteBlackoutSchema = z.object({ blackoutId: rowId() });
