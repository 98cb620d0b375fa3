// Seed dates: Asia/Shanghai calendar arithmetic that does not depend on the process time zone.
import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  addYears,
  isoWeekday,
  nextOccurrenceAfter,
  nextPeriod,
  planSlots,
  shanghaiDate,
  shanghaiInstant,
} from "../../db/seed/calendar";
import { rollShipsFrom, toCsv } from "../../db/seed/product-csvs";

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe("Asia/Shanghai dates", () => {
  it("takes the calendar date in Shanghai, not in UTC or the process zone", () => {
    // 2026-11-29 17:30 UTC is already 30 November in Shanghai.
    expect(shanghaiDate(new Date("2026-11-29T17:30:00Z"))).toBe("2026-11-30");
    expect(shanghaiDate(new Date("2026-11-29T15:59:59Z"))).toBe("2026-11-29");
  });

  it("turns a local wall-clock time into the right instant", () => {
    expect(shanghaiInstant("2026-12-05", "09:00").toISOString()).toBe("2026-12-05T01:00:00.000Z");
    expect(shanghaiInstant("2026-12-05", "07:30").toISOString()).toBe("2026-12-04T23:30:00.000Z");
  });

  it("adds days, weeks and years across month and leap-year ends", () => {
    expect(addDays("2026-12-30", 3)).toBe("2027-01-02");
    expect(isoWeekday("2026-11-29")).toBe(7); // a Sunday
    expect(isoWeekday("2026-11-30")).toBe(1);
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(nextOccurrenceAfter("2027-06-12", "2027-06-12")).toBe("2028-06-12");
    expect(nextOccurrenceAfter("2027-06-12", "2029-01-01")).toBe("2029-06-12");
    expect(nextOccurrenceAfter("2027-06-12", "2026-11-29")).toBe("2027-06-12");
  });

  it("finds the next holiday periods, with the lunar Spring Festival", () => {
    expect(nextPeriod("spring_festival", "2026-11-29")).toEqual({ start: "2027-02-05", end: "2027-02-12" });
    expect(nextPeriod("national_day", "2026-11-29")).toEqual({ start: "2027-09-30", end: "2027-10-07" });
    expect(nextPeriod("new_year", "2026-11-29")).toEqual({ start: "2026-12-31", end: "2027-01-03" });
    // During a period the current one still counts while nights remain.
    expect(nextPeriod("national_day", "2027-10-03")).toEqual({ start: "2027-09-30", end: "2027-10-07" });
    expect(nextPeriod("spring_festival", "2028-03-01")).toEqual({ start: "2029-02-12", end: "2029-02-19" });
  });
});

describe("planSlots", () => {
  const schedule = { weekdays: [6, 7], times: ["09:00", "14:00"], capacity: 12 };

  it("puts slots on the chosen weekdays and local times within the next 60 days", () => {
    const slots = planSlots("tea-picking", schedule, "2026-11-29");
    expect(slots.length).toBe(32); // 16 weekend days (5 Dec … 24 Jan) × 2
    for (const s of slots) {
      expect(s.date > "2026-11-29" && s.date <= addDays("2026-11-29", 60)).toBe(true);
      expect([6, 7]).toContain(isoWeekday(s.date));
      expect(shanghaiDate(s.startsAt)).toBe(s.date);
      expect(s.bookedCount).toBeGreaterThanOrEqual(0);
      expect(s.bookedCount).toBeLessThanOrEqual(s.capacity);
    }
  });

  it("is deterministic and independent of the process time zone", () => {
    process.env.TZ = "America/Los_Angeles";
    const a = planSlots("x", schedule, "2026-11-29").map((s) => s.startsAt.toISOString() + s.bookedCount);
    process.env.TZ = "Pacific/Kiritimati";
    const b = planSlots("x", schedule, "2026-11-29").map((s) => s.startsAt.toISOString() + s.bookedCount);
    expect(b).toEqual(a);
  });

  it("closes on Spring Festival eve and day", () => {
    const everyDay = { weekdays: [1, 2, 3, 4, 5, 6, 7], times: ["10:00"], capacity: 5 };
    const dates = planSlots("y", everyDay, "2027-01-20").map((s) => s.date);
    expect(dates).not.toContain("2027-02-05");
    expect(dates).not.toContain("2027-02-06");
    expect(dates).toContain("2027-02-07");
  });

  it("mixes full, empty and partly booked slots across the seed", () => {
    const all = ["a", "b", "c", "d"].flatMap((slug) => planSlots(slug, schedule, "2026-11-29"));
    expect(all.some((s) => s.bookedCount === s.capacity)).toBe(true);
    expect(all.some((s) => s.bookedCount === 0)).toBe(true);
    expect(all.some((s) => s.bookedCount > 0 && s.bookedCount < s.capacity)).toBe(true);
  });
});

describe("rollShipsFrom", () => {
  const csv = toCsv([
    ["handle", "sku", "ships_from"],
    ["bayberries", "B-1", "2027-06-12"],
    ["tea", "T-1", ""],
    ["tea", "T-2", "2027-03-28"],
  ]);

  it("leaves future pre-sale dates alone", () => {
    expect(rollShipsFrom(csv, "2026-11-29")).toBe(csv);
  });

  it("moves passed pre-sale dates to the next harvest year", () => {
    const rolled = rollShipsFrom(csv, "2027-05-01");
    expect(rolled).toContain("bayberries,B-1,2027-06-12");
    expect(rolled).toContain("tea,T-2,2028-03-28");
    expect(rolled).toContain("tea,T-1,\n");
  });
});
