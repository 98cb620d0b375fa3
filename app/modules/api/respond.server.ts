// Responses of the JSON API v1 (docs/decisions/007-json-api-v1.md): JSON bodies, a short public
// cache for answers, `no-store` for errors, and one error shape:
//   {"error": {"code": "invalid_params", "message": "…", "fields": {"limit": "…"}}}
import { PUBLIC_CACHE } from "~/utils/http.server";

export const JSON_TYPE = "application/json; charset=utf-8";

export type ApiErrorCode = "invalid_params" | "not_found" | "method_not_allowed" | "internal";

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

/** The v1 API reads only; every other method gets this (routes export it as their `action`). */
export function methodNotAllowed({ request }: { request: Request }): Response {
  return apiError(405, "method_not_allowed", `${request.method.slice(0, 20)} is not allowed here; use GET.`, undefined, {
    Allow: "GET, HEAD",
  });
}

/**
 * Runs a loader body so that whatever goes wrong still answers in the API's shape: a thrown
 * Response passes through, anything else is logged and becomes a 500 `internal` error.
 */
export async function apiHandler(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    console.error("api error:", error);
    return apiError(500, "internal", "Something went wrong on our side. Please try again.");
  }
}
