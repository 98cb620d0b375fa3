// Rows for the stays/experiences/villages integration tests (the shared factories cover villages
// and cooperatives; stays and experiences are made here). Every slug is unique per run.
import { experienceSlots, experiences, stayUnits, stays, unitBlackouts, unitRates } from "../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { uniqueSlug } from "../factories";

type StayInsert = typeof stays.$inferInsert;
type UnitInsert = Omit<typeof stayUnits.$inferInsert, "stayId">;

export async function createStay(
  db: Database,
  values: Pick<StayInsert, "cooperativeId" | "villageId"> & Partial<StayInsert>,
  units: Partial<UnitInsert>[] = [{}],
) {
  const slug = values.slug ?? uniqueSlug("stay");
  const [stay] = await db
    .insert(stays)
    .values({ slug, titleZh: `测试民宿 ${slug}`, titleEn: `Test stay ${slug}`, ...values })
    .returning();
  const rooms = units.length
    ? await db
        .insert(stayUnits)
        .values(units.map((u, i) => ({ nameZh: `房间${i + 1}`, nameEn: `Room ${i + 1}`, maxGuests: 2, basePriceCents: 38000, ...u, stayId: stay!.id })))
        .returning()
    : [];
  return { stay: stay!, rooms };
}

export async function addRate(db: Database, unitId: number, startDate: string, endDate: string, priceCents: number, labelEn = "") {
  await db.insert(unitRates).values({ unitId, startDate, endDate, priceCents, labelEn, labelZh: labelEn ? `价格${labelEn}` : "" });
}

export async function addBlackout(db: Database, unitId: number, startDate: string, endDate: string) {
  await db.insert(unitBlackouts).values({ unitId, startDate, endDate });
}

type ExperienceInsert = typeof experiences.$inferInsert;

export async function createExperience(
  db: Database,
  values: Pick<ExperienceInsert, "cooperativeId" | "villageId"> & Partial<ExperienceInsert>,
  slots: { startsAt: Date; capacity?: number; bookedCount?: number }[] = [],
) {
  const slug = values.slug ?? uniqueSlug("exp");
  const [experience] = await db
    .insert(experiences)
    .values({
      slug,
      titleZh: `测试体验 ${slug}`,
      titleEn: `Test experience ${slug}`,
      durationMinutes: 120,
      pricePerPersonCents: 12800,
      ...values,
    })
    .returning();
  if (slots.length) {
    await db
      .insert(experienceSlots)
      .values(slots.map((s) => ({ experienceId: experience!.id, startsAt: s.startsAt, capacity: s.capacity ?? 10, bookedCount: s.bookedCount ?? 0 })));
  }
  return experience!;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
