// GET /api/v1/cooperatives?village=&kind=&limit=&offset=&lang= — approved sellers only.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseCooperativeListParams } from "~/modules/api/params";
import { apiHandler, apiJson, invalidParams, methodNotAllowed } from "~/modules/api/respond.server";
import { cooperativeJson } from "~/modules/api/serializers";
import { listCooperatives } from "~/modules/catalog/cooperatives.server";
import { getDb } from "~/utils/db.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const parsed = parseCooperativeListParams(new URL(request.url).searchParams);
    if (!parsed.ok) return invalidParams(parsed.fields);
    const { lang, ...filters } = parsed.value;
    const list = await listCooperatives(getDb(), filters);
    return apiJson({
      lang,
      total: list.total,
      limit: filters.limit,
      offset: filters.offset,
      cooperatives: list.items.map((c) => cooperativeJson(c, lang)),
    });
  });

export const action = methodNotAllowed;
