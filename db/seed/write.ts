// The seed's writers for everything that does not go through the CSV importer. Each one is an
// upsert keyed by slug (or by what identifies a row within its parent), so running the seed
// again — `SEED=force`, `npm run db:seed` — updates the demo rows instead of duplicating them.
import { type SQL, and, getTableColumns, gt, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import {
  cooperatives,
  experienceSlots,
  experiences,
  stayUnits,
  stays,
  unitBlackouts,
  unitRates,
  villages,
} from "../schema/index";
import type { Database } from "../../app/utils/db.server";
import { PERIOD_LABELS, addDays, nextPeriod, planSlots } from "./calendar";
import type { CooperativeSeed, ExperienceSeed, StaySeed, VillageSeed } from "./data-files";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export const fen = (yuan: number) => Math.round(yuan * 100);
export const imagePath = (folder: "villages" | "stays" | "experiences" | "categories", key: string) => `/images/${folder}/${key}.svg`;

/** `SET col = excluded.col` for an ON CONFLICT DO UPDATE, plus a fresh updated_at. */
function excludedSet<T extends PgTable>(table: T, keys: (keyof T["$inferInsert"] & string)[]): Record<string, SQL> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const set: Record<string, SQL> = { updatedAt: sql`now()` };
  for (const key of keys) set[key] = sql.raw(`excluded."${columns[key]!.name}"`);
  return set;
}

