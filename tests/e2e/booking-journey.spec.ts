// A family's trip, as they book it on a phone in Chinese: two nights in a village homestay, a
// bamboo-weaving session and a box of tea to take home, in one cart and one payment with the test
// provider; the order comes in three parts (the tea growers ship, the inn and the bamboo co-op host).
// Then another traveller asks for the same nights and hears they are taken. Once more without
// JavaScript: a stay alone, no address asked, paid with plain forms.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, re, test, zh } from "./support";

const TEA = "/products/longjing-daily-tea";
// A craft session at Yucun: a third cooperative (the tea growers ship the tea, the inn hosts).
const EXPERIENCE = "/experiences/yucun-bamboo-weaving";

type Room = { unitId: number; name: string; nights: { date: string; state: string }[] };

/** The first room of the stay free for `nights` nights from some day ≥ `from` days ahead, by the availability API. */
async function freeRange(request: APIRequestContext, slug: string, fromDays: number, nights: number) {
  const res = await request.get(`/api/v1/stays/${slug}/availability`);
  expect(res.status()).toBe(200);
  const today = ((await res.json()) as { today: string }).today;
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() + fromDays);
  const from = start.toISOString().slice(0, 10);
  const end = new Date(start);
  end.setUTCDate(end.getUTCDate() + 60);
  const body = (await (await request.get(`/api/v1/stays/${slug}/availability?from=${from}&to=${end.toISOString().slice(0, 10)}`)).json()) as { rooms: Room[] };
  for (const room of body.rooms) {
    for (let i = 0; i + nights <= room.nights.length; i++) {
      const run = room.nights.slice(i, i + nights);
      if (run.every((n) => n.state === "free")) {
        const out = new Date(`${run.at(-1)!.date}T00:00:00Z`);
        out.setUTCDate(out.getUTCDate() + 1);
        return { unitId: room.unitId, room: room.name, checkIn: run[0]!.date, checkOut: out.toISOString().slice(0, 10) };
      }
    }
  }
  throw new Error(`no free ${nights}-night range at ${slug}`);
}

async function bookStay(page: Page, slug: string, range: { room: string; checkIn: string; checkOut: string }) {
  await page.goto(`/stays/${slug}?checkIn=${range.checkIn}&checkOut=${range.checkOut}&guests=2`);
  const form = page.getByRole("form", { name: zh["bookings.form.title"].replace("{room}", range.room) });
  await expect(form.getByLabel(zh["bookings.form.checkIn"])).toHaveValue(range.checkIn);
  await form.getByRole("button", { name: zh["bookings.form.submit"] }).click();
  await expect(page).toHaveURL(/\/cart\?notice=booked$/);
  await expect(page.getByText(zh["cart.notice.booked"])).toBeVisible();
}

async function fillContact(page: Page) {
  await page.getByLabel(zh["checkout.field.email"]).fill("family@example.com");
  await page.getByLabel(zh["checkout.field.name"]).fill("张家");
  await page.getByLabel(zh["checkout.field.phone"]).fill("139 1234 5678");
}

