// Reading other channels' calendars into Asia/Shanghai nights, whatever the process's own zone
// (the suite runs under TZ=UTC and TZ=America/Los_Angeles): all-day and timed events, zones the
// file describes, IANA zones it only names, floating times, recurrences with exceptions, and
// events that close nothing.
import { describe, expect, it } from "vitest";
import { mergeRanges, parseBusyNights } from "~/modules/bookings/ical-parse.server";

const today = "2027-01-01";
const calendar = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${body.trim().split("\n").map((l) => l.trim()).join("\r\n")}\r\nEND:VCALENDAR\r\n`;
const nights = (body: string) => {
  const parsed = parseBusyNights(calendar(body), { today });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.ranges.map((r) => [r.startDate, r.endDate]);
};

describe("busy nights of an iCal calendar", () => {
  it("all-day events: DTEND exclusive, one night without DTEND; past and >2 years ahead dropped, the part from today kept", () => {
    expect(
      nights(`
        BEGIN:VEVENT
        UID:a
        DTSTART;VALUE=DATE:20270501
        DTEND;VALUE=DATE:20270503
        END:VEVENT
        BEGIN:VEVENT
        UID:b
        DTSTART;VALUE=DATE:20270510
        END:VEVENT
        BEGIN:VEVENT
        UID:c
        DTSTART;VALUE=DATE:20261228
        DTEND;VALUE=DATE:20270103
        END:VEVENT
        BEGIN:VEVENT
        UID:d
        DTSTART;VALUE=DATE:20260101
        DTEND;VALUE=DATE:20260105
        END:VEVENT
        BEGIN:VEVENT
        UID:e
        DTSTART;VALUE=DATE:20300101
        DTEND;VALUE=DATE:20300105
        END:VEVENT
      `),
    ).toEqual([
      ["2027-01-01", "2027-01-03"],
      ["2027-05-01", "2027-05-03"],
      ["2027-05-10", "2027-05-11"],
    ]);
  });

  it("timed events become the Shanghai nights from the start day to the end day, whatever zone they are written in", () => {
    expect(
      nights(`
        BEGIN:VTIMEZONE
        TZID:Office time
        BEGIN:STANDARD
        DTSTART:19700101T000000
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0100
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        UID:utc
        DTSTART:20270510T070000Z
        DTEND:20270512T030000Z
        END:VEVENT
        BEGIN:VEVENT
        UID:la
        DTSTART;TZID=America/Los_Angeles:20270520T200000
        DTEND;TZID=America/Los_Angeles:20270521T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:office
        DTSTART;TZID=Office time:20270601T200000
        DTEND;TZID=Office time:20270602T100000
        END:VEVENT
        BEGIN:VEVENT
        UID:floating
        DTSTART:20270701T150000
        DTEND:20270703T110000
        END:VEVENT
      `),
    ).toEqual([
      ["2027-05-10", "2027-05-12"], // 15:00 on the 10th to 11:00 on the 12th, Shanghai time
      ["2027-05-21", "2027-05-22"], // 20:00 in Los Angeles is 11:00 the next day in Shanghai; a same-day end still closes that night
      ["2027-06-02", "2027-06-03"], // 20:00 at +01:00 is 03:00 the next day in Shanghai
      ["2027-07-01", "2027-07-03"], // floating times read as Shanghai wall time
    ]);
  });

  it("expands recurring events (EXDATE and moved occurrences included); cancelled and free events close nothing", () => {
    expect(
      nights(`
        BEGIN:VEVENT
        UID:weekly
        DTSTART;VALUE=DATE:20270301
        DTEND;VALUE=DATE:20270302
        RRULE:FREQ=WEEKLY;COUNT=4
        EXDATE;VALUE=DATE:20270308
        END:VEVENT
        BEGIN:VEVENT
        UID:weekly
        RECURRENCE-ID;VALUE=DATE:20270315
        DTSTART;VALUE=DATE:20270317
        DTEND;VALUE=DATE:20270319
        END:VEVENT
        BEGIN:VEVENT
        UID:cancelled
        STATUS:CANCELLED
        DTSTART;VALUE=DATE:20270401
        DTEND;VALUE=DATE:20270405
        END:VEVENT
        BEGIN:VEVENT
        UID:free
        TRANSP:TRANSPARENT
        DTSTART;VALUE=DATE:20270410
        DTEND;VALUE=DATE:20270411
        END:VEVENT
      `),
    ).toEqual([
      ["2027-03-01", "2027-03-02"],
      ["2027-03-17", "2027-03-19"],
      ["2027-03-22", "2027-03-23"],
    ]);
    // An endless daily series stops at the two-year horizon (730 days).
    const endless = nights(`
      BEGIN:VEVENT
      UID:daily
      DTSTART;VALUE=DATE:20270101
      RRULE:FREQ=DAILY
      END:VEVENT
    `);
    expect(endless).toEqual([["2027-01-01", "2028-12-31"]]); // 730 days (2028 is a leap year)
  });

  it("refuses what is not a calendar", () => {
    for (const text of ["", "hello", "BEGIN:VCARD\r\nEND:VCARD", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:tomorrow\r\nEND:VEVENT\r\nEND:VCALENDAR", "{\"events\": []}"]) {
      expect(parseBusyNights(text, { today }), JSON.stringify(text)).toEqual({ ok: false, error: "not_ical" });
    }
    expect(parseBusyNights(calendar(""), { today })).toEqual({ ok: true, ranges: [], events: 0 });
  });

  it("merges overlapping and touching ranges", () => {
    expect(
      mergeRanges([
        { startDate: "2027-05-05", endDate: "2027-05-07" },
        { startDate: "2027-05-01", endDate: "2027-05-03" },
        { startDate: "2027-05-03", endDate: "2027-05-04" },
        { startDate: "2027-05-06", endDate: "2027-05-06" },
      ]),
    ).toEqual([
      { startDate: "2027-05-01", endDate: "2027-05-04" },
      { startDate: "2027-05-05", endDate: "2027-05-07" },
    ]);
  });
});
