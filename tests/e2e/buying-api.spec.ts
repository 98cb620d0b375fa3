// The JSON API for mobile and mini-program clients, on the real server: a client that sends a
// mini-program's fixed foreign Referer can buy (the API reads no cookie, so the cross-site guard
// leaves it alone), while a cross-site POST to a page is still refused.
import { expect, test } from "./support";

const MINI_PROGRAM = { Referer: "https://servicewechat.com/wx1234567890abcdef/3/page-frame.html" };

test.describe("the JSON API on the real server", () => {
  test("a mini-program client buys a product: cart → line → checkout → test payment → paid", async ({ request }) => {
    const product = await (await request.get("/api/v1/products/anji-white-tea-premium")).json();
    const variant = (product.product.variants as { sku: string; stock: number }[]).find((v) => v.stock > 0);
    expect(variant, "a variant in stock").toBeTruthy();

    const created = await request.post("/api/v1/carts", { headers: MINI_PROGRAM, data: {} });
    expect(created.status()).toBe(201);
    const { cartId } = await created.json();
    const line = await request.post(`/api/v1/carts/${cartId}/lines`, { headers: MINI_PROGRAM, data: { sku: variant!.sku, quantity: 1 } });
    expect(line.status()).toBe(201);
    const checkout = await request.post(`/api/v1/carts/${cartId}/checkout`, {
      headers: MINI_PROGRAM,
      data: {
        email: "mini@example.com",
        name: "李小程",
        phone: "+86 139 0000 0002",
        address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "递铺街道 1 号" },
      },
    });
    expect(checkout.status()).toBe(201);
    const placed = await checkout.json();
    expect(placed).toMatchObject({ status: "pending_payment", orderNumber: expect.stringMatching(/^XJ\d{6}-/) });
    expect(placed.paymentUrl).toContain(`/pay/test/${placed.orderNumber}`);

    const auth = { ...MINI_PROGRAM, Authorization: `Bearer ${placed.accessToken}` };
    const paid = await request.post(`/api/v1/orders/${placed.orderNumber}/test-payment`, { headers: auth, data: { outcome: "succeeded" } });
    expect(paid.status()).toBe(200);
    const order = await (await request.get(`/api/v1/orders/${placed.orderNumber}`, { headers: auth })).json();
    expect(order.order.status).toBe("paid");
    expect((await request.get(`/api/v1/orders/${placed.orderNumber}`)).status()).toBe(401);
  });

  test("a cross-site POST to the cart page is still refused; a broken API URL answers JSON", async ({ request }) => {
    const evil = await request.post("/cart", { headers: { Origin: "https://evil.example" }, form: { intent: "add", sku: "X", quantity: "1" } });
    expect(evil.status()).toBe(403);
    const broken = await request.get("/api/v1/carts/%E0%A4%A");
    expect(broken.status()).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: "invalid_params" } });
  });
});
