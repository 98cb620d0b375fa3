// What the cart write endpoints (/api/v1/carts/:cartId/lines, …/lines/:lineId, …/checkout) share:
// the same opening checks, in the same order, and the cart they answer with.
import type { ActionFunctionArgs } from "@remix-run/node";
import { getCart, isCartId } from "~/modules/cart/cart.server";
import type { Database } from "~/utils/db.server";
import type { Lang } from "~/utils/i18n";
import { cartJson } from "./cart-json";
import { parseLangParam } from "./params";
import { apiPrivate, invalidParams, notAllowed, notFoundError } from "./respond.server";

export type CartRequest = { ok: true; lang: Lang; cartId: string } | { ok: false; response: Response };

/** The method (one of `allow`), then `?lang=`, then a well-formed :cartId; else the error to answer. */
export function openCartRequest(request: Request, params: ActionFunctionArgs["params"], allow: readonly string[]): CartRequest {
  if (!allow.includes(request.method)) return { ok: false, response: notAllowed(request, allow) };
  const lang = parseLangParam(new URL(request.url).searchParams);
  if (!lang.ok) return { ok: false, response: invalidParams(lang.fields) };
  const cartId = params.cartId ?? "";
  if (!isCartId(cartId)) return { ok: false, response: notFoundError("No such cart.") };
  return { ok: true, lang: lang.value.lang, cartId };
}

/** {…extra, lang, cart} with the cart as it is now (404 when it is gone). */
export async function cartResponse(
  db: Database,
  cartId: string,
  lang: Lang,
  { extra = {}, status = 200 }: { extra?: Record<string, unknown>; status?: number } = {},
): Promise<Response> {
  const cart = await getCart(db, cartId);
  if (!cart) return notFoundError("No such cart.");
  return apiPrivate({ ...extra, lang, cart: cartJson(cart, lang) }, status);
}
