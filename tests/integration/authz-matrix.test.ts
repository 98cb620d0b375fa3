// The authorization matrix: every dashboard and admin route in app/routes.ts, its loader and its
// action with every intent it knows, tried on cooperative A's things by people who must not
// touch them — a member of cooperative B, a shopper, a visitor, and (for owner-only pages) A's
// own staff. Each attempt must end in 404, 403 or a redirect to the login page, and A's rows
// (and the pending applicant's) must be exactly as they were.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  experienceSlots,
  experiences,
  invitations,
  productImages,
  productVariants,
  products,
  stayBookings,
  stayUnits,
  stays,
  unitBlackouts,
  unitCalendarImports,
  unitRates,
} from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { addMembership, createCooperative, createUser, createVillage, sessionCookieFor, uniqueSlug } from "../factories";
import { createOrder } from "../factories/orders";
import { openTestDb, type TestDb } from "../setup/db";
import { ORIGIN, type Outcome, type RouteModule, callAction, callLoader } from "./route-support";

type RouteEntry = { id?: string; file: string; path?: string; index?: boolean; children?: RouteEntry[] };
type Protected = { id: string; file: string; pattern: string };

let t: TestDb;
const ids: Record<string, number | string> = {};
const cookies: Record<"memberB" | "shopper" | "staffA" | "operatorless", string> = {} as never;
let coopA = 0;
let pendingCoop = 0;

/** The Chinese tree's dashboard and admin routes with their full URL patterns. */
async function protectedRoutes(): Promise<Protected[]> {
  const { default: routes } = (await import("~/routes")) as { default: RouteEntry[] };
  const out: Protected[] = [];
  const walk = (entries: RouteEntry[], base: string) => {
    for (const r of entries) {
      const pattern = r.index ? base : `${base}/${r.path ?? ""}`.replace(/\/+/g, "/").replace(/\/$/, "");
      if (r.id && /^zh:(dashboard|admin)/.test(r.id)) out.push({ id: r.id, file: r.file, pattern: pattern || "/" });
      if (r.children) walk(r.children, pattern);
    }
  };
  walk(routes.filter((r) => !r.id || r.id.startsWith("zh:")), "");
  return out;
}

