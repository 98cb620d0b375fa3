// What the account routes share on the way in and out: reading a form without letting a broken
// body become a 500, the 429 answer of a rate limit, the headers of private pages, and the way
// in and out of the pages only a signed-out browser needs (log in, sign up).
import { type HeadersFunction, data, redirect } from "@remix-run/node";
import type { RateLimitResult } from "~/modules/security/rate-limit.server";
import type { Database } from "~/utils/db.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { safeRedirect } from "./schemas";
import { endSession, readSession, startSession } from "./session.server";

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

/**
 * Loader of a page for signed-out browsers: the same-site page that asked for it is kept; a
 * browser already signed in has nothing to do here and goes on there (or to /account).
 */
export async function signedOutPage(request: Request) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  if (await readSession(getDb(), request)) {
    throw redirect(redirectTo || localePath(langFromRequest(request), "/account"), { headers: { "Cache-Control": PRIVATE_NO_STORE } });
  }
  return data({ redirectTo }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

/**
 * Signs the account in: the browser's previous session (another account's, or a planted one)
 * ends and a new one starts, then on to `redirectTo` when it is same-site, else `fallback`.
 */
export async function signInAfresh(db: Database, request: Request, userId: number, redirectTo: string | undefined, fallback: string) {
  await endSession(db, request);
  const cookie = await startSession(db, userId);
  return redirect(safeRedirect(redirectTo, fallback), {
    headers: { "Set-Cookie": cookie, "Cache-Control": PRIVATE_NO_STORE },
  });
}
