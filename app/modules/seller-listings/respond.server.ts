// What the listing routes answer. Every action reply names the form it belongs to, because a
// room page or a slots page has several forms and only the one that was sent shows the result.
import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { z } from "zod";
import { requireSeller } from "~/modules/accounts/auth.server";
import { type Database, getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { ListingError } from "./errors";
import { parseRouteId } from "./fields";
import type { ListingActionData, ListingNotice } from "./types";

export type { ListingActionData, ListingNotice };

type Replyable = {
  reply: (options?: { resetForm?: boolean; formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;
};

const noStore = { "Cache-Control": PRIVATE_NO_STORE };

/** The acting seller (staff and owners alike) and the cooperative every query is scoped to. */
export async function sellerScope(request: Request): Promise<{ db: Database; cooperativeId: number }> {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  return { db, cooperativeId: seller.membership.cooperativeId };
}

export { readForm as postedForm } from "~/utils/forms.server";

/** A numeric id from the URL, or 404 for anything else. */
export function routeId(value: string | undefined): number {
  const id = parseRouteId(value);
  if (id === null) notFound();
  return id;
}

/** A read that may find nothing (a ListingError 404) → the 404 page then. */
export async function found<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ListingError && error.status === 404) notFound();
    throw error;
  }
}

export function loaded<T>(payload: T) {
  return data(payload, { headers: noStore });
}

/** The form as sent, with its errors beside the fields (400). */
export function invalid(form: string, submission: Replyable) {
  return data<ListingActionData>({ form, result: submission.reply() }, { status: 400, headers: noStore });
}

/** Done: the form is cleared (or shows the saved values) and an optional notice says what happened. */
export function done(form: string, submission: Replyable, options: { notice?: ListingNotice; reset?: boolean } = {}) {
  return data<ListingActionData>(
    { form, result: submission.reply({ resetForm: options.reset ?? true }), notice: options.notice },
    { headers: noStore },
  );
}

/**
 * Runs a change; a refusal (ListingError) becomes the form's error with its status, and "not
 * found" becomes the 404 page. Anything else is a bug and is thrown.
 */
export async function attempt<T>(form: string, submission: Replyable, change: () => Promise<T>) {
  try {
    return { ok: true as const, value: await change() };
  } catch (error) {
    if (!(error instanceof ListingError)) throw error;
    if (error.status === 404) notFound();
    const result = error.field
      ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } })
      : submission.reply({ formErrors: [error.messageKey] });
    return { ok: false as const, response: data<ListingActionData>({ form, result }, { status: error.status, headers: noStore }) };
  }
}

/** The "archive" and "restore" intents of a listing page's ArchivePanel. */
export async function archiveOrRestore(formData: FormData, setArchived: (archive: boolean) => Promise<unknown>) {
  const archive = formData.get("intent") === "archive";
  const submission = parseForm(formData, z.object({}));
  const outcome = await attempt("archive", submission, () => setArchived(archive));
  if (!outcome.ok) return outcome.response;
  return done("archive", submission, { notice: { key: archive ? "listings.archive.done" : "listings.archive.restored" } });
}

/** An action asked to do something it does not know (a tampered intent). */
export function unknownIntent() {
  return data({ message: "Unknown intent" }, { status: 400, headers: noStore });
}
