// POST /api/v1/carts/:cartId/lines?lang= {sku, quantity} → 201 {lineId, lang, cart}. Each POST
// adds a line of its own (the pages merge a product added twice; an API client decides itself,
// and checkout adds lines of one SKU up before taking stock).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/modules/api/body.server";
import { AddLineBody } from "~/modules/api/buying-params";
import { cartJson } from "~/modules/api/cart-json";
import { domainErrorResponse } from "~/modules/api/domain-errors.server";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiPrivate, invalidParams, notAllowed, notFoundError } from "~/modules/api/respond.server";
import { addToCart, getCart, isCartId } from "~/modules/cart/cart.server";
import { getDb } from "~/utils/db.server";

const ALLOW = ["POST"];

export const loader = ({ request }: LoaderFunctionArgs) => notAllowed(request, ALLOW);

export const action = ({ request, params }: ActionFunctionArgs) =>
  apiHandler(async () => {
    if (request.method !== "POST") return notAllowed(request, ALLOW);
    const lang = parseLangParam(new URL(request.url).searchParams);
    if (!lang.ok) return invalidParams(lang.fields);
    const cartId = params.cartId ?? "";
    if (!isCartId(cartId)) return notFoundError("No such cart.");
    const body = await readJsonBody(request, AddLineBody, lang.value.lang);
    if (!body.ok) return body.response;
    const db = getDb();
    let lineId: number;
    try {
      ({ lineId } = await addToCart(db, cartId, body.value, { merge: false }));
    } catch (error) {
      const response = domainErrorResponse(error, { sku: body.value.sku });
      if (response) return response;
      throw error;
    }
    const cart = await getCart(db, cartId);
    if (!cart) return notFoundError("No such cart.");
    return apiPrivate({ lineId, lang: lang.value.lang, cart: cartJson(cart, lang.value.lang) }, 201);
  });
