// A homestay host on a 360 px phone: a traveller books two nights through the JSON API, the host
// sees the booking in the month grid of /dashboard/bookings, closes two nights and opens them
// again, and finds the room's iCal feed URL on its calendars page (the feed has the booking).
// Every page passes axe and does not make the phone scroll sideways (the grid scrolls inside).
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, re, test, zh } from "./support";

const PASSWORD = "xiangji-demo-2026";
const STAY = "lujia-field-house";
const HOST = "鲁家田园小院";

function shanghaiToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Two paid nights of the stay's first room, on dates nobody else in this run is likely to take. */
async function bookTwoNights(request: APIRequestContext) {
  const stay = await (await request.get(`/api/v1/stays/${STAY}`)).json();
  const unitId = stay.stay.rooms[0].unitId as number;
  const roomName = stay.stay.rooms[0].name as string;
  const today = shanghaiToday();
  for (let attempt = 0; attempt < 6; attempt++) {
    // Far enough ahead to miss the seed's closed dates; the 3rd–20th of a month, so the stay and
    // the nights closed after it share the month's grid.
    const month = addDays(today, 120 + Math.floor(Math.random() * 200)).slice(0, 7);
    const checkIn = `${month}-${String(3 + Math.floor(Math.random() * 12)).padStart(2, "0")}`;
    const checkOut = addDays(checkIn, 2);
    const { cartId } = await (await request.post("/api/v1/carts", { data: {} })).json();
    const line = await request.post(`/api/v1/carts/${cartId}/lines`, { data: { unitId, checkIn, checkOut, guests: 2 } });
    if (line.status() !== 201) continue;
    const checkout = await request.post(`/api/v1/carts/${cartId}/checkout`, { data: { email: "guest@example.com", name: "周小游", phone: "+86 139 0000 0003" } });
    if (checkout.status() !== 201) continue;
    const placed = await checkout.json();
    const paid = await request.post(`/api/v1/orders/${placed.orderNumber}/test-payment`, {
      headers: { Authorization: `Bearer ${placed.accessToken}` },
      data: { outcome: "succeeded" },
    });
    expect(paid.status()).toBe(200);
    return { unitId, roomName, checkIn, checkOut, month, orderNumber: placed.orderNumber as string };
  }
  throw new Error("no free dates found for the test booking");
}

async function logIn(page: Page, email: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent("/dashboard")}`);
  await page.getByLabel(zh["accounts.field.email"]).fill(email);
  await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: zh["accounts.login.submit"] }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

async function checkPage(page: Page) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  await expectNoHorizontalScroll(page);
  // A phone zooms a page out (the layout viewport grows) when anything overflows, which the
  // scroll check alone does not see: the wide grid must scroll inside its own box.
  expect(await page.evaluate(() => window.innerWidth)).toBe(360);
  await expectNoSeriousA11yViolations(page);
}

test.describe("the host's bookings on a phone", () => {
  test("sees a booking in the month grid, closes two nights and reopens them, and finds the room's feed", async ({ page, request }) => {
    test.setTimeout(120_000);
    const booking = await bookTwoNights(request);

    await logIn(page, "lujia@xiangji.demo");
    const switcher = page.getByLabel(zh["dashboard.switch.label"]);
    if (await switcher.count()) {
      await switcher.selectOption({ label: HOST });
      await page.getByRole("button", { name: zh["dashboard.switch.submit"], exact: true }).click();
    }
    await page.getByRole("navigation", { name: zh["dashboard.nav.label"] }).getByRole("link", { name: zh["hostBookings.nav"], exact: true }).click();
    await expect(page).toHaveURL(/\/dashboard\/bookings$/);
    await checkPage(page);

    // The booking's month: both nights link to the booking, named by its order number.
    await page.goto(`/dashboard/bookings?month=${booking.month}`);
    const grid = page.getByRole("table");
    const bookedNights = grid.getByRole("link", { name: re(booking.orderNumber) });
    await expect(bookedNights).toHaveCount(2);
    await expect(bookedNights.first()).toHaveAttribute("href", /^\/dashboard\/bookings\/stay\/\d+$/);
    await expect(grid.getByRole("rowheader").first()).toBeVisible();
    await checkPage(page);

    // Closing the two nights after the stay.
    const from = addDays(booking.checkOut, 1);
    const to = addDays(from, 2);
    const blockForm = page.locator("form#block");
    await blockForm.getByLabel(zh["hostBookings.block.room"]).selectOption(String(booking.unitId));
    await blockForm.getByLabel(zh["hostBookings.block.from"]).fill(from);
    await blockForm.getByLabel(zh["hostBookings.block.to"]).fill(to);
    await blockForm.getByLabel(zh["hostBookings.block.reason"]).fill("家里来客人");
    await blockForm.getByRole("button", { name: zh["hostBookings.block.submit"] }).click();
    await expect(page.getByText(zh["hostBookings.block.done"])).toBeVisible();
    const [y, m, d] = from.split("-").map(Number);
    const closedCell = (date: string) => grid.getByText(zh["hostBookings.cell.blocked"].replace("{date}", date), { exact: true });
    await expect(closedCell(`${y}年${m}月${d}日`)).toHaveCount(1);
    const unblock = page.getByRole("region", { name: zh["hostBookings.unblock.title"] });
    await expect(unblock.getByText("家里来客人")).toBeVisible();
    await checkPage(page);

    // Opening them again.
    await unblock.getByRole("button", { name: zh["hostBookings.unblock.submit"] }).first().click();
    await expect(page.getByText(zh["hostBookings.unblock.done"])).toBeVisible();
    await expect(closedCell(`${y}年${m}月${d}日`)).toHaveCount(0);

    // The room's calendars page: the feed URL, and the feed has the booked nights as dates.
    await grid.getByRole("rowheader").getByRole("link", { name: booking.roomName, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/stays/\\d+/rooms/${booking.unitId}$`));
    await page.getByRole("link", { name: zh["listings.room.calendars"] }).click();
    await expect(page).toHaveURL(/\/calendars$/);
    const feedUrl = await page.getByRole("textbox", { name: zh["hostBookings.calendars.feedLabel"], exact: true }).inputValue();
    expect(feedUrl).toMatch(/\/calendars\/[0-9a-f]{32}\.ics$/);
    await checkPage(page);
    const feed = await request.get(new URL(feedUrl).pathname);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain(`DTSTART;VALUE=DATE:${booking.checkIn.replaceAll("-", "")}`);
  });

  test("the booking settings page fits a phone and saves pay on arrival", async ({ page }) => {
    await logIn(page, "lujia@xiangji.demo");
    await page.goto("/dashboard/bookings/settings");
    await checkPage(page);
    const current = page.getByRole("radio", { checked: true });
    await expect(current).toHaveCount(1);
    await page.getByRole("button", { name: zh["hostBookings.settings.save"] }).click();
    await expect(page.getByText(zh["hostBookings.settings.saved"])).toBeVisible();
  });
});