const CHUNK = 500;
async function chunked<T>(items: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

export async function upsertVillages(tx: Tx, rows: VillageSeed[]): Promise<Map<string, number>> {
  const values = rows.map(({ motif: _motif, ...v }) => ({ ...v, coverImage: imagePath("villages", v.slug) }));
  const keys = Object.keys(values[0]!).filter((k) => k !== "slug") as (keyof typeof villages.$inferInsert & string)[];
  const saved = await tx
    .insert(villages)
    .values(values)
    .onConflictDoUpdate({ target: villages.slug, set: excludedSet(villages, keys) })
    .returning({ id: villages.id, slug: villages.slug });
  return new Map(saved.map((r) => [r.slug, r.id]));
}

export async function upsertCooperatives(tx: Tx, rows: CooperativeSeed[], villageIds: Map<string, number>): Promise<Map<string, number>> {
  const values = rows.map(({ village, ...c }) => ({
    ...c,
    villageId: villageIds.get(village)!,
    status: "approved" as const,
    // Sellers of goods ship for ¥12, free from ¥199 (each can change it in its dashboard).
    ...(c.kind === "cooperative" || c.kind === "family_farm"
      ? { shippingFeeCents: 1200, freeShippingFromCents: 19_900 }
      : { shippingFeeCents: 0, freeShippingFromCents: null }),
  }));
  const keys = Object.keys(values[0]!).filter((k) => k !== "slug") as (keyof typeof cooperatives.$inferInsert & string)[];
  const saved = await tx
    .insert(cooperatives)
    .values(values)
    .onConflictDoUpdate({ target: cooperatives.slug, set: excludedSet(cooperatives, keys) })
    .returning({ id: cooperatives.id, slug: cooperatives.slug });
  return new Map(saved.map((r) => [r.slug, r.id]));
}

export type StayCounts = { stays: number; rooms: number; rates: number; blackouts: number };

/**
 * Stays by slug; rooms by (stay, position). Seasonal rates are computed for the next occurrence
 * of each period after `today`; a rate with the same dates is not added twice. Blackouts are
 * relative to `today` and only added to rooms without a current or future blackout, so a
 * re-seed on a later day does not pile them up.
 */
export async function upsertStays(
  tx: Tx,
  rows: StaySeed[],
  ids: { villages: Map<string, number>; cooperatives: Map<string, number> },
  today: string,
): Promise<StayCounts> {
  const counts: StayCounts = { stays: rows.length, rooms: 0, rates: 0, blackouts: 0 };
  if (rows.length === 0) return counts;
  const values = rows.map((s) => ({
    slug: s.slug,
    cooperativeId: ids.cooperatives.get(s.cooperative)!,
    villageId: ids.villages.get(s.village)!,
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    descriptionZh: s.descriptionZh,
    descriptionEn: s.descriptionEn,
    amenities: s.amenities,
    houseRulesZh: s.houseRulesZh,
    houseRulesEn: s.houseRulesEn,
    checkInTime: s.checkInTime,
    checkOutTime: s.checkOutTime,
    cancellationPolicy: s.cancellationPolicy,
    status: "active" as const,
    image: imagePath("stays", s.slug),
  }));
  const keys = Object.keys(values[0]!).filter((k) => k !== "slug") as (keyof typeof stays.$inferInsert & string)[];
  const saved = await tx
    .insert(stays)
    .values(values)
    .onConflictDoUpdate({ target: stays.slug, set: excludedSet(stays, keys) })
    .returning({ id: stays.id, slug: stays.slug });
  const stayIds = new Map(saved.map((r) => [r.slug, r.id]));

  const existing = await tx
    .select({ id: stayUnits.id, stayId: stayUnits.stayId, position: stayUnits.position })
    .from(stayUnits)
    .where(inArray(stayUnits.stayId, [...stayIds.values()]));
  const existingId = new Map(existing.map((u) => [`${u.stayId}:${u.position}`, u.id]));

  type UnitPlan = { id: number; seed: StaySeed["units"][number]; stay: StaySeed };
  const units: UnitPlan[] = [];
  for (const stay of rows) {
    const stayId = stayIds.get(stay.slug)!;
    for (const [position, unit] of stay.units.entries()) {
      const fields = {
        nameZh: unit.nameZh,
        nameEn: unit.nameEn,
        descriptionZh: unit.descriptionZh,
        descriptionEn: unit.descriptionEn,
        maxGuests: unit.maxGuests,
        beds: unit.beds,
        basePriceCents: fen(unit.basePrice),
        weekendPriceCents: unit.weekendPrice === undefined ? null : fen(unit.weekendPrice),
        minNights: unit.minNights ?? 1,
      };
      const id = existingId.get(`${stayId}:${position}`);
      if (id !== undefined) {
        await tx.update(stayUnits).set(fields).where(sql`${stayUnits.id} = ${id}`);
        units.push({ id, seed: unit, stay });
      } else {
        const [row] = await tx.insert(stayUnits).values({ ...fields, stayId, position }).returning({ id: stayUnits.id });
        units.push({ id: row!.id, seed: unit, stay });
      }
    }
  }
  counts.rooms = units.length;
  const unitIds = units.map((u) => u.id);

  const storedRates = await tx
    .select({ unitId: unitRates.unitId, startDate: unitRates.startDate, endDate: unitRates.endDate })
    .from(unitRates)
    .where(inArray(unitRates.unitId, unitIds));
  const haveRate = new Set(storedRates.map((r) => `${r.unitId}:${r.startDate}:${r.endDate}`));
  const rates: (typeof unitRates.$inferInsert)[] = [];
  for (const { id, seed, stay } of units) {
    for (const rate of stay.seasonalRates) {
      const range = nextPeriod(rate.period, today);
      if (!range) continue;
      counts.rates++;
      if (haveRate.has(`${id}:${range.start}:${range.end}`)) continue;
      // Rounded to ten yuan, as hosts price their rooms.
      const price = Math.round((seed.basePrice * (100 + rate.percent)) / 100 / 10) * 10;
      rates.push({
        unitId: id,
        startDate: range.start,
        endDate: range.end,
        priceCents: fen(price),
        minNights: Math.max(rate.minNights, seed.minNights ?? 1),
        labelZh: PERIOD_LABELS[rate.period].zh,
        labelEn: PERIOD_LABELS[rate.period].en,
      });
    }
  }
  await chunked(rates, (chunk) => tx.insert(unitRates).values(chunk));

  const blocked = await tx
    .selectDistinct({ unitId: unitBlackouts.unitId })
    .from(unitBlackouts)
    .where(and(inArray(unitBlackouts.unitId, unitIds), gt(unitBlackouts.endDate, today)));
  const hasBlackout = new Set(blocked.map((b) => b.unitId));
  const blackouts: (typeof unitBlackouts.$inferInsert)[] = [];
  for (const { id, seed } of units) {
    for (const b of seed.blackouts ?? []) {
      counts.blackouts++;
      if (hasBlackout.has(id)) continue;
      const startDate = addDays(today, b.startOffsetDays);
      blackouts.push({ unitId: id, startDate, endDate: addDays(startDate, b.nights), reason: b.reason });
    }
  }
  await chunked(blackouts, (chunk) => tx.insert(unitBlackouts).values(chunk));
  return counts;
}

/** Experiences by slug; slots on the next 60 days, never duplicated (unique experience × start). */
export async function upsertExperiences(
  tx: Tx,
  rows: ExperienceSeed[],
  ids: { villages: Map<string, number>; cooperatives: Map<string, number> },
  today: string,
): Promise<{ experiences: number; slots: number }> {
  if (rows.length === 0) return { experiences: 0, slots: 0 };
  const values = rows.map((e) => ({
    slug: e.slug,
    cooperativeId: ids.cooperatives.get(e.cooperative)!,
    villageId: ids.villages.get(e.village)!,
    titleZh: e.titleZh,
    titleEn: e.titleEn,
    descriptionZh: e.descriptionZh,
    descriptionEn: e.descriptionEn,
    meetingPointZh: e.meetingPointZh,
    meetingPointEn: e.meetingPointEn,
    durationMinutes: e.durationMinutes,
    pricePerPersonCents: fen(e.pricePerPerson),
    minPeople: e.minPeople,
    maxPeople: e.maxPeople,
    status: "active" as const,
    image: imagePath("experiences", e.slug),
  }));
  const keys = Object.keys(values[0]!).filter((k) => k !== "slug") as (keyof typeof experiences.$inferInsert & string)[];
  const saved = await tx
    .insert(experiences)
    .values(values)
    .onConflictDoUpdate({ target: experiences.slug, set: excludedSet(experiences, keys) })
    .returning({ id: experiences.id, slug: experiences.slug });
  const experienceIds = new Map(saved.map((r) => [r.slug, r.id]));

  const slots = rows.flatMap((e) =>
    planSlots(e.slug, e.schedule, today).map((s) => ({
      experienceId: experienceIds.get(e.slug)!,
      startsAt: s.startsAt,
      capacity: s.capacity,
      bookedCount: s.bookedCount,
    })),
  );
  // Existing slots keep their capacity and bookings: real bookings may have been taken.
  await chunked(slots, (chunk) =>
    tx.insert(experienceSlots).values(chunk).onConflictDoNothing({ target: [experienceSlots.experienceId, experienceSlots.startsAt] }),
  );
  return { experiences: rows.length, slots: slots.length };
}
