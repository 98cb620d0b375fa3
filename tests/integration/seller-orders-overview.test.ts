// The sales overview on the dashboard home (today / 7 days / 30 days in Beijing time, refunds
// taken off, unpaid and cancelled orders left out, top products by units) and the shipping
// settings page (owners only; every bad amount a 400 that changes nothing).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { cooperatives } from "../../db/schema/index";
import { createCooperative, sellerTeams } from "../factories";
import { createOrder } from "../factories/orders";
import { callAction, callLoader } from "./route-support";
import { coopA, coopB, setupSellerOrders, t, team } from "./seller-orders-support";

setupSellerOrders();

let sales: typeof import("~/modules/orders/sales.server");
let home: typeof import("~/routes/dashboard._index");
let shipping: typeof import("~/routes/dashboard.shipping");

beforeAll(async () => {
  sales = await import("~/modules/orders/sales.server");
  home = await import("~/routes/dashboard._index");
  shipping = await import("~/routes/dashboard.shipping");
});

describe("the sales overview", () => {
  it("adds up paid orders per Beijing day window, less refunds, and ranks the products of 30 days", async () => {
    // A cooperative of its own, so that no other test's orders count.
    const coop = await createCooperative(t.db);
    const NOW = new Date("2031-06-15T04:00:00Z"); // 12:00 in Shanghai, 15 June
    const at = (iso: string) => new Date(iso);
    const line = (titleZh: string, productSlug: string, unitPriceCents: number, quantity: number) => ({ titleZh, productSlug, unitPriceCents, quantity });
    const order = (createdAt: Date, lines: ReturnType<typeof line>[], extra: Partial<Parameters<typeof createOrder>[1]["parts"][number]> = {}) =>
      createOrder(t.db, { createdAt, parts: [{ cooperativeId: coop.id, shippingCents: 1000, lines, ...extra }] });

    await order(at("2031-06-15T01:00:00Z"), [line("白茶", "tea", 10000, 2)]); // today 09:00: 210.00
    await order(at("2031-06-14T16:30:00Z"), [line("蜂蜜", "honey", 5000, 1)], { status: "shipped" }); // today 00:30: 60.00
    await order(at("2031-06-14T15:30:00Z"), [line("白茶", "tea", 10000, 1)], { status: "delivered" }); // yesterday 23:30: 110.00
    await order(at("2031-06-10T02:00:00Z"), [line("笋干", "bamboo", 3000, 5)], { refundedCents: 4000 }); // 7 days: 160.00 − 40.00
    await order(at("2031-06-09T15:59:00Z"), [line("笋干", "bamboo", 3000, 1)]); // 9 June 23:59, 6 days before today: 40.00
    await order(at("2031-06-01T02:00:00Z"), [line("香菇", "mushroom", 2000, 3)]); // 30 days: 70.00
    await order(at("2031-05-16T16:00:00Z"), [line("香菇", "mushroom", 2000, 1)]); // 17 May 00:00, the 30th day: 30.00
    await order(at("2031-05-16T15:59:00Z"), [line("杨梅", "bayberry", 9900, 50)]); // 16 May 23:59: too old
    await order(at("2031-06-15T02:00:00Z"), [line("杨梅", "bayberry", 9900, 50)], { status: "pending_payment" });
    await order(at("2031-06-15T02:00:00Z"), [line("杨梅", "bayberry", 9900, 50)], { status: "cancelled" });
    await order(at("2031-06-15T02:00:00Z"), [line("杨梅", "bayberry", 9900, 50)], { status: "refunded" });
    await order(at("2031-06-15T05:00:00Z"), [line("杨梅", "bayberry", 9900, 50)]); // after "now"
    await createOrder(t.db, { createdAt: at("2031-06-15T01:00:00Z"), parts: [{ cooperativeId: coopB.id, lines: [line("山核桃", "hickory", 9900, 50)] }] });
    // A paid order created a minute before midnight counts on the day it was paid.
    await createOrder(t.db, {
      createdAt: at("2031-06-14T15:59:00Z"),
      paidAt: at("2031-06-14T16:01:00Z"),
      parts: [{ cooperativeId: coop.id, shippingCents: 0, lines: [line("蜂蜜", "honey", 5000, 2)] }],
    }); // today 00:01: 100.00

    const overview = await sales.salesOverview(t.db, coop.id, NOW);
    expect(overview.today).toEqual({ orders: 3, revenueCents: 21_000 + 6_000 + 10_000 });
    expect(overview.days7).toEqual({ orders: 6, revenueCents: 37_000 + 11_000 + 12_000 + 4_000 });
    expect(overview.days30).toEqual({ orders: 8, revenueCents: 64_000 + 7_000 + 3_000 });
    expect(overview.topProducts.map((p) => [p.titleZh, p.units, p.revenueCents])).toEqual([
      ["笋干", 6, 18_000],
      ["香菇", 4, 8_000],
      ["白茶", 3, 30_000],
      ["蜂蜜", 3, 15_000],
    ]);
  });

  it("keeps to five products, and is empty for a cooperative without sales", async () => {
    const coop = await createCooperative(t.db);
    for (let i = 1; i <= 7; i++) {
      await createOrder(t.db, { parts: [{ cooperativeId: coop.id, lines: [{ titleZh: `商品${i}`, productSlug: `p-${i}`, quantity: i }] }] });
    }
    const overview = await sales.salesOverview(t.db, coop.id);
    expect(overview.topProducts.map((p) => p.titleZh)).toEqual(["商品7", "商品6", "商品5", "商品4", "商品3"]);
    const empty = await sales.salesOverview(t.db, (await createCooperative(t.db)).id);
    expect(empty).toEqual({ today: { orders: 0, revenueCents: 0 }, days7: { orders: 0, revenueCents: 0 }, days30: { orders: 0, revenueCents: 0 }, topProducts: [] });
  });

  it("is on the dashboard home, for staff too, with the cooperative's own figures", async () => {
    const coop = await createCooperative(t.db);
    const other = await createCooperative(t.db);
    const people = await sellerTeams(t.db, coop.id, other.id);
    await createOrder(t.db, { parts: [{ cooperativeId: coop.id, shippingCents: 800, lines: [{ titleZh: "余村白茶", unitPriceCents: 16800, quantity: 1 }] }] });
    await createOrder(t.db, { parts: [{ cooperativeId: other.id, lines: [{ titleZh: "别家的茶", quantity: 9 }] }] });
    const res = await callLoader(home, "/dashboard", { cookie: people.staff });
    expect(res.status).toBe(200);
    const body = res.body as { overview: { sales: Awaited<ReturnType<typeof sales.salesOverview>> } };
    expect(body.overview.sales.today).toEqual({ orders: 1, revenueCents: 17_600 });
    expect(body.overview.sales.topProducts.map((p) => p.titleZh)).toEqual(["余村白茶"]);
  });
});

