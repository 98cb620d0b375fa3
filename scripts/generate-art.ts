// Writes the project's own pictures to public/images/: one flat illustration per product
// category, one landscape per village, one per stay and one per experience. Everything is a
// pure function of the seed data (slugs seed the randomness), so running this again produces
// byte-identical files; tests/unit/seed-art.test.ts checks that the committed files match.
//
//   npx tsx scripts/generate-art.ts           (re)write the pictures
//   npx tsx scripts/generate-art.ts --check   exit 1 when a picture is missing or out of date
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORY_KEYS, type CategoryKey } from "../db/schema/products";
import { syncGeneratedFiles } from "./lib/generated-files";
import { categoryPicture, experiencePicture, stayPicture, villagePicture } from "../db/seed/art/scenes";
import { type SeedData, loadSeedData } from "../db/seed/data-files";

export const IMAGES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public/images");
export const ART_FOLDERS = ["categories", "villages", "stays", "experiences"] as const;

const CATEGORY_TITLES: Record<CategoryKey, string> = {
  tea: "茶叶 Tea",
  grain: "米面粮油 Grain and oil",
  fruit: "时令鲜果 Seasonal fruit",
  vegetables: "蔬菜 Vegetables",
  nuts: "坚果炒货 Nuts",
  honey: "蜂蜜 Honey",
  mushrooms: "菌菇 Mushrooms",
  bamboo: "笋竹 Bamboo shoots",
  meat_eggs: "禽肉蛋 Poultry, meat and eggs",
  aquatic: "水产 Fish and aquatic products",
  preserved: "腌腊特产 Preserved specialties",
  crafts: "手工艺品 Crafts",
  snacks: "糕点小吃 Pastries and snacks",
};

/** Path under public/images (e.g. "villages/yucun.svg") → SVG text. */
export function renderArt(data: SeedData = loadSeedData()): Map<string, string> {
  const files = new Map<string, string>();
  for (const key of CATEGORY_KEYS) files.set(`categories/${key}.svg`, categoryPicture(key, CATEGORY_TITLES[key]));
  for (const v of data.villages) files.set(`villages/${v.slug}.svg`, villagePicture(v.slug, v.motif, `${v.nameZh} ${v.nameEn}`));
  for (const s of data.stays) files.set(`stays/${s.slug}.svg`, stayPicture(s.slug, s.motif, `${s.titleZh} ${s.titleEn}`));
  for (const e of data.experiences) files.set(`experiences/${e.slug}.svg`, experiencePicture(e.slug, e.motif, `${e.titleZh} ${e.titleEn}`));
  return files;
}

function main(argv: string[]) {
  const check = argv.includes("--check");
  const files = renderArt();
  const stale = syncGeneratedFiles(IMAGES_DIR, files, { check, folders: [...ART_FOLDERS], extension: ".svg" });
  if (check && stale.length) {
    console.error(`Out-of-date pictures: ${stale.join(", ")}\nRun: npx tsx scripts/generate-art.ts`);
    process.exit(1);
  }
  console.log(stale.length ? `Wrote ${stale.length} of ${files.size} pictures to public/images.` : `${files.size} pictures are up to date.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
