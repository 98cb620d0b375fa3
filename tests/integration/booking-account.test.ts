// The booking pages through their loaders and actions, as given browsers: the traveller's list
// and booking page (sign-in required, someone else's booking a 404, the refund shown before the
// cancel, a repeated or forged post refused with nothing changed) and the host's booking page
// (another cooperative's a 404, a reason required, owners only, pay-on-arrival requests answered).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orders, sellerOrders, stayBookings } from "../../db/schema/index";
import { addDays } from "~/modules/catalog/listing-dates";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createUser, createVillage, sellerTeams, sessionCookieFor, type SellerTeams } from "../factories";
import { createBookingOrder, createRoom } from "../factories/bookings";
import { createOrder } from "../factories/orders";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

process.env.MAIL_DIR ??= mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-booking-account-"));

let t: TestDb;
let list: typeof import("~/routes/account.bookings");
let page: typeof import("~/routes/account.booking");
let hostPage: typeof import("~/routes/dashboard.booking");
let holds: typeof import("~/modules/bookings/holds.server");
let mailer: typeof import("~/modules/mail/mailer.server");
let coopId: number;
let otherCoopId: number;
let villageId: number;
let team: SellerTeams;
let traveller: { id: number; email: string; cookie: string };
let stranger: { id: number; cookie: string };

const today = () => todayInShanghai();

beforeAll(async () => {
  t = openTestDb(8);
  process.env.DATABASE_URL = t.url;
  list = await import("~/routes/account.bookings");
  page = await import("~/routes/account.booking");
  hostPage = await import("~/routes/dashboard.booking");
  holds = await import("~/modules/bookings/holds.server");
  mailer = await import("~/modules/mail/mailer.server");
  villageId = (await createVillage(t.db, { nameZh: "鲁家村" })).id;
  coopId = (await createCooperative(t.db, { kind: "homestay_host", villageId, nameZh: "鲁家村竹里人家", contactPhone: "13900000001" })).id;
  otherCoopId = (await createCooperative(t.db, { kind: "homestay_host", villageId })).id;
  team = await sellerTeams(t.db, coopId, otherCoopId);
  const u = await createUser(t.db);
  traveller = { id: u.id, email: u.email, cookie: await sessionCookieFor(t.db, u.id) };
  const s = await createUser(t.db);
  stranger = { id: s.id, cookie: await sessionCookieFor(t.db, s.id) };
});
afterAll(async () => {
  await (await import("~/utils/db.server")).closeDb();
  await t.close();
});

async function booked(policy: "flexible" | "strict", checkIn: string, nights = 2, userId: number | null = traveller.id) {
  const room = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: policy, titleZh: "竹里人家" }, { nameZh: "竹影房" });
  const order = await createBookingOrder(t.db, { userId, parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn, checkOut: addDays(checkIn, nights), totalCents: 60_000 }] }] });
  return { room, order, id: order.stayIds[0]! };
}

/** Every row a cancellation could touch, for "nothing changed". */
async function fingerprint(orderId: number): Promise<string> {
  const [row] = await t.db.execute<{ f: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(o::text, ',') FROM orders o WHERE o.id = ${orderId}),
      (SELECT string_agg(s::text, ',' ORDER BY s.id) FROM seller_orders s WHERE s.order_id = ${orderId}),
      (SELECT string_agg(b::text, ',' ORDER BY b.id) FROM stay_bookings b WHERE b.order_id = ${orderId}),
      (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM refunds r WHERE r.order_id = ${orderId}))) AS f`);
  return row!.f;
}

const url = (id: number, kind = "stay") => `/account/bookings/${kind}/${id}`;
const params = (id: number | string, kind = "stay") => ({ kind, bookingId: String(id) });

describe("/account/bookings", () => {
  it("asks a visitor to sign in", async () => {
    const res = await callLoader(list, "/account/bookings");
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/login?redirectTo=${encodeURIComponent("/account/bookings")}`);
  });

  it("lists the traveller's own bookings, upcoming (soonest first) before past and cancelled, and not other people's", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, user.id);
    const later = await booked("flexible", addDays(today(), 40), 2, user.id);
    const sooner = await booked("flexible", addDays(today(), 10), 2, user.id);
    const past = await booked("flexible", addDays(today(), -10), 2, user.id);
    const cancelled = await booked("flexible", addDays(today(), 20), 2, user.id);
    await callAction(page, url(cancelled.id), { cookie, params: params(cancelled.id), form: { intent: "cancel", refundCents: "60000" } });
    await booked("flexible", addDays(today(), 15), 2, traveller.id);
    const res = await callLoader(list, "/account/bookings", { cookie });
    const body = res.body as { bookings: { id: number; upcoming: boolean; status: string; order: { number: string } }[] };
    expect(body.bookings.map((b) => [b.id, b.upcoming, b.status])).toEqual([
      [sooner.id, true, "confirmed"],
      [later.id, true, "confirmed"],
      [cancelled.id, false, "cancelled"],
      [past.id, false, "confirmed"],
    ]);
    expect(body.bookings[0]!.order.number).toBe(sooner.order.number);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
  });
});

