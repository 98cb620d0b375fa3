// Who may read an order through the API: whoever holds its access token (returned by checkout,
// the same HMAC as the signed link in the confirmation mail), sent as `Authorization: Bearer …`.
//   - no Bearer credentials at all (no header, another scheme) → 401 `unauthorized`, with
//     `WWW-Authenticate: Bearer`; this says nothing about the order;
//   - a token that is not this order's, or a number that is no order → 404 `not_found`, the same
//     answer in both cases, so a guessed number or token reveals nothing.
// The token is checked before the database is asked.
import { bearerToken, verifyOrderAccessToken } from "~/modules/orders/access.server";
import { isOrderNumber } from "~/modules/orders/buyer.server";
import { apiError, notFoundError } from "./respond.server";

export type OrderAccess = { ok: true; number: string; token: string } | { ok: false; response: Response };

export function orderAccess(request: Request, numberParam: string | undefined): OrderAccess {
  const header = request.headers.get("Authorization") ?? "";
  if (!/^Bearer(\s|$)/i.test(header.trim())) {
    return {
      ok: false,
      response: apiError(401, "unauthorized", "Send the order's access token: Authorization: Bearer <accessToken>.", undefined, {
        "WWW-Authenticate": 'Bearer realm="orders"',
      }),
    };
  }
  const number = numberParam ?? "";
  const token = bearerToken(request);
  if (!isOrderNumber(number) || !token || !verifyOrderAccessToken(number, token)) {
    return { ok: false, response: notFoundError("No such order.") };
  }
  return { ok: true, number, token };
}
