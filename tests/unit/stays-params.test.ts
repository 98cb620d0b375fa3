// The stays list reads checkIn, checkOut, guests, village and page from links people share and
// bots mangle: anything it cannot understand is dropped, never an error.
import { describe, expect, it } from "vitest";
import { MAX_NIGHTS, addDays, isIsoDate, nightsBetween } from "~/modules/catalog/listing-dates";
import { isSlug, parseExperiencesQuery, parsePage, parseStaysQuery } from "~/modules/catalog/listing-params";

const today = "2027-04-10";
const q = (query: string) => parseStaysQuery(new URLSearchParams(query), { today });

describe("parseStaysQuery", () => {
  it("keeps a sensible search as asked", () => {
    expect(q("checkIn=2027-04-12&checkOut=2027-04-14&guests=3&village=yucun&page=2")).toEqual({
      checkIn: "2027-04-12",
      checkOut: "2027-04-14",
      guests: 3,
      village: "yucun",
      page: 2,
    });
  });

  it("an empty or missing query is page 1 with no filters", () => {
    expect(q("")).toEqual({ page: 1 });
    expect(q("checkIn=&checkOut=&guests=&village=&page=")).toEqual({ page: 1 });
  });

  it.each([
    ["guests=-1"],
    ["guests=0"],
    ["guests=2.5"],
    ["guests=abc"],
    ["guests=999999999999"],
    ["guests=21"],
    ["guests=1e3"],
  ])("drops an impossible number of guests: %s", (query) => {
    expect(q(query).guests).toBeUndefined();
  });

  it("takes the first guests value when the parameter is repeated", () => {
    expect(q("guests=2&guests=abc").guests).toBe(2);
  });

  it.each([
    ["checkIn=abc"],
    ["checkIn=2027-02-30"],
    ["checkIn=2027-4-12"],
    ["checkIn=2027-04-09"], // yesterday in Shanghai
    ["checkIn=1999-01-01"],
    ["checkIn=2027-04-12T00:00:00Z"],
  ])("drops a check-in that is not a real future date: %s", (query) => {
    const parsed = q(`${query}&checkOut=2027-04-20`);
    expect(parsed.checkIn).toBeUndefined();
    // A check-out without a usable check-in means nothing on its own.
    expect(parsed.checkOut).toBeUndefined();
  });

  it("accepts today as check-in", () => {
    expect(q("checkIn=2027-04-10").checkIn).toBe("2027-04-10");
  });

  it("drops a check-out that is not after check-in or too far away, keeping the check-in", () => {
    expect(q("checkIn=2027-05-10&checkOut=2027-05-01")).toEqual({ page: 1, checkIn: "2027-05-10" });
    expect(q("checkIn=2027-05-10&checkOut=2027-05-10")).toEqual({ page: 1, checkIn: "2027-05-10" });
    expect(q("checkIn=2027-05-01&checkOut=2035-05-01")).toEqual({ page: 1, checkIn: "2027-05-01" });
    expect(q(`checkIn=2027-05-01&checkOut=${addDays("2027-05-01", MAX_NIGHTS)}`).checkOut).toBe(addDays("2027-05-01", MAX_NIGHTS));
  });

  it("drops a village that is not a slug, so nothing odd reaches a query or the page", () => {
    for (const village of ["<script>alert(1)</script>", "../../etc/passwd", "安吉", "Yucun", "a".repeat(121), "🏞️"]) {
      expect(q(`village=${encodeURIComponent(village)}`).village).toBeUndefined();
    }
  });

  it("survives 10 kB values in every parameter", () => {
    const long = "x".repeat(10_000);
    const digits = "9".repeat(10_000);
    expect(q(`checkIn=${long}&checkOut=${long}&guests=${digits}&village=${long}&page=${digits}`)).toEqual({ page: 1 });
  });
});

describe("page numbers", () => {
  it.each([
    ["", 1],
    ["page=3", 3],
    ["page=-1", 1],
    ["page=0", 1],
    ["page=1.5", 1],
    ["page=abc", 1],
    ["page=%FF", 1],
    ["page=99999999999999999999", 1],
  ])("%s → %i", (query, page) => {
    expect(parsePage(new URLSearchParams(query))).toBe(page);
  });

  it("the experiences list reads its village and page the same forgiving way", () => {
    expect(parseExperiencesQuery(new URLSearchParams("village=xiajiang&page=2"))).toEqual({ village: "xiajiang", page: 2 });
    expect(parseExperiencesQuery(new URLSearchParams("village=%3Cscript%3E&page=-4"))).toEqual({ page: 1 });
  });
});

describe("slugs", () => {
  it("accepts lower-case words with dashes up to 120 characters", () => {
    expect(isSlug("anji-yucun")).toBe(true);
    expect(isSlug("a".repeat(120))).toBe(true);
  });

  it("rejects anything else", () => {
    for (const bad of [undefined, "", "a".repeat(121), "Yucun", "../etc", "安吉", "a b", "<script>", "a%2Fb"]) {
      expect(isSlug(bad)).toBe(false);
    }
  });
});

describe("calendar dates", () => {
  it("knows real dates from impossible ones", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2027-13-01")).toBe(false);
  });

  it("counts nights and adds days across month and year ends", () => {
    expect(addDays("2027-12-31", 1)).toBe("2028-01-01");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
    expect(nightsBetween("2027-12-30", "2028-01-02")).toBe(3);
  });
});