describe("/account/bookings/:kind/:bookingId", () => {
  it("shows the booking and what cancelling now would give back; strangers, bad kinds and ids get 404", async () => {
    const { id } = await booked("strict", addDays(today(), 30));
    const res = await callLoader(page, url(id), { cookie: traveller.cookie, params: params(id) });
    expect(res.status).toBe(200);
    const body = res.body as { booking: { cooperative: { contactPhone: string } }; quote: { refundCents: number; percent: number; cancellable: boolean } };
    expect(body.quote).toMatchObject({ cancellable: true, refundCents: 30_000, percent: 50 });
    expect(body.booking.cooperative.contactPhone).toBe("13900000001");
    expect((await callLoader(page, url(id), { cookie: stranger.cookie, params: params(id) })).status).toBe(404);
    for (const [kind, bookingId] of [["experience", String(id)], ["room", String(id)], ["stay", "0"], ["stay", "1e3"], ["stay", "99999999999"], ["stay", "abc"]]) {
      expect((await callLoader(page, `/account/bookings/${kind}/${bookingId}`, { cookie: traveller.cookie, params: { kind: kind!, bookingId: bookingId! } })).status).toBe(404);
    }
    expect((await callLoader(page, url(id), { params: params(id) })).status).toBe(302);
  });

  it("cancels with the refund shown (303 back with a notice); a second post is a 409 with no second refund", async () => {
    const { order, id, room } = await booked("flexible", addDays(today(), 30));
    const res = await callAction(page, url(id), { cookie: traveller.cookie, params: params(id), form: { intent: "cancel", refundCents: "60000" } });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${url(id)}?cancelled=1`);
    const [row] = await t.db.select().from(stayBookings).where(eq(stayBookings.id, id));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: "traveller", refundedCents: 60_000 });
    const after = await fingerprint(order.id);
    const again = await callAction(page, url(id), { cookie: traveller.cookie, params: params(id), form: { intent: "cancel", refundCents: "60000" } });
    expect(again.status).toBe(409);
    expect(await fingerprint(order.id)).toBe(after);
    const [refunds] = await t.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM refunds WHERE order_id = ${order.id}`);
    expect(refunds!.n).toBe(1);
    // The nights are free for the next traveller at once.
    const next = await createBookingOrder(t.db, { parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn: addDays(today(), 30), checkOut: addDays(today(), 31), totalCents: 1 }] }] });
    expect(next.stayIds).toHaveLength(1);
    // The traveller's mail says what comes back.
    expect((await mailer.latestMailTo(order.email))?.text).toContain("退款 ¥600.00 将原路退回你的付款账户。");
  });

  it("refuses forged, stale and foreign posts with nothing changed", async () => {
    const { order, id } = await booked("flexible", addDays(today(), 30));
    const before = await fingerprint(order.id);
    const post = (form: Record<string, string>, cookie = traveller.cookie, origin?: string) => callAction(page, url(id), { cookie, params: params(id), form, origin });
    expect((await post({ intent: "cancel" })).status).toBe(400);
    expect((await post({ intent: "delete", refundCents: "60000" })).status).toBe(400);
    expect((await post({ intent: "cancel", refundCents: "-1" })).status).toBe(400);
    expect((await post({ intent: "cancel", refundCents: "30000" })).status).toBe(409); // not what it would refund
    expect((await post({ intent: "cancel", refundCents: "60000" }, stranger.cookie)).status).toBe(404);
    expect((await post({ intent: "cancel", refundCents: "60000" }, traveller.cookie, "https://evil.example")).status).toBe(403);
    expect((await callAction(page, url(id, "experience"), { cookie: traveller.cookie, params: params(id, "experience"), form: { intent: "cancel", refundCents: "60000" } })).status).toBe(404);
    expect(await fingerprint(order.id)).toBe(before);
  });
});

