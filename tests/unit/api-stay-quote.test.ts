// What the API quotes a room at for a range of nights: a dated rate wins, else the weekend
// price on Friday and Saturday nights, else the base price; minimum stays, blackouts and the
// guest count decide whether the host's rules allow the range.
import { describe, expect, it } from "vitest";
import { quoteRoom } from "~/modules/api/stay-quote";

const room = {
  maxGuests: 2,
  basePriceCents: 38000,
  weekendPriceCents: 48000,
  minNights: 1,
  rates: [] as { label: { zh: string; en: string }; startDate: string; endDate: string; priceCents: number; minNights: number }[],
  blackouts: [] as { startDate: string; endDate: string }[],
};
const rate = (startDate: string, endDate: string, priceCents: number, minNights = 1) => ({ label: { zh: "", en: "" }, startDate, endDate, priceCents, minNights });

describe("quoteRoom", () => {
  it("Thursday to Sunday: base, then the weekend price on Friday and Saturday nights", () => {
    const q = quoteRoom(room, { checkIn: "2027-04-08", checkOut: "2027-04-11" });
    expect(q.nightly).toEqual([
      { date: "2027-04-08", priceCents: 38000 },
      { date: "2027-04-09", priceCents: 48000 },
      { date: "2027-04-10", priceCents: 48000 },
    ]);
    expect([q.nights, q.totalCents, q.bookable]).toEqual([3, 134000, true]);
  });

  it("without a weekend price every night is the base price", () => {
    const q = quoteRoom({ ...room, weekendPriceCents: null }, { checkIn: "2027-04-09", checkOut: "2027-04-11" });
    expect(q.totalCents).toBe(76000);
  });

  it("a dated rate beats the weekend price; of overlapping rates the later-starting one wins", () => {
    const q = quoteRoom(
      { ...room, rates: [rate("2027-04-01", "2027-04-30", 50000), rate("2027-04-10", "2027-04-11", 90000)] },
      { checkIn: "2027-04-09", checkOut: "2027-04-12" },
    );
    expect(q.nightly.map((n) => n.priceCents)).toEqual([50000, 90000, 50000]);
    expect(q.totalCents).toBe(190000);
  });

  it("the longest minimum stay among the room and the rates it crosses applies", () => {
    const withRate = { ...room, minNights: 2, rates: [rate("2027-05-01", "2027-05-06", 98000, 3)] };
    expect(quoteRoom(withRate, { checkIn: "2027-04-20", checkOut: "2027-04-22" })).toMatchObject({ minNights: 2, meetsMinNights: true, bookable: true });
    expect(quoteRoom(withRate, { checkIn: "2027-04-30", checkOut: "2027-05-02" })).toMatchObject({ minNights: 3, meetsMinNights: false, bookable: false });
  });

  it("a blacked-out night makes the range unbookable; the night after the blackout is free", () => {
    const closed = { ...room, blackouts: [{ startDate: "2027-04-20", endDate: "2027-04-22" }] };
    expect(quoteRoom(closed, { checkIn: "2027-04-19", checkOut: "2027-04-21" })).toMatchObject({ blackedOut: true, bookable: false });
    expect(quoteRoom(closed, { checkIn: "2027-04-22", checkOut: "2027-04-23" })).toMatchObject({ blackedOut: false, bookable: true });
    expect(quoteRoom(closed, { checkIn: "2027-04-18", checkOut: "2027-04-20" })).toMatchObject({ blackedOut: false, bookable: true });
  });

  it("more guests than the room takes: priced, but not bookable", () => {
    const q = quoteRoom(room, { checkIn: "2027-04-12", checkOut: "2027-04-13", guests: 3 });
    expect(q).toMatchObject({ totalCents: 38000, fitsGuests: false, bookable: false });
    expect(quoteRoom(room, { checkIn: "2027-04-12", checkOut: "2027-04-13", guests: 2 }).fitsGuests).toBe(true);
  });

  it("crosses month and year ends by the calendar", () => {
    const q = quoteRoom({ ...room, weekendPriceCents: null }, { checkIn: "2027-12-30", checkOut: "2028-01-02" });
    expect(q.nightly.map((n) => n.date)).toEqual(["2027-12-30", "2027-12-31", "2028-01-01"]);
  });
});
