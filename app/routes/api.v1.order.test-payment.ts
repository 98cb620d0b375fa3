// POST /api/v1/orders/:number/test-payment?lang= {outcome: "succeeded" | "failed"} with
// `Authorization: Bearer <accessToken>` → {lang, result, order}: what the test payment page's
// buttons do, for API clients and the checkout bench. Exists only while the test provider takes
// payments (404 otherwise, like any unknown endpoint). `result` is applyPaymentEvent's outcome
// ("applied", or "ignored" for an order that is no longer waiting for its payment).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { readJsonBody } from "~/modules/api/body.server";
import { TestPaymentBody } from "~/modules/api/buying-params";
import { orderAccess } from "~/modules/api/order-access.server";
import { orderJson } from "~/modules/api/order-json";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiPrivate, invalidParams, notAllowed, notFoundError } from "~/modules/api/respond.server";
import { getOrderForBuyer } from "~/modules/orders/buyer.server";
import { testPaymentsEnabled } from "~/modules/payments/provider.server";
import { completeTestPayment } from "~/modules/payments/test-provider.server";
import { getDb } from "~/utils/db.server";
import { appOrigin } from "~/utils/http.server";

const ALLOW = ["POST"];

const noTestProvider = (request: Request) => notFoundError(`No such endpoint: ${new URL(request.url).pathname.slice(0, 200)}`);

export const loader = ({ request }: LoaderFunctionArgs) =>
  testPaymentsEnabled() ? notAllowed(request, ALLOW) : noTestProvider(request);

export const action = ({ request, params }: ActionFunctionArgs) =>
  apiHandler(async () => {
    if (!testPaymentsEnabled()) return noTestProvider(request);
    if (request.method !== "POST") return notAllowed(request, ALLOW);
    const lang = parseLangParam(new URL(request.url).searchParams);
    if (!lang.ok) return invalidParams(lang.fields);
    const access = orderAccess(request, params.number);
    if (!access.ok) return access.response;
    const body = await readJsonBody(request, TestPaymentBody, lang.value.lang);
    if (!body.ok) return body.response;
    const db = getDb();
    const reader = { number: access.number, userId: null, token: access.token };
    const before = await getOrderForBuyer(db, reader);
    // An order paid through Stripe cannot be settled by the test provider.
    if (!before || before.provider !== "test") return notFoundError("No such order.");
    const { outcome } = await completeTestPayment(db, access.number, body.value.outcome, { origin: appOrigin(request) });
    const after = await getOrderForBuyer(db, reader);
    if (!after) return notFoundError("No such order.");
    return apiPrivate({ lang: lang.value.lang, result: outcome, order: orderJson(after, lang.value.lang) });
  });
