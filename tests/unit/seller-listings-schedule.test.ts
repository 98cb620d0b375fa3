// The weekly schedule generator: a host says "every Saturday and Sunday at 9:00 and 14:00 for
// 8 weeks" in Zhejiang wall-clock time, and the slots must start at those instants whatever
// zone the server runs in. Run this file with TZ=UTC and TZ=America/Los_Angeles as well.
import { afterEach, describe, expect, it } from "vitest";
import {
  MAX_SLOTS_PER_SCHEDULE,
  countScheduleSlots,
  isoWeekday,
  normalizeClock,
  parseTimes,
  planSchedule,
  scheduleEndDate,
  scheduleStarts,
  shanghaiInstant,
} from "~/modules/seller-listings/schedule";

const weekend8 = { startDate: "2030-06-01", endDate: scheduleEndDate("2030-06-01", 8), weekdays: [6, 7], times: ["09:00", "14:00"] };
const originalTz = process.env.TZ;

afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe("the acceptance example", () => {
  it("every Saturday and Sunday at 9:00 and 14:00 for 8 weeks is 32 slots at the right instants", () => {
    const starts = scheduleStarts(weekend8);
    expect(starts).toHaveLength(32);
    expect(countScheduleSlots(weekend8)).toBe(32);
    // 2030-06-01 is a Saturday; 9:00 in Shanghai (UTC+8) is 01:00 UTC.
    expect(starts[0]!.toISOString()).toBe("2030-06-01T01:00:00.000Z");
    expect(starts[1]!.toISOString()).toBe("2030-06-01T06:00:00.000Z");
    expect(starts[2]!.toISOString()).toBe("2030-06-02T01:00:00.000Z");
    expect(starts.at(-1)!.toISOString()).toBe("2030-07-21T06:00:00.000Z");
    expect(new Set(starts.map((s) => s.toISOString().slice(11, 19)))).toEqual(new Set(["01:00:00", "06:00:00"]));
    // Every start is on a Saturday or Sunday as seen in Shanghai.
    const localDays = starts.map((s) => new Date(s.getTime() + 8 * 3_600_000).getUTCDay());
    expect(new Set(localDays)).toEqual(new Set([6, 0]));
  });

  it("8 weeks end on the 56th day, included", () => {
    expect(scheduleEndDate("2030-06-01", 8)).toBe("2030-07-26");
    expect(scheduleEndDate("2030-06-01", 1)).toBe("2030-06-07");
  });
});

describe("time zones", () => {
  it("gives the same instants whatever the process time zone", () => {
    const reference = scheduleStarts(weekend8).map((d) => d.toISOString());
    for (const zone of ["UTC", "America/Los_Angeles", "Europe/London", "Asia/Tokyo", "Pacific/Kiritimati"]) {
      process.env.TZ = zone;
      expect(scheduleStarts(weekend8).map((d) => d.toISOString()), zone).toEqual(reference);
      expect(shanghaiInstant("2030-03-10", "02:30").toISOString(), zone).toBe("2030-03-09T18:30:00.000Z");
    }
  });

  it("Shanghai keeps UTC+8 all year: 9:00 is 01:00 UTC across the American and European clock changes", () => {
    const starts = scheduleStarts({ startDate: "2030-01-01", endDate: "2030-12-31", weekdays: [7], times: ["09:00"] });
    expect(starts).toHaveLength(52);
    expect(starts.every((s) => s.getUTCHours() === 1 && s.getUTCMinutes() === 0)).toBe(true);
  });

  it("reads the weekday in Shanghai: Sunday 00:30 there is still Saturday in UTC", () => {
    const [start] = scheduleStarts({ startDate: "2030-06-02", endDate: "2030-06-02", weekdays: [7], times: ["00:30"] });
    expect(start!.toISOString()).toBe("2030-06-01T16:30:00.000Z");
    expect(scheduleStarts({ startDate: "2030-06-01", endDate: "2030-06-01", weekdays: [7], times: ["00:30"] })).toEqual([]);
  });
});

describe("planSchedule", () => {
  it("skips starts that are already past", () => {
    // Saturday 2030-06-01 at 12:00 in Shanghai: that morning's 9:00 slot is gone, 14:00 is not.
    const now = new Date("2030-06-01T04:00:00Z");
    const { upcoming, past } = planSchedule(weekend8, now);
    expect(past).toBe(1);
    expect(upcoming).toHaveLength(31);
    expect(upcoming[0]!.toISOString()).toBe("2030-06-01T06:00:00.000Z");
  });

  it("a start exactly now is past", () => {
    const { past } = planSchedule(weekend8, new Date("2030-06-01T01:00:00Z"));
    expect(past).toBe(1);
  });
});

describe("weekdays, times and limits", () => {
  it("ISO weekdays, Monday 1 to Sunday 7", () => {
    expect(isoWeekday("2030-06-03")).toBe(1);
    expect(isoWeekday("2030-06-01")).toBe(6);
    expect(isoWeekday("2030-06-02")).toBe(7);
    expect(isoWeekday("2028-02-29")).toBe(2);
  });

  it("reads times the way people type them", () => {
    expect(parseTimes("09:00, 14:00")).toEqual(["09:00", "14:00"]);
    expect(parseTimes("14:00，9：00")).toEqual(["09:00", "14:00"]);
    expect(parseTimes("9:00 9:00 ; 17:30")).toEqual(["09:00", "17:30"]);
    expect(normalizeClock("7:05")).toBe("07:05");
    expect(normalizeClock("23:59")).toBe("23:59");
  });

  it("refuses what is not a time", () => {
    for (const bad of ["", "   ", "25:00", "24:00", "9", "09:60", "nine", "09:00, noon", "-1:00", "09:00:00"]) {
      expect(parseTimes(bad), bad).toBeNull();
    }
    const thirteen = Array.from({ length: 13 }, (_, i) => `${String(i + 8).padStart(2, "0")}:00`).join(",");
    expect(parseTimes(thirteen)).toBeNull();
  });

  it("counts without building dates, and the cap is within reach of a long daily schedule", () => {
    const daily = { startDate: "2030-01-07", endDate: scheduleEndDate("2030-01-07", 26), weekdays: [1, 2, 3, 4, 5, 6, 7], times: ["08:00", "12:00", "16:00"] };
    expect(countScheduleSlots(daily)).toBe(546);
    expect(countScheduleSlots(daily)).toBeGreaterThan(MAX_SLOTS_PER_SCHEDULE);
    expect(countScheduleSlots({ ...daily, endDate: "2030-01-06" })).toBe(0);
  });
});
