// The dashboard's product pages as a browser uses them: list, create, edit (variants added and
// removed), archive and restore, by owners and staff; and everything a member of another
// cooperative, a typo or a forged form can send, answered with a 4xx that changes nothing.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { addMembership, createCooperative, createUser, createVillage, sessionCookieFor, uniqueSlug, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

type Form = Record<string, string | string[]>;

let t: TestDb;
let list: typeof import("~/routes/dashboard.products");
let create: typeof import("~/routes/dashboard.products.new");
let edit: typeof import("~/routes/dashboard.product");
let coopA: { id: number; slug: string; villageId: number | null };
let coopB: { id: number; slug: string; nameZh: string };
let villageId: number;
let owner: string;
let staff: string;
let ownerB: string;

const sku = (label = "SKU") => `${label}-${uniqueToken().slice(0, 10)}`.toUpperCase();

function productForm(overrides: Form = {}): Form {
  return {
    intent: "save",
    titleZh: "安吉白茶 明前一级",
    titleEn: "Anji White Tea",
    descriptionZh: "溪龙乡茶园手工炒制。",
    category: "tea",
    certifications: ["organic", "gi"],
    harvestSeason: "3-4",
    villageId: String(villageId),
    status: "active",
    "variants[0].sku": sku("AJ"),
    "variants[0].nameZh": "250克罐装",
    "variants[0].price": "168",
    "variants[0].stock": "40",
    "variants[0].weightG": "250",
    ...overrides,
  };
}

/** Every product, variant and adjustment row of a cooperative, to prove a refusal changed nothing. */
async function digest(cooperativeId: number): Promise<string> {
  const [row] = await t.db.execute<{ d: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM products p WHERE p.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(v::text, ',' ORDER BY v.id) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM stock_adjustments a JOIN product_variants v ON v.id = a.variant_id
        JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${cooperativeId}))) AS d`);
  return row!.d;
}

async function createVia(cookie: string, form: Form): Promise<number> {
  const res = await callAction(create, "/dashboard/products/new", { cookie, form });
  expect(res.status, JSON.stringify(res.body)).toBe(302);
  const id = Number(/\/dashboard\/products\/(\d+)\?created=1$/.exec(res.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

const variantsOf = (productId: number) =>
  t.db.select().from(productVariants).where(eq(productVariants.productId, productId)).orderBy(productVariants.position);

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  list = await import("~/routes/dashboard.products");
  create = await import("~/routes/dashboard.products.new");
  edit = await import("~/routes/dashboard.product");
  const village = await createVillage(t.db);
  villageId = village.id;
  const a = await createCooperative(t.db, { villageId });
  const b = await createCooperative(t.db, { villageId });
  coopA = a;
  coopB = b;
  const [o, s, ob] = [await createUser(t.db), await createUser(t.db), await createUser(t.db)];
  await addMembership(t.db, o.id, a.id, "owner");
  await addMembership(t.db, s.id, a.id, "staff");
  await addMembership(t.db, ob.id, b.id, "owner");
  owner = await sessionCookieFor(t.db, o.id, a.id);
  staff = await sessionCookieFor(t.db, s.id, a.id);
  ownerB = await sessionCookieFor(t.db, ob.id, b.id);
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

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