describe("withdrawing a pay-on-arrival request", () => {
  it("the traveller withdraws a request the host has not answered (303, nights free); a stranger gets 404, a second post 409", async () => {
    const room = await createRoom(t.db, { cooperativeId: coopId, villageId });
    const o = await createOrder(t.db, { userId: traveller.id, status: "pending_payment", parts: [{ cooperativeId: coopId, status: "pending_payment" }] });
    await t.db.update(orders).set({ provider: "on_arrival", providerSessionId: null }).where(eq(orders.id, o.id));
    const checkIn = addDays(today(), 25);
    const id = await t.db.transaction((tx) =>
      holds.holdStayNights(tx, { orderId: o.id, sellerOrderId: o.sellerOrders[0]!.id, unitId: room.unitId, checkIn, checkOut: addDays(checkIn, 1), guests: 2, totalCents: 40_000, expiresAt: new Date(Date.now() + 86_400_000) }),
    );
    const before = await fingerprint(o.id);
    const foreign = await callAction(page, url(id), { cookie: stranger.cookie, params: params(id), form: { intent: "withdraw" } });
    expect(foreign.status).toBe(404);
    expect(await fingerprint(o.id)).toBe(before);

    const done = await callAction(page, url(id), { cookie: traveller.cookie, params: params(id), form: { intent: "withdraw" } });
    expect(done.status).toBe(303);
    expect(done.location).toMatch(/\?withdrawn=1$/);
    const [row] = await t.db.execute<{ status: string; by: string; order: string }>(sql`
      SELECT b.status::text, b.cancelled_by AS by, o.status::text AS order FROM stay_bookings b JOIN orders o ON o.id = b.order_id WHERE b.id = ${id}`);
    expect(row).toEqual({ status: "cancelled", by: "traveller", order: "cancelled" });
    expect((await callAction(page, url(id), { cookie: traveller.cookie, params: params(id), form: { intent: "withdraw" } })).status).toBe(409);
  });
});

