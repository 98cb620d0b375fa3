// The seed data files: amounts and coverage promised for the demo, bilingual text everywhere,
// product CSVs that the real importer accepts and that match their catalogue sources.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseProductsCsv } from "~/modules/imports/products-csv";
import { CATEGORY_KEYS, CERTIFICATION_KEYS } from "../../db/schema/products";
import { AMENITY_KEYS } from "../../db/schema/stays";
import { DATA_DIR, SeedDataError, loadSeedData } from "../../db/seed/data-files";
import { PRODUCTS_CSV_DIR, readProductCsv, renderProductCsvs } from "../../db/seed/product-csvs";

const data = loadSeedData();
const products = data.catalogs.flatMap((c) => c.products);
const variants = products.flatMap((p) => p.variants);
const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe("seed data files", () => {
  it("has the promised amounts", () => {
    expect(data.villages.length).toBeGreaterThanOrEqual(8);
    expect(data.cooperatives.length).toBeGreaterThanOrEqual(20);
    expect(products.length).toBeGreaterThanOrEqual(150);
    expect(variants.length).toBeGreaterThanOrEqual(300);
    expect(data.stays.length).toBeGreaterThanOrEqual(15);
    expect(data.stays.flatMap((s) => s.units).length).toBeGreaterThanOrEqual(40);
    expect(data.experiences.length).toBeGreaterThanOrEqual(15);
  });

  it("covers every category, certification and seller kind", () => {
    expect(new Set(products.map((p) => p.category))).toEqual(new Set(CATEGORY_KEYS));
    expect(new Set(products.flatMap((p) => p.certifications))).toEqual(new Set(CERTIFICATION_KEYS));
    expect(new Set(data.cooperatives.map((c) => c.kind))).toEqual(new Set(["cooperative", "family_farm", "homestay_host", "leisure_farm"]));
    expect(data.villages.some((v) => v.featured)).toBe(true);
    expect(data.villages.some((v) => !v.featured)).toBe(true);
  });

  it("writes every listing in Chinese and English", () => {
    const pairs: [string, string][] = [
      ...data.villages.flatMap((v): [string, string][] => [[v.nameZh, v.nameEn], [v.storyZh, v.storyEn], [v.summaryZh, v.summaryEn]]),
      ...data.cooperatives.map((c): [string, string] => [c.nameZh, c.nameEn]),
      ...products.flatMap((p): [string, string][] => [[p.titleZh, p.titleEn], [p.descriptionZh, p.descriptionEn]]),
      ...variants.map((v): [string, string] => [v.zh, v.en]),
      ...data.stays.flatMap((s): [string, string][] => [[s.titleZh, s.titleEn], ...s.units.map((u): [string, string] => [u.nameZh, u.nameEn])]),
      ...data.experiences.flatMap((e): [string, string][] => [[e.titleZh, e.titleEn], [e.meetingPointZh, e.meetingPointEn]]),
    ];
    for (const [zh, en] of pairs) {
      expect(hasHan(zh), zh).toBe(true);
      expect(en.trim().length > 0 && !hasHan(en), en).toBe(true);
    }
    for (const v of data.villages) expect(v.storyZh.split("\n\n").length).toBeGreaterThanOrEqual(2);
  });

  it("uses obviously invented contacts", () => {
    for (const c of data.cooperatives) {
      expect(c.contactPhone).toMatch(/-0000-\d{4}$/);
      expect(c.contactEmail).toMatch(/example\.com$/);
    }
    expect(new Set(data.cooperatives.map((c) => c.contactPhone)).size).toBe(data.cooperatives.length);
  });

  it("shows sold-out variants and harvest pre-sales", () => {
    expect(variants.filter((v) => v.stock === 0).length).toBeGreaterThanOrEqual(3);
    const preSales = variants.filter((v) => v.shipsFrom);
    expect(preSales.length).toBeGreaterThanOrEqual(10);
    // Committed as next year's harvest dates; the seed rolls them forward if they have passed.
    for (const v of preSales) expect(v.shipsFrom! >= "2027-01-01", v.sku).toBe(true);
    for (const p of products) if (p.variants.some((v) => v.shipsFrom)) expect(p.harvestSeason, p.handle).not.toBe("");
  });

  it("gives stays amenities, rules, weekend prices, holiday rates and some blackouts", () => {
    const units = data.stays.flatMap((s) => s.units);
    for (const s of data.stays) {
      for (const a of s.amenities) expect(AMENITY_KEYS).toContain(a);
      expect(s.houseRulesZh && s.houseRulesEn).toBeTruthy();
    }
    expect(units.every((u) => u.maxGuests >= 1 && u.basePrice > 0)).toBe(true);
    expect(units.filter((u) => u.weekendPrice).length).toBeGreaterThan(units.length / 2);
    expect(new Set(data.stays.map((s) => s.cancellationPolicy))).toEqual(new Set(["flexible", "moderate", "strict"]));
    const periods = data.stays.flatMap((s) => s.seasonalRates);
    for (const holiday of ["spring_festival", "may_day", "national_day"]) {
      expect(periods.some((r) => r.period === holiday && r.minNights >= 2), holiday).toBe(true);
    }
    expect(units.filter((u) => u.blackouts?.length).length).toBeGreaterThanOrEqual(5);
  });

  it("gives experiences durations, prices, group limits and a weekly schedule", () => {
    for (const e of data.experiences) {
      expect(e.durationMinutes).toBeGreaterThan(0);
      expect(e.pricePerPerson).toBeGreaterThan(0);
      expect(e.maxPeople).toBeGreaterThanOrEqual(e.minPeople);
      expect(e.schedule.weekdays.length * e.schedule.times.length).toBeGreaterThan(0);
    }
  });
});

