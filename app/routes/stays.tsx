import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { LocaleLink } from "~/components/LocaleLink";
import { Pagination } from "~/components/Pagination";
import { StayGrid } from "~/components/StayCard";
import { AvailableStayGrid } from "~/components/bookings/AvailableStays";
import { DatesNoticeBox } from "~/components/bookings/StayBooking";
import { AVAILABILITY_CACHE, availabilityEnd } from "~/modules/bookings/find-dates";
import { plural } from "~/modules/catalog/listing-display";
import { metaContext } from "~/modules/catalog/listing-meta";
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";
import { parseStaysSearch } from "~/modules/catalog/listing-params";
import { listStayVillages, listStays } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { formatDate, todayInShanghai } from "~/utils/format";
import { loaderHeaders } from "~/utils/headers";
import { publicHeaders } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const today = todayInShanghai();
  const { query, datesNotice } = parseStaysSearch(new URL(request.url).searchParams, { today });
  const db = getDb();
  // Dates are used only as a whole range; a check-in alone just prefills the form.
  const dated = query.checkIn !== undefined && query.checkOut !== undefined;
  const range = dated ? { checkIn: query.checkIn, checkOut: query.checkOut, today } : {};
  const [result, villages] = await Promise.all([
    listStays(db, { village: query.village, guests: query.guests, page: query.page, ...range }),
    listStayVillages(db),
  ]);
  // A dated list changes with every booking; the plain list only when hosts edit their stays.
  const headers = dated ? { "Cache-Control": AVAILABILITY_CACHE } : publicHeaders();
  return data({ query, datesNotice, result, villages, today }, { headers });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { t, siteName } = metaContext(args);
  return seoMeta({ title: t("stays.title"), description: t("stays.metaDescription"), siteName });
};

const GUEST_CHOICES = [1, 2, 3, 4, 5, 6, 8, 10];
const FIELD = "mt-1 block min-h-11 w-full min-w-0 rounded-md border border-stone-400 bg-white px-2 py-2 text-base text-stone-900 sm:px-3";

export default function StaysPage() {
  const { query, datesNotice, result, villages, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  // Guests asked for in the URL stay selectable even if not one of the usual choices.
  const guestChoices = query.guests && !GUEST_CHOICES.includes(query.guests) ? [...GUEST_CHOICES, query.guests].sort((a, b) => a - b) : GUEST_CHOICES;
  const filtered = Boolean(query.guests || query.village || query.checkIn);
  // The stay pages learn the dates and group too (they explain the cancellation deadline).
  const carry = new URLSearchParams();
  if (query.checkIn) carry.set("checkIn", query.checkIn);
  if (query.checkOut) carry.set("checkOut", query.checkOut);
  if (query.guests) carry.set("guests", String(query.guests));
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t("stays.title")}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{t("stays.intro")}</p>
      </header>

      <section aria-labelledby="stays-filter" className="rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="stays-filter" className="sr-only">
          {t("stays.filter.title")}
        </h2>
        <Form method="get" className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-5 lg:items-end">
          <label className="block text-sm font-medium text-stone-800">
            {t("stays.filter.checkIn")}
            <input type="date" name="checkIn" defaultValue={query.checkIn ?? ""} min={today} max={addDays(availabilityEnd(today), -1)} className={FIELD} />
          </label>
          <label className="block text-sm font-medium text-stone-800">
            {t("stays.filter.checkOut")}
            <input
              type="date"
              name="checkOut"
              defaultValue={query.checkOut ?? ""}
              min={addDays(query.checkIn ?? today, 1)}
              max={availabilityEnd(today)}
              className={FIELD}
            />
          </label>
          <label className="block text-sm font-medium text-stone-800">
            {t("stays.filter.guests")}
            <select name="guests" defaultValue={query.guests ? String(query.guests) : ""} className={FIELD}>
              <option value="">{t("stays.filter.anyGuests")}</option>
              {guestChoices.map((n) => (
                <option key={n} value={n}>
                  {plural(t, "stays.filter.guestsOption", n)}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm font-medium text-stone-800">
            {t("stays.filter.village")}
            <select name="village" defaultValue={query.village ?? ""} className={FIELD}>
              <option value="">{t("stays.filter.anyVillage")}</option>
              {villages.map((v) => (
                <option key={v.slug} value={v.slug}>
                  {pick(lang, v.nameZh, v.nameEn)}
                </option>
              ))}
            </select>
          </label>
          <div className="col-span-2 flex flex-wrap items-center gap-3 lg:col-span-1">
            <button type="submit" className="min-h-11 rounded-full bg-tea-700 px-6 py-2 font-medium text-white hover:bg-tea-800">
              {t("stays.filter.submit")}
            </button>
            {filtered ? (
              <LocaleLink to="/stays" className="inline-flex min-h-11 items-center text-sm text-tea-800 underline">
                {t("stays.filter.clear")}
              </LocaleLink>
            ) : null}
          </div>
        </Form>
        <p className="mt-3 text-sm text-stone-600">{t("bookings.find.datesNote")}</p>
        <DatesNoticeBox notice={datesNotice} />
      </section>

      <section aria-labelledby="stays-results">
        <h2 id="stays-results" className="mb-4 text-lg font-semibold text-stone-900" aria-live="polite">
          {plural(t, "stays.results", result.total)}
          {query.checkIn && query.checkOut ? (
            <span className="block text-sm font-normal text-stone-700">
              {t("bookings.find.resultsFor", {
                checkIn: formatDate(query.checkIn, lang),
                checkOut: formatDate(query.checkOut, lang),
                nights: nightsBetween(query.checkIn, query.checkOut),
              })}
            </span>
          ) : null}
        </h2>
        {result.items.length ? (
          query.checkIn && query.checkOut ? (
            <AvailableStayGrid stays={result.items} search={carry.toString()} />
          ) : (
            <StayGrid stays={result.items} search={carry.toString()} />
          )
        ) : (
          <p className="rounded-lg bg-white p-6 text-stone-700">{t("stays.empty")}</p>
        )}
        <Pagination page={result.page} pages={result.pages} />
      </section>
    </div>
  );
}
