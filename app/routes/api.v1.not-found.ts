// /api/v1/* that matches no endpoint: a JSON 404 (not the HTML not-found page), whatever the method.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFoundError } from "~/modules/api/respond.server";

function noSuchEndpoint({ request }: Pick<LoaderFunctionArgs, "request">) {
  const path = new URL(request.url).pathname;
  return notFoundError(`No such endpoint: ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`);
}

export const loader = noSuchEndpoint;
export const action = noSuchEndpoint;
