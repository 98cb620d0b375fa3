// The dashboard's product pages as a browser uses them: the list, and creating a product (variants
// added and removed), by owners and staff; and everything a member of another cooperative, a typo
// or a forged form can send, answered with a 4xx that changes nothing. Editing is in
// seller-products-edit.test.ts.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema/index";
import { uniqueSlug } from "../factories";
import { callAction, callLoader } from "./route-support";
import {
  type Form,
  coopA,
  coopB,
  create,
  createVia,
  digest,
  list,
  owner,
  ownerB,
  productForm,
  setupProductPages,
  sku,
  staff,
  t,
  variantsOf,
  villageId,
} from "./seller-products-pages";

setupProductPages();

describe("creating a product", () => {
  it("offers the villages with the cooperative's own as the default, privately", async () => {
    const res = await callLoader(create, "/dashboard/products/new", { cookie: owner });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = res.body as { villages: { id: number }[]; defaultVillageId: number };
    expect(body.defaultVillageId).toBe(villageId);
    expect(body.villages.some((v) => v.id === villageId)).toBe(true);
  });

  it("writes the product and its variants the way the importer does (handle, slug, lowest price)", async () => {
    const form = productForm({
      "variants[1].sku": sku("AJ500"),
      "variants[1].nameZh": "500克礼盒",
      "variants[1].price": "99.50",
      "variants[1].stock": "7",
      "variants[1].shipsFrom": "2027-04-10",
    });
    const id = await createVia(owner, form);
    const [p] = await t.db.select().from(products).where(eq(products.id, id));
    expect(p).toMatchObject({
      cooperativeId: coopA.id,
      handle: expect.stringMatching(/^an-ji-bai-cha-ming-qian-yi-ji(-\d+)?$/),
      category: "tea",
      certifications: ["organic", "gi"],
      villageId,
      status: "active",
      priceFromCents: 9950,
    });
    expect(p!.slug).toMatch(/^an-ji-bai-cha-ming-qian-yi-ji/);
    const variants = await variantsOf(id);
    expect(variants.map((v) => [v.sku, v.priceCents, v.stock, v.position, v.weightG, v.shipsFrom])).toEqual([
      [form["variants[0].sku"], 16800, 40, 0, 250, null],
      [form["variants[1].sku"], 9950, 7, 1, null, "2027-04-10"],
    ]);
  });

  it("gives a second product of the same title its own handle and slug", async () => {
    const first = await createVia(owner, productForm({ titleZh: "同名测试茶" }));
    const second = await createVia(owner, productForm({ titleZh: "同名测试茶" }));
    const rows = await t.db.select({ id: products.id, handle: products.handle, slug: products.slug }).from(products).where(eq(products.cooperativeId, coopA.id));
    const [a, b] = [rows.find((r) => r.id === first)!, rows.find((r) => r.id === second)!];
    expect(b.handle).not.toBe(a.handle);
    expect(b.handle).toMatch(/^tong-ming-ce-shi-cha-\d+$/);
    expect(b.slug).not.toBe(a.slug);
  });

  it("lets staff create products too", async () => {
    const id = await createVia(staff, productForm({ titleZh: "员工上架的蜂蜜", category: "honey" }));
    const [p] = await t.db.select().from(products).where(eq(products.id, id));
    expect(p!.cooperativeId).toBe(coopA.id);
  });

  it("answers a SKU taken by another cooperative with an error on that SKU, without saying whose, and writes nothing", async () => {
    const taken = sku("TAKEN");
    await createVia(ownerB, productForm({ "variants[0].sku": taken }));
    const before = await digest(coopA.id);
    const res = await callAction(create, "/dashboard/products/new", {
      cookie: owner,
      form: productForm({ "variants[1].sku": taken, "variants[1].nameZh": "大罐", "variants[1].price": "10", "variants[1].stock": "1" }),
    });
    expect(res.status).toBe(400);
    const reply = res.body as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(reply.error).toEqual({ "variants[1].sku": ["productsDashboard.error.skuTaken"] });
    expect(JSON.stringify(reply)).not.toMatch(new RegExp(`${coopB.slug}|${coopB.nameZh}`));
    // What was typed comes back so the page can show it again.
    expect(reply.initialValue).toMatchObject({ titleZh: "安吉白茶 明前一级" });
    expect(await digest(coopA.id)).toBe(before);
  });

  it("adds and removes variants without JavaScript: the server answers with the new list and saves nothing", async () => {
    const before = await digest(coopA.id);
    const added = await callAction(create, "/dashboard/products/new", {
      cookie: owner,
      form: { ...productForm(), __intent__: JSON.stringify({ type: "insert", payload: { name: "variants" } }) },
    });
    expect(added.status).toBe(200);
    expect((added.body as { initialValue: { variants: unknown[] } }).initialValue.variants).toHaveLength(2);
    const removed = await callAction(create, "/dashboard/products/new", {
      cookie: owner,
      form: {
        ...productForm({ "variants[1].sku": "SECOND", "variants[1].nameZh": "二" }),
        __intent__: JSON.stringify({ type: "remove", payload: { name: "variants", index: 0 } }),
      },
    });
    expect(removed.status).toBe(200);
    expect((removed.body as { initialValue: { variants: { sku: string }[] } }).initialValue.variants).toEqual([
      expect.objectContaining({ sku: "SECOND" }),
    ]);
    expect(await digest(coopA.id)).toBe(before);
  });

  it.each<[string, Form]>([
    ["an empty form", {}],
    ["no variants", productForm({ "variants[0].sku": [], "variants[0].nameZh": [], "variants[0].price": [], "variants[0].stock": [], "variants[0].weightG": [] })],
    ["a negative price", productForm({ "variants[0].price": "-1" })],
    ["a price of abc", productForm({ "variants[0].price": "abc" })],
    ["an unknown category", productForm({ category: "weapons" })],
    ["a 100 KB title", productForm({ titleZh: "茶".repeat(100_000) })],
    ["a village that does not exist", productForm({ villageId: "2147483647" })],
    ["a forged list intent", { ...productForm(), __intent__: "{not json" }],
    ["a list intent on a field that is no list", { ...productForm(), __intent__: JSON.stringify({ type: "remove", payload: { name: "titleZh", index: 3 } }) }],
  ])("refuses %s with 400 and writes nothing", async (_label, form) => {
    const before = await digest(coopA.id);
    const res = await callAction(create, "/dashboard/products/new", { cookie: owner, form });
    expect(res.status).toBe(400);
    expect(await digest(coopA.id)).toBe(before);
  });

  it("refuses 10 000 variants with 400 and writes nothing", async () => {
    const form: Form = productForm();
    for (let i = 0; i < 10_000; i++) {
      form[`variants[${i}].sku`] = `MANY-${i}`;
      form[`variants[${i}].nameZh`] = "规格";
      form[`variants[${i}].price`] = "1";
      form[`variants[${i}].stock`] = "1";
    }
    const before = await digest(coopA.id);
    const res = await callAction(create, "/dashboard/products/new", { cookie: owner, form });
    expect(res.status).toBe(400);
    expect((res.body as { error: Record<string, string[]> }).error.variants).toEqual(["productsDashboard.error.tooManyVariants:50"]);
    expect(await digest(coopA.id)).toBe(before);
  });

  it("refuses a body that is no form at all with 400", async () => {
    const res = await callAction(create, "/dashboard/products/new", { cookie: owner, form: undefined, method: "POST" });
    expect(res.status).toBe(400);
  });
});

