// /account/bookings: the signed-in traveller's stays and experiences — upcoming ones first (the
// soonest on top), then past and cancelled ones — each linking to its page.
import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BookingCard } from "~/components/bookings-account/BookingCard";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSession } from "~/modules/accounts/auth.server";
import { listTravellerBookings, toBookingView } from "~/modules/bookings/traveller.server";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const bookings = await listTravellerBookings(db, session.user.id, new Date());
  return data({ bookings: bookings.map((b) => ({ ...toBookingView(b), upcoming: b.upcoming })) }, { headers: NO_STORE });
}

export const headers = () => NO_STORE;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "travellerBookings.title");

export default function AccountBookingsPage() {
  const { bookings } = useLoaderData<typeof loader>();
  const t = useT();
  const upcoming = bookings.filter((b) => b.upcoming);
  const past = bookings.filter((b) => !b.upcoming);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold text-stone-900">{t("travellerBookings.title")}</h1>
      {bookings.length === 0 ? (
        <div className="rounded-lg border border-stone-200 bg-white p-6 text-center">
          <p className="text-stone-700">{t("travellerBookings.empty")}</p>
          <p className="mt-4 flex flex-wrap justify-center gap-3">
            <LocaleLink to="/stays" className="inline-flex min-h-11 items-center rounded-lg bg-tea-800 px-4 text-white hover:bg-tea-700">
              {t("travellerBookings.browseStays")}
            </LocaleLink>
            <LocaleLink to="/experiences" className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 hover:bg-stone-50">
              {t("travellerBookings.browseExperiences")}
            </LocaleLink>
          </p>
        </div>
      ) : null}
      {upcoming.length ? (
        <section aria-labelledby="upcoming-title">
          <h2 id="upcoming-title" className="text-lg font-semibold text-stone-900">
            {t("travellerBookings.upcoming")}
          </h2>
          <ul className="mt-3 space-y-3">
            {upcoming.map((b) => (
              <BookingCard key={`${b.kind}-${b.id}`} booking={b} />
            ))}
          </ul>
        </section>
      ) : null}
      {past.length ? (
        <section aria-labelledby="past-title">
          <h2 id="past-title" className="text-lg font-semibold text-stone-900">
            {t("travellerBookings.past")}
          </h2>
          <ul className="mt-3 space-y-3">
            {past.map((b) => (
              <BookingCard key={`${b.kind}-${b.id}`} booking={b} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
