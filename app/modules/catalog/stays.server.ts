// Read side of homestays: the public list (with dates: only stays with a room free for the whole
// range, priced for it) and a stay's page with its rooms, upcoming rates and blackout dates. Dates are `date` columns interpreted in Asia/Shanghai, so "today" is
// passed in by the caller (todayInShanghai()) and never derived from the server's zone.
import { type SQL, and, asc, count, countDistinct, desc, eq, exists, gt, gte, max, min, sql } from "drizzle-orm";
import { cooperatives, stayUnits, stays, unitBlackouts, unitRates, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { availabilityEnd } from "~/modules/bookings/find-dates";
import { nightsBetween } from "./listing-dates";
import { pageCount } from "./listing-params";
import type { CancellationPolicy, CooperativeKind, Paged, StayCardData, StayDetail, VillageRef } from "./listing-types";
import { hostColumns, paged, paging, publicStay, villageLocationColumns, villageRefColumns } from "./listing-select.server";

export type ListStaysOptions = {
  /** Village slug. */
  village?: string;
  villageId?: number;
  cooperativeId?: number;
  /** Only stays with a room for at least this many guests; prices are of those rooms. */
  guests?: number;
  /**
   * With both dates (a range the caller checked: real, check-in not before `today`, in order):
   * only stays with a room free for every night [checkIn, checkOut), priced for the range.
   */
  checkIn?: string;
  checkOut?: string;
  /** Asia/Shanghai today; needed with dates (nights beyond the six-month calendar are not free). */
  today?: string;
  page?: number;
  pageSize?: number;
};

/** The nights of the range as `d` (one row per night), for the correlated subqueries below. */
const rangeNights = (checkIn: string, nights: number) =>
  sql`(SELECT ${checkIn}::date + i AS d FROM generate_series(0, ${nights - 1}::int) AS i) AS n`;

/** The rate that prices night `n.d` of the room (the latest starting, like nightRule). */
const winningRate = (column: "price_cents" | "min_nights") =>
  sql.raw(`(SELECT r.${column} FROM unit_rates r WHERE r.unit_id = "stay_units"."id" AND r.start_date <= n.d AND n.d < r.end_date
    ORDER BY r.start_date DESC, r.id DESC LIMIT 1)`);

/**
 * A room free for [checkIn, checkOut): no held or confirmed booking and no blackout overlaps it,
 * its minimum stay (the room's, or a covering rate's when longer) is met, and the range lies
 * within the calendar. The same rules as quoteRoom and the availability calendar, in SQL so
 * that the list pages and counts correctly.
 */
function freeRoom(checkIn: string, checkOut: string, today: string): { where: SQL; totalCents: SQL<number> } {
  const nights = nightsBetween(checkIn, checkOut);
  const withinCalendar = checkOut <= availabilityEnd(today);
  const where = sql`(
    ${withinCalendar ? sql`TRUE` : sql`FALSE`}
    AND NOT EXISTS (
      SELECT 1 FROM stay_bookings k WHERE k.unit_id = ${stayUnits.id} AND k.status IN ('held', 'confirmed')
        AND k.check_in < ${checkOut}::date AND k.check_out > ${checkIn}::date)
    AND NOT EXISTS (
      SELECT 1 FROM unit_blackouts b WHERE b.unit_id = ${stayUnits.id} AND b.start_date < ${checkOut}::date AND b.end_date > ${checkIn}::date)
    AND (SELECT greatest(${stayUnits.minNights}, coalesce(max(${winningRate("min_nights")}), 0)) FROM ${rangeNights(checkIn, nights)}) <= ${nights}
  )`;
  const totalCents = sql<number>`(SELECT sum(coalesce(${winningRate("price_cents")},
      CASE WHEN extract(isodow FROM n.d) IN (5, 6) AND ${stayUnits.weekendPriceCents} IS NOT NULL
        THEN ${stayUnits.weekendPriceCents} ELSE ${stayUnits.basePriceCents} END))::int
    FROM ${rangeNights(checkIn, nights)})`;
  return { where, totalCents };
}

/** Bookable stays (active, approved host, at least one fitting room), newest first. */
export async function listStays(db: Database, options: ListStaysOptions = {}): Promise<Paged<StayCardData>> {
  const { page, pageSize, offset } = paging(options, 12);
  const where = and(
    publicStay(),
    options.village !== undefined ? eq(villages.slug, options.village) : undefined,
    options.villageId !== undefined ? eq(stays.villageId, options.villageId) : undefined,
    options.cooperativeId !== undefined ? eq(stays.cooperativeId, options.cooperativeId) : undefined,
  );
  const dated = options.checkIn !== undefined && options.checkOut !== undefined && options.checkOut > options.checkIn;
  const free = dated ? freeRoom(options.checkIn!, options.checkOut!, options.today ?? options.checkIn!) : null;
  const fittingRoom = and(
    eq(stayUnits.stayId, stays.id),
    options.guests !== undefined ? gte(stayUnits.maxGuests, options.guests) : undefined,
    free?.where,
  );
  const pageOf = (offset: number) =>
    db
      .select({
        slug: stays.slug,
        titleZh: stays.titleZh,
        titleEn: stays.titleEn,
        image: stays.image,
        amenities: stays.amenities,
        village: villageRefColumns,
        host: hostColumns,
        priceFromCents: min(stayUnits.basePriceCents),
        maxGuests: max(stayUnits.maxGuests),
        roomCount: count(stayUnits.id),
        rangeTotalCents: free ? sql<number | null>`min(${free.totalCents})`.mapWith(Number) : sql<null>`NULL`,
      })
      .from(stays)
      .innerJoin(cooperatives, eq(cooperatives.id, stays.cooperativeId))
      .innerJoin(villages, eq(villages.id, stays.villageId))
      .innerJoin(stayUnits, fittingRoom)
      .where(where)
      .groupBy(stays.id, villages.id, cooperatives.id)
      .orderBy(desc(stays.createdAt), desc(stays.id))
      .limit(pageSize)
      .offset(offset);
  const [rows, totals] = await Promise.all([
    pageOf(offset),
    db
      .select({ total: countDistinct(stays.id) })
      .from(stays)
      .innerJoin(cooperatives, eq(cooperatives.id, stays.cooperativeId))
      .innerJoin(villages, eq(villages.id, stays.villageId))
      .innerJoin(stayUnits, fittingRoom)
      .where(where),
  ]);
  const total = totals[0]?.total ?? 0;
  // A page past the end (a stale link to a list that shrank) shows the last page.
  const last = pageCount(total, pageSize);
  const shown = page > last ? last : page;
  const finalRows = shown === page ? rows : await pageOf((shown - 1) * pageSize);
  const items: StayCardData[] = finalRows.map((r) => ({
    ...r,
    host: { ...r.host, kind: r.host.kind as CooperativeKind },
    priceFromCents: r.priceFromCents ?? 0,
    maxGuests: r.maxGuests ?? 0,
    range: free && r.rangeTotalCents !== null ? { checkIn: options.checkIn!, checkOut: options.checkOut!, nights: nightsBetween(options.checkIn!, options.checkOut!), totalCents: r.rangeTotalCents } : null,
  }));
  return paged(items, total, shown, pageSize);
}

/** Villages that have at least one public stay: the choices of the list's village filter. */
export async function listStayVillages(db: Database): Promise<VillageRef[]> {
  return db
    .selectDistinct(villageRefColumns)
    .from(stays)
    .innerJoin(cooperatives, eq(cooperatives.id, stays.cooperativeId))
    .innerJoin(villages, eq(villages.id, stays.villageId))
    .where(and(publicStay(), exists(db.select({ one: sql`1` }).from(stayUnits).where(eq(stayUnits.stayId, stays.id)))))
    .orderBy(asc(villages.slug));
}

/**
 * A public stay with its rooms (in the host's order) and, per room, the rates and blackouts
 * that still cover a night on or after `today`. Null when the stay is unknown, not active or
 * its host is not approved.
 */
export async function getStayBySlug(db: Database, slug: string, { today }: { today: string }): Promise<StayDetail | null> {
  const [stay] = await db
    .select({
      id: stays.id,
      slug: stays.slug,
      titleZh: stays.titleZh,
      titleEn: stays.titleEn,
      descriptionZh: stays.descriptionZh,
      descriptionEn: stays.descriptionEn,
      image: stays.image,
      amenities: stays.amenities,
      houseRulesZh: stays.houseRulesZh,
      houseRulesEn: stays.houseRulesEn,
      checkInTime: stays.checkInTime,
      checkOutTime: stays.checkOutTime,
      cancellationPolicy: stays.cancellationPolicy,
      village: { ...villageRefColumns, ...villageLocationColumns },
      host: hostColumns,
    })
    .from(stays)
    .innerJoin(cooperatives, eq(cooperatives.id, stays.cooperativeId))
    .innerJoin(villages, eq(villages.id, stays.villageId))
    .where(and(eq(stays.slug, slug), publicStay()))
    .limit(1);
  if (!stay) return null;

  const [units, rates, blackouts] = await Promise.all([
    db
      .select()
      .from(stayUnits)
      .where(eq(stayUnits.stayId, stay.id))
      .orderBy(asc(stayUnits.position), asc(stayUnits.id)),
    db
      .select({ rate: unitRates })
      .from(unitRates)
      .innerJoin(stayUnits, eq(stayUnits.id, unitRates.unitId))
      .where(and(eq(stayUnits.stayId, stay.id), gt(unitRates.endDate, today)))
      .orderBy(asc(unitRates.startDate), asc(unitRates.id)),
    db
      .select({ blackout: unitBlackouts })
      .from(unitBlackouts)
      .innerJoin(stayUnits, eq(stayUnits.id, unitBlackouts.unitId))
      .where(and(eq(stayUnits.stayId, stay.id), gt(unitBlackouts.endDate, today)))
      .orderBy(asc(unitBlackouts.startDate), asc(unitBlackouts.id)),
  ]);

  const { id: _id, ...rest } = stay;
  return {
    ...rest,
    cancellationPolicy: stay.cancellationPolicy as CancellationPolicy,
    host: { ...stay.host, kind: stay.host.kind as CooperativeKind },
    rooms: units.map((u) => ({
      id: u.id,
      nameZh: u.nameZh,
      nameEn: u.nameEn,
      descriptionZh: u.descriptionZh,
      descriptionEn: u.descriptionEn,
      beds: u.beds,
      maxGuests: u.maxGuests,
      basePriceCents: u.basePriceCents,
      weekendPriceCents: u.weekendPriceCents,
      minNights: u.minNights,
      rates: rates
        .filter(({ rate }) => rate.unitId === u.id)
        .map(({ rate }) => ({
          label: { zh: rate.labelZh, en: rate.labelEn },
          startDate: rate.startDate,
          endDate: rate.endDate,
          priceCents: rate.priceCents,
          minNights: rate.minNights,
        })),
      blackouts: blackouts
        .filter(({ blackout }) => blackout.unitId === u.id)
        .map(({ blackout }) => ({ startDate: blackout.startDate, endDate: blackout.endDate })),
    })),
  };
}
