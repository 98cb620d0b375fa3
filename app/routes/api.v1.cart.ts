// GET /api/v1/carts/:cartId?lang= → {lang, cart}: lines grouped per cooperative with each one's
// shipping, the totals, and what would stop each line at checkout (`problem`).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { cartJson } from "~/modules/api/cart-json";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiPrivate, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { getCart, isCartId } from "~/modules/cart/cart.server";
import { getDb } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const lang = parseLangParam(new URL(request.url).searchParams);
    if (!lang.ok) return invalidParams(lang.fields);
    const cartId = params.cartId ?? "";
    const cart = isCartId(cartId) ? await getCart(getDb(), cartId) : null;
    if (!cart) return notFoundError("No such cart.");
    return apiPrivate({ lang: lang.value.lang, cart: cartJson(cart, lang.value.lang) });
  });

export const action = methodNotAllowed;
