// Booking mails read back from MAIL_DIR: the confirmation (traveller, in the order's language,
// with check-in details and an .ics whose dates are right in any server time zone; each host with
// the guest), the cancellation mails with the refund, and the reminder two days before — sent
// once even when two sweeps run at once, never for a cancelled booking or three days before.
import { mkdtempSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ICAL from "ical.js";
import { type ParsedMail, simpleParser } from "mailparser";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PaymentProvider } from "~/modules/payments/port";
import { addDays } from "~/modules/catalog/listing-dates";
import { todayInShanghai } from "~/utils/format";
import { addMembership, createCooperative, createUser, createVillage, uniqueSlug } from "../factories";
import { createBookingOrder, createRoom } from "../factories/bookings";
import { type TestDb, openTestDb } from "../setup/db";
import { createExperience } from "./catalog-listing-fixtures";
import { ORIGIN } from "./route-support";

const MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-booking-mails-"));
process.env.MAIL_DIR = MAIL_DIR;

let t: TestDb;
let mails: typeof import("~/modules/bookings/mails.server");
let reminders: typeof import("~/modules/bookings/reminders.server");
let cancellation: typeof import("~/modules/bookings/cancellation.server");
let coopId: number;
let villageId: number;
let hostEmail: string;
let ownerEmail: string;

const testProvider: PaymentProvider = {
  name: "test",
  startPayment: () => Promise.reject(new Error("not here")),
  refund: async () => ({ refundId: `test_re_${uniqueSlug("r")}` }),
  transfer: () => Promise.reject(new Error("not here")),
  reverseTransfer: () => Promise.reject(new Error("not here")),
  expirePayment: async () => {},
};

beforeAll(async () => {
  t = openTestDb(8);
  process.env.DATABASE_URL = t.url;
  mails = await import("~/modules/bookings/mails.server");
  reminders = await import("~/modules/bookings/reminders.server");
  cancellation = await import("~/modules/bookings/cancellation.server");
  villageId = (await createVillage(t.db, { nameZh: "余村", nameEn: "Yucun", townZh: "天荒坪镇", townEn: "Tianhuangping" })).id;
  hostEmail = `host-${uniqueSlug("h")}@example.test`;
  coopId = (
    await createCooperative(t.db, {
      kind: "homestay_host",
      villageId,
      nameZh: "余村溪山居",
      nameEn: "Yucun Creek House",
      contactName: "钱阿姨",
      contactPhone: "13705720000",
      contactEmail: hostEmail,
    })
  ).id;
  const owner = await createUser(t.db);
  ownerEmail = owner.email;
  await addMembership(t.db, owner.id, coopId, "owner");
});
afterAll(async () => {
  await (await import("~/utils/db.server")).closeDb();
  await t.close();
});

/** Every stored mail to an address, parsed with its attachments (oldest first). */
async function mailsTo(address: string): Promise<ParsedMail[]> {
  const files = (await readdir(MAIL_DIR)).filter((f) => f.endsWith(".eml")).sort();
  const parsed = await Promise.all(files.map(async (f) => simpleParser(await readFile(path.join(MAIL_DIR, f)))));
  return parsed.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.toLowerCase().includes(address.toLowerCase())));
}

function events(ics: string) {
  return new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
}

const shanghai = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

async function slotAt(startsAt: Date, title = "安吉白茶采摘") {
  const exp = await createExperience(t.db, { cooperativeId: coopId, villageId, titleZh: title, titleEn: "Anji white tea picking", durationMinutes: 180, meetingPointZh: "村口大樟树下" }, [{ startsAt, capacity: 12 }]);
  const [slot] = await t.db.execute<{ id: number }>(sql`SELECT id FROM experience_slots WHERE experience_id = ${exp.id}`);
  return Number(slot!.id);
}

