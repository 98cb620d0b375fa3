// The guest's cart lives behind a cookie holding its id (an unguessable capability, 30 days).
// A signed-in shopper's cart is found by user id instead; at login the guest cart merges into it.
import { createCookie } from "@remix-run/node";
import { and, eq, notExists, sql } from "drizzle-orm";
import { cartLines, carts } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { secureCookies } from "~/utils/env.server";
import type { Session } from "../accounts/session.server";
import { cartExists, cartIdForUser, createCart, findUserCartId, isCartId } from "./cart.server";

const CART_DAYS = 30;
let cookie: ReturnType<typeof createCookie> | undefined;

export function cartCookie() {
  const secure = secureCookies();
  cookie ??= createCookie(secure ? "__Host-xj_cart" : "xj_cart", {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: CART_DAYS * 24 * 3600,
  });
  return cookie;
}

/** Whether the request carries a cart cookie (cheap; no parsing, no database). */
export function hasCartCookie(request: Request): boolean {
  return (request.headers.get("Cookie") ?? "").includes(`${cartCookie().name}=`);
}

export async function readCartId(request: Request): Promise<string | null> {
  const value: unknown = await cartCookie().parse(request.headers.get("Cookie"));
  return isCartId(value) ? value : null;
}

export function cartCookieHeader(cartId: string): Promise<string> {
  return cartCookie().serialize(cartId);
}

export function clearCartCookieHeader(): Promise<string> {
  return cartCookie().serialize("", { maxAge: 0 });
}

/** The cart this browser is using now: the signed-in user's, else the guest cookie's (null: none yet). */
export async function currentCartId(request: Request, db: Database, session: Session | null): Promise<string | null> {
  if (session) return findUserCartId(db, session.user.id);
  return readCartId(request);
}

/** The current cart, created when there is none; `setCookie` is set when a guest cart was made. */
export async function ensureCartId(
  request: Request,
  db: Database,
  session: Session | null,
): Promise<{ cartId: string; setCookie: string | null; created: boolean }> {
  if (session) {
    const existing = await findUserCartId(db, session.user.id);
    if (existing) return { cartId: existing, setCookie: null, created: false };
    return { cartId: await cartIdForUser(db, session.user.id), setCookie: null, created: true };
  }
  const existing = await readCartId(request);
  if (existing) {
    if (await cartExists(db, existing)) return { cartId: existing, setCookie: null, created: false };
  }
  const cartId = await createCart(db, null);
  return { cartId, setCookie: await cartCookieHeader(cartId), created: true };
}

/**
 * `add` on the current cart, made for it if there is none. When `add` throws (the catalogue
 * refused: no such SKU, the room is taken…), a cart made here goes again if still empty: a
 * refused request leaves no row behind (and a guest's would be unreachable: no cookie is sent).
 */
export async function addToCurrentCart<T>(
  request: Request,
  db: Database,
  session: Session | null,
  add: (cartId: string) => Promise<T>,
): Promise<{ cartId: string; setCookie: string | null; result: T }> {
  const { cartId, setCookie, created } = await ensureCartId(request, db, session);
  try {
    return { cartId, setCookie, result: await add(cartId) };
  } catch (error) {
    if (created) {
      await db
        .delete(carts)
        .where(and(eq(carts.id, cartId), notExists(db.select({ one: sql`1` }).from(cartLines).where(eq(cartLines.cartId, cartId)))));
    }
    throw error;
  }
}