/** The `intent` values a route's source mentions (buttons, schemas, switches). */
async function intentsOf(file: string): Promise<string[]> {
  const source = await readFile(path.resolve("app", file), "utf8");
  const found = new Set<string>();
  for (const m of source.matchAll(/intent(?:=|:\s*|\s*===\s*|\s*==\s*)["'`]([a-z][a-z0-9-_]*)["'`]/gi)) found.add(m[1]!);
  for (const m of source.matchAll(/z\.literal\(["']([a-z][a-z0-9-_]*)["']\)/g)) found.add(m[1]!);
  for (const m of source.matchAll(/case ["']([a-z][a-z0-9-_]*)["']:/g)) found.add(m[1]!);
  return [...found];
}

/** Query strings a loader needs to answer 200 for the owner (the export's date range). */
const QUERIES: Record<string, string> = { "/dashboard/orders/export": "?from=2030-01-01&to=2030-01-31" };

function fill(pattern: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = pattern.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = String(ids[name] ?? 999_999);
    params[name] = value;
    return value;
  });
  return { url, params };
}

/** Every id field a form might carry, all pointing at cooperative A's things. */
function idFields(): Record<string, string> {
  const f: Record<string, string> = {};
  for (const [k, v] of Object.entries(ids)) f[k] = String(v);
  Object.assign(f, {
    id: String(ids.productId),
    cooperativeId: String(coopA),
    userId: String(ids.ownerAUserId),
    memberId: String(ids.ownerAUserId),
  });
  return f;
}

/** A digest of every row that belongs to cooperative A or to the pending applicant. */
async function fingerprint(): Promise<string> {
  const coops = [coopA, pendingCoop];
  const [row] = await t.db.execute<{ digest: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(c::text, ',' ORDER BY c.id) FROM cooperatives c WHERE c.id IN (${coops[0]}, ${coops[1]})),
      (SELECT string_agg(m::text, ',' ORDER BY m.user_id) FROM memberships m WHERE m.cooperative_id IN (${coops[0]}, ${coops[1]})),
      (SELECT string_agg(i::text, ',' ORDER BY i.id) FROM invitations i WHERE i.cooperative_id = ${coopA}),
      (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM products p WHERE p.cooperative_id = ${coopA}),
      (SELECT string_agg(v::text, ',' ORDER BY v.id) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${coopA}),
      (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM stock_adjustments a JOIN product_variants v ON v.id = a.variant_id JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${coopA}),
      (SELECT string_agg(im::text, ',' ORDER BY im.id) FROM product_images im JOIN products p ON p.id = im.product_id WHERE p.cooperative_id = ${coopA}),
      (SELECT string_agg(s::text, ',' ORDER BY s.id) FROM stays s WHERE s.cooperative_id = ${coopA}),
      (SELECT string_agg(u::text, ',' ORDER BY u.id) FROM stay_units u JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${coopA}),
      (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM unit_rates r JOIN stay_units u ON u.id = r.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${coopA}),
      (SELECT string_agg(b::text, ',' ORDER BY b.id) FROM unit_blackouts b JOIN stay_units u ON u.id = b.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${coopA}),
      (SELECT string_agg(ci::text, ',' ORDER BY ci.id) FROM unit_calendar_imports ci JOIN stay_units u ON u.id = ci.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${coopA}),
      (SELECT string_agg(sb::text, ',' ORDER BY sb.id) FROM stay_bookings sb JOIN stay_units u ON u.id = sb.unit_id JOIN stays s ON s.id = u.stay_id WHERE s.cooperative_id = ${coopA}),
      (SELECT string_agg(eb::text, ',' ORDER BY eb.id) FROM experience_bookings eb JOIN experience_slots sl ON sl.id = eb.slot_id JOIN experiences e ON e.id = sl.experience_id WHERE e.cooperative_id = ${coopA}),
      (SELECT string_agg(e::text, ',' ORDER BY e.id) FROM experiences e WHERE e.cooperative_id = ${coopA}),
      (SELECT string_agg(sl::text, ',' ORDER BY sl.id) FROM experience_slots sl JOIN experiences e ON e.id = sl.experience_id WHERE e.cooperative_id = ${coopA}),
      (SELECT string_agg(so::text, ',' ORDER BY so.id) FROM seller_orders so WHERE so.cooperative_id = ${coopA}),
      (SELECT string_agg(o::text, ',' ORDER BY o.id) FROM orders o WHERE o.id IN (SELECT order_id FROM seller_orders WHERE cooperative_id = ${coopA})),
      (SELECT string_agg(ol::text, ',' ORDER BY ol.id) FROM order_lines ol JOIN seller_orders so ON so.id = ol.seller_order_id WHERE so.cooperative_id = ${coopA}),
      (SELECT string_agg(r::text, ',' ORDER BY r.id) FROM refunds r WHERE r.order_id IN (SELECT order_id FROM seller_orders WHERE cooperative_id = ${coopA}))
    )) AS digest`);
  return row!.digest;
}

const MARKER = `越权标记${uniqueSlug("x")}`;

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  const village = await createVillage(t.db);
  const a = await createCooperative(t.db, { villageId: village.id, nameZh: `${MARKER}合作社` });
  const b = await createCooperative(t.db, { villageId: village.id });
  const pending = await createCooperative(t.db, { villageId: village.id, status: "pending" });
  coopA = a.id;
  pendingCoop = pending.id;

  const ownerA = await createUser(t.db);
  const staffA = await createUser(t.db);
  const ownerB = await createUser(t.db);
  const shopper = await createUser(t.db);
  const applicant = await createUser(t.db);
  await addMembership(t.db, ownerA.id, a.id, "owner");
  await addMembership(t.db, staffA.id, a.id, "staff");
  await addMembership(t.db, ownerB.id, b.id, "owner");
  await addMembership(t.db, applicant.id, pending.id, "owner");
  ids.ownerAUserId = ownerA.id;
  ids.staffAUserId = staffA.id;

  const slug = uniqueSlug("authz");
  const [product] = await t.db
    .insert(products)
    .values({ cooperativeId: a.id, handle: slug, slug, category: "tea", titleZh: `${MARKER}白茶`, priceFromCents: 1000 })
    .returning();
  const [variant] = await t.db
    .insert(productVariants)
    .values({ productId: product!.id, sku: slug.toUpperCase(), nameZh: "一罐", priceCents: 1000, stock: 7 })
    .returning();
  const [image] = await t.db
    .insert(productImages)
    .values({ productId: product!.id, storageKey: `products/${slug}`, width: 100, height: 100, widths: [100], altZh: MARKER })
    .returning();
  const [stay] = await t.db
    .insert(stays)
    .values({ cooperativeId: a.id, villageId: village.id, slug: `${slug}-stay`, titleZh: `${MARKER}民宿`, titleEn: "Stay" })
    .returning();
  const [unit] = await t.db
    .insert(stayUnits)
    .values({ stayId: stay!.id, nameZh: `${MARKER}房`, nameEn: "Room", maxGuests: 2, basePriceCents: 30000 })
    .returning();
  const [rate] = await t.db
    .insert(unitRates)
    .values({ unitId: unit!.id, startDate: "2030-05-01", endDate: "2030-05-08", priceCents: 40000 })
    .returning();
  const [blackout] = await t.db
    .insert(unitBlackouts)
    .values({ unitId: unit!.id, startDate: "2030-06-01", endDate: "2030-06-03", reason: MARKER })
    .returning();
  const [calendarImport] = await t.db
    .insert(unitCalendarImports)
    .values({ unitId: unit!.id, url: "https://calendar.example.test/a.ics", name: MARKER })
    .returning();
  await t.db.insert(unitBlackouts).values({ unitId: unit!.id, startDate: "2030-07-01", endDate: "2030-07-03", importId: calendarImport!.id, reason: MARKER });
  const [experience] = await t.db
    .insert(experiences)
    .values({
      cooperativeId: a.id,
      villageId: village.id,
      slug: `${slug}-exp`,
      titleZh: `${MARKER}采茶`,
      titleEn: "Picking",
      durationMinutes: 120,
      pricePerPersonCents: 8800,
    })
    .returning();
  const [slot] = await t.db
    .insert(experienceSlots)
    .values({ experienceId: experience!.id, startsAt: new Date("2030-04-06T01:00:00Z"), capacity: 12 })
    .returning();
  const [invitation] = await t.db
    .insert(invitations)
    .values({ cooperativeId: a.id, email: `invitee-${slug}@example.test`, tokenHash: `hash-${slug}`, expiresAt: new Date(Date.now() + 86_400_000) })
    .returning();
  // One order split between A and B: B's members see the order, never A's part of it.
  const order = await createOrder(t.db, {
    parts: [
      { cooperativeId: a.id, lines: [{ titleZh: `${MARKER}白茶`, productId: product!.id, variantId: variant!.id }] },
      { cooperativeId: b.id, lines: [{ titleZh: "山核桃" }] },
    ],
  });
  // A confirmed stay of A's room in that order: the bookings pages have something to show.
  const [booking] = await t.db
    .insert(stayBookings)
    .values({ orderId: order.id, sellerOrderId: order.sellerOrders[0]!.id, unitId: unit!.id, checkIn: "2030-08-01", checkOut: "2030-08-03", guests: 2, totalCents: 60000, status: "confirmed" })
    .returning();
  Object.assign(ids, {
    kind: "stay",
    bookingId: booking!.id,
    importId: calendarImport!.id,
    sellerOrderId: order.sellerOrders[0]!.id,
    productId: product!.id,
    variantId: variant!.id,
    imageId: image!.id,
    stayId: stay!.id,
    unitId: unit!.id,
    rateId: rate!.id,
    blackoutId: blackout!.id,
    experienceId: experience!.id,
    slotId: slot!.id,
    invitationId: invitation!.id,
  });

  cookies.memberB = await sessionCookieFor(t.db, ownerB.id, b.id);
  cookies.shopper = await sessionCookieFor(t.db, shopper.id);
  cookies.staffA = await sessionCookieFor(t.db, staffA.id, a.id);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

const refused = (o: Outcome) => o.status === 404 || o.status === 403 || (o.status >= 300 && o.status < 400 && /\/login\?/.test(o.location ?? ""));
const describeOutcome = (o: Outcome) => `${o.status}${o.location ? ` → ${o.location}` : ""}`;

/** An action called with a raw body (not a form). */
async function settleRaw(mod: RouteModule, url: string, params: Record<string, string>, cookie: string, headers: Record<string, string>, body: string) {
  return callAction({ action: (args: never) => {
    const a = args as { request: Request; params: Record<string, string>; context: unknown };
    const request = new Request(a.request.url, { method: "POST", headers: { ...headers, Cookie: cookie, Origin: ORIGIN }, body });
    return mod.action!({ ...a, request } as never);
  } }, url, { cookie, params });
}

type Attempt = { who: string; route: string; kind: string; outcome: Outcome };

async function attempts(who: "memberB" | "shopper" | "visitor" | "staffA", only?: (r: Protected) => boolean): Promise<Attempt[]> {
  const cookie = who === "visitor" ? null : cookies[who as keyof typeof cookies];
  const out: Attempt[] = [];
  for (const route of (await protectedRoutes()).filter(only ?? (() => true))) {
    const mod = (await import(/* @vite-ignore */ `~/${route.file.replace(/\.tsx?$/, "")}`)) as RouteModule;
    const { url, params } = fill(route.pattern);
    if (mod.loader) out.push({ who, route: route.pattern, kind: "GET", outcome: await callLoader(mod, url, { cookie, params }) });
    if (mod.action) {
      const forms: Record<string, string>[] = [{}, idFields()];
      for (const intent of await intentsOf(route.file)) forms.push({ ...idFields(), intent });
      for (const form of forms) {
        out.push({ who, route: route.pattern, kind: `POST ${form.intent ?? (Object.keys(form).length ? "ids" : "empty")}`, outcome: await callAction(mod, url, { cookie, params, form }) });
      }
    }
  }
  return out;
}

describe("the authorization matrix of the dashboard and the admin", () => {
  it("covers every dashboard and admin route of app/routes.ts", async () => {
    const routes = await protectedRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(24);
    expect(routes.some((r) => r.pattern === "/admin/cooperatives")).toBe(true);
    expect(routes.some((r) => r.pattern === "/dashboard/products/:productId")).toBe(true);
  });

  it("sends a visitor to the login page from every loader and action, and changes nothing", async () => {
    const before = await fingerprint();
    const all = await attempts("visitor");
    const wrong = all.filter((a) => !(a.outcome.status === 404 || (a.outcome.status >= 300 && a.outcome.status < 400 && /\/login\?/.test(a.outcome.location ?? ""))));
    expect(wrong.map((a) => `${a.kind} ${a.route}: ${describeOutcome(a.outcome)}`)).toEqual([]);
    expect(all.length).toBeGreaterThan(40);
    expect(await fingerprint()).toBe(before);
  });

  it("refuses a signed-in shopper everywhere (403/404), and changes nothing", async () => {
    const before = await fingerprint();
    const all = await attempts("shopper", (r) => r.pattern !== "/dashboard");
    const wrong = all.filter((a) => !(a.outcome.status === 403 || a.outcome.status === 404));
    expect(wrong.map((a) => `${a.kind} ${a.route}: ${describeOutcome(a.outcome)}`)).toEqual([]);
    expect(await fingerprint()).toBe(before);
  });

  it("refuses a member of cooperative B on every route that names A's things, and changes nothing", async () => {
    const before = await fingerprint();
    const all = await attempts("memberB", (r) => r.pattern.includes(":") || r.pattern.startsWith("/admin"));
    const wrong = all.filter((a) => !refused(a.outcome));
    expect(wrong.map((a) => `${a.kind} ${a.route}: ${describeOutcome(a.outcome)}`)).toEqual([]);
    expect(all.length).toBeGreaterThan(30);
    // A's part of an order B also sells in is simply not there for B: 404 for the page and every step.
    const onOrder = all.filter((a) => a.route === "/dashboard/orders/:sellerOrderId");
    expect(onOrder.map((a) => `${a.kind} ${a.outcome.status}`)).toEqual(onOrder.map((a) => `${a.kind} 404`));
    expect(onOrder.length).toBeGreaterThanOrEqual(6);
    expect(await fingerprint()).toBe(before);
  });

  it("shows a member of B only B's own things on the pages without ids, and A's ids in their forms change nothing", async () => {
    const before = await fingerprint();
    const all = await attempts("memberB", (r) => !r.pattern.includes(":") && r.pattern.startsWith("/dashboard"));
    for (const a of all) {
      expect(JSON.stringify(a.outcome.body ?? ""), `${a.kind} ${a.route} must not show A's things`).not.toContain(MARKER);
      expect(a.outcome.status, `${a.kind} ${a.route}`).toBeLessThan(500);
    }
    expect(await fingerprint()).toBe(before);
  });

  it("keeps A's staff out of the owner-only pages (members, payouts, shipping, booking settings)", async () => {
    const before = await fingerprint();
    const ownerOnly = ["/dashboard/members", "/dashboard/payouts", "/dashboard/shipping", "/dashboard/bookings/settings"];
    const all = await attempts("staffA", (r) => ownerOnly.includes(r.pattern));
    const wrong = all.filter((a) => a.outcome.status !== 403);
    expect(wrong.map((a) => `${a.kind} ${a.route}: ${describeOutcome(a.outcome)}`)).toEqual([]);
    expect(all.length).toBeGreaterThanOrEqual(8);
    expect(await fingerprint()).toBe(before);
  });

  it("keeps A's staff from making a new secret for A's room feed (403), while the room stays as it was", async () => {
    const before = await fingerprint();
    const mod = (await import("~/routes/dashboard.stay.room.calendars")) as RouteModule;
    const { url, params } = fill("/dashboard/stays/:stayId/rooms/:unitId/calendars");
    const outcome = await callAction(mod, url, { cookie: cookies.staffA, params, form: { intent: "regenerate" } });
    expect(outcome.status).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it("keeps A's staff from refunding A's orders (403), while the order stays as it was", async () => {
    const before = await fingerprint();
    const mod = (await import("~/routes/dashboard.order")) as RouteModule;
    const { url, params } = fill("/dashboard/orders/:sellerOrderId");
    const outcome = await callAction(mod, url, { cookie: cookies.staffA, params, form: { intent: "refund", reason: "想退就退" } });
    expect(outcome.status).toBe(403);
    expect(await fingerprint()).toBe(before);
  });

  it("opens every page of A for A's owner (so the refusals above are about who asks, not about wrong ids)", async () => {
    const owner = await sessionCookieFor(t.db, Number(ids.ownerAUserId), coopA);
    // /dashboard/switch only takes POSTs (its GET is a 404 on purpose).
    const routes = (await protectedRoutes()).filter((r) => r.pattern.startsWith("/dashboard") && r.pattern !== "/dashboard/switch");
    const failures: string[] = [];
    for (const route of routes) {
      const mod = (await import(/* @vite-ignore */ `~/${route.file.replace(/\.tsx?$/, "")}`)) as RouteModule;
      if (!mod.loader) continue;
      const { url, params } = fill(route.pattern);
      const outcome = await callLoader(mod, url + (QUERIES[route.pattern] ?? ""), { cookie: owner, params });
      if (outcome.status !== 200) failures.push(`GET ${route.pattern}: ${describeOutcome(outcome)}`);
    }
    expect(failures).toEqual([]);
    const intents = new Set((await Promise.all(routes.map((r) => intentsOf(r.file)))).flat());
    expect(intents.size, "intents found in the route modules").toBeGreaterThanOrEqual(15);
  });

  it("refuses a cross-site POST from A's own owner before anything happens", async () => {
    const owner = await sessionCookieFor(t.db, Number(ids.ownerAUserId), coopA);
    const before = await fingerprint();
    for (const route of await protectedRoutes()) {
      const mod = (await import(/* @vite-ignore */ `~/${route.file.replace(/\.tsx?$/, "")}`)) as RouteModule;
      if (!mod.action) continue;
      const { url, params } = fill(route.pattern);
      const outcome = await callAction(mod, url, { cookie: owner, params, form: { ...idFields(), intent: "archive" }, origin: "https://evil.example" });
      expect(outcome.status, `${route.pattern}`).toBe(403);
    }
    expect(await fingerprint()).toBe(before);
  });
  it("answers A's owner with a 4xx, never a 500, for bodies that are not forms or carry NUL characters", async () => {
    // (The owner may change A here — archive, delete a rate… — so only the status is checked.)
    const owner = await sessionCookieFor(t.db, Number(ids.ownerAUserId), coopA);
    const failures: string[] = [];
    for (const route of await protectedRoutes()) {
      const mod = (await import(/* @vite-ignore */ `~/${route.file.replace(/\.tsx?$/, "")}`)) as RouteModule;
      if (!mod.action) continue;
      const { url, params } = fill(route.pattern);
      const intents = await intentsOf(route.file);
      const bodies: { name: string; run: () => Promise<Outcome> }[] = [
        {
          name: "json",
          run: () =>
            settleRaw(mod, url, params, owner, { "Content-Type": "application/json" }, JSON.stringify({ intent: intents[0] ?? "x" })),
        },
        {
          name: "broken multipart",
          run: () => settleRaw(mod, url, params, owner, { "Content-Type": "multipart/form-data; boundary=zz" }, "--zz\r\nbroken"),
        },
        ...[undefined, ...intents].map((intent) => ({
          name: `NUL ${intent ?? ""}`,
          run: () =>
            callAction(mod, url, {
              cookie: owner,
              params,
              form: Object.fromEntries(
                Object.entries({ ...idFields(), ...(intent ? { intent } : {}), titleZh: "白\u0000茶", nameZh: "房\u0000", email: "a\u0000@b.cn", reason: "\u0000\u0000\u0000\u0000\u0000" }),
              ),
            }),
        })),
      ];
      for (const body of bodies) {
        const outcome = await body.run();
        if (outcome.status >= 500) failures.push(`${body.name} → ${route.pattern}: ${outcome.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
