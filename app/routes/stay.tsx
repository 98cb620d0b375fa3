import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { AmenityList } from "~/components/AmenityList";
import { Breadcrumbs } from "~/components/Breadcrumbs";
import { KIND_MESSAGE } from "~/components/CooperativeCard";
import { ListingImage } from "~/components/ListingImage";
import { LocaleLink } from "~/components/LocaleLink";
import { Paragraphs } from "~/components/Paragraphs";
import { SectionHeading } from "~/components/SectionHeading";
import { CalendarLegend, type MonthLink } from "~/components/bookings/RoomCalendar";
import { DatesNoticeBox, StayDatesForm } from "~/components/bookings/StayBooking";
import { StayRoomCard } from "~/components/bookings/StayRoomCard";
import { quoteRooms, roomAvailability } from "~/modules/bookings/availability.server";
import { AVAILABILITY_CACHE, calendarMonths, clampMonth, monthEnd, monthOf, monthStart, neighbourMonths } from "~/modules/bookings/find-dates";
import { cancellationDeadline, cancellationPolicyText } from "~/modules/catalog/cancellation";
import { formatLocation } from "~/modules/catalog/listing-display";
import { absoluteUrl, metaContext, notFoundMeta, stayJsonLd } from "~/modules/catalog/listing-meta";
import { isSlug, parseStaysSearch } from "~/modules/catalog/listing-params";
import { getStayBySlug } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatPrice, todayInShanghai } from "~/utils/format";
import { loaderHeaders } from "~/utils/headers";
import { notFound } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isSlug(params.slug)) notFound();
  const today = todayInShanghai();
  const db = getDb();
  const stay = await getStayBySlug(db, params.slug, { today });
  if (!stay) notFound();
  const url = new URL(request.url);
  const { query, datesNotice } = parseStaysSearch(url.searchParams, { today });
  // The calendar opens on the month asked for, else the check-in's, else this one.
  const month = clampMonth(url.searchParams.get("month") ?? (query.checkIn ? monthOf(query.checkIn) : null), today);
  const unitIds = stay.rooms.map((r) => r.id);
  const { checkIn, checkOut, guests } = query;
  const [calendar, quotes] = await Promise.all([
    roomAvailability(db, { unitIds, from: monthStart(month), to: monthEnd(month), today }),
    checkIn && checkOut ? quoteRooms(db, { unitIds, checkIn, checkOut, guests, today }) : Promise.resolve([]),
  ]);
  const dates = { checkIn, checkOut, guests };
  return data({ stay, dates, datesNotice, month, today, calendar, quotes }, { headers: { "Cache-Control": AVAILABILITY_CACHE } });
}

/** Links to the neighbouring calendar months, keeping the dates and guests (the current month drops the parameter). */
function useMonthLinks(today: string) {
  const location = useLocation();
  const { first } = calendarMonths(today);
  const link = (month: string | null, roomId: number): MonthLink => {
    if (!month) return null;
    const params = new URLSearchParams(location.search);
    if (month === first) params.delete("month");
    else params.set("month", month);
    const qs = params.toString();
    return { month, href: `${location.pathname}${qs ? `?${qs}` : ""}#room-${roomId}` };
  };
  return (month: string, roomId: number) => {
    const { previous, next } = neighbourMonths(month, today);
    return { previous: link(previous, roomId), next: link(next, roomId) };
  };
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { lang, t, origin, siteName } = metaContext(args);
  const stay = args.data?.stay;
  if (!stay) return notFoundMeta(t);
  return seoMeta({
    title: pick(lang, stay.titleZh, stay.titleEn),
    description: pick(lang, stay.descriptionZh, stay.descriptionEn) || t("stays.intro"),
    siteName,
    image: absoluteUrl(origin, stay.image) || undefined,
    jsonLd: stayJsonLd(lang, origin, stay),
  });
};

