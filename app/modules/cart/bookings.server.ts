// Stay and experience lines of a cart. Like product lines they hold nothing: checkout holds the
// nights (exclusion constraint) and the seats (conditional UPDATE). Adding a line checks what a
// traveller would want checked at once — real dates, not in the past, the room's rules, the
// nights still free, the slot still open with seats left — and remembers the price they saw.
import { and, asc, eq, isNotNull, or, sql } from "drizzle-orm";
import { cartLines, carts } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { nightsBetween } from "../catalog/listing-dates";
import { type SlotQuote, type StayQuote, quoteSlots, quoteStays } from "../bookings/quote.server";
import { CartError, cartExists } from "./cart.server";
import { type BookingProblem, type CartSlotLineView, type CartStayLineView, MAX_CART_LINES } from "./types";

export type StayLineInput = { unitId: number; checkIn: string; checkOut: string; guests: number };
export type SlotLineInput = { slotId: number; people: number };

/** The error a traveller gets when a room or slot cannot be added, by what is wrong. */
export function bookingCartError(problem: BookingProblem, subject: string): CartError {
  switch (problem) {
    case "not_found":
      return new CartError("unknown_listing", `No bookable ${subject}`);
    case "taken":
      return new CartError("unavailable", `The ${subject} is not free for these dates`, { reason: problem });
    case "blackout":
      return new CartError("unavailable", `The host has closed the ${subject} on some of these nights`, { reason: problem });
    case "full":
    case "not_enough_seats":
      return new CartError("unavailable", `Not enough seats left on this ${subject}`, { reason: problem });
    case "closed":
      return new CartError("unavailable", `Bookings for this ${subject} have closed`, { reason: problem });
    default:
      return new CartError("invalid_booking", bookingProblemMessage(problem), { reason: problem });
  }
}

const MESSAGES: Partial<Record<BookingProblem, string>> = {
  invalid_date: "Dates must be real calendar dates (YYYY-MM-DD)",
  past: "The check-in date is in the past",
  order: "Check-out must be after check-in",
  too_long: "A booking covers at most 30 nights",
  too_far: "Bookings open six months ahead",
  min_nights: "The stay is shorter than the room's minimum number of nights",
  too_many_guests: "More guests than the room allows",
  invalid_guests: "Guests must be a whole number from 1",
  too_few_people: "Fewer people than this experience needs",
  too_many_people: "More people than this experience takes",
};

export function bookingProblemMessage(problem: BookingProblem): string {
  return MESSAGES[problem] ?? problem;
}

async function lockCart(tx: Parameters<Parameters<Database["transaction"]>[0]>[0], cartId: string) {
  await tx.execute(sql`SELECT 1 FROM ${carts} WHERE ${carts.id} = ${cartId} FOR UPDATE`);
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(cartLines).where(eq(cartLines.cartId, cartId));
  return row?.n ?? 0;
}

export async function addStayToCart(db: Database, cartId: string, input: StayLineInput, ctx: { today: string }): Promise<{ lineId: number }> {
  if (!(await cartExists(db, cartId))) throw new CartError("cart_not_found", "No such cart");
  const quote = (await quoteStays(db, [input], { today: ctx.today, cartId }))[0]!;
  if (quote.problem) throw bookingCartError(quote.problem, "room");
  return db.transaction(async (tx) => {
    const count = await lockCart(tx, cartId);
    // The same room twice for overlapping nights could never both be booked.
    const [clash] = await tx
      .select({ id: cartLines.id })
      .from(cartLines)
      .where(
        and(
          eq(cartLines.cartId, cartId),
          eq(cartLines.unitId, input.unitId),
          sql`${cartLines.checkIn} < ${input.checkOut}`,
          sql`${cartLines.checkOut} > ${input.checkIn}`,
        ),
      );
    if (clash) throw new CartError("unavailable", "This room is already in your cart for some of these nights", { reason: "taken" });
    if (count >= MAX_CART_LINES) throw new CartError("too_many_lines", `A cart holds at most ${MAX_CART_LINES} lines`);
    await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
    const [row] = await tx
      .insert(cartLines)
      .values({
        cartId,
        unitId: input.unitId,
        checkIn: input.checkIn,
        checkOut: input.checkOut,
        guests: input.guests,
        quantity: 1,
        seenPriceCents: quote.quote!.totalCents,
      })
      .returning({ id: cartLines.id });
    return { lineId: row!.id };
  });
}

