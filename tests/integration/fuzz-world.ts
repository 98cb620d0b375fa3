// The fuzzer's world: a migrated database of its own (so that a fingerprint of whole tables is
// not disturbed by the other test files writing to the shared one), one cooperative A with one
// of everything a seller can edit, cooperative B, a shopper with a booking, an operator, an API
// cart with a line and an unpaid order the API can be asked about.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import {
  experienceSlots,
  experiences,
  invitations,
  productImages,
  productVariants,
  products,
  stayBookings,
  unitBlackouts,
  unitCalendarImports,
  unitRates,
} from "../../db/schema/index";
import { hashToken, newToken } from "~/modules/accounts/tokens.server";
import { addToCart, cartIdForUser } from "~/modules/cart/cart.server";
import { orderAccessToken } from "~/modules/orders/access.server";
import type { Database } from "~/utils/db.server";
import { addMembership, createCooperative, createUser, createVillage, sellerTeams, sessionCookieFor, uniqueSlug, uniqueToken } from "../factories";
import { createBookingOrder, createRoom } from "../factories/bookings";
import { createOrder } from "../factories/orders";
import type { TestDb } from "../setup/db";
import { openScratchTestDb, usePostgresSearch } from "../setup/search";

export const WEBHOOK_SECRET = "whsec_fuzz0123456789";

export type Role = "anon" | "shopper" | "owner" | "staff" | "operator";

export type World = {
  t: TestDb;
  /** Values for route params and id-like form fields, by name. */
  ids: Record<string, string>;
  /** A fresh session cookie for the role (a fuzzed request may sign out or change a password). */
  cookieFor: (role: Role) => Promise<string | null>;
};

