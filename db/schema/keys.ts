// Plain constants, no Drizzle: the browser bundle may import them.
// The keys are part of the CSV format and the public URLs (DESIGN.md); names live in app/locales.
export const CATEGORY_KEYS = [
  "tea",
  "grain",
  "fruit",
  "vegetables",
  "nuts",
  "honey",
  "mushrooms",
  "bamboo",
  "meat_eggs",
  "aquatic",
  "preserved",
  "crafts",
  "snacks",
] as const;
export const CERTIFICATION_KEYS = ["organic", "green_food", "gi", "heritage"] as const;
export type CategoryKey = (typeof CATEGORY_KEYS)[number];
export type CertificationKey = (typeof CERTIFICATION_KEYS)[number];
