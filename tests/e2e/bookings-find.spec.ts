// Finding a stay by dates on a phone, without JavaScript: the traveller filters /stays by dates
// and guests, sees totals for the range, opens a stay, reads its month calendar, moves to the
// next month with a plain link (dates kept), and finds the booking form prefilled. An experience
// page shows seats left and when bookings close. axe passes on each page; nothing scrolls sideways.
import { addDays } from "../../app/modules/catalog/listing-dates";
import { todayInShanghai } from "../../app/utils/format";
import { expect, expectNoHorizontalScroll, expectNoSeriousA11yViolations, publicPaths, re, test, zh } from "./support";


const ZH_MONTH = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
const nextMonth = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
};

test.describe("finding a stay by dates, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filters by dates and guests, opens a stay, pages its calendar and finds the booking form", async ({ page }) => {
    const today = todayInShanghai();
    const checkIn = addDays(today, 20);
    const checkOut = addDays(today, 22);

    await page.goto("/stays");
    const filter = page.getByRole("region", { name: zh["stays.filter.title"] });
    await expect(filter.getByText(zh["bookings.find.datesNote"])).toBeVisible();
    await filter.getByLabel(zh["stays.filter.checkIn"]).fill(checkIn);
    await filter.getByLabel(zh["stays.filter.checkOut"]).fill(checkOut);
    await filter.getByLabel(zh["stays.filter.guests"]).selectOption("2");
    await filter.getByRole("button", { name: zh["stays.filter.submit"] }).click();
    await expect(page).toHaveURL(new RegExp(`checkIn=${checkIn}&checkOut=${checkOut}&guests=2`));

    const results = page.getByRole("region", { name: /共 \d+ 家民宿/ });
    await expect(results.getByText(/入住.*退房，共 2 晚/)).toBeVisible();
    const total = results.getByTestId("stay-total").first();
    await expect(total).toHaveText(/^2 晚共 ¥[\d,]+\.\d{2}$/);

    await results.locator('a[href^="/stays/"]').first().click();
    await expect(page).toHaveURL(new RegExp(`/stays/[a-z0-9-]+\\?checkIn=${checkIn}&checkOut=${checkOut}&guests=2`));
    const rooms = page.getByRole("region", { name: zh["stays.rooms"] });
    // The quote for the chosen dates, per room.
    await expect(rooms.getByTestId("room-quote").first()).toContainText(/2 晚共 ¥/);

    // The calendar opens on the check-in's month: a 7-column table with a caption and the check-in night.
    const month = checkIn.slice(0, 7);
    const table = rooms.locator("table").first();
    await expect(table.locator("caption")).toContainText(ZH_MONTH(month));
    await expect(table.locator("thead th")).toHaveCount(7);
    await expect(table.locator(`td[data-date="${checkIn}"]`)).toHaveAttribute("data-state", /free|booked|held|blackout/);

    // Next month with a plain link; the dates stay in the URL.
    const next = nextMonth(month);
    await rooms.getByRole("link", { name: re(`下个月（${ZH_MONTH(next)}）`) }).first().click();
    await expect(page).toHaveURL(new RegExp(`month=${next}`));
    await expect(page).toHaveURL(new RegExp(`checkIn=${checkIn}`));
    await expect(rooms.locator("table").first().locator("caption")).toContainText(ZH_MONTH(next));
    await expect(rooms.getByRole("link", { name: re(`上个月（${ZH_MONTH(month)}）`) }).first()).toBeVisible();

    // The booking form of the first room: prefilled, posting to the cart.
    const form = rooms.locator('form[method="post"][action="/cart"]').first();
    await expect(form.locator('input[name="intent"]')).toHaveValue("add-stay");
    await expect(form.getByLabel(zh["bookings.form.checkIn"])).toHaveValue(checkIn);
    await expect(form.getByLabel(zh["bookings.form.checkOut"])).toHaveValue(checkOut);
    await expect(form.getByLabel(zh["bookings.form.guests"])).toHaveValue("2");
    await expect(form.getByRole("button", { name: zh["bookings.form.submit"] })).toBeVisible();
  });

  test("the calendar does not go before this month", async ({ page, request }) => {
    const { stays } = await publicPaths(request);
    await page.goto(`${stays[0]}?month=2000-01`);
    const rooms = page.getByRole("region", { name: zh["stays.rooms"] });
    await expect(rooms.locator("table").first().locator("caption")).toContainText(ZH_MONTH(todayInShanghai().slice(0, 7)));
    await expect(rooms.getByText(zh["bookings.calendar.previous"], { exact: true }).first()).toHaveAttribute("aria-disabled", "true");
  });

  test("dates that cannot be used are ignored with a notice", async ({ page }) => {
    const today = todayInShanghai();
    await page.goto(`/stays?checkIn=${addDays(today, 5)}&checkOut=${addDays(today, 3)}`);
    await expect(page.getByRole("status").filter({ hasText: zh["bookings.find.notice.order"] })).toBeVisible();
  });
});

test.describe("an experience's slots", () => {
  test("show seats left and when bookings close", async ({ page, request }) => {
    const { experiences } = await publicPaths(request);
    await page.goto(experiences[0]!);
    const slots = page.getByRole("region", { name: zh["experiences.slots"] });
    await expect(slots.getByText(/^开始前 \d+ (小时|分钟).*截止预订$|^开始前均可预订$/)).toBeVisible();
    await expect(slots.getByText(/余 \d+ 位/).first()).toBeVisible();
    await expect(slots.locator('form[action="/cart"] input[name="intent"][value="add-slot"]').first()).toBeAttached();
  });
});

// axe runs in the page, so these checks have JavaScript on.
test.describe("booking pages are accessible on a phone", () => {
  test("the dated stays list, a stay with its calendar and quote, an experience", async ({ page, request }) => {
    const today = todayInShanghai();
    const dates = `checkIn=${addDays(today, 20)}&checkOut=${addDays(today, 22)}&guests=2`;
    const { stays, experiences } = await publicPaths(request);
    for (const path of [`/stays?${dates}`, `${stays[0]}?${dates}`, `${stays[0]}?month=${nextMonth(today.slice(0, 7))}`, experiences[0]!, `/en${stays[0]}?${dates}`]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await expectNoHorizontalScroll(page);
    }
  });
});
