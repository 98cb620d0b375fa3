// GET /api/v1/stays/:slug/availability?from=&to=&lang= — each room's nights [from, to) with their
// state (free, booked, held, blackout, past, outside) and price. Defaults: from = today
// (Asia/Shanghai), to = from + 30 days; at most 186 days. Answers are not cached for long: they
// change with every booking.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiJson, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { stayAvailabilityJson } from "~/modules/api/serializers";
import { roomAvailability } from "~/modules/bookings/availability.server";
import { AVAILABILITY_CACHE, availabilityEnd } from "~/modules/bookings/find-dates";
import { parseAvailabilityParams } from "~/modules/bookings/find-params";
import { isSlug } from "~/modules/catalog/listing-params";
import { getStayBySlug } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const today = todayInShanghai();
    const parsed = parseAvailabilityParams(new URL(request.url).searchParams, { today });
    if (!parsed.ok) return invalidParams(parsed.fields);
    const db = getDb();
    const stay = isSlug(params.slug) ? await getStayBySlug(db, params.slug, { today }) : null;
    if (!stay) return notFoundError("No such stay.");
    const { lang, from, to } = parsed.value;
    const rooms = await roomAvailability(db, { unitIds: stay.rooms.map((r) => r.id), from, to, today });
    return apiJson(stayAvailabilityJson(stay, lang, { from, to, today, calendarEnd: availabilityEnd(today) }, rooms), {
      headers: { "Cache-Control": AVAILABILITY_CACHE },
    });
  });

export const action = methodNotAllowed;
