// The forms of the product pictures page, shared by Conform in the browser and the action.
import { z } from "zod";
import { optionalText, requiredText } from "~/utils/forms";

/** Alt text is read aloud: a sentence or two, not an essay. */
export const ALT_MAX = 200;

const imageId = z.number({ required_error: "form.required" }).int().min(1).max(2_147_483_647);

export const uploadSchema = z.object({
  intent: z.literal("upload"),
  file: z.instanceof(File, { message: "media.error.noFile" }).refine((file) => file.size > 0, "media.error.empty"),
  altZh: requiredText(ALT_MAX),
  altEn: optionalText(ALT_MAX),
});

/** One picture's form: its descriptions, and buttons to move or delete it. */
export const imageSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save-alt"), imageId, altZh: requiredText(ALT_MAX), altEn: optionalText(ALT_MAX) }),
  z.object({ intent: z.literal("move-up"), imageId }),
  z.object({ intent: z.literal("move-down"), imageId }),
  z.object({ intent: z.literal("delete"), imageId }),
]);

export type ImageIntent = z.infer<typeof imageSchema>["intent"];
