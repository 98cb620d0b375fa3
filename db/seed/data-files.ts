// Loads and validates the seed data files under db/seed/data/. Objects are strict, so a
// misspelt key fails as loudly as a wrong value; every error names the file and the JSON path.
// Cross-file references (village and seller slugs, unique slugs and SKUs) are checked here too.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { CATEGORY_KEYS, CERTIFICATION_KEYS } from "../schema/products";
import { AMENITY_KEYS } from "../schema/stays";
import { RATE_PERIODS } from "./calendar";

export const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "data");

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a lowercase slug (a-z, 0-9, single hyphens)");
const zh = z.string().trim().min(1).regex(/\p{Script=Han}/u, "must contain Chinese text");
const en = z
  .string()
  .trim()
  .min(1)
  .refine((s) => !/\p{Script=Han}/u.test(s), "English text must not contain Chinese characters");
const yuan = z.number().positive().multipleOf(0.01);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)");
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD");
/** Art motifs understood by the picture generator (scripts/generate-art.ts). */
export const MOTIFS = [
  "bamboo", "fields", "river", "terraces", "cliff", "tea", "orchard", "forest", "kiln",
  "farmhouse", "cabin", "riverside", "oldhouse", "lantern", "rice", "honey", "mushroom",
  "nuts", "citrus", "cooking", "teacup", "shoots", "weaving", "ricecake",
] as const;
export type Motif = (typeof MOTIFS)[number];
const motif = z.enum(MOTIFS);

export const villageSchema = z
  .object({
    slug,
    nameZh: zh,
    nameEn: en,
    provinceZh: zh.default("浙江省"),
    provinceEn: en.default("Zhejiang"),
    cityZh: zh,
    cityEn: en,
    countyZh: zh,
    countyEn: en,
    townZh: zh,
    townEn: en,
    summaryZh: zh,
    summaryEn: en,
    storyZh: zh.refine((s) => s.includes("\n\n"), "the story needs several paragraphs (blank line between)"),
    storyEn: en.refine((s) => s.includes("\n\n"), "the story needs several paragraphs (blank line between)"),
    highlights: z
      .array(z.object({ kind: z.enum(["culture", "heritage", "scenery", "food"]), zh, en }).strict())
      .min(2),
    // Zhejiang lies within these bounds: a swapped lat/lng fails here.
    lat: z.number().min(27).max(31.5),
    lng: z.number().min(118).max(123),
    featured: z.boolean(),
    motif,
  })
  .strict();

export const cooperativeSchema = z
  .object({
    slug,
    nameZh: zh,
    nameEn: en,
    kind: z.enum(["cooperative", "family_farm", "homestay_host", "leisure_farm"]),
    village: slug,
    storyZh: zh,
    storyEn: en,
    contactName: zh,
    // Obviously fake numbers only: 1xx-0000-xxxx mobiles or 05xx-0000-xxxx landlines.
    contactPhone: z.string().regex(/^(1\d\d|0\d{2,3})-0000-\d{4}$/, "use an obviously fake number such as 138-0000-0001"),
    contactEmail: z.string().email().regex(/@([a-z0-9-]+\.)*example\.com$/, "e-mail addresses must be on example.com"),
    commissionBps: z.number().int().min(0).max(10_000),
    foundedYear: z.number().int().min(1950).max(2026),
  })
  .strict();

const variantSchema = z
  .object({
    sku: z.string().regex(/^[A-Z0-9][A-Z0-9-]*$/, "SKUs are upper case letters, digits and hyphens"),
    zh,
    en,
    price: yuan,
    stock: z.number().int().min(0),
    weightG: z.number().int().positive(),
    shipsFrom: isoDate.optional(),
  })
  .strict();

