// The demo seed on a real PostgreSQL, migrated by the real migrator. The seed writes a whole
// catalogue (27 tea products, featured villages…), which would change the answers of other test
// files that list "all active products" in the shared run database; so this file creates its own
// database on the same server, and drops it at the end. Queries still filter by the seed's slugs.
import { and, count, eq, gt, inArray, isNotNull, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "~/utils/db.server";
import {
  cooperatives,
  experienceSlots,
  experiences,
  orders,
  productVariants,
  products,
  sellerOrders,
  stayUnits,
  stays,
  unitBlackouts,
  unitRates,
  users,
  villages,
} from "../../db/schema/index";
import { addDays, shanghaiDate } from "../../db/seed/calendar";
import { loadSeedData } from "../../db/seed/data-files";
import { type SeedSummary, SeedImportError, formatSummary, seed, seedIfEmpty } from "../../db/seed/seed";
import { runMigrations } from "../../scripts/lib/migrate";
import { type ScratchDatabase, createScratchDatabase } from "../../scripts/lib/scratch-database";

const data = loadSeedData();
const villageSlugs = data.villages.map((v) => v.slug);
const sellerSlugs = data.cooperatives.map((c) => c.slug);
const staySlugs = data.stays.map((s) => s.slug);
const experienceSlugs = data.experiences.map((e) => e.slug);
const now = new Date();
const today = shanghaiDate(now);

const serverUrl = inject("databaseUrl");
let scratch: ScratchDatabase;
let url: string;
let t: ReturnType<typeof createDb>;
let firstRun: string | null;
let summary: SeedSummary;
let failedSeed: unknown;
let countsAfterFailure: Awaited<ReturnType<typeof seededCounts>>;

async function seededCounts() {
  const { db } = t;
  const sellerIds = db.select({ id: cooperatives.id }).from(cooperatives).where(inArray(cooperatives.slug, sellerSlugs));
  const stayIds = db.select({ id: stays.id }).from(stays).where(inArray(stays.slug, staySlugs));
  const unitIds = db.select({ id: stayUnits.id }).from(stayUnits).where(inArray(stayUnits.stayId, stayIds));
  const experienceIds = db.select({ id: experiences.id }).from(experiences).where(inArray(experiences.slug, experienceSlugs));
  const productIds = db.select({ id: products.id }).from(products).where(inArray(products.cooperativeId, sellerIds));
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
  return {
    villages: await n(db.select({ n: count() }).from(villages).where(inArray(villages.slug, villageSlugs))),
    sellers: await n(db.select({ n: count() }).from(cooperatives).where(inArray(cooperatives.slug, sellerSlugs))),
    products: await n(db.select({ n: count() }).from(products).where(inArray(products.cooperativeId, sellerIds))),
    variants: await n(db.select({ n: count() }).from(productVariants).where(inArray(productVariants.productId, productIds))),
    stays: await n(db.select({ n: count() }).from(stays).where(inArray(stays.slug, staySlugs))),
    rooms: await n(db.select({ n: count() }).from(stayUnits).where(inArray(stayUnits.stayId, stayIds))),
    rates: await n(db.select({ n: count() }).from(unitRates).where(inArray(unitRates.unitId, unitIds))),
    blackouts: await n(db.select({ n: count() }).from(unitBlackouts).where(inArray(unitBlackouts.unitId, unitIds))),
    experiences: await n(db.select({ n: count() }).from(experiences).where(inArray(experiences.slug, experienceSlugs))),
    slots: await n(db.select({ n: count() }).from(experienceSlots).where(inArray(experienceSlots.experienceId, experienceIds))),
  };
}

beforeAll(async () => {
  scratch = await createScratchDatabase(serverUrl, "xiangji_seed");
  url = scratch.url;
  await runMigrations(url);
  t = createDb(url, 4);

  // Another seller already owns a SKU of the Longjing catalogue (imported after several others):
  // the seed must fail and leave nothing behind.
  const [village] = await t.db.insert(villages).values({
    slug: "blocker-village", nameZh: "测试村", nameEn: "Test", provinceZh: "浙江省", provinceEn: "Zhejiang",
    cityZh: "杭州市", cityEn: "Hangzhou", countyZh: "西湖区", countyEn: "Xihu", storyZh: "测试", storyEn: "Test", coverImage: "",
  }).returning();
  const [coop] = await t.db.insert(cooperatives).values({ slug: "blocker-coop", nameZh: "测试社", nameEn: "Test", kind: "cooperative", villageId: village!.id }).returning();
  const [product] = await t.db.insert(products).values({ cooperativeId: coop!.id, handle: "blocker", slug: "blocker", category: "tea", titleZh: "测试" }).returning();
  await t.db.insert(productVariants).values({ productId: product!.id, sku: "LJ-TJ-50", nameZh: "测试", priceCents: 100 });
  failedSeed = await seed(t.db, { today: now }).catch((error: unknown) => error);
  countsAfterFailure = await seededCounts();
  await t.db.delete(cooperatives).where(eq(cooperatives.id, coop!.id));
  await t.db.delete(villages).where(eq(villages.id, village!.id));

  // The first start: an empty database is seeded in auto mode.
  firstRun = await seedIfEmpty(url, { mode: "auto", today: now });
  summary = await seededCounts();
}, 120_000);
afterAll(async () => {
  await t?.sql.end({ timeout: 5 });
  await scratch?.drop();
});

describe("seed()", () => {
  it("is all or nothing: a failed product import leaves no seed rows behind", () => {
    expect(failedSeed).toBeInstanceOf(SeedImportError);
    expect((failedSeed as Error).message).toMatch(/longjing-tea-growers[\s\S]*line \d+, sku: .*LJ-TJ-50/);
    expect(Object.values(countsAfterFailure).every((n) => n === 0)).toBe(true);
  });

  it("seeds an empty database in auto mode and reports what it stored", async () => {
    expect(firstRun).toBe(formatSummary(summary));
    expect(summary.villages).toBeGreaterThanOrEqual(8);
    expect(summary.sellers).toBeGreaterThanOrEqual(20);
    expect(summary.products).toBeGreaterThanOrEqual(150);
    expect(summary.variants).toBeGreaterThanOrEqual(300);
    expect(summary.stays).toBeGreaterThanOrEqual(15);
    expect(summary.rooms).toBeGreaterThanOrEqual(40);
    expect(summary.experiences).toBeGreaterThanOrEqual(15);
    expect(summary.slots).toBeGreaterThan(0);
    expect(formatSummary(summary)).toMatch(/^\d+ villages, \d+ sellers, \d+ products \(\d+ variants\), \d+ stays \(\d+ rooms\), \d+ experiences \(\d+ slots\)$/);
  });

  it("approves every seller and gives every listing a picture", async () => {
    const { db } = t;
    const sellers = await db.select({ status: cooperatives.status }).from(cooperatives).where(inArray(cooperatives.slug, sellerSlugs));
    expect(sellers.every((s) => s.status === "approved")).toBe(true);
    const sellerIds = db.select({ id: cooperatives.id }).from(cooperatives).where(inArray(cooperatives.slug, sellerSlugs));
    const images = await db.select({ image: products.image, category: products.category }).from(products).where(inArray(products.cooperativeId, sellerIds));
    expect(images.every((p) => p.image === `/images/categories/${p.category}.svg`)).toBe(true);
    const covers = await db.select({ cover: villages.coverImage, slug: villages.slug }).from(villages).where(inArray(villages.slug, villageSlugs));
    expect(covers.every((v) => v.cover === `/images/villages/${v.slug}.svg`)).toBe(true);
  });

  it("loads products through the importer: prices from, slugs, sold-out variants and future pre-sales", async () => {
    const { db } = t;
    const sellerIds = db.select({ id: cooperatives.id }).from(cooperatives).where(inArray(cooperatives.slug, sellerSlugs));
    const seeded = await db.select().from(products).where(inArray(products.cooperativeId, sellerIds));
    expect(seeded.every((p) => p.priceFromCents > 0 && p.villageId !== null)).toBe(true);
    expect(new Set(seeded.map((p) => p.category)).size).toBe(13);
    const [tea] = await db.select().from(products).where(eq(products.slug, "west-lake-longjing-premium"));
    expect(tea).toMatchObject({ category: "tea", certifications: ["gi", "heritage"], priceFromCents: 29800 });

    const variants = await db
      .select({ stock: productVariants.stock, shipsFrom: productVariants.shipsFrom })
      .from(productVariants)
      .where(inArray(productVariants.productId, db.select({ id: products.id }).from(products).where(inArray(products.cooperativeId, sellerIds))));
    expect(variants.filter((v) => v.stock === 0).length).toBeGreaterThanOrEqual(3);
    const preSales = variants.filter((v) => v.shipsFrom !== null);
    expect(preSales.length).toBeGreaterThanOrEqual(10);
    expect(preSales.every((v) => v.shipsFrom! > today)).toBe(true);
  });

  it("puts experience slots on the next 60 days (Asia/Shanghai), some full, none overbooked", async () => {
    const { db } = t;
    const slots = await db
      .select({ startsAt: experienceSlots.startsAt, capacity: experienceSlots.capacity, booked: experienceSlots.bookedCount })
      .from(experienceSlots)
      .innerJoin(experiences, eq(experiences.id, experienceSlots.experienceId))
      .where(inArray(experiences.slug, experienceSlugs));
    expect(slots.length).toBe(summary.slots);
    const last = addDays(today, 60);
    for (const slot of slots) {
      const day = shanghaiDate(slot.startsAt);
      expect(day > today && day <= last, `${slot.startsAt.toISOString()} (${day}) is not within ${today}+1…+60`).toBe(true);
      expect(slot.booked).toBeLessThanOrEqual(slot.capacity);
    }
    expect(slots.some((s) => s.booked === s.capacity)).toBe(true);
    expect(slots.some((s) => s.booked === 0)).toBe(true);
    expect(slots.some((s) => s.booked > 0 && s.booked < s.capacity)).toBe(true);
    // Local wall-clock times such as 09:00 and 14:00, whatever the process time zone.
    const times = new Set(slots.map((s) => new Date(s.startsAt.getTime() + 8 * 3600_000).toISOString().slice(11, 16)));
    expect(times).toContain("09:00");
    expect(times).toContain("14:00");
  });

  it("prices holidays and blocks some nights in the coming months", async () => {
    const { db } = t;
    const rooms = db.select({ id: stayUnits.id }).from(stayUnits).where(inArray(stayUnits.stayId, db.select({ id: stays.id }).from(stays).where(inArray(stays.slug, staySlugs))));
    const rates = await db.select().from(unitRates).where(inArray(unitRates.unitId, rooms));
    expect(rates.every((r) => r.endDate > today && r.priceCents > 0 && r.labelZh !== "" && r.labelEn !== "")).toBe(true);
    expect(rates.some((r) => r.labelEn === "Spring Festival" && r.minNights >= 2)).toBe(true);
    expect(rates.some((r) => r.labelEn === "National Day Golden Week" && r.minNights >= 2)).toBe(true);
    const blackouts = await db.select().from(unitBlackouts).where(and(inArray(unitBlackouts.unitId, rooms), gt(unitBlackouts.startDate, today)));
    expect(blackouts.length).toBeGreaterThanOrEqual(5);
    const [weekend] = await db.select({ n: count() }).from(stayUnits).where(and(inArray(stayUnits.id, rooms), isNotNull(stayUnits.weekendPriceCents)));
    expect(weekend!.n).toBeGreaterThan(0);
  });
});

describe("seedIfEmpty()", () => {
  it("does not seed again in auto mode, skips in never mode, and leaves the counts alone", async () => {
    const before = await seededCounts();
    await expect(seedIfEmpty(url, { mode: "auto", today: now })).resolves.toBeNull();
    await expect(seedIfEmpty(url, { mode: "never", today: now })).resolves.toBeNull();
    expect(await seededCounts()).toEqual(before);
  });

  it("re-seeds in force mode without duplicating anything", async () => {
    const before = await seededCounts();
    const result = await seedIfEmpty(url, { mode: "force", today: now });
    expect(result).toBe(formatSummary(summary));
    expect(await seededCounts()).toEqual(before);
  });

  it("a later re-seed extends the slot calendar but adds no stays, rooms or products", async () => {
    const before = await seededCounts();
    const later = new Date(now.getTime() + 7 * 24 * 3600_000);
    const reported = await seed(t.db, { today: later });
    const after = await seededCounts();
    // The summary counts the slots of the new 60-day window; the older ones stay in the table.
    expect({ ...reported, slots: 0, rates: 0 }).toEqual({ ...after, slots: 0, rates: 0 });
    expect(reported.slots).toBeLessThan(after.slots);
    expect({ ...after, slots: 0, rates: 0 }).toEqual({ ...before, slots: 0, rates: 0 });
    expect(after.slots).toBeGreaterThan(before.slots);
  });

  it("gives the demo shopper three orders (paid across two sellers, shipped, delivered), once", async () => {
    const { db } = t;
    const list = async () =>
      db
        .select({ number: orders.number, status: orders.status, total: orders.totalCents })
        .from(orders)
        .innerJoin(users, eq(users.id, orders.userId))
        .where(and(eq(users.email, "shopper@xiangji.demo"), like(orders.number, "%-DEMXA%")));
    const mine = await list();
    expect(mine).toHaveLength(3);
    expect(mine.every((o) => o.status === "paid" && o.total > 0)).toBe(true);
    const parts = await db
      .select({ status: sellerOrders.status })
      .from(sellerOrders)
      .where(inArray(sellerOrders.orderId, db.select({ id: orders.id }).from(orders).where(inArray(orders.number, mine.map((o) => o.number)))));
    expect(parts.map((p) => p.status).sort()).toEqual(["delivered", "paid", "paid", "shipped"]);
    await seed(t.db, { today: now });
    expect(await list()).toHaveLength(3);
  });

  it("gives the demo shopper bookings (a paid stay, two places at an experience, a stay paid on arrival) and a host a phone booking, once", async () => {
    const { db } = t;
    const list = () =>
      db.execute<{ number: string; status: string; provider: string; who: string | null; kind: string; booking: string }>(sql`
        SELECT o.number, o.status::text, o.provider::text, u.email AS who,
          CASE WHEN sb.id IS NOT NULL THEN 'stay' ELSE 'experience' END AS kind, coalesce(sb.status, eb.status)::text AS booking
        FROM orders o LEFT JOIN users u ON u.id = o.user_id
        LEFT JOIN stay_bookings sb ON sb.order_id = o.id LEFT JOIN experience_bookings eb ON eb.order_id = o.id
        WHERE o.number LIKE '%-DEMXB%' ORDER BY o.number`);
    const rows = [...(await list())];
    expect(rows.map((r) => [r.number.slice(-6), r.status, r.provider, r.who, r.kind, r.booking])).toEqual([
      ["DEMXB1", "paid", "test", "shopper@xiangji.demo", "stay", "confirmed"],
      ["DEMXB2", "paid", "test", "shopper@xiangji.demo", "experience", "confirmed"],
      ["DEMXB3", "confirmed", "on_arrival", "shopper@xiangji.demo", "stay", "confirmed"],
      ["DEMXB4", "paid", "test", null, "stay", "confirmed"],
    ]);
    // The seats are counted on the slot; a re-seed adds nothing.
    const [slot] = await db.execute<{ ok: boolean }>(sql`
      SELECT s.booked_count >= 2 AND s.booked_count <= s.capacity AS ok FROM experience_slots s
      JOIN experience_bookings b ON b.slot_id = s.id JOIN orders o ON o.id = b.order_id WHERE o.number LIKE '%-DEMXB2'`);
    expect(slot!.ok).toBe(true);
    await seed(t.db, { today: now });
    expect([...(await list())]).toHaveLength(4);
  });
});
