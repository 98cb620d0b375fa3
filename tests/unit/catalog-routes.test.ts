import { describe, expect, it } from "vitest";
import { loader } from "~/routes/product";

// Without DATABASE_URL, any database access throws a plain Error (not a 404): so a 404 here
// proves a malformed slug is turned away before the database is asked.
describe("/products/:slug with a malformed slug", () => {
  it.each(["UPPER-Case", "安吉白茶", "a".repeat(121), "a b", "<script>", "", "a/b"])("%j is a 404 without a query", async (slug) => {
    delete process.env.DATABASE_URL;
    const error = await loader({ request: new Request("http://test.local/products/x"), params: { slug }, context: {} } as never).then(
      () => null,
      (e: unknown) => e as { init?: { status?: number } },
    );
    expect(error?.init?.status).toBe(404);
  });
});
