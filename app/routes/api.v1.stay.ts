// GET /api/v1/stays/:slug?checkIn=&checkOut=&guests= — a stay with its rooms; with dates, each
// room's price for them and whether it can be booked (the host's rules and others' held or
// confirmed nights: a taken night makes it not bookable). Short-lived cache: availability changes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseStayParams } from "~/modules/api/params";
import { apiHandler, apiJson, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { stayJson } from "~/modules/api/serializers";
import { quoteRooms } from "~/modules/bookings/availability.server";
import { AVAILABILITY_CACHE } from "~/modules/bookings/find-dates";
import { isSlug } from "~/modules/catalog/listing-params";
import { getStayBySlug } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const today = todayInShanghai();
    const parsed = parseStayParams(new URL(request.url).searchParams, { today });
    if (!parsed.ok) return invalidParams(parsed.fields);
    const db = getDb();
    const stay = isSlug(params.slug) ? await getStayBySlug(db, params.slug, { today }) : null;
    if (!stay) return notFoundError("No such stay.");
    const { lang, ...dates } = parsed.value;
    const { checkIn, checkOut, guests } = dates;
    const quotes = checkIn && checkOut ? await quoteRooms(db, { unitIds: stay.rooms.map((r) => r.id), checkIn, checkOut, guests, today }) : undefined;
    return apiJson(
      {
        lang,
        dates: checkIn ? { checkIn, checkOut, guests: guests ?? null } : null,
        stay: stayJson(stay, lang, dates, quotes),
      },
      { headers: { "Cache-Control": AVAILABILITY_CACHE } },
    );
  });

export const action = methodNotAllowed;
