// PATCH /api/v1/carts/:cartId/lines/:lineId?lang= {quantity} → 200 {lang, cart}
// DELETE /api/v1/carts/:cartId/lines/:lineId?lang= → 200 {lang, cart}
// A line id of another cart is as unknown as one that never existed (404).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/modules/api/body.server";
import { SetQuantityBody, lineIdParam } from "~/modules/api/buying-params";
import { cartResponse, openCartRequest } from "~/modules/api/cart-request.server";
import { domainErrorResponse } from "~/modules/api/domain-errors.server";
import { apiHandler, notAllowed, notFoundError } from "~/modules/api/respond.server";
import { getCart, removeLine, setLineQuantity } from "~/modules/cart/cart.server";
import { getDb } from "~/utils/db.server";

const ALLOW = ["PATCH", "DELETE"];

export const loader = ({ request }: LoaderFunctionArgs) => notAllowed(request, ALLOW);

export const action = ({ request, params }: ActionFunctionArgs) =>
  apiHandler(async () => {
    const req = openCartRequest(request, params, ALLOW);
    if (!req.ok) return req.response;
    const { lang, cartId } = req;
    const lineId = lineIdParam(params.lineId);
    if (lineId === null) return notFoundError("No such line in this cart.");
    const db = getDb();
    try {
      if (request.method === "PATCH") {
        const body = await readJsonBody(request, SetQuantityBody, lang);
        if (!body.ok) return body.response;
        await setLineQuantity(db, cartId, lineId, body.value.quantity);
      } else {
        await removeLine(db, cartId, lineId);
      }
    } catch (error) {
      // The message names the line's SKU ("Sold out: …"): look it up only when something went wrong.
      const sku = (await getCart(db, cartId).catch(() => null))?.groups.flatMap((g) => g.lines).find((l) => l.id === lineId)?.sku;
      const response = domainErrorResponse(error, sku ? { sku } : {});
      if (response) return response;
      throw error;
    }
    return cartResponse(db, cartId, lang);
  });
