// CSV import and export in the dashboard: the export is the import format (a round trip changes
// nothing), a bad file gets its row-level report in the page and writes nothing, and oversized
// or malformed uploads get a clear 4xx rather than a 500.
import iconv from "iconv-lite";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { products } from "../../db/schema/index";
import { PRODUCT_CSV_COLUMNS } from "~/modules/imports/product-row";
import { parseProductsCsv } from "~/modules/imports/products-csv";
import { closeDb } from "~/utils/db.server";
import { createCooperative, createVillage, productCsv, sellerTeams, teaRow, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { ORIGIN, callAction, callLoader } from "./route-support";

let t: TestDb;
let importRoute: typeof import("~/routes/dashboard.products.import");
let exportRoute: typeof import("~/routes/dashboard.products.export");
let create: typeof import("~/routes/dashboard.products.new");
let edit: typeof import("~/routes/dashboard.product");
let coop: { id: number; slug: string };
let coopB: { id: number; slug: string };
let villageSlug: string;
let villageId: number;
let owner: string;
let staff: string;
let ownerB: string;

const token = () => uniqueToken().slice(0, 8).toLowerCase();

function upload(bytes: Uint8Array | string, name = "products.csv"): FormData {
  const fd = new FormData();
  fd.append("intent", "import");
  fd.append("file", new File([typeof bytes === "string" ? Buffer.from(bytes, "utf8") : Buffer.from(bytes)], name, { type: "text/csv" }));
  return fd;
}

const importCsv = (cookie: string, body: FormData, url = "/dashboard/products/import") => callAction(importRoute, url, { cookie, form: body });

async function exportCsv(cookie: string, qs = ""): Promise<{ res: Response; bytes: Buffer }> {
  const request = new Request(`${ORIGIN}/dashboard/products/export${qs}`, { headers: { Cookie: cookie } });
  const res = (await exportRoute.loader({ request, params: {}, context: {} } as never)) as Response;
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function digest(cooperativeId: number): Promise<string> {
  const [row] = await t.db.execute<{ d: string }>(sql`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(p::text, ',' ORDER BY p.id) FROM products p WHERE p.cooperative_id = ${cooperativeId}),
      (SELECT string_agg(v::text, ',' ORDER BY v.id) FROM product_variants v JOIN products p ON p.id = v.product_id WHERE p.cooperative_id = ${cooperativeId}))) AS d`);
  return row!.d;
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  importRoute = await import("~/routes/dashboard.products.import");
  exportRoute = await import("~/routes/dashboard.products.export");
  create = await import("~/routes/dashboard.products.new");
  edit = await import("~/routes/dashboard.product");
  const village = await createVillage(t.db);
  villageSlug = village.slug;
  villageId = village.id;
  coop = await createCooperative(t.db, { villageId: village.id });
  coopB = await createCooperative(t.db);
  ({ owner, staff, ownerB } = await sellerTeams(t.db, coop.id, coopB.id));
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("importing a CSV in the page", () => {
  it("imports a GB18030 file (what Chinese Excel saves) for the acting cooperative and shows the counts", async () => {
    const k = token();
    const text = productCsv([
      teaRow({ handle: `tea-${k}`, sku: `T-${k}-1`, village: villageSlug }),
      teaRow({ handle: `tea-${k}`, sku: `T-${k}-2`, variant_zh: "500克礼盒", price_cny: "300", village: villageSlug }),
    ]);
    const res = await importCsv(staff, upload(iconv.encode(text, "gb18030")));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: "imported",
      products: { created: 1, updated: 0, unchanged: 0 },
      variants: { created: 2, updated: 0, unchanged: 0 },
    });
    const [p] = await t.db.select().from(products).where(eq(products.handle, `tea-${k}`));
    expect(p).toMatchObject({ cooperativeId: coop.id, villageId, priceFromCents: 16800 });
  });

  it("shows every bad row (line, column, message in the page's language) and writes nothing", async () => {
    const k = token();
    const text = productCsv([
      teaRow({ handle: `ok-${k}`, sku: `OK-${k}` }),
      teaRow({ handle: `bad-${k}`, sku: `BAD-${k}`, price_cny: "abc", category: "weapons" }),
    ]);
    const before = await digest(coop.id);
    const zh = await importCsv(owner, upload(text));
    expect(zh.status).toBe(400);
    const body = zh.body as { kind: string; total: number; errors: { line: number; column: string; message: string }[] };
    expect(body.kind).toBe("errors");
    expect(body.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "category"],
      [3, "price_cny"],
    ]);
    expect(body.errors[1]!.message).toContain("不是有效价格");
    const en = await importCsv(owner, upload(text), "/en/dashboard/products/import");
    expect((en.body as typeof body).errors[1]!.message).toContain("is not a price");
    expect(await digest(coop.id)).toBe(before);
  });

  it("refuses a file over 2 MB with 413 and writes nothing", async () => {
    const big = `${PRODUCT_CSV_COLUMNS.join(",")}\n${"x".repeat(2 * 1024 * 1024)}\n`;
    const before = await digest(coop.id);
    const res = await importCsv(owner, upload(big));
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ kind: "refused", reason: "too_large" });
    expect(await digest(coop.id)).toBe(before);
  });

  it("answers no file, an empty file, a form that is not multipart and a broken multipart body with 400", async () => {
    const noFile = new FormData();
    noFile.append("intent", "import");
    expect((await importCsv(owner, noFile)).body).toEqual({ kind: "refused", reason: "no_file" });
    expect((await importCsv(owner, upload(""))).status).toBe(400);
    const urlencoded = await callAction(importRoute, "/dashboard/products/import", { cookie: owner, form: { intent: "import" } });
    expect([urlencoded.status, urlencoded.body]).toEqual([400, { kind: "refused", reason: "malformed" }]);

    const broken = new Request(`${ORIGIN}/dashboard/products/import`, {
      method: "POST",
      headers: { Cookie: owner, Origin: ORIGIN, "Content-Type": "multipart/form-data; boundary=XYZ" },
      body: '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nhandle,title_zh\r\nabc',
    });
    let status = 0;
    try {
      const out = await importRoute.action({ request: broken, params: {}, context: {} } as never);
      status = (out as { init?: { status?: number } }).init?.status ?? 200;
    } catch (thrown) {
      status = thrown instanceof Response ? thrown.status : 500;
    }
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it("sends visitors to the login page and refuses a cross-site upload", async () => {
    const visitor = await callAction(importRoute, "/dashboard/products/import", { cookie: null, form: upload("x") });
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login\?redirectTo=/);
    const before = await digest(coop.id);
    const k = token();
    const evil = await callAction(importRoute, "/dashboard/products/import", {
      cookie: owner,
      form: upload(productCsv([teaRow({ handle: `evil-${k}`, sku: `EVIL-${k}` })])),
      origin: "https://evil.example",
    });
    expect(evil.status).toBe(403);
    expect(await digest(coop.id)).toBe(before);
  });
});

