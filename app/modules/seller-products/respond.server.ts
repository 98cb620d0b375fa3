// What the product actions answer, shared by the new and edit pages.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { notFound } from "~/utils/http.server";
import type { WriteResult } from "./products.server";

export { readForm as readFormData } from "~/utils/forms.server";

/** A refused write as the form's answer: field errors 400, a conflict 409, another's id 404. */
export function replyToRefusal(submission: Submission<unknown, string[], unknown>, result: Exclude<WriteResult, { ok: true }>) {
  switch (result.reason) {
    case "not_found":
      return notFound();
    case "invalid":
      return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
    case "conflict":
      return data(submission.reply({ formErrors: [result.formError] }), { status: 409 });
  }
}

