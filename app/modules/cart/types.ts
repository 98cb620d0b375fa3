// What a cart looks like to pages and the API (plain data; no server imports here).

export type CartLineView = {
  id: number;
  sku: string;
  variantId: number;
  productSlug: string;
  titleZh: string;
  titleEn: string;
  variantZh: string;
  variantEn: string;
  /** Today's price of one unit, in fen. */
  unitPriceCents: number;
  /** The price the shopper saw when adding the line. */
  seenPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  /** Units in stock now (not reserved by anyone). */
  stock: number;
  /** Harvest pre-sale: the day this variant ships from (YYYY-MM-DD), else null. */
  shipsFrom: string | null;
  /** What would stop this line at checkout, if anything. */
  problem: CartLineProblem | null;
  imageUrl: string | null;
};

export type CartLineProblem =
  | { kind: "unavailable" } // product archived/draft or its seller not approved
  | { kind: "not_bookable"; reason: BookingProblem } // a room's nights or a slot's seats cannot be had now
  | { kind: "sold_out" }
  | { kind: "not_enough_stock"; available: number }
  | { kind: "price_changed"; fromCents: number; toCents: number };

/** Why a stay or slot line cannot be booked now (see app/modules/bookings/quote.server.ts). */
export type BookingProblem =
  | "not_found"
  | "invalid_date"
  | "past"
  | "order"
  | "too_long"
  | "too_far"
  | "min_nights"
  | "blackout"
  | "too_many_guests"
  | "invalid_guests"
  | "taken"
  | "closed"
  | "too_few_people"
  | "too_many_people"
  | "full"
  | "not_enough_seats";

/** A room × nights [checkIn, checkOut) × guests. */
export type CartStayLineView = {
  id: number;
  kind: "stay";
  unitId: number;
  staySlug: string;
  stayZh: string;
  stayEn: string;
  roomZh: string;
  roomEn: string;
  villageZh: string;
  villageEn: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  guests: number;
  /** Today's price of the nights, in fen (0 when the room is gone). */
  totalCents: number;
  /** The price the traveller saw when adding the line. */
  seenPriceCents: number;
  cancellationPolicy: "flexible" | "moderate" | "strict";
  /** The host takes payment at the homestay ("auto": confirmed at once; "host": the host confirms). */
  payOnArrival: "off" | "auto" | "host";
  imageUrl: string | null;
  problem: CartLineProblem | null;
};

/** Seats on an experience slot. */
export type CartSlotLineView = {
  id: number;
  kind: "slot";
  slotId: number;
  experienceSlug: string;
  titleZh: string;
  titleEn: string;
  villageZh: string;
  villageEn: string;
  /** ISO timestamp of the start. */
  startsAt: string | null;
  durationMinutes: number;
  people: number;
  pricePerPersonCents: number;
  totalCents: number;
  seenPriceCents: number;
  seatsLeft: number;
  minPeople: number;
  maxPeople: number;
  imageUrl: string | null;
  problem: CartLineProblem | null;
};

export type CartSellerGroup = {
  cooperative: { id: number; slug: string; nameZh: string; nameEn: string };
  /** Products (shipped; shipping is charged on these only). */
  lines: CartLineView[];
  stays: CartStayLineView[];
  experiences: CartSlotLineView[];
  subtotalCents: number;
  shippingCents: number;
  /** Flat fee and free-shipping threshold of this seller (fen), as set in its dashboard. */
  shippingFeeCents: number;
  freeShippingFromCents: number | null;
  totalCents: number;
};

export type CartView = {
  id: string;
  userId: number | null;
  groups: CartSellerGroup[];
  /** Number of units (the header's count). */
  itemCount: number;
  lineCount: number;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  /** True when some line has a problem: checkout would refuse. */
  hasProblems: boolean;
  /** Some line is a product (checkout asks for a shipping address). */
  hasProducts: boolean;
  /** Only stays, all at hosts who take payment at the homestay: checkout offers to pay there. */
  payOnArrivalAllowed: boolean;
};

export const MAX_LINE_QUANTITY = 99;
export const MAX_CART_LINES = 50;