describe("the product list", () => {
  let low: number;
  let draft: number;
  const marker = uniqueSlug("list").replace(/-/g, "");

  beforeAll(async () => {
    low = await createVia(owner, productForm({ titleZh: `库存少的茶${marker}`, "variants[0].stock": "2" }));
    draft = await createVia(owner, productForm({ titleZh: `草稿米${marker}`, category: "grain", status: "draft", "variants[0].sku": `LISTSKU-${marker}` }));
  });

  const load = async (qs: string, cookie = owner) => {
    const res = await callLoader(list, `/dashboard/products${qs}`, { cookie });
    expect(res.status).toBe(200);
    return res.body as { items: { id: number; status: string; totalStock: number; variantCount: number; priceFromCents: number }[]; total: number };
  };

  it("lists the cooperative's products of every status with price from, stock and variant count", async () => {
    const body = await load("");
    const ids = body.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([low, draft]));
    expect(body.items.find((i) => i.id === low)).toMatchObject({ status: "active", totalStock: 2, variantCount: 1, priceFromCents: 16800 });
    expect(body.items.find((i) => i.id === draft)!.status).toBe("draft");
  });

  it("filters by status, low stock and a title or SKU", async () => {
    expect((await load(`?status=draft&q=${marker}`)).items.map((i) => i.id)).toEqual([draft]);
    const lowIds = (await load(`?stock=low&q=${marker}`)).items.map((i) => i.id);
    expect(lowIds).toEqual([low]);
    expect((await load(`?q=listsku-${marker}`)).items.map((i) => i.id)).toEqual([draft]);
    expect((await load("?q=%25_%5C")).total).toBe(0);
  });

  it("shows a member of another cooperative none of them", async () => {
    const body = await load("", ownerB);
    expect(body.items.map((i) => i.id)).not.toContain(low);
    const rows = await t.db.select({ id: products.id }).from(products).where(and(eq(products.cooperativeId, coopB.id)));
    expect(body.total).toBe(rows.length);
  });

  it("survives garbage in the query string", async () => {
    const body = await load(`?status=%3Cscript%3E&stock=1&page=-9&q=${"茶".repeat(5000)}`);
    expect(body.total).toBe(0);
  });
});
