// Cancelled bookings of an order paid through Stripe (the local double): each cancellation
// refunds exactly the booking's amount with its own idempotency key, and takes the cooperative's
// share of it back from the Connect transfer; the cancellation that empties the seller order
// takes back the rest, so the reversals add up to the transfer.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orders, sellerOrders } from "../../db/schema/index";
import { createCooperative, createUser, createVillage } from "../factories";
import { createBookingOrder, createRoom } from "../factories/bookings";
import { double, setupStripeFlow, t } from "./stripe-support";

setupStripeFlow();

let cancellation: typeof import("~/modules/bookings/cancellation.server");
let transfers: typeof import("~/modules/orders/transfers.server");

beforeAll(async () => {
  cancellation = await import("~/modules/bookings/cancellation.server");
  transfers = await import("~/modules/orders/transfers.server");
});

const shanghai = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

describe("booking refunds through Stripe", () => {
  it("refunds each cancelled booking's amount and reverses the cooperative's share; the reversals add up to the transfer", async () => {
    const villageId = (await createVillage(t.db)).id;
    const coop = await createCooperative(t.db, { kind: "homestay_host", villageId, stripeAccountId: "acct_1BookingHost01", commissionBps: 1000 });
    const user = await createUser(t.db);
    const a = await createRoom(t.db, { cooperativeId: coop.id, villageId, cancellationPolicy: "strict" });
    const b = await createRoom(t.db, { cooperativeId: coop.id, villageId, cancellationPolicy: "flexible" });
    const order = await createBookingOrder(t.db, {
      userId: user.id,
      parts: [
        {
          cooperativeId: coop.id,
          commissionBps: 1000,
          stays: [
            { unitId: a.unitId, checkIn: "2027-06-20", checkOut: "2027-06-22", totalCents: 100_001 },
            { unitId: b.unitId, checkIn: "2027-06-20", checkOut: "2027-06-21", totalCents: 50_000 },
          ],
        },
      ],
    });
    const paymentId = `pi_booking${order.id}`;
    await t.db.update(orders).set({ provider: "stripe", providerPaymentId: paymentId }).where(eq(orders.id, order.id));
    const paid = await transfers.transferSellerShares(t.db, order.id);
    const so = order.sellerOrders[0]!;
    const transferId = paid.transferred[0]!.transferId;
    const [{ commissionCents }] = (await t.db.select({ commissionCents: sellerOrders.commissionCents }).from(sellerOrders).where(eq(sellerOrders.id, so.id))) as [{ commissionCents: number }];
    const transferAmount = 150_001 - commissionCents;
    expect(paid.transferred[0]!.amountCents).toBe(transferAmount);

    // Strict, within 7 days of nothing: 50% of 100,001 fen (rounded) back, and 90% of that from the host.
    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: order.stayIds[0]!, userId: user.id }, shanghai("2027-06-13", "20:00"));
    const refundsSent = () => double.requestsTo("POST", "/v1/refunds").filter((r) => r.form.payment_intent === paymentId);
    expect(refundsSent().map((r) => [r.form.amount, r.idempotencyKey])).toEqual([["50001", `refund-booking-stay-${order.stayIds[0]}`]]);
    const reversals = () => double.requestsTo("POST", `/v1/transfers/${transferId}/reversals`);
    expect(reversals().map((r) => [r.form.amount, r.idempotencyKey])).toEqual([[String(50_001 - 5_000), `reverse-booking-stay-${order.stayIds[0]}`]]);
    let [o] = await t.db.select({ status: orders.status, refundedCents: orders.refundedCents }).from(orders).where(eq(orders.id, order.id));
    expect(o).toEqual({ status: "partially_refunded", refundedCents: 50_001 });

    // The host cancels the other room: all of it back and its share reversed; the strict room's
    // kept half stays paid (and transferred).
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: order.stayIds[1]!, cooperativeId: coop.id, reason: "水电检修" }, shanghai("2027-06-15", "09:00"));
    expect(refundsSent().map((r) => r.form.amount)).toEqual(["50001", "50000"]);
    expect(reversals().map((r) => Number(r.form.amount))).toEqual([45_001, 45_000]);
    expect(double.object(transferId)).toMatchObject({ amount_reversed: 90_001, reversed: false });
    [o] = await t.db.select({ status: orders.status, refundedCents: orders.refundedCents }).from(orders).where(eq(orders.id, order.id));
    expect(o).toEqual({ status: "partially_refunded", refundedCents: 100_001 });
    const [s] = await t.db.execute<{ status: string; refunded_cents: number }>(sql`SELECT status, refunded_cents FROM seller_orders WHERE id = ${so.id}`);
    expect(s).toMatchObject({ status: "paid", refunded_cents: 100_001 });
  });

  it("the cancellation that empties a seller order reverses the rest of its transfer: the reversals add up to it", async () => {
    const villageId = (await createVillage(t.db)).id;
    const coop = await createCooperative(t.db, { kind: "homestay_host", villageId, stripeAccountId: "acct_1BookingHost02", commissionBps: 800 });
    const user = await createUser(t.db);
    const rooms = [await createRoom(t.db, { cooperativeId: coop.id, villageId, cancellationPolicy: "flexible" }), await createRoom(t.db, { cooperativeId: coop.id, villageId })];
    const order = await createBookingOrder(t.db, {
      userId: user.id,
      parts: [{ cooperativeId: coop.id, stays: rooms.map((r) => ({ unitId: r.unitId, checkIn: "2027-07-20", checkOut: "2027-07-23", totalCents: 77_777 })) }],
    });
    const paymentId = `pi_booking${order.id}`;
    await t.db.update(orders).set({ provider: "stripe", providerPaymentId: paymentId }).where(eq(orders.id, order.id));
    const paid = await transfers.transferSellerShares(t.db, order.id);
    const transferId = paid.transferred[0]!.transferId;
    const transferAmount = paid.transferred[0]!.amountCents;
    const so = order.sellerOrders[0]!;

    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: order.stayIds[0]!, userId: user.id }, shanghai("2027-07-01", "09:00"));
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: order.stayIds[1]!, cooperativeId: coop.id, reason: "暂停营业" }, shanghai("2027-07-01", "10:00"));
    const reversals = double.requestsTo("POST", `/v1/transfers/${transferId}/reversals`);
    expect(reversals.map((r) => r.idempotencyKey)).toEqual([`reverse-booking-stay-${order.stayIds[0]}`, `reverse-${so.id}`]);
    expect(reversals.reduce((sum, r) => sum + Number(r.form.amount), 0)).toBe(transferAmount);
    expect(double.object(transferId)).toMatchObject({ amount_reversed: transferAmount, reversed: true });
    const [o] = await t.db.select({ status: orders.status, refundedCents: orders.refundedCents }).from(orders).where(eq(orders.id, order.id));
    expect(o).toEqual({ status: "refunded", refundedCents: 155_554 });
    const [s] = await t.db.execute<{ status: string; transfer_reversal_id: string | null }>(sql`SELECT status, transfer_reversal_id FROM seller_orders WHERE id = ${so.id}`);
    expect(s!.status).toBe("refunded");
    expect(s!.transfer_reversal_id).toMatch(/^trr_/);
  });
});

