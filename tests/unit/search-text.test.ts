import { describe, expect, it } from "vitest";
import { buildDoc } from "~/modules/search/documents.server";
import { highlightParts } from "~/modules/search/highlight";
import { weightedTsvector } from "~/modules/search/outbox.server";
import { synonymsOf, tsqueryText, type QueryPlan } from "~/modules/search/query.server";
import { cutForSearch, hanBigrams, hanIndexTerms, latinWords, normalizeText, pinyinJoined, pinyinWords } from "~/modules/search/text.server";

describe("Chinese, pinyin and English terms", () => {
  it("finds the shorter words inside longer ones (核桃 in 山核桃)", () => {
    expect(cutForSearch("临安手剥山核桃")).toEqual(expect.arrayContaining(["核桃", "山核桃", "临安"]));
    expect(cutForSearch("莫干山农家乐")).toEqual(expect.arrayContaining(["农家", "农家乐", "莫干山"]));
  });

  it("indexes every pair of characters and every character, so any substring is findable", () => {
    expect(hanBigrams("山核桃仁")).toEqual(["山核", "核桃", "桃仁"]);
    expect(hanIndexTerms("白茶")).toEqual(expect.arrayContaining(["白茶", "白", "茶"]));
  });

  it("spells words in pinyin without tones, whole and by syllable", () => {
    expect(pinyinJoined("安吉白茶")).toBe("anjibaicha");
    expect(pinyinWords("安吉白茶")).toEqual(expect.arrayContaining(["anji", "baicha", "bai", "cha"]));
    expect(pinyinWords("山核桃", { syllables: false })).toEqual(["shanhetao"]);
    expect(pinyinWords("绿茶")).toContain("lvcha");
  });

  it("normalizes full-width letters, case and accents", () => {
    expect(normalizeText("  ＡＮＪＩ   Bái  ")).toBe("anji bai");
    expect(latinWords("Lin’an hickory-nuts, 250 g")).toEqual(["linan", "hickory", "nuts", "250", "g"]);
  });
});

describe("documents", () => {
  const doc = buildDoc({
    type: "product",
    id: 7,
    slug: "linan-hickory",
    titleZh: "临安山核桃",
    titleEn: "Lin'an hickory nuts",
    textZh: "手工炒制",
    textEn: "Hand roasted",
    namesZh: ["坚果炒货", "太湖源村"],
    namesEn: ["Nuts", "Taihuyuan"],
    skus: ["LA-HT-500"],
    category: "nuts",
    certifications: ["gi"],
    priceFrom: 8800,
    listedAt: new Date("2026-01-01T00:00:00Z"),
    boost: 1,
    image: "/x.svg",
    village: { slug: "taihuyuan", zh: "太湖源村", en: "Taihuyuan" },
    cooperative: { slug: "coop", zh: "合作社", en: "Coop" },
  });

  it("carry jieba words and pinyin for Meilisearch, which keeps 山核桃 as one word", () => {
    expect(doc.doc.id).toBe("product-7");
    expect(doc.doc.title_tokens_zh.split(" ")).toEqual(expect.arrayContaining(["核桃", "山核桃"]));
    expect(doc.doc.pinyin.split(" ")).toEqual(expect.arrayContaining(["shanhetao", "linan"]));
  });

  it("weigh title terms above names and descriptions in the tsvector", () => {
    const tsv = weightedTsvector(doc.terms);
    expect(tsv).toMatch(/'核桃':\d+A/);
    expect(tsv).toMatch(/'taihuyuan':\d+B/);
    expect(tsv).toMatch(/'炒制':\d+C/);
    expect(tsv).toContain("'la-ht-500':");
  });

  it("offer whole words for spelling suggestions, not single pinyin syllables", () => {
    expect(doc.latin).toEqual(expect.arrayContaining(["hickory", "shanhetao"]));
    expect(doc.latin).not.toContain("he");
  });
});

describe("queries", () => {
  it("expand synonyms across languages", () => {
    expect(synonymsOf("walnut")).toContain("核桃");
    expect(synonymsOf("核桃")).toContain("walnut");
    expect(synonymsOf("unknownword")).toEqual(["unknownword"]);
  });

  it("AND the groups, and quote lexemes safely", () => {
    const plan: QueryPlan = {
      normalized: "x",
      groups: [
        { text: "a", alternatives: ["a"], fragment: "'a'" },
        { text: "b", alternatives: ["b"], fragment: "('b' | 'c')" },
      ],
      highlightTerms: [],
      corrected: null,
      sku: null,
    };
    expect(tsqueryText(plan)).toBe("'a' & ('b' | 'c')");
    expect(tsqueryText(plan, 1)).toBe("'a'");
    expect(tsqueryText({ ...plan, groups: [], sku: "aj-wt-250" })).toBe("'aj-wt-250'");
    expect(tsqueryText({ ...plan, groups: [] })).toBeNull();
  });
});

describe("highlights", () => {
  it("marks Chinese terms anywhere and English terms at word starts", () => {
    expect(highlightParts("临安山核桃", ["核桃"])).toEqual([
      { text: "临安山", hit: false },
      { text: "核桃", hit: true },
    ]);
    expect(highlightParts("Wildflower Honey", ["hon"])).toEqual([
      { text: "Wildflower ", hit: false },
      { text: "Hon", hit: true },
      { text: "ey", hit: false },
    ]);
    expect(highlightParts("Phone", ["hon"])).toEqual([{ text: "Phone", hit: false }]);
  });

  it("merges overlapping matches", () => {
    expect(highlightParts("山核桃仁", ["山核桃", "核桃仁"])).toEqual([{ text: "山核桃仁", hit: true }]);
  });
});
