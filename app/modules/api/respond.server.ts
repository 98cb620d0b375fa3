// Responses of the JSON API v1 (docs/decisions/007-json-api-v1.md): JSON bodies, a short public
// cache for answers, `no-store` for errors, and one error shape:
//   {"error": {"code": "invalid_params", "message": "…", "fields": {"limit": "…"}}}
import { isDatabaseUnavailable, unavailableReason } from "~/utils/db.server";
import { PUBLIC_CACHE } from "~/utils/http.server";

export const JSON_TYPE = "application/json; charset=utf-8";

export type ApiErrorCode =
  | "invalid_params" // a query parameter (400)
  | "invalid_body" // a request body that is not JSON, not an object, or fails its schema (400)
  | "payload_too_large" // a body over MAX_BODY_BYTES (413)
  | "unauthorized" // no `Authorization: Bearer …` where one is needed (401)
  | "not_found" // unknown resource, or one this caller may not see (404)
  | "method_not_allowed" // 405 with `Allow`
  | "unknown_sku" // a cart line names a SKU that does not exist (404)
  | "unavailable" // the product is archived/draft or its seller not approved (409)
  | "sold_out" // 409; the message names the SKU(s)
  | "not_enough_stock" // 409; fewer units left than asked for
  | "too_many_lines" // the cart is full (422)
  | "invalid_booking" // dates, guests or people a room or slot can never take (422)
  | "cart_empty" // checkout of an empty cart (422)
  | "cart_changed" // a price changed or a product went off sale since it was added (409)
  | "payment_unavailable" // the payment provider does not answer (503)
  | "service_unavailable" // the database cannot be reached (503 with Retry-After): try again shortly
  | "internal";

export type ApiErrorBody = { error: { code: ApiErrorCode; message: string; fields?: Record<string, string> } };

/** A successful answer: JSON, publicly cacheable for a short while unless `init` says otherwise. */
export function apiJson(data: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", JSON_TYPE);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", PUBLIC_CACHE);
  return new Response(JSON.stringify(data), { ...init, headers });
}

/** An error in the API's shape; never stored by a cache. */
export function apiError(
  status: number,
  code: ApiErrorCode,
  message: string,
  fields?: Record<string, string>,
  headers: Record<string, string> = {},
): Response {
  const body: ApiErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return apiJson(body, { status, headers: { ...headers, "Cache-Control": "no-store" } });
}

export function invalidParams(fields: Record<string, string>): Response {
  const names = Object.keys(fields).join(", ");
  return apiError(400, "invalid_params", `Invalid query parameter${Object.keys(fields).length > 1 ? "s" : ""}: ${names}.`, fields);
}

export function notFoundError(message = "Not found."): Response {
  return apiError(404, "not_found", message);
}

/** The catalogue endpoints read only; every other method gets this (routes export it as their `action`). */
export function methodNotAllowed({ request }: { request: Request }): Response {
  return notAllowed(request, ["GET", "HEAD"]);
}

/** 405 naming the methods the endpoint takes, in `Allow` and in the message. */
export function notAllowed(request: Request, allow: readonly string[]): Response {
  const use = allow.filter((m) => m !== "HEAD").join(" or ");
  return apiError(405, "method_not_allowed", `${request.method.slice(0, 20)} is not allowed here; use ${use}.`, undefined, {
    Allow: allow.join(", "),
  });
}

/** An answer about one buyer's cart or order: never stored by any cache. */
export function apiPrivate(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return apiJson(data, { status, headers: { ...headers, "Cache-Control": "no-store" } });
}

/**
 * Runs a loader body so that whatever goes wrong still answers in the API's shape: a thrown
 * Response passes through, an unreachable database becomes a 503 `service_unavailable`, anything
 * else is logged and becomes a 500 `internal` error.
 */
export async function apiHandler(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    // The database restarting or unreachable is not a bug of the request: 503, and a short log line.
    if (isDatabaseUnavailable(error)) {
      console.error(`api: database unavailable (${unavailableReason(error)})`);
      return apiError(503, "service_unavailable", "The service is briefly unavailable. Please try again in a few seconds.", undefined, { "Retry-After": "5" });
    }
    console.error("api error:", error);
    return apiError(500, "internal", "Something went wrong on our side. Please try again.");
  }
}
