// GET /api/v1/villages?limit=&offset=&lang= — every village, featured first.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseListParams } from "~/modules/api/params";
import { apiHandler, apiJson, invalidParams, methodNotAllowed } from "~/modules/api/respond.server";
import { villageJson } from "~/modules/api/serializers";
import { listVillages } from "~/modules/catalog/villages.server";
import { getDb } from "~/utils/db.server";

export const loader = ({ request }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const parsed = parseListParams(new URL(request.url).searchParams);
    if (!parsed.ok) return invalidParams(parsed.fields);
    const { lang, limit, offset } = parsed.value;
    const list = await listVillages(getDb(), { pageSize: limit, offset });
    return apiJson({ lang, total: list.total, limit, offset, villages: list.items.map((v) => villageJson(v, lang)) });
  });

export const action = methodNotAllowed;
