// A new seller's slug reads like its name: pinyin per Chinese word, or the English name.
import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, slugFromNames } from "~/modules/sellers/slug.server";

describe("slugFromNames", () => {
  it("writes Chinese names as pinyin, one part per word", () => {
    expect(slugFromNames("余村白茶合作社")).toBe("yucun-baicha-hezuoshe");
    expect(slugFromNames("莫干黄芽茶园")).toBe("mogan-huangya-chayuan");
  });

  it("prefers the English name when there is one", () => {
    expect(slugFromNames("余村白茶合作社", "Yucun White Tea Co-op")).toBe("yucun-white-tea-co-op");
    expect(slugFromNames("余村白茶合作社", "Café Über  Tea!")).toBe("cafe-uber-tea");
    expect(slugFromNames("余村白茶合作社", "  !!! ")).toBe("yucun-baicha-hezuoshe");
  });

  it("keeps Latin letters and digits of mixed names and writes ü as v", () => {
    expect(slugFromNames("鲁家村2号农场ABC")).toMatch(/^lu.*-2-.*abc$/);
    expect(slugFromNames("绿水青山")).toContain("lv");
  });

  it("always gives a valid slug of at most 60 characters, never cutting a word", () => {
    const names = ["🍵🍵🍵", "", "---", "安吉".repeat(40), "A".repeat(200), "a ".repeat(100), "Ωμέγα 合作社"];
    for (const name of names) {
      const slug = slugFromNames(name);
      expect(slug, name).toMatch(SLUG_PATTERN);
      expect(slug.length, name).toBeLessThanOrEqual(60);
    }
    expect(slugFromNames("🍵")).toBe("seller");
    expect(slugFromNames("安吉".repeat(40)).endsWith("-")).toBe(false);
  });
});
