// What the account routes share on the way in and out: reading a form without letting a broken
// body become a 500, the 429 answer of a rate limit, and the headers of private pages.
import { type HeadersFunction, data } from "@remix-run/node";
import type { RateLimitResult } from "~/modules/security/rate-limit.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";

export { readForm } from "~/utils/forms.server";

/** parseForm (which already answers a forged Conform control field with 400). */
export const parseAccountForm = parseForm;

type Replyable = { reply(options?: { formErrors?: string[]; hideFields?: string[] }): unknown };

/**
 * The answer to one attempt too many: the form again with a message in the user's language
 * (values kept, passwords not), status 429 and Retry-After.
 */
export function tooManyAttempts<S extends Replyable>(submission: S, limit: RateLimitResult, hideFields: string[] = []) {
  return data(submission.reply({ formErrors: [`accounts.error.tooMany:${limit.retryAfterSeconds}`], hideFields }) as ReturnType<S["reply"]>, {
    status: 429,
    headers: { "Retry-After": String(limit.retryAfterSeconds), "Cache-Control": PRIVATE_NO_STORE },
  });
}

const PASSED_ON = ["Retry-After", "Referrer-Policy"];

/** Route `headers`: never stored by any cache; Retry-After and Referrer-Policy of the loader/action kept. */
export const accountHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders, errorHeaders }) => {
  const out = new Headers({ "Cache-Control": PRIVATE_NO_STORE });
  for (const source of [loaderHeaders, actionHeaders, errorHeaders]) {
    for (const name of PASSED_ON) {
      const value = source?.get(name);
      if (value) out.set(name, value);
    }
  }
  return out;
};