export async function addSlotToCart(
  db: Database,
  cartId: string,
  input: SlotLineInput,
  ctx: { now: Date; merge: boolean },
): Promise<{ lineId: number }> {
  if (!(await cartExists(db, cartId))) throw new CartError("cart_not_found", "No such cart");
  return db.transaction(async (tx) => {
    const count = await lockCart(tx, cartId);
    const existing = await tx
      .select({ id: cartLines.id, people: cartLines.quantity })
      .from(cartLines)
      .where(and(eq(cartLines.cartId, cartId), eq(cartLines.slotId, input.slotId)));
    const same = ctx.merge ? existing[0] : undefined;
    const inCart = existing.reduce((n, l) => n + l.people, 0);
    // Checked as the whole cart would book the slot: the seats of every line of it together.
    const total = inCart + input.people;
    const quote = (await quoteSlots(tx as unknown as Database, [{ slotId: input.slotId, people: same ? same.people + input.people : input.people }], { now: ctx.now, cartId }))[0]!;
    const problem = quote.problem ?? (total > quote.seatsLeft ? "not_enough_seats" : null);
    if (problem) throw bookingCartError(problem, "slot");
    await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
    if (same) {
      await tx
        .update(cartLines)
        .set({ quantity: same.people + input.people, seenPriceCents: quote.pricePerPersonCents })
        .where(eq(cartLines.id, same.id));
      return { lineId: same.id };
    }
    if (count >= MAX_CART_LINES) throw new CartError("too_many_lines", `A cart holds at most ${MAX_CART_LINES} lines`);
    const [row] = await tx
      .insert(cartLines)
      .values({ cartId, slotId: input.slotId, quantity: input.people, seenPriceCents: quote.pricePerPersonCents })
      .returning({ id: cartLines.id });
    return { lineId: row!.id };
  });
}

/** A slot line's number of people, checked against the slot's seats and the experience's group limits. */
export async function setSlotPeople(db: Database, cartId: string, lineId: number, slotId: number, people: number): Promise<void> {
  const [others] = await db
    .select({ n: sql<number>`coalesce(sum(${cartLines.quantity}), 0)::int` })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId), eq(cartLines.slotId, slotId), sql`${cartLines.id} <> ${lineId}`));
  const quote = (await quoteSlots(db, [{ slotId, people }], { now: new Date(), cartId }))[0]!;
  const problem = quote.problem ?? ((others?.n ?? 0) + people > quote.seatsLeft ? "not_enough_seats" : null);
  if (problem) throw bookingCartError(problem, "slot");
  await db
    .update(cartLines)
    .set({ quantity: people, seenPriceCents: quote.pricePerPersonCents })
    .where(and(eq(cartLines.id, lineId), eq(cartLines.cartId, cartId)));
}

export type BookingLineRow = {
  id: number;
  unitId: number | null;
  checkIn: string | null;
  checkOut: string | null;
  guests: number | null;
  slotId: number | null;
  quantity: number;
  seenPriceCents: number;
};

export async function loadBookingLines(db: Database, cartId: string): Promise<BookingLineRow[]> {
  return db
    .select({
      id: cartLines.id,
      unitId: cartLines.unitId,
      checkIn: cartLines.checkIn,
      checkOut: cartLines.checkOut,
      guests: cartLines.guests,
      slotId: cartLines.slotId,
      quantity: cartLines.quantity,
      seenPriceCents: cartLines.seenPriceCents,
    })
    .from(cartLines)
    .where(and(eq(cartLines.cartId, cartId), or(isNotNull(cartLines.unitId), isNotNull(cartLines.slotId))))
    .orderBy(asc(cartLines.id));
}