test.describe("a family with JavaScript", () => {
  test("books two nights, a bamboo-weaving session and a box of tea in one cart, pays once, and the nights are then taken", async ({ page }) => {
    const slug = "xiajiang-fenglin-riverside-inn";
    const range = await freeRange(page.request, slug, 40, 2);

    // The tea first.
    await page.goto(TEA);
    const variantName = new RegExp(`^${re(zh["cart.add"]).source}\\s*${re(zh["cart.addOf"].replace("{variant}", "250克")).source}$`);
    await page.getByRole("button", { name: variantName }).click();
    await expect(page.getByRole("main").getByText(zh["cart.added"])).toBeVisible();

    // Two nights at the riverside inn: the room's form carries the dates from the page's link.
    await bookStay(page, slug, range);

    // A weaving session for two: the first session still open.
    await page.goto(EXPERIENCE);
    const open = page.locator('li[data-slot-state="open"]').first();
    await open.getByRole("combobox").selectOption("2");
    await open.getByRole("button", { name: re(zh["bookings.slot.submit"]) }).click();
    await expect(page).toHaveURL(/\/cart\?notice=booked$/);

    // The cart: three parts; the stay with its dates; shipping only for the tea.
    const main = page.getByRole("main");
    await expect(main.getByText(re(zh["cart.bookings.holdNote"]))).toBeVisible();
    // One part per cooperative, each headed by a link to it.
    const parts = (p: Page) => p.getByRole("main").getByRole("heading", { level: 2 }).filter({ has: p.getByRole("link") });
    await expect(parts(page)).toHaveCount(3);
    await expect(main.getByText(/入住 · .* 退房 · 2 晚/)).toBeVisible();
    await expect(main.getByText(/^2 人 × ¥/)).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoSeriousA11yViolations(page);

    // Checkout: the tea needs an address.
    await page.getByRole("link", { name: /^去结算/ }).click();
    await fillContact(page);
    await page.getByLabel(zh["checkout.field.province"]).fill("浙江省");
    await page.getByLabel(zh["checkout.field.city"]).fill("杭州市");
    await page.getByLabel(zh["checkout.field.district"]).fill("西湖区");
    await page.getByLabel(zh["checkout.field.detail"]).fill("文三路 100 号");
    await expect(page.getByText(re(zh["checkout.holdNoteBookings"].split("{")[0]!))).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: /^去支付/ }).click();

    // One payment.
    await expect(page).toHaveURL(/\/pay\/test\//);
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();
    await expect(page).toHaveURL(/\/orders\/XJ\d{6}-[A-Z0-9]{6}\?t=/);
    await expect(page.getByText(zh["orders.status.paid"], { exact: true }).first()).toBeVisible();
    await expect(parts(page)).toHaveCount(3);
    await expect(page.getByText(zh["orders.booking.status.confirmed"], { exact: true })).toHaveCount(2);
    await expectNoSeriousA11yViolations(page);

    // Another traveller wants the same nights: the calendar and the cart both say no.
    const cart = (await (await page.request.post("/api/v1/carts")).json()) as { cartId: string };
    const again = await page.request.post(`/api/v1/carts/${cart.cartId}/lines`, {
      data: { unitId: range.unitId, checkIn: range.checkIn, checkOut: range.checkOut, guests: 2 },
    });
    expect(again.status()).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });
});

test.describe("a traveller without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("books a stay alone with plain forms: no address asked, one payment, the booking on the order", async ({ page }) => {
    const slug = "daoshi-mountain-lodge";
    const range = await freeRange(page.request, slug, 50, 1);
    await bookStay(page, slug, range);
    await expect(page.getByRole("main").getByText(/1 晚/)).toBeVisible();
    await page.getByRole("link", { name: /^去结算/ }).click();
    await expect(page.getByLabel(zh["checkout.field.province"])).toHaveCount(0);
    await fillContact(page);
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page).toHaveURL(/\/pay\/test\//);
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByText(zh["orders.booking.status.confirmed"], { exact: true })).toBeVisible();
  });

  test("the whole journey with plain forms: buys tea, books a stay and an experience, pays once with the test provider", async ({ page }) => {
    const slug = "lujia-field-house";
    const range = await freeRange(page.request, slug, 70, 2);

    // The tea: a plain POST, back on the product page with a notice.
    await page.goto(TEA);
    const variantName = new RegExp(`^${re(zh["cart.add"]).source}\\s*${re(zh["cart.addOf"].replace("{variant}", "250克")).source}$`);
    await page.getByRole("button", { name: variantName }).click();
    await expect(page).toHaveURL(/\?added=/);

    await bookStay(page, slug, range);

    await page.goto(EXPERIENCE);
    const open = page.locator('li[data-slot-state="open"]').first();
    await open.getByRole("combobox").selectOption("1");
    await open.getByRole("button", { name: re(zh["bookings.slot.submit"]) }).click();
    await expect(page).toHaveURL(/\/cart\?notice=booked$/);

    await page.getByRole("link", { name: /^去结算/ }).click();
    await fillContact(page);
    await page.getByLabel(zh["checkout.field.province"]).fill("浙江省");
    await page.getByLabel(zh["checkout.field.city"]).fill("湖州市");
    await page.getByLabel(zh["checkout.field.district"]).fill("安吉县");
    await page.getByLabel(zh["checkout.field.detail"]).fill("递铺街道 8 号");
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page).toHaveURL(/\/pay\/test\//);
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();
    await expect(page).toHaveURL(/\/orders\//);
    await expect(page.getByText(zh["orders.status.paid"], { exact: true }).first()).toBeVisible();
    // The room and the session are booked; the tea waits to be packed.
    await expect(page.getByText(zh["orders.booking.status.confirmed"], { exact: true })).toHaveCount(2);
    await expect(page.getByText(zh["orders.part.status.paid"], { exact: true }).first()).toBeVisible();
  });
});
