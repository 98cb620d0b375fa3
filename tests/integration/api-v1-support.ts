// Helpers of the JSON API v1 tests: call a route's loader the way Remix does, read its JSON, check
// the headers every answer carries, and make products with variants.
import { expect } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { uniqueSlug } from "../factories";

export type Route = {
  loader: (args: never) => Promise<Response> | Response;
  action: (args: never) => Promise<Response> | Response;
};

export type ErrorBody = { error?: { code: string; message: string; fields?: Record<string, string> } };

export const args = (url: string, params: Record<string, string> = {}, init: RequestInit = {}) =>
  ({ request: new Request(`http://test.local${url}`, init), params, context: {} }) as never;

export async function get(route: Route, url: string, params: Record<string, string> = {}) {
  const res = await route.loader(args(url, params));
  const body = (await res.json()) as Record<string, unknown> & ErrorBody;
  return { res, body };
}

export function expectJson(res: Response, cache: "public" | "no-store") {
  expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
  expect(res.headers.get("Cache-Control")).toMatch(cache === "public" ? /^public, max-age=\d+/ : /^no-store$/);
}

export async function createProduct(
  db: Database,
  values: Partial<typeof products.$inferInsert> & { cooperativeId: number },
  variants: Partial<typeof productVariants.$inferInsert>[],
): Promise<string> {
  const slug = values.slug ?? uniqueSlug("api-product");
  const [row] = await db
    .insert(products)
    .values({ handle: slug, slug, category: "tea", titleZh: "接口测试白茶", priceFromCents: 16800, ...values })
    .returning();
  if (variants.length) {
    await db.insert(productVariants).values(
      variants.map((v, i) => ({ productId: row!.id, sku: `${slug.toUpperCase()}-${i}`, nameZh: `规格${i}`, priceCents: 16800, stock: 5, ...v })),
    );
  }
  return slug;
}
