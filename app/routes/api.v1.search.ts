// GET /api/v1/search?q=&type=&village=&category=&cert=&min=&max=&sort=&limit=&offset=&lang=
// One search over products, stays, experiences and villages; `engine` says who answered.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiHandler, apiJson, invalidParams, methodNotAllowed } from "~/modules/api/respond.server";
import { searchJson } from "~/modules/api/serializers";
import { parseSearchApiParams } from "~/modules/search/params";
import { search } from "~/modules/search/search.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const parsed = parseSearchApiParams(new URL(request.url).searchParams);
    if (!parsed.ok) return invalidParams(parsed.fields);
    return apiJson(searchJson(await search(parsed.query), parsed.query));
  });

export const action = methodNotAllowed;