describe("product CSVs", () => {
  const villageSlugs = new Set(data.villages.map((v) => v.slug));

  it("match their catalogue sources (regenerate with `npx tsx db/seed/product-csvs.ts`)", () => {
    const rendered = renderProductCsvs(data);
    expect(readdirSync(PRODUCTS_CSV_DIR).filter((f) => f.endsWith(".csv")).sort()).toEqual([...rendered.keys()].sort());
    for (const [name, text] of rendered) expect(readFileSync(path.join(PRODUCTS_CSV_DIR, name), "utf8"), name).toBe(text);
  });

  it.each(data.catalogs.map((c) => [c.cooperative, c] as const))("%s.csv parses with the importer's parser", (slug, catalog) => {
    const parsed = parseProductsCsv(Buffer.from(readProductCsv(slug)));
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `line ${e.line} ${e.column}: ${e.message}`).join("\n"));
    expect(parsed.products.map((p) => p.handle)).toEqual(catalog.products.map((p) => p.handle));
    expect(parsed.products.flatMap((p) => p.variants).length).toBe(catalog.products.flatMap((p) => p.variants).length);
    for (const p of parsed.products) {
      expect(villageSlugs.has(p.village ?? ""), `${p.handle}: village ${p.village}`).toBe(true);
      expect(p.titleEn).not.toBe("");
    }
  });
});

describe("loadSeedData", () => {
  it("fails loudly, naming the file and the path, when a data file has a typo", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "xiangji-seed-"));
    try {
      cpSync(DATA_DIR, dir, { recursive: true });
      const file = path.join(dir, "villages.json");
      const villages = JSON.parse(readFileSync(file, "utf8"));
      villages[1].nameEnn = villages[1].nameEn;
      delete villages[1].nameEn;
      villages[2].highlights[0].kind = "sceneryy";
      writeFileSync(file, JSON.stringify(villages));
      let error: unknown;
      try {
        loadSeedData(dir);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SeedDataError);
      const message = (error as Error).message;
      expect(message).toContain("villages.json: 1.nameEn");
      expect(message).toContain("villages.json: 1: Unrecognized key(s) in object: 'nameEnn'");
      expect(message).toContain("villages.json: 2.highlights.0.kind");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects references to unknown villages and sellers", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "xiangji-seed-"));
    try {
      cpSync(DATA_DIR, dir, { recursive: true });
      const file = path.join(dir, "stays.json");
      const stays = JSON.parse(readFileSync(file, "utf8"));
      stays[0].village = "atlantis";
      writeFileSync(file, JSON.stringify(stays));
      expect(() => loadSeedData(dir)).toThrow(/stays\.json: 0\.village: unknown village "atlantis"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("every picture the seed points at exists in public/images", () => {
    const images = path.resolve(DATA_DIR, "../../../public/images");
    const expected = [
      ...CATEGORY_KEYS.map((k) => `categories/${k}.svg`),
      ...data.villages.map((v) => `villages/${v.slug}.svg`),
      ...data.stays.map((s) => `stays/${s.slug}.svg`),
      ...data.experiences.map((e) => `experiences/${e.slug}.svg`),
    ];
    for (const rel of expected) expect(existsSync(path.join(images, rel)), rel).toBe(true);
  });
});
