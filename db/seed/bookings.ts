// Demo bookings, so that /account/bookings, the order pages and the hosts' /dashboard/bookings
// have something to show right after `npm start`: for shopper@xiangji.demo a paid stay at the
// Moganshan stream house (moderate policy: cancellable with a full refund), two places at the
// Lujia rice-cake pounding and a pay-on-arrival night at the Lujia field house; for the Moganshan
// host a guest who booked by phone. Hosts' pay-on-arrival settings are set with them. Written as
// rows (test provider, no mails). Inserted once: a re-seed leaves them as they are.
import { and, asc, eq, gt, inArray, like, lt, sql } from "drizzle-orm";
import { addDays } from "../../app/modules/catalog/listing-dates";
import { commissionOf } from "../../app/modules/orders/checkout.server";
import { quoteRoom } from "../../app/modules/api/stay-quote";
import {
  cooperatives,
  experienceBookings,
  experienceSlots,
  experiences,
  orders,
  sellerOrders,
  stayBookings,
  stayUnits,
  stays,
  unitBlackouts,
  unitRates,
  users,
} from "../schema/index";
import type { Tx } from "./write";

const DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit", month: "2-digit", day: "2-digit" });

type Guest = { userId: number | null; email: string; name: string; phone: string; locale: string };

type StayPlan = { tail: string; stay: string; from: number; nights: number; guests: number; payOnArrival?: boolean; guest: "shopper" | "phone" };

const STAYS: StayPlan[] = [
  { tail: "DEMXB1", stay: "moganshan-biwu-stream-house", from: 12, nights: 2, guests: 2, guest: "shopper" },
  { tail: "DEMXB3", stay: "lujia-field-house", from: 20, nights: 1, guests: 2, payOnArrival: true, guest: "shopper" },
  { tail: "DEMXB4", stay: "moganshan-bamboo-hideaway", from: 3, nights: 2, guests: 2, guest: "phone" },
];

const HOSTS_ON_ARRIVAL: Record<string, "auto" | "host"> = { "lujia-tianyuan-homestay": "auto", "moganshan-xiantan-stays": "host" };

