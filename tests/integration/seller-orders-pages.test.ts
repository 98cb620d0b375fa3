// The seller's order pages as a browser uses them: the list shows the cooperative's own orders
// only (paid ones by default, filters and search), the detail page, and an order's way through
// pack → ship (carrier + tracking, the buyer is mailed) → deliver, with every step the status
// does not allow answered 409, every bad tracking number 400, another cooperative's order 404,
// and a refund that only owners may give — each refusal changing nothing.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { orders, refunds, sellerOrders } from "../../db/schema/index";
import { createOrder } from "../factories/orders";
import { callAction, callLoader } from "./route-support";
import { coopA, coopB, orderDigest, setupSellerOrders, t, team } from "./seller-orders-support";

setupSellerOrders();

let list: typeof import("~/routes/dashboard.orders");
let detail: typeof import("~/routes/dashboard.order");
let mailer: typeof import("~/modules/mail/mailer.server");

beforeAll(async () => {
  list = await import("~/routes/dashboard.orders");
  detail = await import("~/routes/dashboard.order");
  mailer = await import("~/modules/mail/mailer.server");
});

type ListBody = { items: { id: number; number: string; status: string; lines: { titleZh: string }[] }[]; total: number; pages: number };
type DetailBody = {
  order: { number: string; status: string; buyer: { phone: string }; lines: { titleZh: string }[]; carrier: string | null; payoutCents: number };
  actions: string[];
  isOwner: boolean;
  confirmRefund: boolean;
};

const listAs = async (cookie: string, query = "") => {
  const res = await callLoader(list, `/dashboard/orders${query}`, { cookie });
  expect(res.status).toBe(200);
  return res.body as ListBody;
};
const open = (cookie: string, id: number, query = "") =>
  callLoader(detail, `/dashboard/orders/${id}${query}`, { cookie, params: { sellerOrderId: String(id) } });
const post = (cookie: string, id: number, form: Record<string, string>) =>
  callAction(detail, `/dashboard/orders/${id}`, { cookie, params: { sellerOrderId: String(id) }, form });
const statusOf = async (id: number) => (await t.db.select().from(sellerOrders).where(eq(sellerOrders.id, id)))[0]!;

describe("the order list", () => {
  it("shows the cooperative's own seller orders only, newest first, privately", async () => {
    const shared = await createOrder(t.db, {
      createdAt: new Date(Date.now() - 60_000),
      parts: [
        { cooperativeId: coopA.id, lines: [{ titleZh: "余村白茶", quantity: 2 }] },
        { cooperativeId: coopB.id, lines: [{ titleZh: "手剥山核桃仁" }] },
      ],
    });
    const onlyB = await createOrder(t.db, { parts: [{ cooperativeId: coopB.id, lines: [{ titleZh: "椒盐山核桃" }] }] });
    const newer = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, lines: [{ titleZh: "安吉白茶 明前" }] }] });

    const res = await callLoader(list, "/dashboard/orders", { cookie: team.staff });
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = res.body as ListBody;
    const numbers = body.items.map((i) => i.number);
    expect(numbers.indexOf(newer.number)).toBeLessThan(numbers.indexOf(shared.number));
    expect(numbers).not.toContain(onlyB.number);
    const mine = body.items.find((i) => i.number === shared.number)!;
    expect(mine.id).toBe(shared.sellerOrders[0]!.id);
    expect(mine.lines.map((l) => l.titleZh)).toEqual(["余村白茶"]);
    expect(JSON.stringify(body)).not.toContain("手剥山核桃仁");

    const b = await listAs(team.ownerB);
    expect(b.items.map((i) => i.number)).toEqual(expect.arrayContaining([shared.number, onlyB.number]));
    expect(b.items.map((i) => i.number)).not.toContain(newer.number);
  });

  it("leaves unpaid and cancelled orders out unless the filter asks for them, and finds by number, name or phone", async () => {
    const pending = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, status: "pending_payment" }] });
    const cancelled = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, status: "cancelled" }] });
    const shipped = await createOrder(t.db, { name: "欧阳青禾", phone: "13912345678", parts: [{ cooperativeId: coopA.id, status: "shipped" }] });

    const plain = (await listAs(team.owner)).items.map((i) => i.number);
    expect(plain).toContain(shipped.number);
    expect(plain).not.toContain(pending.number);
    expect(plain).not.toContain(cancelled.number);

    expect((await listAs(team.owner, "?status=pending_payment")).items.map((i) => i.number)).toEqual([pending.number]);
    const all = (await listAs(team.owner, "?status=all")).items.map((i) => i.number);
    expect(all).toEqual(expect.arrayContaining([pending.number, cancelled.number, shipped.number]));
    const onlyShipped = await listAs(team.owner, "?status=shipped");
    expect(onlyShipped.items.every((i) => i.status === "shipped")).toBe(true);

    expect((await listAs(team.owner, `?q=${encodeURIComponent(shipped.number.slice(-6))}`)).items.map((i) => i.number)).toEqual([shipped.number]);
    expect((await listAs(team.owner, `?q=${encodeURIComponent("欧阳")}`)).items.map((i) => i.number)).toEqual([shipped.number]);
    expect((await listAs(team.owner, `?q=${encodeURIComponent("139 1234 5678")}`)).items.map((i) => i.number)).toEqual([shipped.number]);
    // B's owner does not find A's buyer.
    expect((await listAs(team.ownerB, `?q=${encodeURIComponent("欧阳")}`)).total).toBe(0);
    // Garbage in the query string is ignored, not an error.
    expect((await callLoader(list, "/dashboard/orders?status=nonsense&page=-4&q=%25_", { cookie: team.owner })).status).toBe(200);
  });
});