export default function StayPage() {
  const { stay, dates, datesNotice, month, today, calendar, quotes } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const monthLinks = useMonthLinks(today);
  const checkIn = dates.checkIn ?? null;
  const maxGuests = Math.max(1, ...stay.rooms.map((r) => r.maxGuests));
  const title = pick(lang, stay.titleZh, stay.titleEn);
  const village = pick(lang, stay.village.nameZh, stay.village.nameEn);
  const host = pick(lang, stay.host.nameZh, stay.host.nameEn);
  const policy = cancellationPolicyText(stay.cancellationPolicy, t);
  const description = pick(lang, stay.descriptionZh, stay.descriptionEn);
  const houseRules = pick(lang, stay.houseRulesZh, stay.houseRulesEn);
  const lowest = stay.rooms.length ? Math.min(...stay.rooms.map((r) => r.basePriceCents)) : null;
  return (
    <article>
      <Breadcrumbs items={[{ to: "/stays", label: t("stays.title") }, { label: title }]} />
      <header className="mb-4">
        <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{title}</h1>
        <p className="mt-1 text-stone-700">
          <LocaleLink to={`/villages/${stay.village.slug}`} className="text-tea-800 underline underline-offset-4">
            {village}
          </LocaleLink>
          {" · "}
          {formatLocation(lang, stay.village)}
        </p>
      </header>
      <ListingImage src={stay.image} alt={title} width={1200} height={675} eager className="max-h-[26rem] rounded-lg" />

      <div className="mt-6 grid grid-cols-1 gap-8 lg:grid-cols-3">
        <div className="space-y-10 lg:col-span-2">
          {description ? (
            <section aria-labelledby="stay-about">
              <SectionHeading id="stay-about" title={t("stays.about")} />
              <Paragraphs text={description} />
            </section>
          ) : null}

          <section aria-labelledby="stay-rooms">
            <SectionHeading id="stay-rooms" title={t("stays.rooms")} />
            {stay.rooms.length ? (
              <>
                <StayDatesForm dates={dates} today={today} maxGuests={maxGuests} />
                <DatesNoticeBox notice={datesNotice} />
                <p className="mt-4 text-sm text-stone-700">{t("bookings.calendar.intro")}</p>
                <div className="mt-2">
                  <CalendarLegend chosenKey={Boolean(dates.checkIn && dates.checkOut)} />
                </div>
                <ul className="mt-4 space-y-4">
                  {stay.rooms.map((room) => (
                    <li key={room.id}>
                      <StayRoomCard
                        room={room}
                        calendar={{ month, nights: calendar.find((c) => c.unitId === room.id)?.nights ?? [], ...monthLinks(month, room.id) }}
                        quote={quotes.find((q) => q.unitId === room.id) ?? null}
                        dates={dates}
                        today={today}
                      />
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="text-stone-700">{t("stays.room.none")}</p>
            )}
          </section>

          {stay.amenities.length ? (
            <section aria-labelledby="stay-amenities">
              <SectionHeading id="stay-amenities" title={t("stays.amenities")} />
              <AmenityList amenities={stay.amenities} />
            </section>
          ) : null}

          <section aria-labelledby="stay-times">
            <SectionHeading id="stay-times" title={t("stays.times")} />
            <ul className="space-y-1 text-stone-800">
              <li>{t("stays.checkInTime", { time: stay.checkInTime })}</li>
              <li>{t("stays.checkOutTime", { time: stay.checkOutTime })}</li>
            </ul>
            <p className="mt-1 text-sm text-stone-600">{t("stays.timesNote")}</p>
          </section>

          {houseRules ? (
            <section aria-labelledby="stay-rules">
              <SectionHeading id="stay-rules" title={t("stays.houseRules")} />
              <Paragraphs text={houseRules} />
            </section>
          ) : null}

          <section aria-labelledby="stay-cancellation">
            <SectionHeading id="stay-cancellation" title={t("stays.cancellation")} />
            <p className="font-medium text-stone-900">{policy.name}</p>
            <p className="mt-1 text-stone-800">{policy.body}</p>
            {checkIn ? (
              <p className="mt-2 rounded-md bg-tea-50 p-3 text-sm text-tea-800">
                {t("stays.cancellationDeadline", {
                  checkIn: formatDate(checkIn, lang),
                  deadline: formatDate(cancellationDeadline(stay.cancellationPolicy, checkIn), lang),
                })}
              </p>
            ) : null}
          </section>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start" aria-label={t("stays.host")}>
          {lowest !== null ? (
            <p className="rounded-lg bg-white p-4 text-xl font-semibold text-persimmon-600 shadow-sm ring-1 ring-stone-200">
              {t("stays.card.perNight", { price: formatPrice(lowest) })}
            </p>
          ) : null}
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-sm font-medium text-stone-600">{t("stays.host")}</h2>
            <p className="mt-1 text-xs text-earth-700">{t(KIND_MESSAGE[stay.host.kind])}</p>
            <p className="text-lg font-semibold text-stone-900">{host}</p>
            <LocaleLink
              to={`/cooperatives/${stay.host.slug}`}
              className="mt-2 inline-flex min-h-11 items-center text-tea-800 underline underline-offset-4"
            >
              {t("stays.hostLink", { name: host })}
            </LocaleLink>
          </div>
          <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-stone-200">
            <h2 className="text-sm font-medium text-stone-600">{t("stays.location")}</h2>
            <LocaleLink
              to={`/villages/${stay.village.slug}`}
              className="mt-1 inline-flex min-h-11 items-center text-lg font-semibold text-tea-800 underline-offset-4 hover:underline"
            >
              {village}
            </LocaleLink>
            <p className="text-sm text-stone-700">{formatLocation(lang, stay.village)}</p>
          </div>
        </aside>
      </div>
    </article>
  );
}
