// What a traveller reads about an experience: duration, seats left, and the schema.org events
// search engines show — with times in China Standard Time whatever the server's zone.
import { describe, expect, it } from "vitest";
import { formatDuration, plural, seatsLeft, toShanghaiIso } from "~/modules/catalog/listing-display";
import { centsToDecimal, experienceJsonLd } from "~/modules/catalog/listing-meta";
import type { ExperienceDetail } from "~/modules/catalog/listing-types";
import { formatDateTime } from "~/utils/format";
import { translator } from "~/utils/t";

const experience: ExperienceDetail = {
  slug: "spring-tea-picking",
  titleZh: "明前采茶半日",
  titleEn: "Spring tea picking, half a day",
  descriptionZh: "跟茶农上山采茶。",
  descriptionEn: "Pick tea on the hill with a grower.",
  meetingPointZh: "村口茶厂",
  meetingPointEn: "The tea factory at the village gate",
  image: "/images/experiences/tea.svg",
  durationMinutes: 150,
  pricePerPersonCents: 12800,
  minPeople: 1,
  maxPeople: 12,
  village: {
    slug: "yucun",
    nameZh: "余村",
    nameEn: "Yucun",
    provinceZh: "浙江省",
    provinceEn: "Zhejiang",
    cityZh: "湖州市",
    cityEn: "Huzhou",
    countyZh: "安吉县",
    countyEn: "Anji County",
    townZh: "天荒坪镇",
    townEn: "Tianhuangping",
  },
  host: { slug: "yucun-tea", nameZh: "余村茶叶合作社", nameEn: "Yucun Tea Cooperative", kind: "cooperative" },
  slots: [
    // 09:00 in Shanghai is 01:00 UTC.
    { id: 1, startsAt: "2027-04-10T01:00:00.000Z", capacity: 10, seatsLeft: 4 },
    { id: 2, startsAt: "2027-04-11T01:00:00.000Z", capacity: 10, seatsLeft: 0 },
  ],
};

describe("experience facts", () => {
  it("durations read naturally in both languages", () => {
    expect(formatDuration(150, "zh-CN")).toBe("2小时30分钟");
    expect(formatDuration(150, "en")).toBe("2 h 30 min");
    expect(formatDuration(120, "zh-CN")).toBe("2小时");
    expect(formatDuration(45, "en")).toBe("45 min");
  });

  it("seats left is capacity minus booked, never below zero", () => {
    expect(seatsLeft(10, 3)).toBe(7);
    expect(seatsLeft(6, 6)).toBe(0);
    expect(seatsLeft(4, 9)).toBe(0);
  });

  it("says 1 seat / 2 seats in English and 余 N 位 in Chinese", () => {
    const en = translator("en");
    const zh = translator("zh-CN");
    expect(plural(en, "experiences.slot.seatsLeft", 1)).toBe("1 seat left");
    expect(plural(en, "experiences.slot.seatsLeft", 2)).toBe("2 seats left");
    expect(plural(zh, "experiences.slot.seatsLeft", 2)).toBe("余 2 位");
    expect(zh("experiences.slot.full")).toBe("已满");
    expect(en("experiences.slot.full")).toBe("Full");
  });

  it("slot times are shown as Shanghai wall-clock time", () => {
    expect(formatDateTime("2027-04-10T01:00:00.000Z", "en")).toMatch(/09:00/);
    expect(formatDateTime("2027-04-10T16:30:00.000Z", "zh-CN")).toMatch(/4月11日/);
  });
});

describe("experience JSON-LD", () => {
  const events = experienceJsonLd("en", "https://xiangji.example", experience);

  it("one Event per upcoming slot, starting at local time with +08:00", () => {
    expect(events).toHaveLength(2);
    expect(events[0]!["@type"]).toBe("Event");
    expect(events[0]!.startDate).toBe("2027-04-10T09:00:00+08:00");
    expect(events[0]!.endDate).toBe("2027-04-10T11:30:00+08:00");
  });

  it("offers the price per person in CNY as a decimal, sold out when full", () => {
    expect(events[0]!.offers).toMatchObject({ price: "128.00", priceCurrency: "CNY", availability: "https://schema.org/InStock" });
    expect(events[1]!.offers.availability).toBe("https://schema.org/SoldOut");
  });

  it("names the meeting point and the English URL", () => {
    expect(events[0]!.location.name).toBe("The tea factory at the village gate");
    expect(events[0]!.url).toBe("https://xiangji.example/en/experiences/spring-tea-picking");
    expect(events[0]!.image).toBe("https://xiangji.example/images/experiences/tea.svg");
  });

  it("is limited so a busy calendar does not bloat the page", () => {
    const many = { ...experience, slots: Array.from({ length: 40 }, (_, i) => ({ id: i, startsAt: new Date(Date.UTC(2027, 3, 1 + i)).toISOString(), capacity: 5, seatsLeft: 5 })) };
    expect(experienceJsonLd("zh-CN", "", many)).toHaveLength(10);
  });

  it("ISO instants convert to +08:00 across the date line", () => {
    expect(toShanghaiIso("2027-12-31T16:00:00.000Z")).toBe("2028-01-01T00:00:00+08:00");
    expect(centsToDecimal(5)).toBe("0.05");
    expect(centsToDecimal(128000)).toBe("1280.00");
  });
});