describe("an order's page", () => {
  it("shows the lines, the buyer's contact, the payout and the next steps; another cooperative's order is a 404", async () => {
    const order = await createOrder(t.db, {
      note: "请周末送达",
      parts: [{ cooperativeId: coopA.id, lines: [{ titleZh: "余村白茶", unitPriceCents: 16800, quantity: 2 }], shippingCents: 1200, commissionBps: 1000 }],
    });
    const id = order.sellerOrders[0]!.id;
    const res = await open(team.staff, id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = res.body as DetailBody;
    expect(body.order).toMatchObject({ number: order.number, status: "paid", buyer: { phone: "13800138000" }, lines: [{ titleZh: "余村白茶" }] });
    // 336.00 + 12.00 shipping = 348.00, less 10 % = 313.20.
    expect(body.order.payoutCents).toBe(31_320);
    expect(body.actions).toEqual(["pack", "refund"]);
    expect(body.isOwner).toBe(false);
    expect((await open(team.staff, id, "?refund=1")).body).toMatchObject({ confirmRefund: false });
    expect((await open(team.owner, id, "?refund=1")).body).toMatchObject({ confirmRefund: true, isOwner: true });

    expect((await open(team.ownerB, id)).status).toBe(404);
    expect((await open(team.owner, 2_000_000_000)).status).toBe(404);
    expect((await callLoader(detail, "/dashboard/orders/abc", { cookie: team.owner, params: { sellerOrderId: "abc" } })).status).toBe(404);
  });
});

describe("packing, shipping and delivering", () => {
  it("moves an order pack → ship (tracking required) → deliver, mails the buyer the tracking number, and refuses steps out of order with 409", async () => {
    const order = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, lines: [{ titleZh: "余村白茶" }] }] });
    const id = order.sellerOrders[0]!.id;

    // Not packed yet: shipping is refused and nothing changes.
    let before = await orderDigest(coopA.id);
    const early = await post(team.staff, id, { intent: "ship", carrier: "顺丰速运", trackingNumber: "SF1234567890" });
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toContain("ordersDashboard.error.cannot.shipped");
    expect(await orderDigest(coopA.id)).toBe(before);

    const packed = await post(team.staff, id, { intent: "pack" });
    expect([packed.status, packed.location]).toEqual([302, `/dashboard/orders/${id}?done=packed`]);
    expect(await statusOf(id)).toMatchObject({ status: "packed", packedAt: expect.any(Date) });
    expect((await open(team.staff, id)).body).toMatchObject({ actions: ["ship", "refund"] });

    before = await orderDigest(coopA.id);
    const again = await post(team.staff, id, { intent: "pack" });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).toContain("ordersDashboard.error.cannot.packed");
    const bads: Record<string, string>[] = [
      {},
      { carrier: "顺丰速运" },
      { carrier: "顺丰速运", trackingNumber: "SF1" },
      { carrier: "顺丰速运", trackingNumber: "SF 123 456" },
      { carrier: "顺丰速运", trackingNumber: "<script>alert(1)</script>" },
      { carrier: "顺丰速运", trackingNumber: "X".repeat(41) },
      { carrier: "", trackingNumber: "SF1234567890" },
      { carrier: "快".repeat(41), trackingNumber: "SF1234567890" },
    ];
    for (const bad of bads) {
      const res = await post(team.staff, id, { intent: "ship", ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const garbage = await post(team.staff, id, { intent: "ship", carrier: "顺丰速运", trackingNumber: "SF 123 456" });
    expect(JSON.stringify(garbage.body)).toContain("ordersDashboard.error.tracking");
    expect(await orderDigest(coopA.id)).toBe(before);

    const shipped = await post(team.staff, id, { intent: "ship", carrier: " 顺丰速运 ", trackingNumber: "SF1234567890" });
    expect([shipped.status, shipped.location]).toEqual([302, `/dashboard/orders/${id}?done=shipped`]);
    expect(await statusOf(id)).toMatchObject({ status: "shipped", carrier: "顺丰速运", trackingNumber: "SF1234567890", shippedAt: expect.any(Date) });
    const mail = await mailer.latestMailTo(order.email);
    expect(mail?.subject).toContain(order.number);
    expect(mail?.text).toContain("顺丰速运");
    expect(mail?.text).toContain("SF1234567890");
    expect(mail?.text).toContain("余村白茶合作社");
    expect(mail?.text).toMatch(new RegExp(`/orders/${order.number}\\?t=[A-Za-z0-9_-]{43}`));

    expect((await post(team.staff, id, { intent: "pack" })).status).toBe(409);
    const delivered = await post(team.owner, id, { intent: "deliver" });
    expect([delivered.status, delivered.location]).toEqual([302, `/dashboard/orders/${id}?done=delivered`]);
    expect(await statusOf(id)).toMatchObject({ status: "delivered", deliveredAt: expect.any(Date) });
    expect((await post(team.owner, id, { intent: "deliver" })).status).toBe(409);
    expect((await open(team.owner, id)).body).toMatchObject({ actions: ["refund"] });
  });

  it("refuses every step on an order that is not paid (409) and an unknown intent (400)", async () => {
    const pending = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, status: "pending_payment" }] });
    const cancelled = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, status: "cancelled" }] });
    const before = await orderDigest(coopA.id);
    for (const o of [pending, cancelled]) {
      const id = o.sellerOrders[0]!.id;
      expect((await post(team.owner, id, { intent: "pack" })).status).toBe(409);
      expect((await post(team.owner, id, { intent: "deliver" })).status).toBe(409);
      expect((await post(team.owner, id, { intent: "ship", carrier: "中通快递", trackingNumber: "7531234567" })).status).toBe(409);
      expect((await post(team.owner, id, { intent: "refund", reason: "买家取消" })).status).toBe(409);
      expect((await post(team.owner, id, { intent: "archive" })).status).toBe(400);
    }
    expect(await orderDigest(coopA.id)).toBe(before);
  });

  it("answers a member of B with 404 on A's order, whatever the step, and changes nothing", async () => {
    const order = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id }, { cooperativeId: coopB.id }] });
    const idA = order.sellerOrders[0]!.id;
    const beforeA = await orderDigest(coopA.id);
    const forms: Record<string, string>[] = [
      { intent: "pack" },
      { intent: "ship", carrier: "顺丰速运", trackingNumber: "SF1234567890" },
      { intent: "deliver" },
      { intent: "refund", reason: "不想要了" },
    ];
    for (const form of forms) {
      expect((await post(team.ownerB, idA, form)).status, form.intent).toBe(404);
    }
    expect(await orderDigest(coopA.id)).toBe(beforeA);
    // B's own part of the same order is B's to pack.
    expect((await post(team.ownerB, order.sellerOrders[1]!.id, { intent: "pack" })).status).toBe(302);
    expect((await statusOf(idA)).status).toBe("paid");
  });

  it("lets only one of two people packing at once succeed", async () => {
    const order = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id }] });
    const id = order.sellerOrders[0]!.id;
    const results = await Promise.all([post(team.owner, id, { intent: "pack" }), post(team.staff, id, { intent: "pack" })]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 409]);
  });
});

