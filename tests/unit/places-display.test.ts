// Villages and stays as people and search engines read them: stories in paragraphs, the place
// named from province down to town, and structured data with the right types.
import { describe, expect, it } from "vitest";
import { formatLocation, plural, splitParagraphs } from "~/modules/catalog/listing-display";
import { cooperativeJsonLd, stayJsonLd, villageJsonLd } from "~/modules/catalog/listing-meta";
import type { StayDetail, VillageDetail } from "~/modules/catalog/listing-types";
import { translator } from "~/utils/t";

const place = {
  provinceZh: "浙江省",
  provinceEn: "Zhejiang",
  cityZh: "湖州市",
  cityEn: "Huzhou",
  countyZh: "安吉县",
  countyEn: "Anji County",
  townZh: "天荒坪镇",
  townEn: "Tianhuangping",
};

const village: VillageDetail = {
  slug: "yucun",
  nameZh: "余村",
  nameEn: "Yucun",
  ...place,
  summaryZh: "绿水青山就是金山银山。",
  summaryEn: "Clear waters and green mountains.",
  storyZh: "第一段。\n\n第二段。",
  storyEn: "One.\n\nTwo.",
  highlights: [],
  coverImage: "/images/villages/yucun.svg",
  lat: 30.6,
  lng: 119.6,
};

describe("stories", () => {
  it("split into paragraphs on blank lines, keeping single line breaks inside a paragraph", () => {
    expect(splitParagraphs("一\n\n二\n三\n\n\n四")).toEqual(["一", "二\n三", "四"]);
    expect(splitParagraphs("One.\r\n\r\nTwo.")).toEqual(["One.", "Two."]);
    expect(splitParagraphs("  \n\n  ")).toEqual([]);
    expect(splitParagraphs("一\n　\n二")).toEqual(["一", "二"]);
  });
});

describe("locations", () => {
  it("Chinese runs from the province down; English from the town up", () => {
    expect(formatLocation("zh-CN", place)).toBe("浙江省湖州市安吉县天荒坪镇");
    expect(formatLocation("en", place)).toBe("Tianhuangping, Anji County, Huzhou, Zhejiang");
  });

  it("leaves out a missing town", () => {
    expect(formatLocation("en", { ...place, townZh: "", townEn: "" })).toBe("Anji County, Huzhou, Zhejiang");
  });
});

describe("plurals", () => {
  it("English counts read 1 stay / 3 stays", () => {
    const en = translator("en");
    expect(plural(en, "places.counts.stays", 1)).toBe("1 stay");
    expect(plural(en, "places.counts.stays", 3)).toBe("3 stays");
    expect(plural(translator("zh-CN"), "places.counts.stays", 3)).toBe("3 家民宿");
  });
});

describe("structured data", () => {
  it("a village is a TouristDestination with an address and coordinates", () => {
    const ld = villageJsonLd("zh-CN", "https://x.example", village);
    expect(ld["@type"]).toBe("TouristDestination");
    expect(ld.name).toBe("余村");
    expect(ld.url).toBe("https://x.example/villages/yucun");
    expect(ld.address).toMatchObject({ addressCountry: "CN", addressRegion: "浙江省" });
    expect(ld.geo).toEqual({ "@type": "GeoCoordinates", latitude: 30.6, longitude: 119.6 });
  });

  it("a stay is a LodgingBusiness with a price range from its rooms", () => {
    const stay: StayDetail = {
      slug: "bamboo-house",
      titleZh: "竹舍",
      titleEn: "Bamboo House",
      descriptionZh: "",
      descriptionEn: "",
      image: "/images/stays/bamboo.svg",
      amenities: [],
      houseRulesZh: "",
      houseRulesEn: "",
      checkInTime: "14:00",
      checkOutTime: "12:00",
      cancellationPolicy: "moderate",
      village: { slug: "yucun", nameZh: "余村", nameEn: "Yucun", ...place },
      host: { slug: "h", nameZh: "主人", nameEn: "Host", kind: "homestay_host" },
      rooms: [
        { id: 1, nameZh: "", nameEn: "", descriptionZh: "", descriptionEn: "", beds: "", maxGuests: 2, basePriceCents: 38000, weekendPriceCents: 48000, minNights: 1, rates: [], blackouts: [] },
        { id: 2, nameZh: "", nameEn: "", descriptionZh: "", descriptionEn: "", beds: "", maxGuests: 4, basePriceCents: 68000, weekendPriceCents: null, minNights: 1, rates: [], blackouts: [] },
      ],
    };
    const ld = stayJsonLd("en", "https://x.example", stay);
    expect(ld["@type"]).toBe("LodgingBusiness");
    expect(ld.name).toBe("Bamboo House");
    expect(ld.url).toBe("https://x.example/en/stays/bamboo-house");
    expect(ld.image).toBe("https://x.example/images/stays/bamboo.svg");
    expect(ld.priceRange).toBe("¥380–¥680");
    expect(ld.address.addressLocality).toBe("Anji County, Huzhou");
  });

  it("a seller is an Organization linked to its village", () => {
    const ld = cooperativeJsonLd("en", "https://x.example", {
      slug: "yucun-tea",
      nameZh: "余村茶叶合作社",
      nameEn: "Yucun Tea Cooperative",
      kind: "cooperative",
      storyZh: "",
      storyEn: "",
      foundedYear: 2008,
      village: { slug: "yucun", nameZh: "余村", nameEn: "Yucun" },
    });
    expect(ld).toMatchObject({ "@type": "Organization", name: "Yucun Tea Cooperative", foundingDate: "2008" });
    expect(ld.location?.url).toBe("https://x.example/en/villages/yucun");
  });
});
