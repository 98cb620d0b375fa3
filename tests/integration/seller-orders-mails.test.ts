// The confirmation mails of a paid order: one to the buyer (in the order's language: every
// cooperative's lines with its shipping, the total, the address, the signed link) and one to each
// cooperative (its contact address, else its owners; its own lines only, the dashboard link).
// Checked directly and through a real checkout paid with the test provider.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { productVariants, products, users } from "../../db/schema/index";
import { addMembership, createCooperative, createUser, uniqueSlug } from "../factories";
import { createOrder } from "../factories/orders";
import { ORIGIN } from "./route-support";
import { coopA, coopB, setupSellerOrders, t, team } from "./seller-orders-support";

const CONTACT_A = `yucun-${uniqueSlug("c")}@example.test`;
setupSellerOrders({ a: { contactEmail: CONTACT_A } });

let mailer: typeof import("~/modules/mail/mailer.server");
let mails: typeof import("~/modules/orders/mails.server");
let access: typeof import("~/modules/orders/access.server");
let ownerBEmail: string;

beforeAll(async () => {
  mailer = await import("~/modules/mail/mailer.server");
  mails = await import("~/modules/orders/mails.server");
  access = await import("~/modules/orders/access.server");
  ownerBEmail = (await t.db.select({ email: users.email }).from(users).where(eq(users.id, team.ownerBId)))[0]!.email;
});

/** Every stored mail to an address (the newest first). */
const mailsTo = async (address: string) => (await mailer.listStoredMail(500)).filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));

describe("the paid-order mails", () => {
  it("sends one to the buyer and one to each cooperative, each with what concerns it", async () => {
    const order = await createOrder(t.db, {
      name: "张小满",
      note: "请放门卫",
      parts: [
        { cooperativeId: coopA.id, shippingCents: 1200, lines: [{ titleZh: "余村白茶", variantZh: "250克罐装", unitPriceCents: 16800, quantity: 2 }] },
        { cooperativeId: coopB.id, shippingCents: 0, lines: [{ titleZh: "手剥山核桃仁", variantZh: "500克袋装", unitPriceCents: 9800, quantity: 1 }] },
      ],
    });
    const [soA, soB] = order.sellerOrders;
    await mails.sendOrderPaidMails(t.db, order.id, ORIGIN);

    const toBuyer = await mailsTo(order.email);
    expect(toBuyer).toHaveLength(1);
    const buyer = toBuyer[0]!;
    expect(buyer.subject).toBe(`乡集订单 ${order.number} 已付款`);
    for (const text of ["张小满", "余村白茶合作社", "余村白茶（250克罐装）× 2：¥336.00", "运费：¥12.00", "临安山核桃合作社", "手剥山核桃仁（500克袋装）× 1：¥98.00", "运费：¥0.00", "合计：¥446.00", "浙江省杭州市西湖区龙井路 1 号"]) {
      expect(buyer.text).toContain(text);
    }
    const link = new URL(/https?:\/\/\S+/.exec(buyer.text)![0]);
    expect(`${link.origin}${link.pathname}`).toBe(`${ORIGIN}/orders/${order.number}`);
    expect(access.verifyOrderAccessToken(order.number, link.searchParams.get("t"))).toBe(true);
    expect(buyer.html).toContain(`/orders/${order.number}?t=`);

    const toA = await mailsTo(CONTACT_A);
    expect(toA).toHaveLength(1);
    expect(toA[0]!.subject).toBe(`新订单 ${order.number}：请打包发货`);
    expect(toA[0]!.text).toContain("余村白茶（250克罐装）× 2");
    expect(toA[0]!.text).toContain("本单合计（含运费）：¥348.00");
    expect(toA[0]!.text).toContain("买家备注：请放门卫");
    expect(toA[0]!.text).toContain("浙江省杭州市西湖区龙井路 1 号");
    expect(toA[0]!.text).toContain(`${ORIGIN}/dashboard/orders/${soA!.id}`);
    expect(toA[0]!.text).not.toContain("山核桃");

    // B has no contact address: its owner gets it.
    const toB = await mailsTo(ownerBEmail);
    expect(toB).toHaveLength(1);
    expect(toB[0]!.text).toContain("手剥山核桃仁（500克袋装）× 1");
    expect(toB[0]!.text).toContain(`${ORIGIN}/dashboard/orders/${soB!.id}`);
    expect(toB[0]!.text).not.toContain("余村白茶");
  });

  it("writes to the buyer in the order's language, and to each owner in theirs", async () => {
    const coop = await createCooperative(t.db, { nameZh: "下姜村蜂蜜合作社", nameEn: "Xiajiang Honey Co-op" });
    const zhOwner = await createUser(t.db);
    const enOwner = await createUser(t.db, { locale: "en" });
    await addMembership(t.db, zhOwner.id, coop.id, "owner");
    await addMembership(t.db, enOwner.id, coop.id, "owner");
    const staff = await createUser(t.db);
    await addMembership(t.db, staff.id, coop.id, "staff");
    const order = await createOrder(t.db, {
      locale: "en",
      name: "Alex",
      parts: [{ cooperativeId: coop.id, lines: [{ titleZh: "百花蜜", titleEn: "Wildflower honey", variantZh: "500克", variantEn: "500 g", unitPriceCents: 8800 }] }],
    });
    await mails.sendOrderPaidMails(t.db, order.id, ORIGIN);

    const [buyer] = await mailsTo(order.email);
    expect(buyer!.subject).toBe(`Xiangji order ${order.number} is paid`);
    expect(buyer!.text).toContain("Xiajiang Honey Co-op");
    expect(buyer!.text).toContain("Wildflower honey (500 g) × 1: ¥88.00");
    expect(buyer!.text).toContain(`${ORIGIN}/en/orders/${order.number}?t=`);

    const [zh] = await mailsTo(zhOwner.email);
    expect(zh!.subject).toBe(`新订单 ${order.number}：请打包发货`);
    const [en] = await mailsTo(enOwner.email);
    expect(en!.subject).toBe(`New order ${order.number}: please pack and ship`);
    expect(en!.text).toContain(`${ORIGIN}/en/dashboard/orders/${order.sellerOrders[0]!.id}`);
    expect(await mailsTo(staff.email)).toEqual([]);
  });

  it("escapes the buyer's text in the HTML version", async () => {
    const order = await createOrder(t.db, { name: "<b>坏人</b>", note: "<img src=x onerror=alert(1)>", parts: [{ cooperativeId: coopB.id }] });
    await mails.sendOrderPaidMails(t.db, order.id, ORIGIN);
    const [toB] = await mailsTo(ownerBEmail);
    expect(toB!.html).not.toContain("<img src=x");
    expect(toB!.html).toContain("&lt;img src=x");
  });
});

