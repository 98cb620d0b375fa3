// A room's iCal feed at its secret URL (/calendars/<ical_token>.ics), read by other channels and
// calendar apps without a session. An unknown or malformed token is a plain 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { roomFeed, tokenOfFile } from "~/modules/bookings/ical-feed.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = tokenOfFile(params.file);
  const now = new Date();
  const body = token ? await roomFeed(getDb(), token, { today: todayInShanghai(now), now }) : null;
  if (body === null) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="room.ics"',
      // The URL is the secret: only the reader's own cache may keep it, and not for long.
      "Cache-Control": "private, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "X-Robots-Tag": "noindex",
    },
  });
}
