// GET /api/v1/products/:slug — a product a shopper may see, with its variants.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseLangParam } from "~/modules/api/params";
import { apiHandler, apiJson, invalidParams, methodNotAllowed, notFoundError } from "~/modules/api/respond.server";
import { productJson } from "~/modules/api/serializers";
import { isSlug } from "~/modules/catalog/listing-params";
import { getProductBySlug } from "~/modules/catalog/products.server";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";

export const loader = ({ request, params }: LoaderFunctionArgs) =>
  apiHandler(async () => {
    const parsed = parseLangParam(new URL(request.url).searchParams);
    if (!parsed.ok) return invalidParams(parsed.fields);
    // Anything not slug-shaped cannot be a product: 404 without asking the database.
    const product = isSlug(params.slug) ? await getProductBySlug(getDb(), params.slug) : null;
    if (!product) return notFoundError("No such product.");
    return apiJson({ lang: parsed.value.lang, product: productJson(product, parsed.value.lang, todayInShanghai()) });
  });

export const action = methodNotAllowed;
