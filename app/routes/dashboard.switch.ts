// POST: work for another of your approved cooperatives. GET changes nothing (404).
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { requireSession, switchCooperative } from "~/modules/accounts/auth.server";
import { getDb } from "~/utils/db.server";
import { readForm } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";

const SwitchForm = z.object({ cooperativeId: z.coerce.number().int().positive().max(2_147_483_647) });

export function loader(): never {
  notFound();
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const parsed = SwitchForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || !(await switchCooperative(db, session, parsed.data.cooperativeId))) notFound();
  return redirect(localePath(langFromRequest(request), "/dashboard"));
}
