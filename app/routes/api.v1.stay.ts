// GET /api/v1/stays/:slug?checkIn=&checkOut=&guests= — a stay with its rooms; with dates, each
// room's price for them (calendar rules only; holds and bookings come with the bookings issue).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseStayParams } from "~/modules/api/params";
import { apiHandler, apiJson, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { stayJson } from "~/modules/api/serializers";
import { isSlug } from "~/modules/catalog/listing-params";
import { getStayBySlug } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const today = todayInShanghai();
    const parsed = parseStayParams(new URL(request.url).searchParams, { today });
    if (!parsed.ok) return invalidParams(parsed.fields);
    const stay = isSlug(params.slug) ? await getStayBySlug(getDb(), params.slug, { today }) : null;
    if (!stay) return notFoundError("No such stay.");
    const { lang, ...dates } = parsed.value;
    return apiJson({
      lang,
      dates: dates.checkIn ? { checkIn: dates.checkIn, checkOut: dates.checkOut, guests: dates.guests ?? null } : null,
      stay: stayJson(stay, lang, dates),
    });
  });

export const action = methodNotAllowed;
