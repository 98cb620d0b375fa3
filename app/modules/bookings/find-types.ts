// Shapes of a room's availability shared by the server module and the calendar components.
// Client-safe.
import type { RoomQuote } from "~/modules/api/stay-quote";

export const NIGHT_STATES = ["free", "booked", "held", "blackout", "past", "outside"] as const;
/** free; booked (confirmed); held (a checkout is open); blackout (the host closed it); past; outside the six-month calendar. */
export type NightState = (typeof NIGHT_STATES)[number];

export type NightAvailability = { date: string; state: NightState; priceCents: number; minNights: number };

export type RoomAvailability = { unitId: number; maxGuests: number; nights: NightAvailability[] };

/** Why a range cannot be booked in a room, in the order quoteStays reports them. */
export type RangeProblem = "past" | "outside" | "too_many_guests" | "min_nights" | "blackout" | "taken";

/** A room's price for a range and whether it can be booked now (the rules and others' bookings). */
export type AvailableQuote = RoomQuote & { unitId: number; available: boolean; problem: RangeProblem | null };
