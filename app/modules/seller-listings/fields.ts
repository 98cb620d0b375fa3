// Zod building blocks of the stay, room and experience forms (browser and server alike).
import { z } from "zod";
import { isIsoDate } from "~/modules/catalog/listing-dates";
import { optionalText, requiredText, yuanToFen } from "~/utils/forms";
import { normalizeClock } from "./schedule";

/** Statuses a seller picks in a form; "archived" is reached only through archive/restore. */
export const EDITABLE_STATUSES = ["active", "draft"] as const;
export type ListingStatus = "active" | "draft" | "archived";

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 5000;

// PostgreSQL text cannot hold U+0000: refused as a form error rather than failing the insert.
const noNul = (value: string) => !value.includes("\u0000");
export const textField = (max: number) => requiredText(max).refine(noNul, "form.invalid");
export const optionalTextField = (max: number) => optionalText(max).refine(noNul, "form.invalid");

/** A whole number between min and max (Conform turns the typed text into a number). */
export const wholeNumber = (min: number, max: number) => z.number({ required_error: "form.required" }).int().min(min).max(max);

/** "HH:MM" on a 24-hour clock, as the time input or a person types it. */
export const clockTime = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .max(8)
    .transform((value, ctx) => {
      const time = normalizeClock(value);
      if (!time) {
        // Fatal: the form-wide checks (superRefine) never see a half-parsed value.
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "listings.error.time", fatal: true });
        return z.NEVER;
      }
      return time;
    });

/** A real calendar day "YYYY-MM-DD" (no 2026-02-30); one message, and fatal like clockTime. */
export const calendarDate = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .superRefine((value, ctx) => {
      if (!isIsoDate(value)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.date", fatal: true });
    });

/** An optional amount in yuan → fen, or null when left empty. */
export const optionalYuanToFen = () =>
  yuanToFen()
    .optional()
    .transform((v) => v ?? null);

/**
 * A row id sent back by a form (rateId, slotId…). Anything that is not a plausible id becomes 0,
 * which matches no row: a tampered id is "not found" (404), like another cooperative's id.
 */
export const rowId = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .max(40)
    .transform((v) => (/^[1-9]\d{0,8}$/.test(v) ? Number(v) : 0));

/** A route param → a row id, or null (the route answers 404). */
export function parseRouteId(value: string | undefined): number | null {
  return value !== undefined && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

/** Fen → the yuan text a price field shows ("168.00"); empty for none. */
export function fenToYuanText(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}
