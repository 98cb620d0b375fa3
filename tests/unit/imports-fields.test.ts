import { describe, expect, it } from "vitest";
import {
  MAX_PRICE_CENTS,
  parseCalendarDate,
  parseCertifications,
  parseCount,
  parsePriceCents,
} from "~/modules/imports/product-row";

describe("parsePriceCents", () => {
  it.each([
    ["168.00", 16800],
    ["168", 16800],
    ["168.5", 16850],
    ["0.29", 29], // 0.29 * 100 = 28.999999999999996 in floating point
    ["1.15", 115], // 1.15 * 100 = 114.99999999999999
    ["19.99", 1999],
    ["0.01", 1],
    ["007.10", 710],
    [" 168.00 ", 16800],
    ["１６８．００", 16800], // full-width, as typed with a Chinese IME
    ["¥168.00", 16800],
    ["￥ 68", 6800],
    ["1000000.00", MAX_PRICE_CENTS],
  ])("%j → %i fen", (input, cents) => {
    expect(parsePriceCents(input)).toEqual({ ok: true, value: cents });
  });

  it("converts every amount up to 2000 yuan exactly", () => {
    for (let cents = 1; cents <= 200_000; cents++) {
      const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
      const result = parsePriceCents(text);
      if (!result.ok || result.value !== cents) throw new Error(`${text} → ${JSON.stringify(result)}`);
    }
  });

  it.each([
    ["-1", "negative"],
    ["-0.50", "negative"],
    ["0", "price_not_positive"],
    ["0.00", "price_not_positive"],
    ["abc", "price_format"],
    ["1.005", "price_format"],
    ["1,680.00", "price_format"],
    ["1e3", "price_format"],
    ["168.", "price_format"],
    [".5", "price_format"],
    ["12 元", "price_format"],
    ["1000000.01", "price_too_large"],
    ["99999999999999999999", "price_too_large"],
  ])("%j is rejected with %s", (input, code) => {
    expect(parsePriceCents(input)).toMatchObject({ ok: false, code });
  });
});

describe("parseCount", () => {
  it("accepts whole numbers within the limit", () => {
    expect(parseCount("40", 100)).toEqual({ ok: true, value: 40 });
    expect(parseCount("0", 100)).toEqual({ ok: true, value: 0 });
    expect(parseCount("１００", 100)).toEqual({ ok: true, value: 100 });
  });
  it.each([
    ["-3", "negative"],
    ["1.5", "integer_format"],
    ["ten", "integer_format"],
    ["101", "integer_too_large"],
    ["99999999999999999999", "integer_too_large"],
  ])("%j is rejected with %s", (input, code) => {
    expect(parseCount(input, 100)).toMatchObject({ ok: false, code });
  });
});

describe("parseCalendarDate", () => {
  it.each(["2027-04-10", "2028-02-29", "2027-12-31"])("%s is a date", (d) => {
    expect(parseCalendarDate(d)).toEqual({ ok: true, value: d });
  });
  it.each([
    ["2027-02-29", "date_invalid"],
    ["2027-02-30", "date_invalid"],
    ["2027-13-01", "date_invalid"],
    ["2027-04-31", "date_invalid"],
    ["2027-00-10", "date_invalid"],
    ["2027/04/10", "date_format"],
    ["2027-4-10", "date_format"],
    ["10/04/2027", "date_format"],
    ["soon", "date_format"],
  ])("%j is rejected with %s", (input, code) => {
    expect(parseCalendarDate(input)).toMatchObject({ ok: false, code });
  });
});

describe("parseCertifications", () => {
  it("splits on ';' (also the full-width '；'), lower-cases, dedupes and orders canonically", () => {
    expect(parseCertifications("gi;organic")).toEqual({ ok: true, value: ["organic", "gi"] });
    expect(parseCertifications(" GI ；organic;;gi ")).toEqual({ ok: true, value: ["organic", "gi"] });
    expect(parseCertifications("")).toEqual({ ok: true, value: [] });
  });
  it("names the unknown key", () => {
    expect(parseCertifications("organic;fairtrade")).toMatchObject({ ok: false, code: "unknown_certification", params: { value: "fairtrade" } });
  });
});
