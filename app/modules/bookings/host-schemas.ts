// The host's forms on the bookings calendar and a room's calendars page (browser and server
// alike). Dates are Asia/Shanghai calendar days "YYYY-MM-DD"; `today` is passed in.
import { z } from "zod";
import { addDays, isIsoDate } from "~/modules/catalog/listing-dates";
import type { PayOnArrivalMode } from "../../../db/schema/cooperatives";
import { calendarDate, optionalTextField, rowId } from "~/modules/seller-listings/fields";

/** Nights may be closed from today up to a year ahead (the last night included). */
export const BLOCK_HORIZON_DAYS = 365;

/**
 * Closing nights [from, to): `to` is the morning the room is free again, like a check-out day,
 * so closing one night is from = that night, to = the next day.
 */
export function blockNightsSchema(today: string) {
  return z
    .object({
      unitId: rowId(),
      from: calendarDate(),
      to: calendarDate(),
      reason: optionalTextField(200),
    })
    .superRefine((value, ctx) => {
      if (value.to <= value.from) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "hostBookings.error.toBeforeFrom" });
      } else if (value.from < today) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["from"], message: "hostBookings.error.past" });
      } else if (addDays(value.to, -1) > addDays(today, BLOCK_HORIZON_DAYS)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "hostBookings.error.tooFar" });
      }
    });
}
export type BlockNightsInput = z.output<ReturnType<typeof blockNightsSchema>>;

export const unblockSchema = z.object({ blackoutId: rowId() });

/** "YYYY-MM" of a real month, or null. */
export function parseMonth(value: unknown): string | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}$/.test(value)) return null;
  return isIsoDate(`${value}-01`) ? value : null;
}

/** The month `delta` months after "YYYY-MM". */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The calendar days of a month, first to last. */
export function daysOfMonth(month: string): string[] {
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const days: string[] = [];
  for (let d = first; d < next; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Calendar imports: a name, and a URL (http/https) or an uploaded .ics file. */
export const MAX_CALENDAR_BYTES = 1024 * 1024;

const calendarUrl = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .min(1)
    .max(2000)
    .refine((value) => {
      try {
        const url = new URL(value);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
      } catch {
        return false;
      }
    }, "hostBookings.error.url");

export const addUrlImportSchema = z.object({ name: optionalTextField(80), url: calendarUrl() });
export const importIdSchema = z.object({ importId: rowId() });
/** The file itself is read apart (multipart, capped); these are the fields around it. */
export const fileImportSchema = z.object({ name: optionalTextField(80), importId: rowId().optional() });

// The schema's modes, repeated here so the browser bundle does not pull in the table definitions.
export const PAY_ON_ARRIVAL_CHOICES = ["off", "auto", "host"] as const satisfies readonly PayOnArrivalMode[];
export const payOnArrivalSchema = z.object({ payOnArrival: z.enum(PAY_ON_ARRIVAL_CHOICES) });