describe("refunding a seller order", () => {
  it("is for owners only: staff get 403 and nothing changes", async () => {
    const order = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id }] });
    const id = order.sellerOrders[0]!.id;
    const before = await orderDigest(coopA.id);
    const res = await post(team.staff, id, { intent: "refund", reason: "鲜果途中损坏" });
    expect(res.status).toBe(403);
    expect(await orderDigest(coopA.id)).toBe(before);
  });

  it("needs a reason, then refunds the cooperative's part and records who and why", async () => {
    const order = await createOrder(t.db, { parts: [{ cooperativeId: coopA.id, status: "shipped" }, { cooperativeId: coopB.id }] });
    const [a, b] = [order.sellerOrders[0]!, order.sellerOrders[1]!];
    const before = await orderDigest(coopA.id);
    for (const reason of ["", " ", "x"]) {
      const res = await post(team.owner, a.id, { intent: "refund", reason });
      expect(res.status, JSON.stringify(reason)).toBe(400);
    }
    expect(await orderDigest(coopA.id)).toBe(before);

    const res = await post(team.owner, a.id, { intent: "refund", reason: "鲜果途中损坏" });
    expect([res.status, res.location]).toEqual([302, `/dashboard/orders/${a.id}?done=refunded`]);
    expect(await statusOf(a.id)).toMatchObject({ status: "refunded", refundedCents: a.totalCents });
    expect((await statusOf(b.id)).status).toBe("paid");
    const [o] = await t.db.select().from(orders).where(eq(orders.id, order.id));
    expect(o).toMatchObject({ status: "partially_refunded", refundedCents: a.totalCents });
    const rows = await t.db.select().from(refunds).where(eq(refunds.sellerOrderId, a.id));
    expect(rows).toMatchObject([{ amountCents: a.totalCents, reason: "鲜果途中损坏", userId: team.ownerId }]);

    // Twice is refused, and the page says so.
    const again = await post(team.owner, a.id, { intent: "refund", reason: "鲜果途中损坏" });
    expect(again.status).toBe(409);
    expect((await open(team.owner, a.id)).body).toMatchObject({ order: { status: "refunded", payoutCents: 0 }, actions: [] });
  });
});
