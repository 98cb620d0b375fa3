import { describe, expect, it } from "vitest";
import {
  parseProductFilters,
  productFiltersSchema,
  productFiltersToSearchParams,
} from "~/modules/catalog/products-query";
import { hasActiveFilters } from "~/modules/catalog/types";

const parse = (qs: string) => parseProductFilters(new URLSearchParams(qs));
const DEFAULTS = { certs: [], sort: "relevance", page: 1 };

describe("parseProductFilters: valid links", () => {
  it("an empty query is the whole catalogue, recommended order, page 1", () => {
    expect(parse("")).toEqual(DEFAULTS);
  });

  it("reads every documented parameter", () => {
    expect(parse("category=tea&village=yucun&cert=organic&cert=gi&min=50&max=99.5&sort=price_asc&page=3")).toEqual({
      category: "tea",
      village: "yucun",
      certs: ["organic", "gi"],
      minCents: 5000,
      maxCents: 9950,
      sort: "price_asc",
      page: 3,
    });
  });

  it.each(["relevance", "price_asc", "price_desc", "newest"])("sort=%s", (sort) => {
    expect(parse(`sort=${sort}`).sort).toBe(sort);
  });

  it("accepts certifications separated by ; or , and drops duplicates", () => {
    expect(parse("cert=organic;gi").certs).toEqual(["organic", "gi"]);
    expect(parse("cert=gi,organic").certs).toEqual(["organic", "gi"]);
    expect(parse("cert=gi&cert=gi;heritage").certs).toEqual(["gi", "heritage"]);
  });

  it("reads prices in yuan with up to two decimals into fen", () => {
    expect(parse("min=0.01").minCents).toBe(1);
    expect(parse("max=168.00").maxCents).toBe(16800);
    expect(parse("max=1280").maxCents).toBe(128000);
    expect(parse("max=%20%2099.9%20").maxCents).toBe(9990);
  });

  it("max=0 is a real upper bound (free items only), min=0 is no bound at all", () => {
    expect(parse("max=0").maxCents).toBe(0);
    expect(parse("min=0")).toEqual(DEFAULTS);
  });

  it("swaps a price range typed the wrong way round", () => {
    const f = parse("min=200&max=50");
    expect([f.minCents, f.maxCents]).toEqual([5000, 20000]);
  });

  it("tolerates upper-case village slugs", () => {
    expect(parse("village=YuCun").village).toBe("yucun");
  });
});

describe("parseProductFilters: garbage never breaks the page", () => {
  it.each([
    ["page=-1", 1],
    ["page=0", 1],
    ["page=abc", 1],
    ["page=2.5", 1],
    ["page=1e3", 1],
    ["page=99999999999999999999", 1],
    ["page=", 1],
    ["page=7&page=9", 7],
  ])("%s → page %i", (qs, page) => {
    expect(parse(qs).page).toBe(page);
  });

  it.each(["min=abc", "min=-5", "min=1.234", "min=NaN", "min=Infinity", "min=1e5", "min=", "min=99999999"])(
    "%s is ignored",
    (qs) => {
      expect(parse(qs).minCents).toBeUndefined();
    },
  );

  it("ignores a category that is not one of the 13 keys", () => {
    expect(parse("category=%3Cscript%3Ealert(1)%3C%2Fscript%3E").category).toBeUndefined();
    expect(parse("category=Tea").category).toBeUndefined();
    expect(parse("category=").category).toBeUndefined();
    expect(parse("category=toString").category).toBeUndefined();
  });

  it("ignores villages that are not slugs or are too long", () => {
    expect(parse("village=%3Cscript%3E").village).toBeUndefined();
    expect(parse("village=yu%20cun").village).toBeUndefined();
    expect(parse("village=-yucun").village).toBeUndefined();
    expect(parse(`village=${"a".repeat(101)}`).village).toBeUndefined();
    expect(parse(`village=${"a".repeat(100)}`).village).toBe("a".repeat(100));
  });

  it("ignores unknown certifications and keeps the known ones", () => {
    expect(parse("cert=organic;bogus&cert=%3Cb%3E").certs).toEqual(["organic"]);
  });

  it("an unknown sort falls back to the recommended order", () => {
    expect(parse("sort=price").sort).toBe("relevance");
    expect(parse("sort=").sort).toBe("relevance");
  });

  it("10 kB values and unknown keys are ignored", () => {
    const huge = "x".repeat(10_000);
    const qs = new URLSearchParams({ category: huge, village: huge, cert: huge, min: huge, max: huge, sort: huge, page: huge, q: huge, utm_source: "x" });
    expect(parseProductFilters(qs)).toEqual(DEFAULTS);
  });

  it("a huge number of cert values does not throw", () => {
    const qs = new URLSearchParams();
    for (let i = 0; i < 5000; i++) qs.append("cert", i % 2 ? "gi" : "nope");
    expect(parseProductFilters(qs).certs).toEqual(["gi"]);
  });

  it("the exported schema never throws on odd input shapes", () => {
    for (const input of [{}, { page: 5 }, { cert: 42 }, { min: ["10", "20"] }, { sort: null }, { category: { tea: 1 } }]) {
      const result = productFiltersSchema.safeParse(input);
      expect(result.success).toBe(true);
    }
    expect(productFiltersSchema.parse({ min: ["10", "20"] }).minCents).toBe(1000);
  });
});

describe("productFiltersToSearchParams", () => {
  it("round-trips through parseProductFilters and leaves defaults out", () => {
    const filters = parse("category=nuts&village=a-b&cert=gi;organic&min=10&max=99.5&sort=newest&page=2");
    const qs = productFiltersToSearchParams(filters).toString();
    expect(qs).toBe("category=nuts&village=a-b&cert=organic&cert=gi&min=10&max=99.50&sort=newest&page=2");
    expect(parse(qs)).toEqual(filters);
    expect(productFiltersToSearchParams(parse("sort=relevance&page=1")).toString()).toBe("");
  });
});

describe("hasActiveFilters", () => {
  it("sort and page alone do not count as filtering", () => {
    expect(hasActiveFilters(parse("sort=price_desc&page=4"))).toBe(false);
    expect(hasActiveFilters(parse("cert=gi"))).toBe(true);
    expect(hasActiveFilters(parse("max=0"))).toBe(true);
  });
});