describe("the confirmation", () => {
  it("tells the traveller when, where, the rules and whom to call, with an .ics of all-day nights and the timed slot", async () => {
    const room = await createRoom(
      t.db,
      { cooperativeId: coopId, villageId, cancellationPolicy: "moderate", checkInTime: "15:00", checkOutTime: "11:00", houseRulesZh: "晚上十点后请保持安静\n室内禁烟" },
      { nameZh: "竹林房" },
    );
    const slotId = await slotAt(shanghai("2027-05-02", "09:00"));
    const user = await createUser(t.db);
    const order = await createBookingOrder(t.db, {
      userId: user.id,
      name: "张小满",
      parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn: "2027-05-01", checkOut: "2027-05-03", guests: 2, totalCents: 96_000 }], seats: [{ slotId, people: 2, totalCents: 25_600 }] }],
    });
    expect(await mails.sendBookingConfirmationMails(t.db, order.id, ORIGIN)).toBe(2);

    const [mail, ...more] = await mailsTo(order.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`乡集预订已确认（订单 ${order.number}）`);
    for (const text of [
      "张小满，你好",
      "【溪山居 · 竹林房】",
      "入住 2027年5月1日 15:00 之后，退房 2027年5月3日 11:00 之前（2 晚，2 位客人）",
      "地点：浙江省湖州市安吉县天荒坪镇余村",
      "入住须知：晚上十点后请保持安静；室内禁烟",
      "主人联系方式：钱阿姨，13705720000，" + hostEmail,
      "金额：¥960.00",
      "取消政策：适中",
      "【安吉白茶采摘】",
      "09:00（北京时间），约 180 分钟，2 人",
      "集合地点：村口大樟树下",
      `${ORIGIN}/account/bookings`,
    ]) {
      expect(mail!.text).toContain(text);
    }
    const ics = mail!.attachments.find((a) => a.filename?.endsWith(".ics"));
    expect(ics?.contentType).toBe("text/calendar");
    const [stay, slot] = events(ics!.content.toString("utf8"));
    // The nights [check-in, check-out) as dates, whatever TZ this process runs in.
    expect(stay!.startDate.isDate).toBe(true);
    expect(stay!.startDate.toString()).toBe("2027-05-01");
    expect(stay!.endDate.toString()).toBe("2027-05-03");
    expect(stay!.summary).toBe("溪山居 · 竹林房");
    expect(stay!.location).toContain("余村");
    expect(slot!.startDate.isDate).toBe(false);
    expect(slot!.startDate.toJSDate().toISOString()).toBe("2027-05-02T01:00:00.000Z"); // 09:00 in Shanghai
    expect(slot!.endDate.toJSDate().toISOString()).toBe("2027-05-02T04:00:00.000Z");

    const [host, ...moreHost] = await mailsTo(hostEmail);
    expect(moreHost).toEqual([]);
    expect(host!.subject).toBe(`新预订 ${order.number}：溪山居 · 竹林房`);
    expect(host!.text).toContain(`客人：张小满，13800138000，${order.email}`);
    expect(host!.text).toContain(`${ORIGIN}/dashboard/bookings/stay/${order.stayIds[0]}`);
    expect(await mailsTo(ownerEmail)).toEqual([]); // the contact address gets it instead
  });

  it("writes in English for an English order, links a guest to the signed order page, and escapes what people typed", async () => {
    const room = await createRoom(t.db, { cooperativeId: coopId, villageId, houseRulesEn: "<script>alert(1)</script> No smoking", titleEn: "Creek <b>House</b>" });
    const order = await createBookingOrder(t.db, { locale: "en", name: "Alex", parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn: "2027-05-10", checkOut: "2027-05-11", totalCents: 48_000 }] }] });
    await mails.sendBookingConfirmationMails(t.db, order.id, ORIGIN);
    const [mail] = await mailsTo(order.email);
    expect(mail!.subject).toBe(`Your Xiangji booking is confirmed (order ${order.number})`);
    expect(mail!.text).toContain("Check in on 10 May 2027 from 14:00, check out on 11 May 2027 by 12:00 (1 night(s), 2 guest(s))");
    expect(mail!.text).toContain(`${ORIGIN}/en/orders/${order.number}?t=`);
    expect(mail!.html).not.toContain("<script>");
    expect(mail!.html).toContain("&lt;script&gt;");
  });

  it("sends nothing for an order without confirmed bookings", async () => {
    const order = await createBookingOrder(t.db, { parts: [{ cooperativeId: coopId }] });
    expect(await mails.sendBookingConfirmationMails(t.db, order.id, ORIGIN)).toBe(0);
    expect(await mailsTo(order.email)).toEqual([]);
  });
});

