// What a listing action answers (shared by the routes and the form components).
import type { SubmissionResult } from "@conform-to/react";
import type { MessageKey } from "~/locales";

export type ListingNotice = { key: MessageKey; params?: Record<string, number | string> };
/** `form` names the form that was sent: only that one shows `result` and `notice`. */
export type ListingActionData = { form: string; result: SubmissionResult<string[]>; notice?: ListingNotice };

/** A village a listing can be placed in (the form's select). */
export type VillageOption = { id: number; nameZh: string; nameEn: string; countyZh: string; countyEn: string };
