// Who each route is for and what a plausible request to it looks like: the fuzzer's profiles
// (see fuzz-support.ts). A route with an action and no profile fails the run.
import type { Role } from "./fuzz-world";

export type FuzzRoute = { file: string; pattern: string; hasAction: boolean; hasLoader: boolean; api: boolean };

export type Group = "dashboard" | "public" | "api";
/** `query` is added to every URL (`$name` is a world id: the test payment page needs the order's token). */
export type Profile = { group: Group; roles: Role[]; json?: Record<string, unknown>[]; query?: string; upload?: { intent: string | null; good: () => File } };

const dash = (roles: Role[] = ["owner", "staff"]): Profile => ({ group: "dashboard", roles });
const pub = (...roles: Role[]): Profile => ({ group: "public", roles });
const api = (json: Record<string, unknown>[] = [{}]): Profile => ({ group: "api", roles: ["anon"], json });

/** Who each route is for (the first role gets most requests) — every action route must be here. */
export const PROFILES: Record<string, Profile> = {
  "routes/account.booking.tsx": pub("shopper"),
  "routes/account.tsx": pub("shopper", "anon"),
  "routes/admin.cooperatives.tsx": { group: "dashboard", roles: ["operator", "owner"] },
  "routes/cart.tsx": pub("anon", "shopper"),
  "routes/checkout.tsx": pub("shopper", "anon"),
  "routes/forgot-password.tsx": pub("anon"),
  "routes/invitation.tsx": pub("shopper", "anon"),
  "routes/lang.ts": pub("anon"),
  "routes/login.tsx": pub("anon"),
  "routes/logout.ts": pub("shopper", "anon"),
  "routes/pay.test.tsx": { ...pub("anon", "shopper"), query: "?t=$accessToken" },
  "routes/reset-password.tsx": pub("anon"),
  "routes/sell.tsx": pub("shopper"),
  "routes/signup.tsx": pub("anon"),
  "routes/webhooks.stripe.ts": {
    group: "api",
    roles: ["anon"],
    json: ["checkout.session.completed", "checkout.session.async_payment_failed", "checkout.session.expired", "charge.refunded"].map((type) => ({
      id: "evt_fuzz",
      type,
      data: { object: { id: "cs_fuzz", object: "checkout.session", metadata: { orderNumber: "$number" }, client_reference_id: "$number", payment_intent: "pi_fuzz", amount_total: 1000, currency: "cny", payment_status: "paid" } },
    })),
  },
  "routes/api.v1.carts.ts": api(),
  "routes/api.v1.cart.ts": api(),
  "routes/api.v1.cart.lines.ts": api([
    { sku: "$sku", quantity: 1 },
    { kind: "stay", unitId: "$unitId", checkIn: "2030-10-01", checkOut: "2030-10-03", guests: 2 },
    { kind: "slot", slotId: "$slotId", people: 2 },
  ]),
  "routes/api.v1.cart.line.ts": api([{ quantity: 2 }]),
  "routes/api.v1.cart.checkout.ts": api([
    { email: "buyer@example.com", name: "王小明", phone: "13812345678", address: { province: "浙江省", city: "湖州市", district: "安吉县", detail: "余村 1 号" }, note: "" },
  ]),
  "routes/api.v1.order.ts": api(),
  "routes/api.v1.order.test-payment.ts": api([{ outcome: "paid" }, { outcome: "failed" }]),
};
/** Files the upload routes take (sent under wrong names and types, too): a 1×1 PNG, a CSV, a calendar. */
const PNG_1X1 = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const uploads: Record<string, Profile["upload"]> = {
  "routes/dashboard.product.images.tsx": { intent: "upload", good: () => new File([PNG_1X1], "a.png", { type: "image/png" }) },
  "routes/dashboard.products.import.tsx": { intent: null, good: () => new File(["handle,title_zh,sku,price,stock\nfuzz-tea,白茶,FZ-1,10,5\n"], "p.csv", { type: "text/csv" }) },
  "routes/dashboard.stay.room.calendars.tsx": {
    intent: "upload",
    good: () => new File(["BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20300801\r\nDTEND;VALUE=DATE:20300803\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"], "a.ics", { type: "text/calendar" }),
  },
};
/**
 * Valid forms of the create pages (merged over the guessed fields; null drops a guessed one,
 * `$name` is a world id, `$seq` the request's number), so that a hostile title or description in
 * an otherwise valid form reaches the database, not just the schema.
 */
export const BASES: Record<string, Record<string, string | null>> = {
  "routes/dashboard.products.new.tsx": {
    titleZh: "白茶", category: "tea", status: "draft",
    "variants[0].sku": "FZ-$seq", "variants[0].nameZh": "一罐", "variants[0].price": "10", "variants[0].stock": "5",
  },
  "routes/dashboard.stays.new.tsx": { titleZh: "溪山居", villageId: "$villageId", checkInTime: "14:00", checkOutTime: "12:00", cancellationPolicy: "flexible", status: "draft", amenities: null },
  "routes/dashboard.experiences.new.tsx": { titleZh: "采茶", villageId: "$villageId", durationMinutes: "120", price: "88", minPeople: "1", maxPeople: "10", status: "draft" },
  "routes/dashboard.stay.room-new.tsx": { nameZh: "溪景房", maxGuests: "2", basePrice: "300", minNights: "1" },
  "routes/signup.tsx": { name: "王小明", email: "fuzz$seq@example.com", password: "correct-horse-battery-9", confirmPassword: "correct-horse-battery-9" },
  "routes/checkout.tsx": { name: "王小明", email: "fuzz@example.com", phone: "13812345678", province: "浙江省", city: "湖州市", district: "安吉县", detail: "余村 1 号", payment: "online" },
};
const DASHBOARD_OWNER_ONLY = /dashboard\.(members|payouts|shipping|bookings\.settings)/;

/** The profile of a route: API and dashboard routes have a default, the rest must be listed. */
export function profileOf(route: FuzzRoute): Profile | undefined {
  if (PROFILES[route.file]) return PROFILES[route.file];
  if (route.api) return api();
  if (route.file.startsWith("routes/dashboard.")) {
    return { ...dash(DASHBOARD_OWNER_ONLY.test(route.file) ? ["owner"] : ["owner", "staff"]), upload: uploads[route.file] };
  }
  return undefined;
}