describe("exporting the products", () => {
  it("downloads the import format, UTF-8 with a BOM, named after the cooperative, never cached", async () => {
    const { res, bytes } = await exportCsv(owner);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${coop.slug}-products.csv"`);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8").split("\r\n")[0]).toBe(PRODUCT_CSV_COLUMNS.join(","));
  });

  it("offers the empty template", async () => {
    const { res, bytes } = await exportCsv(owner, "?template=1");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${coop.slug}-products-template.csv"`);
    expect(bytes.subarray(3).toString("utf8")).toBe(`${PRODUCT_CSV_COLUMNS.join(",")}\r\n`);
  });

  it("round trip: products made in the dashboard export to a file that imports with everything unchanged", async () => {
    const k = token();
    const form = {
      intent: "save",
      titleZh: `往返测试 "特级", 龙井${k}`,
      titleEn: "Round trip, Longjing",
      descriptionZh: "第一行\r\n第二行，含逗号, 和 \"引号\"",
      category: "tea",
      certifications: ["gi", "heritage"],
      harvestSeason: "清明前",
      villageId: String(villageId),
      status: "draft",
      "variants[0].sku": `RT-${k}-A`,
      "variants[0].nameZh": "一两",
      "variants[0].price": "88.8",
      "variants[0].stock": "12",
      "variants[0].weightG": "50",
      "variants[0].shipsFrom": "2027-04-01",
      "variants[1].sku": `RT-${k}-B`,
      "variants[1].nameZh": "半斤",
      "variants[1].nameEn": "250 g",
      "variants[1].price": "400",
      "variants[1].stock": "0",
    };
    const made = await callAction(create, "/dashboard/products/new", { cookie: owner, form });
    expect(made.status, JSON.stringify(made.body)).toBe(302);
    // An archived product is left out (the format cannot say "archived").
    const gone = await callAction(create, "/dashboard/products/new", {
      cookie: owner,
      form: { ...form, titleZh: `归档的${k}`, "variants[0].sku": `RT-${k}-C`, "variants[1].sku": `RT-${k}-D` },
    });
    const goneId = /products\/(\d+)/.exec(gone.location ?? "")![1]!;
    await callAction(edit, `/dashboard/products/${goneId}`, { cookie: owner, params: { productId: goneId }, form: { intent: "archive" } });

    const { bytes } = await exportCsv(owner);
    const text = bytes.toString("utf8");
    expect(text).toContain(`RT-${k}-A`);
    expect(text).not.toContain(`RT-${k}-C`);
    const [{ n } = { n: 0 }] = await t.db.execute<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM product_variants v JOIN products p ON p.id = v.product_id
      WHERE p.cooperative_id = ${coop.id} AND p.status <> 'archived'`);
    const parsed = parseProductsCsv(bytes);
    expect(parsed.ok && parsed.rows).toBe(n);

    const before = await digest(coop.id);
    const res = await importCsv(owner, upload(bytes, `${coop.slug}-products.csv`));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as { products: { created: number; updated: number; unchanged: number }; variants: { created: number; updated: number; unchanged: number } };
    expect(body.products).toMatchObject({ created: 0, updated: 0 });
    expect(body.variants).toEqual({ created: 0, updated: 0, unchanged: n });
    expect(await digest(coop.id)).toBe(before);
  });

  it("exports only the acting cooperative's products", async () => {
    const { bytes } = await exportCsv(ownerB);
    const text = bytes.toString("utf8");
    expect(text).not.toContain(coop.slug);
    expect(text.trimEnd().split("\r\n")).toHaveLength(1);
    const visitor = await callLoader(exportRoute, "/dashboard/products/export", { cookie: null });
    expect(visitor.status).toBe(302);
  });
});
