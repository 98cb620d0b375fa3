// POST /api/v1/carts/:cartId/lines?lang= {sku, quantity} | {unitId, checkIn, checkOut, guests} |
// {slotId, people} → 201 {lineId, lang, cart}. Each POST adds a line of its own (the pages merge
// a product added twice; an API client decides itself, and checkout adds lines of one SKU up
// before taking stock). Nothing is held: a room or slot that cannot be had now is 409 unavailable.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/modules/api/body.server";
import { AddLineBody } from "~/modules/api/buying-params";
import { cartResponse, openCartRequest } from "~/modules/api/cart-request.server";
import { domainErrorResponse } from "~/modules/api/domain-errors.server";
import { apiHandler, notAllowed } from "~/modules/api/respond.server";
import { addSlotToCart, addStayToCart } from "~/modules/cart/bookings.server";
import { addToCart } from "~/modules/cart/cart.server";
import { todayInShanghai } from "~/utils/format";
import { getDb } from "~/utils/db.server";

const ALLOW = ["POST"];

export const loader = ({ request }: LoaderFunctionArgs) => notAllowed(request, ALLOW);

export const action = ({ request, params }: ActionFunctionArgs) =>
  apiHandler(async () => {
    const req = openCartRequest(request, params, ALLOW);
    if (!req.ok) return req.response;
    const { lang, cartId } = req;
    const body = await readJsonBody(request, AddLineBody, lang);
    if (!body.ok) return body.response;
    const db = getDb();
    let lineId: number;
    try {
      const line = body.value;
      if (line.kind === "stay") {
        ({ lineId } = await addStayToCart(db, cartId, line, { today: todayInShanghai() }));
      } else if (line.kind === "slot") {
        ({ lineId } = await addSlotToCart(db, cartId, line, { now: new Date(), merge: false }));
      } else {
        ({ lineId } = await addToCart(db, cartId, line, { merge: false }));
      }
    } catch (error) {
      const response = domainErrorResponse(error, { sku: body.value.kind === "product" ? body.value.sku : undefined });
      if (response) return response;
      throw error;
    }
    return cartResponse(db, cartId, lang, { extra: { lineId }, status: 201 });
  });
