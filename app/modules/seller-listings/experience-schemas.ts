// The experience form and the slot forms (one slot, a slot's capacity, a recurring schedule).
import { z } from "zod";
import { nightsBetween } from "~/modules/catalog/listing-dates";
import { yuanToFen } from "~/utils/forms";
import { DESCRIPTION_MAX, EDITABLE_STATUSES, TITLE_MAX, calendarDate, clockTime, optionalTextField, rowId, textField, wholeNumber } from "./fields";
import {
  MAX_SCHEDULE_WEEKS,
  MAX_SLOTS_PER_SCHEDULE,
  MAX_TIMES_PER_DAY,
  countScheduleSlots,
  parseTimes,
  scheduleEndDate,
} from "./schedule";

export const MAX_GROUP = 500;
export const MAX_SLOT_CAPACITY = 500;
/** Bookings of a session close up to a week before it (the column's check: 0–10080 minutes). */
export const MAX_CUTOFF_HOURS = 168;

export const experienceSchema = z
  .object({
    titleZh: textField(TITLE_MAX),
    titleEn: optionalTextField(TITLE_MAX),
    descriptionZh: optionalTextField(DESCRIPTION_MAX),
    descriptionEn: optionalTextField(DESCRIPTION_MAX),
    meetingPointZh: optionalTextField(200),
    meetingPointEn: optionalTextField(200),
    villageId: wholeNumber(1, 2_147_483_647),
    durationMinutes: wholeNumber(15, 1440),
    price: yuanToFen(),
    minPeople: wholeNumber(1, MAX_GROUP),
    maxPeople: wholeNumber(1, MAX_GROUP),
    // Hosts think in hours ("two hours before"); stored in minutes. Left out: the stored value
    // stays (or the default of two hours for a new experience).
    bookingCutoffHours: z
      .number()
      .min(0)
      .max(MAX_CUTOFF_HOURS)
      .optional()
      .transform((hours) => (hours === undefined ? undefined : Math.round(hours * 60))),
    status: z.enum(EDITABLE_STATUSES),
  })
  .superRefine((value, ctx) => {
    if (value.maxPeople < value.minPeople) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["maxPeople"], message: "listings.error.maxBelowMin" });
    }
  });
export type ExperienceInput = z.output<typeof experienceSchema>;

const capacity = () => wholeNumber(1, MAX_SLOT_CAPACITY);

export const addSlotSchema = z.object({ date: calendarDate(), time: clockTime(), capacity: capacity() });
export const slotCapacitySchema = z.object({ slotId: rowId(), capacity: capacity() });
export const deleteSlotSchema = z.object({ slotId: rowId() });

const WEEKDAY_VALUES = ["1", "2", "3", "4", "5", "6", "7"] as const;

/** The recurring schedule: a start date, then either a number of weeks or an end date. */
export const scheduleSchema = z
  .object({
    startDate: calendarDate(),
    weeks: wholeNumber(1, MAX_SCHEDULE_WEEKS).optional(),
    endDate: calendarDate().optional(),
    weekdays: z
      .array(z.enum(WEEKDAY_VALUES))
      .min(1)
      .max(7)
      .transform((days) => [...new Set(days)].map(Number).sort()),
    times: z
      .string({ required_error: "form.required" })
      .trim()
      .min(1)
      .max(MAX_TIMES_PER_DAY * 7)
      .transform((text, ctx) => {
        const times = parseTimes(text);
        if (!times) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `listings.error.times:${MAX_TIMES_PER_DAY}`, fatal: true });
          return z.NEVER;
        }
        return times;
      }),
    capacity: capacity(),
  })
  .superRefine((value, ctx) => {
    if (value.weeks === undefined && value.endDate === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["weeks"], message: "listings.error.weeksOrEnd" });
      return;
    }
    if (value.weeks !== undefined && value.endDate !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endDate"], message: "listings.error.weeksAndEnd" });
      return;
    }
    if (value.endDate !== undefined) {
      if (value.endDate < value.startDate) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endDate"], message: "listings.error.endBeforeStart" });
        return;
      }
      if (nightsBetween(value.startDate, value.endDate) >= MAX_SCHEDULE_WEEKS * 7) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endDate"], message: `listings.error.scheduleTooLong:${MAX_SCHEDULE_WEEKS}` });
        return;
      }
    }
    const count = countScheduleSlots(scheduleSpec(value));
    if (count > MAX_SLOTS_PER_SCHEDULE) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [], message: `listings.error.tooManySlots:${MAX_SLOTS_PER_SCHEDULE}` });
    }
  });
export type ScheduleInput = z.output<typeof scheduleSchema>;

/** The schedule's days: the end date, or the last day of its weeks. */
export function scheduleSpec(input: Pick<ScheduleInput, "startDate" | "weeks" | "endDate" | "weekdays" | "times">) {
  const endDate = input.endDate ?? scheduleEndDate(input.startDate, input.weeks ?? 1);
  return { startDate: input.startDate, endDate, weekdays: input.weekdays, times: input.times };
}
