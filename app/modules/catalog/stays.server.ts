// Read side of homestays: the public list and a stay's page with its rooms, upcoming rates
// and blackout dates. Dates are `date` columns interpreted in Asia/Shanghai, so "today" is
// passed in by the caller (todayInShanghai()) and never derived from the server's zone.
import { and, asc, count, countDistinct, desc, eq, exists, gt, gte, max, min, sql } from "drizzle-orm";
import { cooperatives, stayUnits, stays, unitBlackouts, unitRates, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
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
  page?: number;
  pageSize?: number;
};

/** Bookable stays (active, approved host, at least one fitting room), newest first. */
export async function listStays(db: Database, options: ListStaysOptions = {}): Promise<Paged<StayCardData>> {
  const { page, pageSize, offset } = paging(options, 12);
  const where = and(
    publicStay(),
    options.village !== undefined ? eq(villages.slug, options.village) : undefined,
    options.villageId !== undefined ? eq(stays.villageId, options.villageId) : undefined,
    options.cooperativeId !== undefined ? eq(stays.cooperativeId, options.cooperativeId) : undefined,
  );
  const fittingRoom = and(
    eq(stayUnits.stayId, stays.id),
    options.guests !== undefined ? gte(stayUnits.maxGuests, options.guests) : undefined,
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