describe("shipping settings", () => {
  const settingsOf = async (id: number) => {
    const [row] = await t.db
      .select({ fee: cooperatives.shippingFeeCents, freeFrom: cooperatives.freeShippingFromCents })
      .from(cooperatives)
      .where(eq(cooperatives.id, id));
    return row!;
  };
  const save = (cookie: string, form: Record<string, string>) => callAction(shipping, "/dashboard/shipping", { cookie, form });

  it("lets an owner set the fee and the free-shipping threshold in yuan, and clear the threshold", async () => {
    const page = await callLoader(shipping, "/dashboard/shipping", { cookie: team.owner });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    expect(page.body).toEqual({ shippingFeeCents: 0, freeShippingFromCents: null });

    expect((await save(team.owner, { shippingFee: "12.5", freeShippingFrom: "199" })).status).toBe(200);
    expect(await settingsOf(coopA.id)).toEqual({ fee: 1250, freeFrom: 19_900 });
    expect((await callLoader(shipping, "/dashboard/shipping", { cookie: team.owner })).body).toEqual({ shippingFeeCents: 1250, freeShippingFromCents: 19_900 });

    expect((await save(team.owner, { shippingFee: "500", freeShippingFrom: "" })).status).toBe(200);
    expect(await settingsOf(coopA.id)).toEqual({ fee: 50_000, freeFrom: null });
    expect((await save(team.owner, { shippingFee: "0" })).status).toBe(200);
    expect(await settingsOf(coopA.id)).toEqual({ fee: 0, freeFrom: null });
    // B's settings are B's.
    expect(await settingsOf(coopB.id)).toEqual({ fee: 0, freeFrom: null });
    expect((await save(team.ownerB, { shippingFee: "8" })).status).toBe(200);
    expect(await settingsOf(coopB.id)).toEqual({ fee: 800, freeFrom: null });
    expect(await settingsOf(coopA.id)).toEqual({ fee: 0, freeFrom: null });
  });

  it("refuses negative, huge, fractional-fen and non-numeric amounts with 400 beside the field, changing nothing", async () => {
    await save(team.owner, { shippingFee: "10", freeShippingFrom: "99" });
    const before = await settingsOf(coopA.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ shippingFee: "-5" }, "shippingFee", "form.price"],
      [{ shippingFee: "500.01" }, "shippingFee", "form.tooBig:500"],
      [{ shippingFee: "99999999" }, "shippingFee", "form.price"],
      [{ shippingFee: "1e3" }, "shippingFee", "form.price"],
      [{ shippingFee: "十元" }, "shippingFee", "form.price"],
      [{ shippingFee: "abc" }, "shippingFee", "form.price"],
      [{ shippingFee: "1.234" }, "shippingFee", "form.price"],
      [{}, "shippingFee", "form.required"],
      [{ shippingFee: "10", freeShippingFrom: "0" }, "freeShippingFrom", "ordersDashboard.shipping.error.freeFromPositive"],
      [{ shippingFee: "10", freeShippingFrom: "-1" }, "freeShippingFrom", "form.price"],
      [{ shippingFee: "10", freeShippingFrom: "100000.01" }, "freeShippingFrom", "form.tooBig:100000"],
      [{ shippingFee: "10", freeShippingFrom: "lots" }, "freeShippingFrom", "form.price"],
    ];
    for (const [form, field, message] of cases) {
      const res = await save(team.owner, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      expect((res.body as { error: Record<string, string[]> }).error[field], JSON.stringify(form)).toEqual([message]);
    }
    expect(await settingsOf(coopA.id)).toEqual(before);
  });

  it("is for owners: staff get 403 on the page and the form", async () => {
    const before = await settingsOf(coopA.id);
    expect((await callLoader(shipping, "/dashboard/shipping", { cookie: team.staff })).status).toBe(403);
    expect((await save(team.staff, { shippingFee: "1" })).status).toBe(403);
    expect(await settingsOf(coopA.id)).toEqual(before);
  });
});