async function orderRow(tx: Tx, number: string, guest: Guest, totalCents: number, onArrival: boolean, at: Date) {
  const [order] = await tx
    .insert(orders)
    .values({
      number,
      userId: guest.userId,
      status: onArrival ? "confirmed" : "paid",
      email: guest.email,
      name: guest.name,
      phone: guest.phone,
      province: "",
      city: "",
      district: "",
      addressDetail: "",
      locale: guest.locale,
      subtotalCents: totalCents,
      shippingCents: 0,
      totalCents,
      provider: onArrival ? "on_arrival" : "test",
      providerPaymentId: onArrival ? null : `pay_demo_${number}`,
      holdExpiresAt: at,
      paidAt: onArrival ? null : at,
      createdAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  return order?.id ?? null;
}

async function part(tx: Tx, orderId: number, cooperativeId: number, bps: number, totalCents: number, onArrival: boolean, at: Date) {
  const [so] = await tx
    .insert(sellerOrders)
    .values({
      orderId,
      cooperativeId,
      status: onArrival ? "confirmed" : "paid",
      subtotalCents: totalCents,
      shippingCents: 0,
      totalCents,
      commissionBps: bps,
      commissionCents: commissionOf(totalCents, bps),
      createdAt: at,
    })
    .returning({ id: sellerOrders.id });
  return so!.id;
}

/** The last room of the stay free (no booking, no blackout) for `nights` from the first day ≥ `from`. */
async function freeRoom(tx: Tx, stayId: number, today: string, from: number, nights: number) {
  const rooms = await tx.select().from(stayUnits).where(eq(stayUnits.stayId, stayId)).orderBy(asc(stayUnits.position), asc(stayUnits.id));
  const room = rooms.at(-1);
  if (!room) return null;
  for (let start = from; start < from + 60; start++) {
    const checkIn = addDays(today, start);
    const checkOut = addDays(checkIn, nights);
    const clash = await tx
      .select({ id: unitBlackouts.id })
      .from(unitBlackouts)
      .where(and(eq(unitBlackouts.unitId, room.id), lt(unitBlackouts.startDate, checkOut), gt(unitBlackouts.endDate, checkIn)))
      .union(
        tx
          .select({ id: stayBookings.id })
          .from(stayBookings)
          .where(
            and(
              eq(stayBookings.unitId, room.id),
              inArray(stayBookings.status, ["held", "confirmed"]),
              lt(stayBookings.checkIn, checkOut),
              gt(stayBookings.checkOut, checkIn),
            ),
          ),
      );
    if (clash.length) continue;
    const rates = await tx.select().from(unitRates).where(eq(unitRates.unitId, room.id)).orderBy(asc(unitRates.startDate));
    const quote = quoteRoom(
      { ...room, rates: rates.map((r) => ({ ...r, label: { zh: r.labelZh, en: r.labelEn } })), blackouts: [] },
      { checkIn, checkOut, guests: Math.min(2, room.maxGuests) },
    );
    if (!quote.meetsMinNights) continue;
    return { room, checkIn, checkOut, totalCents: quote.totalCents };
  }
  return null;
}

export async function seedDemoBookings(tx: Tx, today: string, now: Date = new Date()): Promise<number> {
  const [existing] = await tx.select({ id: orders.id }).from(orders).where(like(orders.number, "%-DEMXB%")).limit(1);
  const [shopper] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "shopper@xiangji.demo"));
  if (existing || !shopper) return 0;
  for (const [slug, mode] of Object.entries(HOSTS_ON_ARRIVAL)) {
    await tx.update(cooperatives).set({ payOnArrival: mode }).where(eq(cooperatives.slug, slug));
  }
  const guests: Record<StayPlan["guest"], Guest> = {
    shopper: { userId: shopper.id, email: "shopper@xiangji.demo", name: "Emma Shopper", phone: "13800000001", locale: "en" },
    phone: { userId: null, email: "guest.wang@example.com", name: "王先生", phone: "13900000002", locale: "zh-CN" },
  };
  const at = new Date(now.getTime() - 2 * 86_400_000);
  const number = (tail: string) => `XJ${DAY.format(at).replaceAll("-", "")}-${tail}`;
  let created = 0;

  for (const plan of STAYS) {
    const [stay] = await tx
      .select({ id: stays.id, cooperativeId: stays.cooperativeId, bps: cooperatives.commissionBps })
      .from(stays)
      .innerJoin(cooperatives, eq(cooperatives.id, stays.cooperativeId))
      .where(eq(stays.slug, plan.stay));
    if (!stay) continue; // a trimmed seed
    const free = await freeRoom(tx, stay.id, today, plan.from, plan.nights);
    if (!free) continue;
    const onArrival = plan.payOnArrival === true;
    const orderId = await orderRow(tx, number(plan.tail), guests[plan.guest], free.totalCents, onArrival, at);
    if (orderId === null) continue;
    const sellerOrderId = await part(tx, orderId, stay.cooperativeId, stay.bps, free.totalCents, onArrival, at);
    await tx.insert(stayBookings).values({
      orderId,
      sellerOrderId,
      unitId: free.room.id,
      checkIn: free.checkIn,
      checkOut: free.checkOut,
      guests: Math.min(plan.guests, free.room.maxGuests),
      totalCents: free.totalCents,
      status: "confirmed",
      createdAt: at,
    });
    created += 1;
  }

  // Two places at the rice-cake pounding, on its first session at least three days away with room.
  const [experience] = await tx
    .select({ id: experiences.id, cooperativeId: experiences.cooperativeId, price: experiences.pricePerPersonCents, bps: cooperatives.commissionBps })
    .from(experiences)
    .innerJoin(cooperatives, eq(cooperatives.id, experiences.cooperativeId))
    .where(eq(experiences.slug, "lujia-rice-cake-pounding"));
  if (experience) {
    const [slot] = await tx
      .select({ id: experienceSlots.id })
      .from(experienceSlots)
      .where(
        and(
          eq(experienceSlots.experienceId, experience.id),
          gt(experienceSlots.startsAt, new Date(now.getTime() + 3 * 86_400_000)),
          sql`${experienceSlots.bookedCount} + 2 <= ${experienceSlots.capacity}`,
        ),
      )
      .orderBy(asc(experienceSlots.startsAt))
      .limit(1);
    const totalCents = experience.price * 2;
    const orderId = slot ? await orderRow(tx, number("DEMXB2"), guests.shopper, totalCents, false, at) : null;
    if (slot && orderId !== null) {
      const sellerOrderId = await part(tx, orderId, experience.cooperativeId, experience.bps, totalCents, false, at);
      await tx
        .update(experienceSlots)
        .set({ bookedCount: sql`${experienceSlots.bookedCount} + 2` })
        .where(eq(experienceSlots.id, slot.id));
      await tx.insert(experienceBookings).values({ orderId, sellerOrderId, slotId: slot.id, people: 2, totalCents, status: "confirmed", createdAt: at });
      created += 1;
    }
  }
  return created;
}
