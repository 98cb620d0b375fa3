// The generated pictures: deterministic, committed, small, self-contained SVG.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CATEGORY_KEYS } from "../../db/schema/products";
import { loadSeedData } from "../../db/seed/data-files";
import { IMAGES_DIR, renderArt } from "../../scripts/generate-art";

const data = loadSeedData();
const art = renderArt(data);

describe("scripts/generate-art.ts", () => {
  it("draws a picture for every category, village, stay and experience", () => {
    expect(art.size).toBe(CATEGORY_KEYS.length + data.villages.length + data.stays.length + data.experiences.length);
    for (const key of CATEGORY_KEYS) expect(art.has(`categories/${key}.svg`)).toBe(true);
  });

  it("is deterministic: a second run produces identical files", () => {
    expect(renderArt(loadSeedData())).toEqual(art);
  });

  it("matches the committed files (regenerate with `npx tsx scripts/generate-art.ts`)", () => {
    for (const [rel, svg] of art) expect(readFileSync(path.join(IMAGES_DIR, rel), "utf8"), rel).toBe(svg);
  });

  it("varies the pictures between villages", () => {
    const villages = [...art].filter(([rel]) => rel.startsWith("villages/")).map(([, svg]) => svg.replace(/<title>.*?<\/title>/, ""));
    expect(new Set(villages).size).toBe(villages.length);
  });

  it.each([...art.keys()])("%s is a small, self-contained SVG with a viewBox and a title", (rel) => {
    const svg = art.get(rel)!;
    expect(Buffer.byteLength(svg)).toBeLessThan(6 * 1024);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 800 600"/);
    expect(svg).toMatch(/<title>[^<]+<\/title>/);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    // No external resources or fonts: only in-document references such as url(#sky).
    expect(svg).not.toMatch(/href|<image|<text|font|@import|url\((?!#)/i);
    expect((svg.match(/http/g) ?? []).length).toBe(1); // the xmlns only
  });
});
