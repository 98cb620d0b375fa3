// Editing a product in the dashboard as a browser does it: variants added, kept and removed,
// archive and restore, by owners and staff; and another cooperative's SKUs, variants and
// products, garbage ids and cross-site posts answered with a 4xx that changes nothing.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema/index";
import { callAction, callLoader } from "./route-support";
import {
  type Form,
  coopA,
  coopB,
  createVia,
  digest,
  edit,
  owner,
  ownerB,
  productForm,
  setupProductPages,
  sku,
  staff,
  t,
  variantsOf,
} from "./seller-products-pages";

setupProductPages();

describe("editing a product", () => {
  let productId: number;
  let firstSku: string;

  beforeAll(async () => {
    firstSku = sku("EDIT");
    productId = await createVia(owner, productForm({ titleZh: "待编辑的笋干", category: "bamboo", "variants[0].sku": firstSku }));
  });

  const editForm = async (overrides: Form = {}): Promise<Form> => {
    const [v] = await variantsOf(productId);
    return productForm({
      titleZh: "待编辑的笋干",
      category: "bamboo",
      "variants[0].id": String(v!.id),
      "variants[0].sku": v!.sku,
      "variants[0].stock": [],
      ...overrides,
    });
  };

  it("loads the form with the stored values and the variants' stock", async () => {
    const res = await callLoader(edit, `/dashboard/products/${productId}`, { cookie: staff, params: { productId: String(productId) } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = res.body as { defaults: { titleZh: string; variants: { id: string; price: string }[] }; storedStock: Record<string, number> };
    expect(body.defaults.titleZh).toBe("待编辑的笋干");
    expect(body.defaults.variants[0]!.price).toBe("168.00");
    expect(body.storedStock[body.defaults.variants[0]!.id]).toBe(40);
  });

  it("saves changes, adds a variant, keeps stock of existing ones, and updates the lowest price", async () => {
    const newSku = sku("NEW");
    const form = await editForm({
      titleEn: "Dried bamboo shoots",
      "variants[0].price": "30",
      "variants[0].stock": "999",
      "variants[1].sku": newSku,
      "variants[1].nameZh": "小包",
      "variants[1].price": "12.5",
      "variants[1].stock": "3",
    });
    const res = await callAction(edit, `/dashboard/products/${productId}`, { cookie: staff, params: { productId: String(productId) }, form });
    expect(res.status, JSON.stringify(res.body)).toBe(302);
    expect(res.location).toBe(`/dashboard/products/${productId}?saved=1`);
    const [p] = await t.db.select().from(products).where(eq(products.id, productId));
    expect(p).toMatchObject({ titleEn: "Dried bamboo shoots", priceFromCents: 1250 });
    expect((await variantsOf(productId)).map((v) => [v.sku, v.priceCents, v.stock])).toEqual([
      [firstSku, 3000, 40],
      [newSku, 1250, 3],
    ]);
  });

  it("deletes a saved variant left out of the list, but never the last one", async () => {
    const [, second] = await variantsOf(productId);
    const form = productForm({
      titleZh: "待编辑的笋干",
      category: "bamboo",
      "variants[0].id": String(second!.id),
      "variants[0].sku": second!.sku,
      "variants[0].nameZh": second!.nameZh,
      "variants[0].price": "12.50",
      "variants[0].stock": [],
    });
    const res = await callAction(edit, `/dashboard/products/${productId}`, { cookie: owner, params: { productId: String(productId) }, form });
    expect(res.status).toBe(302);
    expect((await variantsOf(productId)).map((v) => v.sku)).toEqual([second!.sku]);

    const before = await digest(coopA.id);
    const none = productForm({ titleZh: "待编辑的笋干", category: "bamboo", "variants[0].sku": [], "variants[0].nameZh": [], "variants[0].price": [], "variants[0].stock": [], "variants[0].weightG": [] });
    const refused = await callAction(edit, `/dashboard/products/${productId}`, { cookie: owner, params: { productId: String(productId) }, form: none });
    expect(refused.status).toBe(400);
    expect((refused.body as { error: Record<string, string[]> }).error.variants).toEqual(["productsDashboard.error.variantsRequired"]);
    expect(await digest(coopA.id)).toBe(before);
  });

  it("answers a SKU of another cooperative with a field error and changes nothing", async () => {
    const taken = sku("BTAKEN");
    await createVia(ownerB, productForm({ "variants[0].sku": taken }));
    const before = await digest(coopA.id);
    const res = await callAction(edit, `/dashboard/products/${productId}`, {
      cookie: owner,
      params: { productId: String(productId) },
      form: await editForm({ titleZh: "不该保存的名字", "variants[0].sku": taken }),
    });
    expect(res.status).toBe(400);
    expect((res.body as { error: Record<string, string[]> }).error).toEqual({ "variants[0].sku": ["productsDashboard.error.skuTaken"] });
    expect(await digest(coopA.id)).toBe(before);
  });

  it("answers a variant id of another cooperative with 404 and changes nothing on either side", async () => {
    const bProduct = await createVia(ownerB, productForm({ "variants[0].sku": sku("BVAR") }));
    const [bVariant] = await variantsOf(bProduct);
    const [before, beforeB] = [await digest(coopA.id), await digest(coopB.id)];
    const res = await callAction(edit, `/dashboard/products/${productId}`, {
      cookie: owner,
      params: { productId: String(productId) },
      form: await editForm({ "variants[0].id": String(bVariant!.id), "variants[0].sku": bVariant!.sku, "variants[0].price": "1" }),
    });
    expect(res.status).toBe(404);
    expect([await digest(coopA.id), await digest(coopB.id)]).toEqual([before, beforeB]);
  });

  it("answers another cooperative's product, a missing one and a garbage id with 404, for the page and every action", async () => {
    const bProduct = await createVia(ownerB, productForm({ "variants[0].sku": sku("BPROD") }));
    const beforeB = await digest(coopB.id);
    for (const id of [String(bProduct), "2147483647", "abc", "-1", "1.5", "99999999999999"]) {
      const params = { productId: id };
      expect((await callLoader(edit, `/dashboard/products/${id}`, { cookie: owner, params })).status, id).toBe(404);
      for (const form of [await editForm(), { intent: "archive" }, { intent: "restore" }, {}]) {
        expect((await callAction(edit, `/dashboard/products/${id}`, { cookie: owner, params, form })).status, id).toBe(404);
      }
    }
    expect(await digest(coopB.id)).toBe(beforeB);
  });

  it("archives and restores (as a draft); an archived product cannot be edited until restored", async () => {
    const params = { productId: String(productId) };
    const archived = await callAction(edit, `/dashboard/products/${productId}`, { cookie: staff, params, form: { intent: "archive" } });
    expect([archived.status, archived.location]).toEqual([302, `/dashboard/products/${productId}?archived=1`]);
    const [a] = await t.db.select({ status: products.status }).from(products).where(eq(products.id, productId));
    expect(a!.status).toBe("archived");

    const before = await digest(coopA.id);
    const refused = await callAction(edit, `/dashboard/products/${productId}`, { cookie: owner, params, form: await editForm({ titleZh: "归档后改名" }) });
    expect(refused.status).toBe(409);
    expect((refused.body as { error: Record<string, string[]> }).error[""]).toEqual(["productsDashboard.error.archived"]);
    expect(await digest(coopA.id)).toBe(before);

    const restored = await callAction(edit, `/en/dashboard/products/${productId}`, { cookie: owner, params, form: { intent: "restore" } });
    expect([restored.status, restored.location]).toEqual([302, `/en/dashboard/products/${productId}?restored=1`]);
    const [r] = await t.db.select({ status: products.status }).from(products).where(eq(products.id, productId));
    expect(r!.status).toBe("draft");
  });

  it("refuses a cross-site POST before anything happens", async () => {
    const before = await digest(coopA.id);
    const res = await callAction(edit, `/dashboard/products/${productId}`, {
      cookie: owner,
      params: { productId: String(productId) },
      form: { intent: "archive" },
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    expect(await digest(coopA.id)).toBe(before);
  });
});