describe("through a real checkout", () => {
  it("mails the buyer and both cooperatives once when the test payment succeeds", async () => {
    const { createCart, addToCart } = await import("~/modules/cart/cart.server");
    const { placeOrder } = await import("~/modules/orders/checkout.server");
    const { completeTestPayment } = await import("~/modules/payments/test-provider.server");
    const skus: string[] = [];
    for (const [coop, title] of [
      [coopA.id, "余村白茶 明前"],
      [coopB.id, "临安山核桃 椒盐"],
    ] as const) {
      const slug = uniqueSlug("mail");
      const [p] = await t.db.insert(products).values({ cooperativeId: coop, handle: slug, slug, category: "tea", titleZh: title, priceFromCents: 5000, status: "active" }).returning();
      const sku = slug.toUpperCase();
      await t.db.insert(productVariants).values({ productId: p!.id, sku, nameZh: "一罐", priceCents: 5000, stock: 5 });
      skus.push(sku);
    }
    const cartId = await createCart(t.db);
    for (const sku of skus) await addToCart(t.db, cartId, { sku, quantity: 1 }, { merge: true });
    const email = `checkout-${uniqueSlug("b")}@example.test`;
    const placed = await placeOrder(t.db, {
      cartId,
      userId: null,
      input: { email, name: "刘一禾", phone: "13900001111", address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "天荒坪镇余村 8 号" }, note: "" },
      locale: "zh-CN",
      origin: ORIGIN,
    });
    await completeTestPayment(t.db, placed.orderNumber, "succeeded", { origin: ORIGIN });

    const toBuyer = await mailsTo(email);
    expect(toBuyer.map((m) => m.subject)).toEqual([`乡集订单 ${placed.orderNumber} 已付款`]);
    expect((await mailsTo(CONTACT_A)).filter((m) => m.subject.includes(placed.orderNumber))).toHaveLength(1);
    expect((await mailsTo(ownerBEmail)).filter((m) => m.subject.includes(placed.orderNumber))).toHaveLength(1);
  });
});
