// The host's bookings calendar: a month of rooms × nights (?month=YYYY-MM, ?stay=<id>), closing
// and reopening nights, the month's experience sessions and the bookings coming up.
import { type ActionFunctionArgs, type LoaderFunctionArgs, data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BlockNightsForm, HostBlackouts } from "~/components/dashboard/bookings/BlockNights";
import { Legend, MonthGrid } from "~/components/dashboard/bookings/MonthGrid";
import { MonthSlots, UpcomingBookings } from "~/components/dashboard/bookings/Upcoming";
import { LocaleLink } from "~/components/LocaleLink";
import { ListingErrorBoundary, PageHeader, Section, listingMeta } from "~/components/dashboard/listings/ui";
import { requireSeller } from "~/modules/accounts/auth.server";
import { blockNights, hostCalendar, unblockNights } from "~/modules/bookings/host-calendar.server";
import { blockNightsSchema, parseMonth, unblockSchema } from "~/modules/bookings/host-schemas";
import { parseRouteId } from "~/modules/seller-listings/fields";
import { attempt, done, found, invalid, loaded, postedForm, sellerScope, unknownIntent } from "~/modules/seller-listings/respond.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { localePath, pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });
export const meta = listingMeta("hostBookings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const now = new Date();
  const today = todayInShanghai(now);
  const query = new URL(request.url).searchParams;
  const monthParam = query.get("month");
  const month = monthParam === null || monthParam === "" ? today.slice(0, 7) : parseMonth(monthParam);
  if (!month) throw data({ message: "month must be YYYY-MM" }, { status: 400, headers: { "Cache-Control": PRIVATE_NO_STORE } });
  const stayParam = query.get("stay");
  const stayId = stayParam === null || stayParam === "" ? null : parseRouteId(stayParam);
  if (stayId === null && stayParam) notFound();
  const calendar = await found(hostCalendar(db, seller.membership.cooperativeId, { month, stayId, today, now }));
  return loaded({ ...calendar, today, isOwner: seller.membership.role === "owner" });
}

export async function action({ request }: ActionFunctionArgs) {
  const { db, cooperativeId } = await sellerScope(request);
  const formData = await postedForm(request);
  const today = todayInShanghai();
  switch (formData.get("intent")) {
    case "block": {
      const submission = parseForm(formData, blockNightsSchema(today));
      if (submission.status !== "success") return invalid("block", submission);
      const outcome = await attempt("block", submission, () => blockNights(db, cooperativeId, submission.value));
      if (!outcome.ok) return outcome.response;
      return done("block", submission, { notice: { key: "hostBookings.block.done" } });
    }
    case "unblock": {
      const submission = parseForm(formData, unblockSchema);
      if (submission.status !== "success") return invalid("unblock", submission);
      const outcome = await attempt("unblock", submission, () => unblockNights(db, cooperativeId, submission.value.blackoutId));
      if (!outcome.ok) return outcome.response;
      return done("unblock", submission, { notice: { key: "hostBookings.unblock.done" } });
    }
    default:
      return unknownIntent();
  }
}

function monthTitle(t: ReturnType<typeof useT>, month: string) {
  const [year, m] = month.split("-");
  return t("hostBookings.month", { year: year!, month: Number(m) });
}

export default function HostBookings() {
  const calendar = useLoaderData<typeof loader>();
  const { month, prev, next, days, stays, stayId, rooms, blackouts, slots, upcoming, today, isOwner } = calendar;
  const t = useT();
  const lang = useLang();
  const withStay = (m: string) => `/dashboard/bookings?month=${m}${stayId ? `&stay=${stayId}` : ""}`;
  const title = monthTitle(t, month);
  const navLink = "inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-3 py-2 font-medium";
  return (
    <div className="space-y-4">
      <PageHeader title={t("hostBookings.title")} />
      <p className="text-stone-700">{t("hostBookings.intro")}</p>
      {isOwner ? (
        <LocaleLink to="/dashboard/bookings/settings" className="inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4">
          {t("hostBookings.settingsLink")}
        </LocaleLink>
      ) : null}
      <Section id="grid-title" title={`${t("hostBookings.grid.title")} · ${title}`}>
        <nav aria-label={t("hostBookings.monthNav")} className="flex flex-wrap items-center justify-between gap-2">
          <LocaleLink to={withStay(prev)} className={navLink} rel="prev">
            ← {t("hostBookings.prev")}
          </LocaleLink>
          <LocaleLink to={withStay(next)} className={navLink} rel="next">
            {t("hostBookings.next")} →
          </LocaleLink>
        </nav>
        {stays.length > 1 ? (
          <Form method="get" action={localePath(lang, "/dashboard/bookings")} className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="month" value={month} />
            <label className="text-sm font-medium text-stone-800">
              {t("hostBookings.filter.stay")}
              <select name="stay" defaultValue={stayId ? String(stayId) : ""} className="mt-1 block min-h-11 rounded-lg border border-stone-300 bg-white px-3">
                <option value="">{t("hostBookings.filter.all")}</option>
                {stays.map((s) => (
                  <option key={s.id} value={s.id}>
                    {pick(lang, s.titleZh, s.titleEn)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="min-h-11 rounded-lg border border-stone-300 bg-white px-4">
              {t("hostBookings.filter.submit")}
            </button>
          </Form>
        ) : null}
        {rooms.length === 0 ? (
          <p className="text-stone-700">{t("hostBookings.grid.noRooms")}</p>
        ) : (
          <>
            <p className="text-sm text-stone-600 sm:hidden">{t("hostBookings.grid.scroll")}</p>
            <MonthGrid rooms={rooms} days={days} today={today} caption={t("hostBookings.grid.caption", { month: title })} />
            <Legend />
          </>
        )}
      </Section>
      {rooms.length ? <BlockNightsForm rooms={rooms} today={today} /> : null}
      {rooms.length ? <HostBlackouts blackouts={blackouts} /> : null}
      <MonthSlots slots={slots} />
      <UpcomingBookings bookings={upcoming} />
    </div>
  );
}

export const ErrorBoundary = ListingErrorBoundary;
