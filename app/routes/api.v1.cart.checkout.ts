// POST /api/v1/carts/:cartId/checkout?lang= {email, name, phone, address?: {province, city,
// district, detail}, note?, payment?: "online" | "on_arrival"} → 201 {orderNumber, status,
// paymentUrl, accessToken}. The address is required when the cart holds products; rooms and
// seats are held like stock (someone else's → 409 unavailable). `on_arrival` (stays at hosts who
// offer it): no payment; status `confirmed`, or `pending_payment` until the host confirms, and
// paymentUrl is then the order's page.
// The same placeOrder as the checkout page: prices and stock are checked again, the stock is
// taken with a conditional update and held while the payment is open. `lang` is the order's
// language (its mails). Keep the access token: it is the only key to GET /api/v1/orders/:number.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/modules/api/body.server";
import { domainErrorResponse } from "~/modules/api/domain-errors.server";
import { openCartRequest } from "~/modules/api/cart-request.server";
import { apiHandler, apiPrivate, notAllowed } from "~/modules/api/respond.server";
import { placeOrder } from "~/modules/orders/checkout.server";
import { CheckoutSchema } from "~/modules/orders/schemas";
import { getDb } from "~/utils/db.server";
import { appOrigin } from "~/utils/http.server";

const ALLOW = ["POST"];

export const loader = ({ request }: LoaderFunctionArgs) => notAllowed(request, ALLOW);

export const action = ({ request, params }: ActionFunctionArgs) =>
  apiHandler(async () => {
    const req = openCartRequest(request, params, ALLOW);
    if (!req.ok) return req.response;
    const { lang, cartId } = req;
    const body = await readJsonBody(request, CheckoutSchema, lang);
    if (!body.ok) return body.response;
    try {
      const placed = await placeOrder(getDb(), { cartId, userId: null, input: body.value, locale: lang, origin: appOrigin(request) });
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