export type QuotedBookingLines = {
  stays: { row: BookingLineRow; quote: StayQuote; view: CartStayLineView }[];
  slots: { row: BookingLineRow; quote: SlotQuote; view: CartSlotLineView }[];
};

/** The cart's stay and slot lines, quoted now (their problems included). */
export async function quoteBookingLines(
  db: Database,
  rows: BookingLineRow[],
  ctx: { today: string; now: Date; cartId: string | null },
): Promise<QuotedBookingLines> {
  const stayRows = rows.filter((r) => r.unitId !== null);
  const slotRows = rows.filter((r) => r.slotId !== null);
  const [stayQuotes, slotQuotes] = await Promise.all([
    quoteStays(
      db,
      stayRows.map((r) => ({ unitId: r.unitId!, checkIn: r.checkIn!, checkOut: r.checkOut!, guests: r.guests! })),
      { today: ctx.today, cartId: ctx.cartId },
    ),
    quoteSlots(db, slotRows.map((r) => ({ slotId: r.slotId!, people: r.quantity })), { now: ctx.now, cartId: ctx.cartId }),
  ]);
  return {
    stays: stayRows.map((row, i) => {
      const quote = stayQuotes[i]!;
      const totalCents = quote.quote?.totalCents ?? 0;
      const problem = quote.problem
        ? { kind: "not_bookable" as const, reason: quote.problem }
        : totalCents !== row.seenPriceCents
          ? { kind: "price_changed" as const, fromCents: row.seenPriceCents, toCents: totalCents }
          : null;
      const view: CartStayLineView = {
        id: row.id,
        kind: "stay",
        unitId: row.unitId!,
        staySlug: quote.staySlug,
        stayZh: quote.stayZh,
        stayEn: quote.stayEn,
        roomZh: quote.roomZh,
        roomEn: quote.roomEn,
        villageZh: quote.villageZh,
        villageEn: quote.villageEn,
        checkIn: row.checkIn!,
        checkOut: row.checkOut!,
        nights: nightsBetween(row.checkIn!, row.checkOut!),
        guests: row.guests!,
        totalCents,
        seenPriceCents: row.seenPriceCents,
        cancellationPolicy: quote.cancellationPolicy,
        payOnArrival: quote.payOnArrival,
        imageUrl: quote.image || null,
        problem,
      };
      return { row, quote, view };
    }),
    slots: slotRows.map((row, i) => {
      const quote = slotQuotes[i]!;
      const problem = quote.problem
        ? { kind: "not_bookable" as const, reason: quote.problem }
        : quote.pricePerPersonCents !== row.seenPriceCents
          ? { kind: "price_changed" as const, fromCents: row.seenPriceCents, toCents: quote.pricePerPersonCents }
          : null;
      const view: CartSlotLineView = {
        id: row.id,
        kind: "slot",
        slotId: row.slotId!,
        experienceSlug: quote.experienceSlug,
        titleZh: quote.titleZh,
        titleEn: quote.titleEn,
        villageZh: quote.villageZh,
        villageEn: quote.villageEn,
        startsAt: quote.startsAt ? quote.startsAt.toISOString() : null,
        durationMinutes: quote.durationMinutes,
        people: row.quantity,
        pricePerPersonCents: quote.pricePerPersonCents,
        totalCents: quote.totalCents,
        seenPriceCents: row.seenPriceCents,
        seatsLeft: quote.seatsLeft,
        minPeople: quote.minPeople,
        maxPeople: quote.maxPeople,
        imageUrl: quote.image || null,
        problem,
      };
      return { row, quote, view };
    }),
  };
}