describe("the cancellation mails", () => {
  it("the traveller hears the refund; the host hears that the guest cancelled", async () => {
    const room = await createRoom(t.db, { cooperativeId: coopId, villageId, cancellationPolicy: "strict" });
    const user = await createUser(t.db);
    const order = await createBookingOrder(t.db, { userId: user.id, parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn: "2027-06-20", checkOut: "2027-06-22", totalCents: 96_000 }] }] });
    const before = (await mailsTo(hostEmail)).length;
    await cancellation.cancelBookingByTraveller(t.db, { kind: "stay", bookingId: order.stayIds[0]!, userId: user.id }, shanghai("2027-06-10", "12:00"), { provider: testProvider, origin: ORIGIN });
    const [mail] = await mailsTo(order.email);
    expect(mail!.subject).toBe(`预订已取消：溪山居 · 溪景房（订单 ${order.number}）`);
    expect(mail!.text).toContain("你已取消以下预订。");
    expect(mail!.text).toContain("退款 ¥480.00 将原路退回你的付款账户。");
    const host = (await mailsTo(hostEmail)).slice(before);
    expect(host.map((m) => m.subject)).toEqual([`客人取消了预订 ${order.number}：溪山居 · 溪景房`]);
    expect(host[0]!.text).toContain("退还客人：¥480.00");
  });

  it("a host's cancellation tells the traveller why and that everything comes back; the host gets no mail", async () => {
    const room = await createRoom(t.db, { cooperativeId: coopId, villageId });
    const order = await createBookingOrder(t.db, { parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn: "2027-06-20", checkOut: "2027-06-21", totalCents: 48_000 }] }] });
    const before = (await mailsTo(hostEmail)).length;
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: order.stayIds[0]!, cooperativeId: coopId, reason: "台风预警，民宿暂停营业" }, shanghai("2027-06-19", "12:00"), { provider: testProvider, origin: ORIGIN });
    const [mail] = await mailsTo(order.email);
    expect(mail!.text).toContain("很抱歉，余村溪山居 取消了你的以下预订。");
    expect(mail!.text).toContain("原因：台风预警，民宿暂停营业");
    expect(mail!.text).toContain("退款 ¥480.00 将原路退回你的付款账户。");
    expect((await mailsTo(hostEmail)).length).toBe(before);
  });
});

describe("the reminder two days before", () => {
  it("goes once per booking (two sweeps at once → one mail), only for confirmed bookings two days away", async () => {
    const now = new Date();
    const today = todayInShanghai(now);
    const make = async (checkIn: string) => {
      const room = await createRoom(t.db, { cooperativeId: coopId, villageId });
      return createBookingOrder(t.db, { parts: [{ cooperativeId: coopId, stays: [{ unitId: room.unitId, checkIn, checkOut: addDays(checkIn, 1), totalCents: 48_000 }] }] });
    };
    const due = await make(addDays(today, 2));
    const early = await make(addDays(today, 3));
    const cancelled = await make(addDays(today, 2));
    const madeToday = await make(addDays(today, 1)); // its confirmation just went out
    await cancellation.cancelBookingByHost(t.db, { kind: "stay", bookingId: cancelled.stayIds[0]!, cooperativeId: coopId, reason: "维修" }, now, { provider: testProvider });
    // A slot two Shanghai days away (10:00 there).
    const slotId = await slotAt(new Date(`${addDays(today, 2)}T10:00:00+08:00`));
    const seat = await createBookingOrder(t.db, { parts: [{ cooperativeId: coopId, seats: [{ slotId, people: 2, totalCents: 25_600 }] }] });

    const [a, b] = await Promise.all([reminders.sendBookingReminders(t.db, now, ORIGIN), reminders.sendBookingReminders(t.db, now, ORIGIN)]);
    expect(a.failed + b.failed).toBe(0);
    await reminders.sendBookingReminders(t.db, now, ORIGIN); // a later sweep: nothing new
    const [reminder, ...more] = await mailsTo(due.email);
    expect(more).toEqual([]);
    expect(reminder!.subject).toBe("两天后见：溪山居 · 溪景房");
    expect(reminder!.text).toContain("主人联系方式：钱阿姨");
    expect(await mailsTo(early.email)).toEqual([]);
    expect(await mailsTo(madeToday.email)).toEqual([]);
    expect((await mailsTo(cancelled.email)).map((m) => m.subject)).not.toContain("两天后见：溪山居 · 溪景房");
    expect((await mailsTo(seat.email)).map((m) => m.subject)).toEqual(["两天后见：安吉白茶采摘"]);
    const [row] = await t.db.execute<{ reminded: boolean }>(sql`SELECT reminded_at IS NOT NULL AS reminded FROM stay_bookings WHERE id = ${early.stayIds[0]!}`);
    expect(row!.reminded).toBe(false);
  });
});
