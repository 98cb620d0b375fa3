// A room's price for a range of nights, from the rules the stay page shows: a dated rate wins,
// else the weekend price on Friday and Saturday nights, else the base price. Rules only: holds
// and confirmed bookings are not looked at yet (they come with the bookings issue), so
// `bookable` means "allowed by the host's calendar rules", not "free". Client-safe, pure.
import { addDays, nightsBetween } from "~/modules/catalog/listing-dates";
import type { StayRoom } from "~/modules/catalog/listing-types";

export type NightPrice = { date: string; priceCents: number };

export type RoomQuote = {
  checkIn: string;
  checkOut: string;
  nights: number;
  totalCents: number;
  nightly: NightPrice[];
  /** The longest minimum stay among the room's and those of the rates covering a night. */
  minNights: number;
  meetsMinNights: boolean;
  /** Some night of the range is blacked out by the host. */
  blackedOut: boolean;
  /** The guests asked for fit the room (true when no guest count was given). */
  fitsGuests: boolean;
  bookable: boolean;
};

/** 0 = Sunday … 6 = Saturday, for a "YYYY-MM-DD" calendar date. */
export function weekday(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const covers = (range: { startDate: string; endDate: string }, night: string) => range.startDate <= night && night < range.endDate;

export type QuoteRoom = Pick<StayRoom, "maxGuests" | "basePriceCents" | "weekendPriceCents" | "minNights" | "rates" | "blackouts">;

export type NightRule = {
  priceCents: number;
  /** The room's minimum stay, or the covering rate's when that is longer. */
  minNights: number;
  blackedOut: boolean;
};

/** What the host's calendar says about one night: its price, minimum stay and whether it is blacked out. */
export function nightRule(room: Omit<QuoteRoom, "maxGuests">, date: string): NightRule {
  // Rates come ordered by start date: the last one covering the night is the most specific.
  const rate = room.rates.filter((r) => covers(r, date)).at(-1);
  const day = weekday(date);
  const weekend = (day === 5 || day === 6) && room.weekendPriceCents !== null;
  return {
    priceCents: rate ? rate.priceCents : weekend ? room.weekendPriceCents! : room.basePriceCents,
    minNights: rate ? Math.max(room.minNights, rate.minNights) : room.minNights,
    blackedOut: room.blackouts.some((b) => covers(b, date)),
  };
}

/** `checkOut` must be after `checkIn`; the caller validates the range (see parseStayParams). */
export function quoteRoom(room: QuoteRoom, range: { checkIn: string; checkOut: string; guests?: number }): RoomQuote {
  const nights = Math.max(nightsBetween(range.checkIn, range.checkOut), 0);
  const nightly: NightPrice[] = [];
  let minNights = room.minNights;
  let blackedOut = false;
  for (let i = 0; i < nights; i++) {
    const date = addDays(range.checkIn, i);
    const rule = nightRule(room, date);
    nightly.push({ date, priceCents: rule.priceCents });
    minNights = Math.max(minNights, rule.minNights);
    if (rule.blackedOut) blackedOut = true;
  }
  const meetsMinNights = nights >= minNights;
  const fitsGuests = range.guests === undefined || range.guests <= room.maxGuests;
  return {
    checkIn: range.checkIn,
    checkOut: range.checkOut,
    nights,
    totalCents: nightly.reduce((sum, n) => sum + n.priceCents, 0),
    nightly,
    minNights,
    meetsMinNights,
    blackedOut,
    fitsGuests,
    bookable: nights > 0 && meetsMinNights && !blackedOut && fitsGuests,
  };
}
