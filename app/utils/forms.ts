// Forms: one Zod schema per form, used by Conform in the browser and by the action on the
// server. Messages are message keys (see locales/forms.ts), optionally followed by `:n` for a
// number, so the same schema speaks the user's language wherever it runs.
import { parseWithZod } from "@conform-to/zod";
import { type ZodErrorMap, type ZodTypeAny, z } from "zod";
import type { MessageKey } from "~/locales";
import type { TFunction } from "./t";

export const formErrorMap: ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined" || issue.received === "null") return { message: "form.required" };
      return { message: issue.expected === "integer" ? "form.integer" : "form.invalid" };
    case "too_small":
      if (issue.type === "string") return { message: Number(issue.minimum) <= 1 ? "form.required" : `form.tooShort:${issue.minimum}` };
      if (issue.type === "number") return { message: `form.tooSmall:${issue.minimum}` };
      if (issue.type === "array") return { message: Number(issue.minimum) <= 1 ? "form.chooseOne" : `form.chooseAtLeast:${issue.minimum}` };
      return { message: "form.invalid" };
    case "too_big":
      if (issue.type === "string") return { message: `form.tooLong:${issue.maximum}` };
      if (issue.type === "number") return { message: `form.tooBig:${issue.maximum}` };
      if (issue.type === "array") return { message: `form.tooMany:${issue.maximum}` };
      return { message: "form.invalid" };
    case "invalid_string":
      if (issue.validation === "email") return { message: "form.email" };
      if (issue.validation === "url") return { message: "form.url" };
      return { message: "form.invalid" };
    case "invalid_enum_value":
    case "invalid_union_discriminator":
    case "invalid_literal":
      return { message: "form.choice" };
    case "invalid_date":
      return { message: "form.date" };
    default:
      return { message: ctx.defaultError.startsWith("form.") ? ctx.defaultError : "form.invalid" };
  }
};

/** Parses a submitted form with the schema; messages are keys (see `formMessage`). */
export function parseForm<Schema extends ZodTypeAny>(formData: FormData | URLSearchParams, schema: Schema) {
  for (const [, value] of formData.entries()) {
    // PostgreSQL cannot store NUL in text: such input is refused here rather than failing later.
    if (typeof value === "string" && value.includes("\u0000")) throw badForm();
  }
  try {
    return parseWithZod(formData, { schema, errorMap: formErrorMap });
  } catch {
    // Conform throws on a forged `__intent__` field (not its JSON): a bad request, not a crash.
    throw badForm();
  }
}

function badForm(): Response {
  return new Response("Bad form submission", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The text of a form error in the user's language: `form.tooShort:8` → 至少 8 个字符. */
export function formMessage(t: TFunction, message: string): string {
  const [key, n] = message.split(":") as [string, string | undefined];
  if (!key.includes(".")) return message;
  return t(key as MessageKey, n === undefined ? undefined : { n });
}

// Building blocks shared by the schemas. Text is trimmed; an empty optional text is "".
export const text = (max = 200) => z.string().trim().max(max);
export const requiredText = (max = 200) => z.string({ required_error: "form.required" }).trim().min(1).max(max);
export const optionalText = (max = 2000) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v ?? "");
export const email = () => z.string({ required_error: "form.required" }).trim().toLowerCase().max(254).email();
/** Yuan as typed (`168`, `168.5`, `168.00`) → fen. */
export const yuanToFen = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .regex(/^\d{1,7}(\.\d{1,2})?$/, "form.price")
    .transform((v) => Math.round(Number(v) * 100));
export const isoDate = () =>
  z.string({ required_error: "form.required" }).refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && validDate(v), "form.date");

function validDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
