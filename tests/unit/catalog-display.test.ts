import { describe, expect, it } from "vitest";
import { pageWindow } from "~/components/Pagination";
import {
  centsToYuan,
  centsToYuanInput,
  formatHarvestSeason,
  isPreSale,
  stockState,
  yuanToCents,
} from "~/modules/catalog/product-display";
import { productJsonLd } from "~/modules/catalog/product-jsonld";
import type { ProductDetail } from "~/modules/catalog/types";
import { formatDate, formatPrice } from "~/utils/format";
import { messages } from "~/locales";
import { translator } from "~/utils/t";
import { CATEGORY_KEYS, CERTIFICATION_KEYS } from "~/modules/catalog/types";

describe("money", () => {
  it("fen → yuan strings with two decimals, no float rounding", () => {
    expect(centsToYuan(16800)).toBe("168.00");
    expect(centsToYuan(5)).toBe("0.05");
    expect(centsToYuan(0)).toBe("0.00");
    expect(centsToYuan(123456789)).toBe("1234567.89");
    expect(formatPrice(16800)).toBe("¥168.00");
  });

  it("form values in yuan", () => {
    expect(centsToYuanInput(5000)).toBe("50");
    expect(centsToYuanInput(9950)).toBe("99.50");
    expect(yuanToCents("99.5")).toBe(9950);
    expect(yuanToCents("0.29")).toBe(29); // 0.29 * 100 would be 28.999… as a float
    expect(yuanToCents("¥1,280")).toBe(128000);
    expect(yuanToCents("1.234")).toBeNull();
    expect(yuanToCents("-1")).toBeNull();
    expect(yuanToCents("")).toBeNull();
  });
});

describe("harvest season", () => {
  it("month ranges in both languages", () => {
    expect(formatHarvestSeason("3-4", "zh-CN")).toBe("3–4月");
    expect(formatHarvestSeason("3-4", "en")).toBe("Mar–Apr");
    expect(formatHarvestSeason("9", "en")).toBe("Sep");
    expect(formatHarvestSeason("11-2", "en")).toBe("Nov–Feb");
  });
  it("free text and impossible months are shown as written", () => {
    expect(formatHarvestSeason("清明前", "en")).toBe("清明前");
    expect(formatHarvestSeason("13-14", "zh-CN")).toBe("13-14");
    expect(formatHarvestSeason("全年", "zh-CN")).toBe("全年");
  });
});

describe("stock and pre-sale", () => {
  it("stock states", () => {
    expect(stockState(0)).toEqual({ kind: "sold_out" });
    expect(stockState(3)).toEqual({ kind: "low", left: 3 });
    expect(stockState(40)).toEqual({ kind: "in_stock" });
  });
  it("pre-sale only when the ship date is after today", () => {
    expect(isPreSale("2027-04-10", "2027-04-09")).toBe(true);
    expect(isPreSale("2027-04-10", "2027-04-10")).toBe(false);
    expect(isPreSale(null, "2027-04-09")).toBe(false);
  });
  it("the pre-sale line reads as specified in both languages", () => {
    expect(translator("zh-CN")("catalog.product.preSale", { date: formatDate("2027-04-10", "zh-CN") })).toBe(
      "预售：2027年4月10日起发货",
    );
    expect(translator("en")("catalog.product.preSale", { date: formatDate("2027-04-10", "en") })).toBe(
      "Pre-sale: ships from 10 Apr 2027",
    );
  });
});

describe("messages", () => {
  it("every category and certification has a name in both languages", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      for (const key of CATEGORY_KEYS) expect(messages[lang][`catalog.category.${key}`]).toBeTruthy();
      for (const key of CERTIFICATION_KEYS) expect(messages[lang][`catalog.cert.${key}`]).toBeTruthy();
    }
    expect(messages["zh-CN"]["catalog.category.meat_eggs"]).toBe("禽肉蛋");
    expect(messages["zh-CN"]["catalog.cert.gi"]).toBe("地理标志");
  });
});

describe("pagination window", () => {
  it("shows first, last and neighbours with gaps", () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 3)).toEqual([1, 2, 3]);
    expect(pageWindow(5, 10)).toEqual([1, "gap", 4, 5, 6, "gap", 10]);
    expect(pageWindow(3, 10)).toEqual([1, 2, 3, 4, "gap", 10]);
  });
});

const product: ProductDetail = {
  id: 1,
  slug: "anji-white-tea",
  titleZh: "安吉白茶 明前一级",
  titleEn: "Anji White Tea, pre-Qingming grade 1",
  descriptionZh: "明前采摘。",
  descriptionEn: "Picked before Qingming.",
  category: "tea",
  certifications: ["gi"],
  harvestSeason: "3-4",
  image: "",
  priceFromCents: 16800,
  village: { id: 1, slug: "yucun", nameZh: "余村", nameEn: "Yucun" },
  cooperative: { id: 1, slug: "yucun-tea", nameZh: "余村茶叶合作社", nameEn: "Yucun Tea Cooperative", kind: "cooperative" },
  variants: [{ sku: "AJ-WT-250", nameZh: "250克罐装", nameEn: "250 g tin", priceCents: 16800, stock: 40, weightG: 250, shipsFrom: null }],
};

describe("product JSON-LD", () => {
  const opts = { origin: "https://xiangji.example", lang: "en" as const, today: "2027-03-01" };

  it("one variant → an Offer with a yuan price string, CNY, availability and the page URL", () => {
    const ld = productJsonLd(product, opts);
    expect(ld).toMatchObject({
      "@type": "Product",
      name: "Anji White Tea, pre-Qingming grade 1",
      url: "https://xiangji.example/en/products/anji-white-tea",
      image: "https://xiangji.example/images/categories/tea.svg",
      offers: {
        "@type": "Offer",
        price: "168.00",
        priceCurrency: "CNY",
        availability: "https://schema.org/InStock",
        url: "https://xiangji.example/en/products/anji-white-tea",
      },
    });
  });

  it("several variants → an AggregateOffer; sold out and pre-sale variants say so", () => {
    const ld = productJsonLd(
      {
        ...product,
        variants: [
          { ...product.variants[0]!, stock: 0 },
          { ...product.variants[0]!, sku: "AJ-WT-500", priceCents: 31800, shipsFrom: "2027-04-10" },
        ],
      },
      { ...opts, lang: "zh-CN" },
    );
    const offers = ld.offers as { [k: string]: unknown; offers: { availability: string; availabilityStarts?: string }[] };
    expect(ld.url).toBe("https://xiangji.example/products/anji-white-tea");
    expect(offers).toMatchObject({ "@type": "AggregateOffer", lowPrice: "168.00", highPrice: "318.00", offerCount: 2, priceCurrency: "CNY" });
    expect(offers.availability).toBe("https://schema.org/PreOrder");
    expect(offers.offers[0]!.availability).toBe("https://schema.org/OutOfStock");
    expect(offers.offers[1]).toMatchObject({ availability: "https://schema.org/PreOrder", availabilityStarts: "2027-04-10" });
  });
});
