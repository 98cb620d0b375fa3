// What the product actions share: who acts on which product, and what they answer (new, edit
// and stock pages).
import type { Submission } from "@conform-to/react";
import { type LoaderFunctionArgs, data } from "@remix-run/node";
import { requireSeller } from "~/modules/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { type WriteResult, productInCooperative } from "./products.server";
import { parseRowId } from "./schemas";

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

/** The acting seller (owner or staff) and the product in the URL, which must be its cooperative's: else 404. */
export async function actingOnProduct(request: Request, params: LoaderFunctionArgs["params"]) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const cooperativeId = seller.membership.cooperativeId;
  const productId = parseRowId(params.productId) ?? notFound();
  if (!(await productInCooperative(db, cooperativeId, productId))) notFound();
  return { db, seller, cooperativeId, productId };
}
