// The calendar's month arithmetic and bounds, the stays search's date notices, the availability
// API's parameters and a slot's state — pure functions, independent of the process time zone.
import { describe, expect, it } from "vitest";
import { addMonths, availabilityEnd, calendarMonths, clampMonth, monthEnd, monthWeeks, neighbourMonths } from "~/modules/bookings/find-dates";
import { parseAvailabilityParams } from "~/modules/bookings/find-params";
import { peopleChoices, slotState } from "~/modules/bookings/find-slots";
import { parseStaysSearch } from "~/modules/catalog/listing-params";

const today = "2027-08-31";

describe("calendar months", () => {
  it("adds months across year ends", () => {
    expect(addMonths("2027-11", 3)).toBe("2028-02");
    expect(addMonths("2027-01", -1)).toBe("2026-12");
    expect(monthEnd("2027-12")).toBe("2028-01-01");
  });

  it("six months on is the same day, or the month's last day when it is shorter", () => {
    expect(availabilityEnd("2027-08-31")).toBe("2028-02-29");
    expect(availabilityEnd("2027-04-10")).toBe("2027-10-10");
    expect(availabilityEnd("2027-12-31")).toBe("2028-06-30");
  });

  it("keeps ?month= between this month and six months on; anything odd is this month", () => {
    expect(calendarMonths(today)).toEqual({ first: "2027-08", last: "2028-02" });
    expect(clampMonth("2027-07", today)).toBe("2027-08");
    expect(clampMonth("2028-03", today)).toBe("2028-02");
    expect(clampMonth("2027-11", today)).toBe("2027-11");
    for (const odd of [null, "", "2027-13", "2027-1", "abc", "2027-11-01"]) expect(clampMonth(odd, today)).toBe("2027-08");
    expect(neighbourMonths("2027-08", today)).toEqual({ previous: null, next: "2027-09" });
    expect(neighbourMonths("2028-02", today)).toEqual({ previous: "2028-01", next: null });
  });

  it("lays a month out in weeks starting on Monday", () => {
    // 1 February 2027 is a Monday; 1 August 2027 a Sunday.
    expect(monthWeeks("2027-02")).toHaveLength(4);
    expect(monthWeeks("2027-02")[0]![0]).toBe("2027-02-01");
    const august = monthWeeks("2027-08");
    expect(august[0]).toEqual([null, null, null, null, null, null, "2027-08-01"]);
    expect(august.every((w) => w.length === 7)).toBe(true);
    expect(august.flat().filter(Boolean)).toHaveLength(31);
  });
});

describe("stays search dates", () => {
  const search = (qs: string) => parseStaysSearch(new URLSearchParams(qs), { today: "2027-04-10" });

  it("uses a good range and says nothing", () => {
    expect(search("checkIn=2027-04-12&checkOut=2027-04-14&guests=2")).toEqual({
      query: { page: 1, guests: 2, checkIn: "2027-04-12", checkOut: "2027-04-14" },
      datesNotice: null,
    });
    expect(search("guests=2").datesNotice).toBeNull();
  });

  it.each([
    ["checkIn=2027-04-09&checkOut=2027-04-12", "past"],
    ["checkIn=2027-04-12&checkOut=2027-04-11", "order"],
    ["checkIn=2027-02-30&checkOut=2027-04-11", "invalid_date"],
    ["checkIn=2027-04-12&checkOut=soon", "invalid_date"],
    ["checkIn=2027-04-12&checkOut=2027-05-13", "too_long"],
    ["checkIn=2027-10-09&checkOut=2027-10-11", "too_far"],
    ["checkOut=2027-04-12", "incomplete"],
  ])("%s → dates dropped (%s)", (qs, notice) => {
    const { query, datesNotice } = search(qs);
    expect(datesNotice).toBe(notice);
    expect(query.checkOut).toBeUndefined();
  });

  it("a check-in alone is kept for the stay page but noted", () => {
    expect(search("checkIn=2027-04-12")).toEqual({ query: { page: 1, checkIn: "2027-04-12" }, datesNotice: "incomplete" });
  });
});

describe("availability API parameters", () => {
  const parse = (qs: string) => parseAvailabilityParams(new URLSearchParams(qs), { today: "2027-04-10" });

  it("defaults to 30 days from today", () => {
    expect(parse("")).toEqual({ ok: true, value: { lang: "zh-CN", from: "2027-04-10", to: "2027-05-10" } });
    expect(parse("from=2027-05-01&lang=en")).toEqual({ ok: true, value: { lang: "en", from: "2027-05-01", to: "2027-05-31" } });
    expect(parse("from=2027-04-10&to=2027-10-13")).toMatchObject({ ok: true });
  });

  it.each([
    ["from=2027-04-09", "from"],
    ["from=2027-02-30", "from"],
    ["to=2027-04-10", "to"],
    ["from=2027-04-10&to=2027-10-14", "to"],
    ["lang=de", "lang"],
  ])("%s → field %s", (qs, field) => {
    const parsed = parse(qs);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.fields)).toEqual([field]);
  });
});

describe("slot state", () => {
  const now = new Date("2027-04-10T00:00:00Z");
  const rules = { now, cutoffMinutes: 120, minPeople: 2 };

  it("closes at the cutoff, is full when the smallest group no longer fits", () => {
    expect(slotState({ startsAt: "2027-04-10T02:00:00Z", seatsLeft: 5 }, rules)).toBe("closed");
    expect(slotState({ startsAt: "2027-04-10T02:00:01Z", seatsLeft: 5 }, rules)).toBe("open");
    expect(slotState({ startsAt: "2027-04-09T23:00:00Z", seatsLeft: 5 }, rules)).toBe("closed");
    expect(slotState({ startsAt: "2027-04-11T00:00:00Z", seatsLeft: 1 }, rules)).toBe("full");
    expect(slotState({ startsAt: "2027-04-11T00:00:00Z", seatsLeft: 0 }, { ...rules, minPeople: 1 })).toBe("full");
  });

  it("offers group sizes within the experience's limits and the seats left", () => {
    expect(peopleChoices({ seatsLeft: 3 }, { minPeople: 2, maxPeople: 6 })).toEqual([2, 3]);
    expect(peopleChoices({ seatsLeft: 10 }, { minPeople: 1, maxPeople: 4 })).toEqual([1, 2, 3, 4]);
    expect(peopleChoices({ seatsLeft: 1 }, { minPeople: 2, maxPeople: 6 })).toEqual([]);
  });
});
