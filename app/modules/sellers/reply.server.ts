// Turning a module's refusal (SellerError) into the form's answer: the message beside the
// field it concerns, or above the form, and the refusal's status. Anything else is a bug and
// is rethrown.
import type { Submission, SubmissionResult } from "@conform-to/react";
import { SellerError, type SellerErrorStatus } from "./errors";

export function refusal<Output>(
  submission: Submission<Output>,
  error: unknown,
): { result: SubmissionResult<string[]>; status: SellerErrorStatus } {
  if (!(error instanceof SellerError)) throw error;
  const result = error.field
    ? submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } })
    : submission.reply({ formErrors: [error.messageKey] });
  return { result, status: error.status };
}

export { readForm } from "~/utils/forms.server";
