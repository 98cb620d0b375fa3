// What the account routes share on the way in and out: reading a form without letting a broken
// body become a 500, the 429 answer of a rate limit, and the headers of private pages.
import { type HeadersFunction, data } from "@remix-run/node";
import type { ZodTypeAny } from "zod";
import type { RateLimitResult } from "~/modules/security/rate-limit.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";

function badRequest(): never {
  throw data({ message: "Bad request" }, { status: 400 });
}

/** The request's form; a body that is not a form (or is cut off) is a 400, not a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    badRequest();
  }
}

/** parseForm, except that a forged Conform control field (`__intent__` that is not JSON) is a 400. */
export function parseAccountForm<Schema extends ZodTypeAny>(formData: FormData, schema: Schema) {
  try {
    return parseForm(formData, schema);
  } catch {
    badRequest();
  }
}

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
