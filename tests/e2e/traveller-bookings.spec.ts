// A traveller on a 360 px phone: signed in as the demo shopper, books two nights through the
// app's own flows (the stay page's cart form, checkout, the test payment page), finds them in
// /account/bookings, opens the booking, sees what cancelling now gives back, cancels, and is
// told the refund. Every page passes axe and does not make the phone scroll sideways.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, priceCents, re, test, zh } from "./support";

const PASSWORD = "xiangji-demo-2026";
const SHOPPER = "shopper@xiangji.demo";
// Flexible policy (full refund up to the day before), a host who takes online payment only.
const STAY = "daoshi-mountain-lodge";

function shanghaiToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

async function logIn(page: Page, email = SHOPPER, to = "/account") {
  await page.goto(`/login?redirectTo=${encodeURIComponent(to)}`);
  await page.getByLabel(zh["accounts.field.email"]).fill(email);
  await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: zh["accounts.login.submit"] }).click();
  await expect(page).toHaveURL(new RegExp(`${to}$`));
}

/** Bookable nights of the stay's first room (far ahead, random, so parallel runs do not collide). */
async function freeNights(request: APIRequestContext, stay = STAY): Promise<{ unitId: number; checkIn: string; checkOut: string }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const checkIn = addDays(shanghaiToday(), 60 + Math.floor(Math.random() * 240));
    const checkOut = addDays(checkIn, 2);
    const res = await request.get(`/api/v1/stays/${stay}?checkIn=${checkIn}&checkOut=${checkOut}&guests=2`);
    if (res.status() !== 200) continue;
    const room = (await res.json()).stay.rooms[0] as { unitId: number; quote: { available: boolean } | null };
    if (room.quote?.available) return { unitId: room.unitId, checkIn, checkOut };
  }
  throw new Error("no free nights found for the test booking");
}

/** Puts the room in the cart the way the stay page's form does (a same-origin form POST to /cart). */
async function addStayToCart(page: Page, nights: { unitId: number; checkIn: string; checkOut: string }) {
  await page.goto(`/stays/${STAY}?checkIn=${nights.checkIn}&checkOut=${nights.checkOut}&guests=2`);
  await page.evaluate((n) => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/cart";
    for (const [name, value] of Object.entries({ intent: "add-stay", unitId: String(n.unitId), checkIn: n.checkIn, checkOut: n.checkOut, guests: "2" })) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  }, nights);
  await expect(page).toHaveURL(/\/cart/);
}

async function checkPage(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  await expectNoSeriousA11yViolations(page);
}

test.describe("a traveller's bookings on a phone", () => {
  test("books two nights, finds them in my bookings, sees the refund and cancels", async ({ page }) => {
    test.setTimeout(120_000);
    await logIn(page);
    const nights = await freeNights(page.request);
    await addStayToCart(page, nights);

    await page.goto("/checkout");
    await page.getByLabel(zh["checkout.field.name"]).fill("Emma Shopper");
    await page.getByLabel(zh["checkout.field.phone"]).fill("138 0000 0001");
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page).toHaveURL(/\/pay\/test\//);
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();
    await expect(page).toHaveURL(/\/orders\/XJ\d{6}-[A-Z0-9]{6}/);
    const orderNumber = /XJ\d{6}-[A-Z0-9]{6}/.exec(page.url())![0];

    // From the account page to the list of bookings.
    await page.goto("/account");
    await page.getByRole("link", { name: zh["travellerBookings.title"], exact: true }).click();
    await expect(page).toHaveURL(/\/account\/bookings$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["travellerBookings.title"]);
    await checkPage(page);
    const card = page.getByRole("listitem").filter({ hasText: orderNumber });
    await expect(card).toHaveCount(1);
    await expect(card.getByText(zh["travellerBookings.status.confirmed"])).toBeVisible();
    await card.getByRole("link", { name: re(zh["travellerBookings.openLabel"].replace("{title}", "")) }).click();

    // The booking: its facts, the policy, and the refund before anything is done.
    await expect(page).toHaveURL(/\/account\/bookings\/stay\/\d+$/);
    await expect(page.getByText(orderNumber)).toBeVisible();
    await expect(page.getByText(zh["travellerBookings.detail.host"])).toBeVisible();
    const quote = page.getByTestId("refund-quote");
    await expect(quote).toContainText("现在取消将退款");
    await expect(quote).toContainText(`（${zh["travellerBookings.cancel.share.full"]}）`);
    const refund = priceCents((await quote.textContent()) ?? "")!;
    expect(refund).toBeGreaterThan(0);
    await checkPage(page);

    await page.getByRole("button", { name: zh["travellerBookings.cancel.confirm"] }).click();
    await expect(page).toHaveURL(/\?cancelled=1$/);
    const notice = page.getByRole("status").filter({ hasText: "预订已取消" });
    await expect(notice).toBeVisible();
    expect(priceCents((await notice.textContent()) ?? "")).toBe(refund);
    await expect(page.getByRole("button", { name: zh["travellerBookings.cancel.confirm"] })).toHaveCount(0);
    await checkPage(page);
  });

  test("the host opens a booking from the calendar and cancels it with a reason", async ({ page, request }) => {
    test.setTimeout(120_000);
    // A guest's two paid nights at 鲁家田园小院, booked through the JSON API.
    const nights = await freeNights(request, "lujia-field-house");
    const { cartId } = await (await request.post("/api/v1/carts", { data: {} })).json();
    expect((await request.post(`/api/v1/carts/${cartId}/lines`, { data: { unitId: nights.unitId, checkIn: nights.checkIn, checkOut: nights.checkOut, guests: 2 } })).status()).toBe(201);
    const checkout = await request.post(`/api/v1/carts/${cartId}/checkout`, { data: { email: "guest.li@example.com", name: "李小游", phone: "13900000004" } });
    expect(checkout.status()).toBe(201);
    const placed = await checkout.json();
    const paid = await request.post(`/api/v1/orders/${placed.orderNumber}/test-payment`, { headers: { Authorization: `Bearer ${placed.accessToken}` }, data: { outcome: "succeeded" } });
    expect(paid.status()).toBe(200);

    await logIn(page, "lujia@xiangji.demo", "/dashboard");
    const switcher = page.getByLabel(zh["dashboard.switch.label"]);
    if (await switcher.count()) {
      await switcher.selectOption({ label: "鲁家田园小院" });
      const switched = page.waitForResponse((r) => r.url().includes("/dashboard/switch"));
      await page.getByRole("button", { name: zh["dashboard.switch.submit"], exact: true }).click();
      await switched;
      await page.waitForLoadState();
    }
    await page.goto(`/dashboard/bookings?month=${nights.checkIn.slice(0, 7)}`);
    await page.getByRole("table").getByRole("link", { name: re(placed.orderNumber) }).first().click();
    await expect(page).toHaveURL(/\/dashboard\/bookings\/stay\/\d+$/);
    await expect(page.getByText("李小游")).toBeVisible();
    await checkPage(page);

    const cancel = page.getByRole("region", { name: zh["travellerBookings.host.cancel.title"] });
    await cancel.getByLabel(zh["travellerBookings.host.cancel.reason"]).fill("房间漏水，正在维修");
    await cancel.getByRole("button", { name: zh["travellerBookings.host.cancel.submit"] }).click();
    await expect(page).toHaveURL(/\?done=cancelled$/);
    await expect(page.getByRole("main").getByRole("status")).toHaveText(zh["travellerBookings.host.notice.cancelled"]);
    await expect(page.getByText("原因：房间漏水，正在维修")).toBeVisible();
    await checkPage(page);
  });
});
