// The relevance set and the synonym list are data that other code trusts: every expected hit must
// exist in the seed (a renamed slug would silently lower recall), and a synonym term must belong to
// one group only (the engines do not merge groups).
import { describe, expect, it } from "vitest";
import { SYNONYM_GROUPS } from "~/modules/search/synonyms";
import { loadSeedData } from "../../db/seed/data-files";
import { type HitKey, QUERY_KINDS, RELEVANCE_SET, metExpectations } from "../search/relevance-set";

const data = loadSeedData();
const seeded = new Set<string>([
  ...data.catalogs.flatMap((c) => c.products.filter((p) => p.status !== "draft").map((p) => `product:${p.handle}`)),
  ...data.stays.map((s) => `stay:${s.slug}`),
  ...data.experiences.map((x) => `experience:${x.slug}`),
  ...data.villages.map((v) => `village:${v.slug}`),
]);

describe("relevance set", () => {
  it("has at least 60 distinct queries over every kind, each with 1–3 expectations", () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(60);
    expect(new Set(RELEVANCE_SET.map((c) => `${c.q}|${c.type ?? ""}`)).size).toBe(RELEVANCE_SET.length);
    for (const kind of QUERY_KINDS) expect(RELEVANCE_SET.filter((c) => c.kind === kind).length, kind).toBeGreaterThanOrEqual(5);
    for (const c of RELEVANCE_SET) expect(c.expect.length, c.q).toBeGreaterThanOrEqual(1);
    for (const c of RELEVANCE_SET) expect(c.expect.length, c.q).toBeLessThanOrEqual(3);
  });

  it("only expects listings that the seed publishes", () => {
    const missing = RELEVANCE_SET.flatMap((c) => c.expect.flat().filter((key) => !seeded.has(key)).map((key) => `${c.q} → ${key}`));
    expect(missing).toEqual([]);
  });

  it("counts each expectation once, met by a hit of its own within the first five", () => {
    const nuts: HitKey[] = ["product:a", "product:b", "product:c"];
    expect(metExpectations([nuts, nuts], ["stay:x", "product:b", "village:y"])).toBe(1);
    expect(metExpectations([nuts, nuts], ["product:c", "product:a"])).toBe(2);
    // "a" can serve either expectation; the matching gives it to the one that has no other hit.
    expect(metExpectations([["product:a", "product:b"], "product:a"], ["product:a", "product:b"])).toBe(2);
    expect(metExpectations(["product:a"], ["stay:1", "stay:2", "stay:3", "stay:4", "stay:5", "product:a"])).toBe(0);
  });
});

describe("synonym groups", () => {
  const terms = SYNONYM_GROUPS.flat();

  it("are lower-case, trimmed, and each term is in one group only", () => {
    expect(terms.filter((t) => t !== t.trim().toLowerCase() || t === "")).toEqual([]);
    expect(terms.filter((t, i) => terms.indexOf(t) !== i)).toEqual([]);
    expect(SYNONYM_GROUPS.every((g) => g.length >= 2)).toBe(true);
  });

  it("link the Chinese, English and pinyin names the acceptance queries use", () => {
    const together = (a: string, b: string) => SYNONYM_GROUPS.some((g) => g.includes(a) && g.includes(b));
    expect(together("核桃", "山核桃")).toBe(true);
    expect(together("walnut", "山核桃")).toBe(true);
    expect(together("shanhetao", "山核桃")).toBe(true);
    expect(together("white tea", "白茶")).toBe(true);
    expect(together("anji baicha", "安吉白茶")).toBe(true);
    expect(together("homestay", "民宿")).toBe(true);
    expect(together("农家乐", "民宿")).toBe(true);
    expect(together("采茶", "tea picking")).toBe(true);
  });
});
