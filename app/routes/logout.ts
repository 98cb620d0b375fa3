// POST /logout ends this browser's session. Logging out is a change of state, so GET is a 404
// (a link or an <img> on another page cannot log anyone out).
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { assertSameOrigin } from "~/modules/accounts/auth.server";
import { endSession } from "~/modules/accounts/session.server";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";

export function loader(): never {
  notFound();
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const cookie = await endSession(getDb(), request);
  return redirect(localePath(langFromRequest(request), "/"), {
    headers: { "Set-Cookie": cookie, "Cache-Control": PRIVATE_NO_STORE },
  });
}