describe("/dashboard/bookings/:kind/:bookingId", () => {
  const hostUrl = (id: number) => `/dashboard/bookings/stay/${id}`;

  it("shows the guest to the cooperative's members; another cooperative gets 404", async () => {
    const { id, order } = await booked("flexible", addDays(today(), 30));
    const res = await callLoader(hostPage, hostUrl(id), { cookie: team.staff, params: params(id) });
    expect(res.status).toBe(200);
    const body = res.body as { booking: { order: { name: string; phone: string; email: string; number: string } }; canCancel: boolean; refundCents: number; isOwner: boolean };
    expect(body.booking.order).toMatchObject({ name: "张小满", phone: "13800138000", email: order.email, number: order.number });
    expect(body).toMatchObject({ canCancel: true, refundCents: 60_000, isOwner: false });
    expect((await callLoader(hostPage, hostUrl(id), { cookie: team.ownerB, params: params(id) })).status).toBe(404);
    expect((await callAction(hostPage, hostUrl(id), { cookie: team.ownerB, params: params(id), form: { intent: "cancel", reason: "x" } })).status).toBe(404);
  });

  it("cancel: owners only, a reason required (400, nothing changed), then a full refund and a mail to the traveller", async () => {
    const { id, order } = await booked("strict", addDays(today(), 3));
    const before = await fingerprint(order.id);
    const post = (cookie: string, form: Record<string, string>) => callAction(hostPage, hostUrl(id), { cookie, params: params(id), form });
    expect((await post(team.staff, { intent: "cancel", reason: "漏水" })).status).toBe(403);
    expect((await post(team.owner, { intent: "cancel" })).status).toBe(400);
    expect((await post(team.owner, { intent: "cancel", reason: "   " })).status).toBe(400);
    expect(await fingerprint(order.id)).toBe(before);
    const res = await post(team.owner, { intent: "cancel", reason: "屋顶漏水，无法接待" });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`${hostUrl(id)}?done=cancelled`);
    const [row] = await t.db.select().from(stayBookings).where(eq(stayBookings.id, id));
    expect(row).toMatchObject({ status: "cancelled", cancelledBy: "host", cancelReason: "屋顶漏水，无法接待", refundedCents: 60_000 });
    const [o] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(o!.status).toBe("refunded");
    const mail = await mailer.latestMailTo(order.email);
    expect(mail?.text).toContain("原因：屋顶漏水，无法接待");
    expect((await post(team.owner, { intent: "cancel", reason: "again" })).status).toBe(409);
  });

  it("a pay-on-arrival request: the host accepts (confirmation mail with .ics) or declines (nights free again)", async () => {
    const request = async () => {
      const room = await createRoom(t.db, { cooperativeId: coopId, villageId });
      const o = await createOrder(t.db, { userId: traveller.id, status: "pending_payment", parts: [{ cooperativeId: coopId, status: "pending_payment" }] });
      await t.db.update(orders).set({ provider: "on_arrival", providerSessionId: null }).where(eq(orders.id, o.id));
      const checkIn = addDays(today(), 20);
      const id = await t.db.transaction((tx) =>
        holds.holdStayNights(tx, { orderId: o.id, sellerOrderId: o.sellerOrders[0]!.id, unitId: room.unitId, checkIn, checkOut: addDays(checkIn, 1), guests: 2, totalCents: 40_000, expiresAt: new Date(Date.now() + 86_400_000) }),
      );
      return { o, id, room, checkIn };
    };
    const a = await request();
    const loaded = await callLoader(hostPage, hostUrl(a.id), { cookie: team.staff, params: params(a.id) });
    expect(loaded.body).toMatchObject({ waitingForHost: true, canCancel: false });
    const accepted = await callAction(hostPage, hostUrl(a.id), { cookie: team.staff, params: params(a.id), form: { intent: "confirm" } });
    expect(accepted.status).toBe(303);
    const [o] = await t.db.select({ status: orders.status }).from(orders).where(eq(orders.id, a.o.id));
    expect(o!.status).toBe("confirmed");
    const mail = await mailer.latestMailTo(a.o.email);
    expect(mail?.subject).toBe(`乡集预订已确认（订单 ${a.o.number}）`);
    expect(mail?.text).toContain("（到店支付）");
    expect((await callAction(hostPage, hostUrl(a.id), { cookie: team.staff, params: params(a.id), form: { intent: "confirm" } })).status).toBe(409);

    const b = await request();
    expect((await callAction(hostPage, hostUrl(b.id), { cookie: team.staff, params: params(b.id), form: { intent: "decline" } })).status).toBe(400);
    const declined = await callAction(hostPage, hostUrl(b.id), { cookie: team.staff, params: params(b.id), form: { intent: "decline", reason: "那天家里有事" } });
    expect(declined.status).toBe(303);
    const [so] = await t.db.select({ status: sellerOrders.status }).from(sellerOrders).where(eq(sellerOrders.orderId, b.o.id));
    expect(so!.status).toBe("cancelled");
    const free = await createBookingOrder(t.db, { parts: [{ cooperativeId: coopId, stays: [{ unitId: b.room.unitId, checkIn: b.checkIn, checkOut: addDays(b.checkIn, 1), totalCents: 1 }] }] });
    expect(free.stayIds).toHaveLength(1);
    expect((await mailer.latestMailTo(b.o.email))?.text).toContain("原因：那天家里有事");
  });
});
