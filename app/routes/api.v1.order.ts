// GET /api/v1/orders/:number?lang= with `Authorization: Bearer <accessToken>` → {lang, order}:
// status, totals, and one seller order per cooperative with its status, carrier, tracking number
// and lines. Without credentials 401; with a token that is not this order's 404 (see
// ~/modules/api/order-access.server).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { orderAccess } from "~/modules/api/order-access.server";
import { orderJson } from "~/modules/api/order-json";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiPrivate, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { getOrderForBuyer } from "~/modules/orders/buyer.server";
import { getDb } from "~/utils/db.server";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const lang = parseLangParam(new URL(request.url).searchParams);
    if (!lang.ok) return invalidParams(lang.fields);
    const access = orderAccess(request, params.number);
    if (!access.ok) return access.response;
    const order = await getOrderForBuyer(getDb(), { number: access.number, userId: null, token: access.token });
    if (!order) return notFoundError("No such order.");
    return apiPrivate({ lang: lang.value.lang, order: orderJson(order, lang.value.lang) });
  });

export const action = methodNotAllowed;
