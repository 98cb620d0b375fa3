// POST /api/v1/carts/:cartId/checkout?lang= {email, name, phone, address: {province, city,
// district, detail}, note?} → 201 {orderNumber, status, paymentUrl, accessToken}.
// The same placeOrder as the checkout page: prices and stock are checked again, the stock is
// taken with a conditional update and held while the payment is open. `lang` is the order's
// language (its mails). Keep the access token: it is the only key to GET /api/v1/orders/:number.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/modules/api/body.server";
import { domainErrorResponse } from "~/modules/api/domain-errors.server";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiPrivate, invalidParams, notAllowed, notFoundError } from "~/modules/api/respond.server";
import { isCartId } from "~/modules/cart/cart.server";
import { placeOrder } from "~/modules/orders/checkout.server";
import { CheckoutSchema } from "~/modules/orders/schemas";
import { getDb } from "~/utils/db.server";
import { appOrigin } from "~/utils/http.server";

const ALLOW = ["POST"];

export const loader = ({ request }: LoaderFunctionArgs) => notAllowed(request, ALLOW);

export const action = ({ request, params }: ActionFunctionArgs) =>
  apiHandler(async () => {
    if (request.method !== "POST") return notAllowed(request, ALLOW);
    const lang = parseLangParam(new URL(request.url).searchParams);
    if (!lang.ok) return invalidParams(lang.fields);
    const cartId = params.cartId ?? "";
    if (!isCartId(cartId)) return notFoundError("No such cart.");
    const body = await readJsonBody(request, CheckoutSchema, lang.value.lang);
    if (!body.ok) return body.response;
    try {
      const placed = await placeOrder(getDb(), { cartId, userId: null, input: body.value, locale: lang.value.lang, origin: appOrigin(request) });
      return apiPrivate(
        { orderNumber: placed.orderNumber, status: placed.status, paymentUrl: placed.paymentUrl, accessToken: placed.accessToken },
        201,
        { Location: `/api/v1/orders/${placed.orderNumber}` },
      );
    } catch (error) {
      const response = domainErrorResponse(error);
      if (response) return response;
      throw error;
    }
  });
