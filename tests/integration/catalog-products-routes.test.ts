// The catalogue's route loaders, called the way Remix calls them: status codes, cache headers
// and the data the pages render, on the real database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { createCooperative, createVillage, uniqueSlug } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

type Loaded<T> = { data: T; init: ResponseInit | null };

let t: TestDb;
let productSlug: string;
let villageSlug: string;
let productsRoute: typeof import("~/routes/products");
let productRoute: typeof import("~/routes/product");

const args = (url: string, params: Record<string, string> = {}) =>
  ({ request: new Request(`http://test.local${url}`), params, context: {} }) as never;

async function thrown(promise: Promise<unknown>): Promise<Loaded<unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Loaded<unknown>;
  }
  throw new Error("expected the loader to throw");
}

beforeAll(async () => {
  t = openTestDb();
  // The route modules use the app's own pool (getDb), configured from DATABASE_URL.
  process.env.DATABASE_URL = t.url;
  productsRoute = await import("~/routes/products");
  productRoute = await import("~/routes/product");

  const village = await createVillage(t.db);
  villageSlug = village.slug;
  const coop = await createCooperative(t.db, { villageId: village.id });
  productSlug = uniqueSlug("route-tea");
  const [row] = await t.db
    .insert(products)
    .values({ cooperativeId: coop.id, handle: productSlug, slug: productSlug, villageId: village.id, category: "tea", titleZh: "路由测试茶", priceFromCents: 16800 })
    .returning();
  await t.db.insert(productVariants).values({ productId: row!.id, sku: productSlug.toUpperCase(), nameZh: "250克", priceCents: 16800, stock: 3 });
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("/products loader", () => {
  it("is publicly cacheable and lists what the URL asks for", async () => {
    const res = (await productsRoute.loader(args(`/products?village=${villageSlug}&category=tea`))) as unknown as Loaded<{
      total: number;
      items: { slug: string }[];
    }>;
    expect(new Headers(res.init?.headers).get("Cache-Control")).toMatch(/public/);
    expect(res.data.total).toBe(1);
    expect(res.data.items[0]!.slug).toBe(productSlug);
  });

  it("a link full of garbage still answers with a page, not an error", async () => {
    const res = (await productsRoute.loader(
      args(`/products?page=-1&min=abc&max=-5&category=%3Cscript%3E&sort=x&cert=nope&village=${"a".repeat(10_000)}`),
    )) as unknown as Loaded<{ page: number; filters: Record<string, unknown> }>;
    expect(res.data.page).toBe(1);
    expect(res.data.filters).toEqual({ certs: [], sort: "relevance", page: 1 });
  });

  it("a page past the end shows the last page", async () => {
    const res = (await productsRoute.loader(args(`/products?village=${villageSlug}&page=500`))) as unknown as Loaded<{
      page: number;
      pages: number;
      filters: { page: number };
    }>;
    expect([res.data.page, res.data.pages, res.data.filters.page]).toEqual([1, 1, 1]);
  });
});

describe("/products/:slug loader", () => {
  it("returns the product with public cache headers", async () => {
    const res = (await productRoute.loader(args(`/products/${productSlug}`, { slug: productSlug }))) as unknown as Loaded<{
      product: { slug: string; variants: unknown[] };
      today: string;
    }>;
    expect(new Headers(res.init?.headers).get("Cache-Control")).toMatch(/public/);
    expect(res.data.product.slug).toBe(productSlug);
    expect(res.data.product.variants).toHaveLength(1);
    expect(res.data.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it.each(["no-such-product-zz9", "UPPER", "安吉白茶", "a".repeat(121), "a b", "..%2F"])("%s is a 404", async (slug) => {
    const error = await thrown(productRoute.loader(args(`/products/${encodeURIComponent(slug)}`, { slug })));
    expect(error.init?.status).toBe(404);
  });
});