describe("a transfer made after a booking was cancelled (a retried transfer)", () => {
  it("leaves the cancelled booking's share out, and a later full refund reverses exactly what was transferred", async () => {
    const villageId = (await createVillage(t.db)).id;
    const coop = await createCooperative(t.db, { kind: "homestay_host", villageId, stripeAccountId: "acct_1BookingHost03", commissionBps: 1000 });
    const user = await createUser(t.db);
    const a = await createRoom(t.db, { cooperativeId: coop.id, villageId, cancellationPolicy: "flexible" });
    const b = await createRoom(t.db, { cooperativeId: coop.id, villageId, cancellationPolicy: "flexible" });
    const order = await createBookingOrder(t.db, {
      userId: user.id,
      parts: [
        {
          cooperativeId: coop.id,
          commissionBps: 1000,
          stays: [
            { unitId: a.unitId, checkIn: "2027-07-20", checkOut: "2027-07-21", totalCents: 40_000 },
            { unitId: b.unitId, checkIn: "2027-07-20", checkOut: "2027-07-21", totalCents: 60_000 },
          ],
        },
      ],
    });
    const paymentId = `pi_booking_late${order.id}`;
    await t.db.update(orders).set({ provider: "stripe", providerPaymentId: paymentId }).where(eq(orders.id, order.id));
    const so = order.sellerOrders[0]!;

    // No transfer yet (it failed at payment); the traveller cancels the first room in full.
    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: order.stayIds[0]!, userId: user.id }, shanghai("2027-07-01", "10:00"));
    // The retry pays out the share of what is still booked only: 60 000 − 10% commission.
    const late = await transfers.transferSellerShares(t.db, order.id);
    expect(late.transferred.map((x) => x.amountCents)).toEqual([54_000]);
    const transferId = late.transferred[0]!.transferId;

    // The host then cancels the other room: the reversal takes back exactly what was transferred.
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: order.stayIds[1]!, cooperativeId: coop.id, reason: "停水" }, shanghai("2027-07-02", "10:00"));
    const [s] = await t.db.execute<{ status: string }>(sql`SELECT status FROM seller_orders WHERE id = ${so.id}`);
    expect(s!.status).toBe("refunded");
    expect(double.object(transferId)).toMatchObject({ amount_reversed: 54_000 });
  });
});