export async function openWorld(): Promise<World> {
  const t = await openScratchTestDb("xiangji_fuzz");
  // Before any app module reads the environment (env() is read once per process).
  process.env.DATABASE_URL = t.url;
  process.env.MEDIA_DIR = await mkdtemp(path.join(tmpdir(), "xj-fuzz-media-"));
  process.env.MAIL_DIR = await mkdtemp(path.join(tmpdir(), "xj-fuzz-mail-"));
  process.env.PAYMENT_PROVIDER = "test";
  process.env.SEARCH_WORKER = "off";
  process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
  usePostgresSearch();
  const db = t.db;

  const village = await createVillage(db);
  const a = await createCooperative(db, { villageId: village.id });
  const b = await createCooperative(db, { villageId: village.id });
  const team = await sellerTeams(db, a.id, b.id);
  const shopper = await createUser(db);
  const operator = await createUser(db, { isOperator: true });
  const pendingOwner = await createUser(db);
  const pending = await createCooperative(db, { villageId: village.id, status: "pending" });
  await addMembership(db, pendingOwner.id, pending.id, "owner");

  const slug = uniqueSlug("fuzz");
  const [product] = await db
    .insert(products)
    .values({ cooperativeId: a.id, villageId: village.id, handle: slug, slug, category: "tea", titleZh: "白茶", priceFromCents: 1000 })
    .returning();
  const sku = `FUZZ-${uniqueToken().toUpperCase()}`;
  const [variant] = await db.insert(productVariants).values({ productId: product!.id, sku, nameZh: "一罐", priceCents: 1000, stock: 50 }).returning();
  const [image] = await db
    .insert(productImages)
    .values({ productId: product!.id, storageKey: `products/${slug}`, width: 100, height: 100, widths: [100], altZh: "茶" })
    .returning();
  const room = await createRoom(db, { cooperativeId: a.id, villageId: village.id });
  const [rate] = await db.insert(unitRates).values({ unitId: room.unitId, startDate: "2030-05-01", endDate: "2030-05-08", priceCents: 40000 }).returning();
  const [blackout] = await db.insert(unitBlackouts).values({ unitId: room.unitId, startDate: "2030-06-01", endDate: "2030-06-03", reason: "修缮" }).returning();
  const [calendarImport] = await db
    .insert(unitCalendarImports)
    .values({ unitId: room.unitId, url: "https://calendar.example.test/a.ics", name: "Airbnb" })
    .returning();
  const [experience] = await db
    .insert(experiences)
    .values({ cooperativeId: a.id, villageId: village.id, slug: `${slug}-exp`, titleZh: "采茶", titleEn: "Picking", durationMinutes: 120, pricePerPersonCents: 8800 })
    .returning();
  const [slot] = await db.insert(experienceSlots).values({ experienceId: experience!.id, startsAt: new Date("2030-04-06T01:00:00Z"), capacity: 12 }).returning();
  const invitationToken = newToken();
  await db.insert(invitations).values({ cooperativeId: a.id, email: shopper.email, tokenHash: hashToken(invitationToken), expiresAt: new Date(Date.now() + 86_400_000) });

  // A paid order of A's product, the shopper's booking waiting to be paid on arrival, an unpaid
  // order the API and the test payment page can be asked about.
  const paid = await createOrder(db, { parts: [{ cooperativeId: a.id, lines: [{ productId: product!.id, variantId: variant!.id, sku }] }] });
  const booking = await createBookingOrder(db, {
    userId: shopper.id,
    provider: "on_arrival",
    parts: [{ cooperativeId: a.id, stays: [{ unitId: room.unitId, checkIn: "2030-09-01", checkOut: "2030-09-03", totalCents: 96_000 }] }],
  });
  const [hostBooking] = await db.select({ id: stayBookings.id }).from(stayBookings).where(sql`${stayBookings.orderId} = ${booking.id}`);
  const unpaid = await createOrder(db, { status: "pending_payment", parts: [{ cooperativeId: a.id, status: "pending_payment", lines: [{ productId: product!.id, variantId: variant!.id, sku }] }] });

  // A guest cart of the JSON API with one line, made through the API itself.
  const post = async (file: string, url: string, params: Record<string, string>, body: unknown) => {
    const mod = (await import(/* @vite-ignore */ `~/routes/${file}`)) as { action: (args: never) => Promise<Response> };
    const request = new Request(`http://test.local${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const res = await mod.action({ request, params, context: { clientIp: "127.0.0.1" } } as never);
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { cartId?: string; lineId?: number };
  };
  const { cartId } = await post("api.v1.carts", "/api/v1/carts", {}, {});
  // The shopper's own cart (the pages' checkout has something to check out).
  await addToCart(db, await cartIdForUser(db, shopper.id), { sku, quantity: 1 }, { merge: true });
  const { lineId } = await post("api.v1.cart.lines", `/api/v1/carts/${cartId}/lines`, { cartId: cartId! }, { sku, quantity: 1 });

  const ids: Record<string, string> = {
    cartId: cartId!,
    lineId: String(lineId),
    cooperativeId: String(a.id),
    villageId: String(village.id),
    otherCooperativeId: String(b.id),
    pendingCooperativeId: String(pending.id),
    productId: String(product!.id),
    variantId: String(variant!.id),
    sku,
    imageId: String(image!.id),
    stayId: String(room.stayId),
    unitId: String(room.unitId),
    rateId: String(rate!.id),
    blackoutId: String(blackout!.id),
    importId: String(calendarImport!.id),
    experienceId: String(experience!.id),
    slotId: String(slot!.id),
    sellerOrderId: String(paid.sellerOrders[0]!.id),
    kind: "stay",
    bookingId: String(hostBooking!.id),
    number: unpaid.number,
    accessToken: orderAccessToken(unpaid.number),
    token: invitationToken,
    productSlug: product!.slug,
    staySlug: room.slug,
    experienceSlug: experience!.slug,
    staffUserId: String(team.staffId),
    email: shopper.email,
  };

  const users: Record<Exclude<Role, "anon">, { id: number; coop: number | null }> = {
    shopper: { id: shopper.id, coop: null },
    owner: { id: team.ownerId, coop: a.id },
    staff: { id: team.staffId, coop: a.id },
    operator: { id: operator.id, coop: null },
  };
  return {
    t,
    ids,
    cookieFor: async (role) => (role === "anon" ? null : sessionCookieFor(db, users[role].id, users[role].coop)),
  };
}

/**
 * A digest per table of every row of every table of the database, except rate_limit_hits: a
 * refused login still counts as an attempt there (that is the rate limit working).
 */
export async function fingerprint(db: Database): Promise<Map<string, string>> {
  const tables = await db.execute<{ name: string }>(sql`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'rate_limit_hits' ORDER BY 1`);
  const parts = tables.map(({ name }) => `SELECT '${name}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM "${name}" t`);
  const rows = await db.execute<{ name: string; md5: string }>(sql.raw(parts.join(" UNION ALL ")));
  return new Map(rows.map((r) => [r.name, r.md5]));
}

/** The tables whose digest differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((k) => before.get(k) !== after.get(k));
}