export const catalogSchema = z
  .object({
    cooperative: slug,
    products: z
      .array(
        z
          .object({
            handle: slug.refine((s) => s.length <= 60, "handles are at most 60 characters"),
            category: z.enum(CATEGORY_KEYS),
            status: z.enum(["active", "draft"]).optional(),
            titleZh: zh,
            titleEn: en,
            descriptionZh: zh,
            descriptionEn: en,
            certifications: z.array(z.enum(CERTIFICATION_KEYS)),
            harvestSeason: z.string().regex(/^(|\d{1,2}(-\d{1,2})?)$/, "months such as 3-4, or empty"),
            village: slug.optional(),
            variants: z.array(variantSchema).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

const unitSchema = z
  .object({
    nameZh: zh,
    nameEn: en,
    descriptionZh: zh,
    descriptionEn: en,
    maxGuests: z.number().int().min(1).max(12),
    beds: z.string().min(1),
    basePrice: yuan,
    weekendPrice: yuan.optional(),
    minNights: z.number().int().min(1).optional(),
    blackouts: z
      .array(
        z
          .object({ startOffsetDays: z.number().int().min(1).max(300), nights: z.number().int().min(1).max(30), reason: z.string().min(1) })
          .strict(),
      )
      .optional(),
  })
  .strict();

export const staySchema = z
  .object({
    slug,
    cooperative: slug,
    village: slug,
    titleZh: zh,
    titleEn: en,
    descriptionZh: zh,
    descriptionEn: en,
    amenities: z.array(z.enum(AMENITY_KEYS)).min(1),
    houseRulesZh: zh,
    houseRulesEn: en,
    checkInTime: hhmm,
    checkOutTime: hhmm,
    cancellationPolicy: z.enum(["flexible", "moderate", "strict"]),
    motif,
    seasonalRates: z.array(
      z.object({ period: z.enum(RATE_PERIODS), percent: z.number().int().min(-50).max(200), minNights: z.number().int().min(1).max(7) }).strict(),
    ),
    units: z.array(unitSchema).min(1),
  })
  .strict();

export const experienceSchema = z
  .object({
    slug,
    cooperative: slug,
    village: slug,
    titleZh: zh,
    titleEn: en,
    descriptionZh: zh,
    descriptionEn: en,
    meetingPointZh: zh,
    meetingPointEn: en,
    durationMinutes: z.number().int().positive().max(24 * 60),
    pricePerPerson: yuan,
    minPeople: z.number().int().min(1),
    maxPeople: z.number().int().min(1),
    motif,
    schedule: z
      .object({
        /** ISO weekdays: 1 = Monday … 7 = Sunday (Asia/Shanghai). */
        weekdays: z.array(z.number().int().min(1).max(7)).min(1),
        times: z.array(hhmm).min(1),
        capacity: z.number().int().min(1).max(200),
      })
      .strict(),
  })
  .strict()
  .refine((e) => e.maxPeople >= e.minPeople, { message: "maxPeople must be ≥ minPeople", path: ["maxPeople"] });

export type VillageSeed = z.infer<typeof villageSchema>;
export type CooperativeSeed = z.infer<typeof cooperativeSchema>;
export type CatalogSeed = z.infer<typeof catalogSchema>;
export type ProductSeed = CatalogSeed["products"][number];
export type StaySeed = z.infer<typeof staySchema>;
export type ExperienceSeed = z.infer<typeof experienceSchema>;

export type SeedData = {
  villages: VillageSeed[];
  cooperatives: CooperativeSeed[];
  catalogs: CatalogSeed[];
  stays: StaySeed[];
  experiences: ExperienceSeed[];
};

export class SeedDataError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid seed data:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "SeedDataError";
  }
}

function parseFile<T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, problems: string[]): T | undefined {
  const rel = path.relative(process.cwd(), file) || file;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    problems.push(`${rel}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(`${rel}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return undefined;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))];
}

/** Reads every seed data file; throws SeedDataError listing every problem found. */
export function loadSeedData(dir = DATA_DIR): SeedData {
  const problems: string[] = [];
  const villages = parseFile(path.join(dir, "villages.json"), z.array(villageSchema).min(1), problems) ?? [];
  const cooperatives = parseFile(path.join(dir, "cooperatives.json"), z.array(cooperativeSchema).min(1), problems) ?? [];
  const stays = parseFile(path.join(dir, "stays.json"), z.array(staySchema), problems) ?? [];
  const experiences = parseFile(path.join(dir, "experiences.json"), z.array(experienceSchema), problems) ?? [];
  const catalogDir = path.join(dir, "catalog");
  const catalogs: CatalogSeed[] = [];
  for (const name of readdirSync(catalogDir).filter((f) => f.endsWith(".json")).sort()) {
    const catalog = parseFile(path.join(catalogDir, name), catalogSchema, problems);
    if (!catalog) continue;
    if (`${catalog.cooperative}.json` !== name) problems.push(`catalog/${name}: cooperative must match the file name (${catalog.cooperative})`);
    catalogs.push(catalog);
  }

  const villageSlugs = new Set(villages.map((v) => v.slug));
  const sellerSlugs = new Set(cooperatives.map((c) => c.slug));
  const check = (ok: boolean, message: string) => ok || problems.push(message);
  for (const [what, slugs] of [
    ["village", villages.map((v) => v.slug)],
    ["cooperative", cooperatives.map((c) => c.slug)],
    ["stay", stays.map((s) => s.slug)],
    ["experience", experiences.map((e) => e.slug)],
    ["catalog", catalogs.map((c) => c.cooperative)],
    ["product handle", catalogs.flatMap((c) => c.products.map((p) => p.handle))],
    ["SKU", catalogs.flatMap((c) => c.products.flatMap((p) => p.variants.map((v) => v.sku)))],
  ] as const) {
    for (const d of duplicates([...slugs])) problems.push(`duplicate ${what}: ${d}`);
  }
  cooperatives.forEach((c, i) => check(villageSlugs.has(c.village), `cooperatives.json: ${i}.village: unknown village "${c.village}"`));
  const refs = (file: string, rows: { cooperative: string; village: string }[]) =>
    rows.forEach((r, i) => {
      check(sellerSlugs.has(r.cooperative), `${file}: ${i}.cooperative: unknown cooperative "${r.cooperative}"`);
      check(villageSlugs.has(r.village), `${file}: ${i}.village: unknown village "${r.village}"`);
    });
  refs("stays.json", stays);
  refs("experiences.json", experiences);
  for (const catalog of catalogs) {
    check(sellerSlugs.has(catalog.cooperative), `catalog/${catalog.cooperative}.json: unknown cooperative`);
    catalog.products.forEach((p, i) => {
      if (p.village) check(villageSlugs.has(p.village), `catalog/${catalog.cooperative}.json: products.${i}.village: unknown village "${p.village}"`);
    });
  }
  if (problems.length) throw new SeedDataError(problems);
  return { villages, cooperatives, catalogs, stays, experiences };
}
