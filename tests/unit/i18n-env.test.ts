import { describe, expect, it } from "vitest";
import { messages } from "~/locales";
import { EnvError, parseEnv } from "~/utils/env.server";
import { formatDate, formatPrice, todayInShanghai } from "~/utils/format";
import { langFromPath, localePath, pick, stripLang } from "~/utils/i18n";
import { translator } from "~/utils/t";

describe("language URLs", () => {
  it("finds the language in the path", () => {
    expect(langFromPath("/")).toBe("zh-CN");
    expect(langFromPath("/products")).toBe("zh-CN");
    expect(langFromPath("/en")).toBe("en");
    expect(langFromPath("/en/products/x")).toBe("en");
    expect(langFromPath("/english")).toBe("zh-CN");
  });

  it("maps a page between languages", () => {
    expect(stripLang("/en/stays/a")).toBe("/stays/a");
    expect(stripLang("/en")).toBe("/");
    expect(localePath("en", "/")).toBe("/en");
    expect(localePath("en", "/products")).toBe("/en/products");
    expect(localePath("zh-CN", "/products")).toBe("/products");
    expect(localePath("en", stripLang("/en/villages/yucun"))).toBe("/en/villages/yucun");
  });

  it("falls back to Chinese when an English field is empty", () => {
    expect(pick("en", "安吉白茶", "")).toBe("安吉白茶");
    expect(pick("en", "安吉白茶", "Anji white tea")).toBe("Anji white tea");
    expect(pick("zh-CN", "安吉白茶", "Anji white tea")).toBe("安吉白茶");
  });
});

describe("messages", () => {
  it("has every key in both languages, none empty", () => {
    const zhKeys = Object.keys(messages["zh-CN"]).sort();
    expect(Object.keys(messages.en).sort()).toEqual(zhKeys);
    for (const lang of ["zh-CN", "en"] as const) {
      for (const [key, text] of Object.entries(messages[lang])) {
        if (key.endsWith(".placeholder")) continue;
        expect(text, `${lang} ${key}`).not.toBe("");
      }
    }
  });

  it("fills parameters", () => {
    expect(translator("en")("common.page", { page: 2, pages: 5 })).toBe("Page 2 of 5");
    expect(translator("zh-CN")("common.page", { page: 2, pages: 5 })).toBe("第 2 页，共 5 页");
  });
});

describe("money and dates", () => {
  it("shows fen as yuan with two decimals", () => {
    expect(formatPrice(16800)).toBe("¥168.00");
    expect(formatPrice(5)).toBe("¥0.05");
    expect(formatPrice(128050)).toBe("¥1,280.50");
    expect(formatPrice(0)).toBe("¥0.00");
  });

  it("formats calendar dates without a time zone shift", () => {
    expect(formatDate("2027-04-10", "zh-CN")).toBe("2027年4月10日");
    expect(formatDate("2027-04-10", "en")).toBe("10 Apr 2027");
  });

  it("takes today in Asia/Shanghai", () => {
    // 2026-11-29 20:30 UTC is already 30 November in Shanghai.
    expect(todayInShanghai(new Date("2026-11-29T20:30:00Z"))).toBe("2026-11-30");
    expect(todayInShanghai(new Date("2026-11-29T10:00:00Z"))).toBe("2026-11-29");
  });
});

describe("environment", () => {
  it("uses defaults when nothing is set", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED).toBe("auto");
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  it("names the bad variable", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ SEED: "sometimes" })).toThrow(/SEED/);
  });
});
