// Uploading product pictures at /dashboard/products/:productId/images, as a browser would:
// the seller's upload lands in the database and the store and reaches the storefront; another
// cooperative, garbage bodies and bad files get a clear 4xx and change nothing (no row, no file).
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productImages, productVariants, products } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { addMembership, createCooperative, createUser, createVillage, sessionCookieFor, uniqueSlug } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { usePostgresSearch } from "../setup/search";
import { ORIGIN, type Outcome, callAction, callLoader } from "./route-support";

let t: TestDb;
let mediaDir: string;
let route: typeof import("~/routes/dashboard.product.images");
const cookies = { owner: "", staff: "", otherOwner: "", shopper: "" };
const ids = { product: 0, otherProduct: 0, coop: 0 };
let productSlug = "";

const url = (productId: number) => `/dashboard/products/${productId}/images`;
let shade = 0;

/** A photo-like JPEG, different each call (so no upload is a duplicate of another). */
async function photo(width = 1200, height = 900): Promise<Buffer> {
  shade += 1;
  return sharp({ create: { width, height, channels: 3, background: { r: shade % 256, g: 90, b: 60 }, noise: { type: "gaussian", mean: 120, sigma: 30 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

function uploadForm(fields: Record<string, string | File>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

const jpegFile = (bytes: Uint8Array, name = "photo.jpg", type = "image/jpeg") => new File([new Uint8Array(bytes)], name, { type });

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function rowsOf(productId: number) {
  return t.db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(productImages.position);
}

/** A request the route-support helper cannot build: any body, any Content-Type. */
async function rawPost(productId: number, body: BodyInit, contentType: string | null, cookie = cookies.owner): Promise<Outcome> {
  const headers = new Headers({ Cookie: cookie, Origin: ORIGIN });
  if (contentType) headers.set("Content-Type", contentType);
  const request = new Request(`${ORIGIN}${url(productId)}`, { method: "POST", headers, body, duplex: "half" } as RequestInit);
  let result: unknown;
  try {
    result = await route.action({ request, params: { productId: String(productId) }, context: {} } as never);
  } catch (thrown) {
    result = thrown;
  }
  const r = result as { init?: ResponseInit; data?: unknown; status?: number; headers?: Headers };
  if (result instanceof Response) return { status: result.status, headers: result.headers, body: null, location: result.headers.get("Location") };
  return { status: r.init?.status ?? 200, headers: new Headers(r.init?.headers), body: r.data, location: null };
}

const fileError = (o: Outcome) => (o.body as { result?: { error?: Record<string, string[]> } }).result?.error?.file?.[0];

beforeAll(async () => {
  t = openTestDb();
  mediaDir = await mkdtemp(path.join(tmpdir(), "xj-media-upload-"));
  // Before any app module is imported: env() is read once per process.
  process.env.DATABASE_URL = t.url;
  process.env.MEDIA_DIR = mediaDir;
  route = await import("~/routes/dashboard.product.images");

  const village = await createVillage(t.db);
  const coop = await createCooperative(t.db, { villageId: village.id });
  const other = await createCooperative(t.db, { villageId: village.id });
  ids.coop = coop.id;
  productSlug = uniqueSlug("media-tea");
  const [product] = await t.db
    .insert(products)
    .values({ cooperativeId: coop.id, handle: productSlug, slug: productSlug, villageId: village.id, category: "tea", titleZh: "图片测试白茶", harvestSeason: "1", priceFromCents: 16800 })
    .returning();
  await t.db.insert(productVariants).values({ productId: product!.id, sku: productSlug.toUpperCase(), nameZh: "250克", priceCents: 16800, stock: 9 });
  const otherSlug = uniqueSlug("media-other");
  const [otherProduct] = await t.db
    .insert(products)
    .values({ cooperativeId: other.id, handle: otherSlug, slug: otherSlug, category: "honey", titleZh: "别家的蜂蜜" })
    .returning();
  ids.product = product!.id;
  ids.otherProduct = otherProduct!.id;

  const [owner, staff, otherOwner, shopper] = await Promise.all([createUser(t.db), createUser(t.db), createUser(t.db), createUser(t.db)]);
  await addMembership(t.db, owner!.id, coop.id, "owner");
  await addMembership(t.db, staff!.id, coop.id, "staff");
  await addMembership(t.db, otherOwner!.id, other.id, "owner");
  cookies.owner = await sessionCookieFor(t.db, owner!.id, coop.id);
  cookies.staff = await sessionCookieFor(t.db, staff!.id, coop.id);
  cookies.otherOwner = await sessionCookieFor(t.db, otherOwner!.id, other.id);
  cookies.shopper = await sessionCookieFor(t.db, shopper!.id);
});

afterAll(async () => {
  await closeDb();
  await t.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe("uploading as the seller", () => {
  it("stores the picture's sizes, adds the row, bumps the product and shows it on the storefront", async () => {
    await t.db.update(products).set({ updatedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(products.id, ids.product));
    const bytes = await photo(1600, 1200);
    const res = await callAction(route, url(ids.product), {
      cookie: cookies.owner,
      params: { productId: String(ids.product) },
      form: uploadForm({ intent: "upload", file: jpegFile(bytes), altZh: "竹匾上摊晾的白茶嫩芽", altEn: "White tea leaves drying" }),
    });
    expect([res.status, res.location]).toEqual([302, `${url(ids.product)}?done=uploaded`]);

    const [row] = await rowsOf(ids.product);
    expect(row).toMatchObject({ width: 1600, height: 1200, widths: [320, 640, 960, 1280], altZh: "竹匾上摊晾的白茶嫩芽", altEn: "White tea leaves drying", position: 0 });
    expect(row!.storageKey).toMatch(/^products\/[0-9a-f]{32}$/);
    const files = await filesIn(mediaDir);
    for (const w of [320, 640, 960, 1280]) {
      expect(files).toContain(`${row!.storageKey}-${w}.webp`);
      expect(files).toContain(`${row!.storageKey}-${w}.avif`);
    }
    const [bumped] = await t.db.select({ updatedAt: products.updatedAt }).from(products).where(eq(products.id, ids.product));
    expect(Date.now() - bumped!.updatedAt.getTime()).toBeLessThan(60_000);

    // The dashboard page lists it.
    const page = await callLoader(route, url(ids.product), { cookie: cookies.owner, params: { productId: String(ids.product) } });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const listed = (page.body as { images: { id: number; altZh: string; photo: { src: string } }[] }).images;
    expect(listed.map((i) => [i.altZh, i.photo.src])).toEqual([["竹匾上摊晾的白茶嫩芽", `/media/${row!.storageKey}`]]);

    // The storefront: catalogue cards, search cards, the home shelf, the product page and its JSON-LD, the API.
    const { listProducts, listProductCardsByIds } = await import("~/modules/catalog/products.server");
    const { listSeasonalProducts } = await import("~/modules/catalog/home.server");
    const expected = { src: `/media/${row!.storageKey}`, width: 1600, height: 1200, widths: [320, 640, 960, 1280], altZh: "竹匾上摊晾的白茶嫩芽", altEn: "White tea leaves drying" };
    const card = (await listProducts(t.db, { cooperativeId: ids.coop })).items.find((p) => p.slug === productSlug);
    expect(card?.photo).toEqual(expected);
    expect((await listProductCardsByIds(t.db, [ids.product]))[0]?.photo).toEqual(expected);
    // In season in January, in stock and new: on the shelf.
    const shelf = await listSeasonalProducts(t.db, { today: "2030-01-15", limit: 100 });
    expect(shelf.items.find((p) => p.slug === productSlug)?.photo).toEqual(expected);

    const productRoute = await import("~/routes/product");
    const loaded = (await productRoute.loader({ request: new Request(`${ORIGIN}/products/${productSlug}`), params: { slug: productSlug }, context: {} } as never)) as unknown as {
      data: { product: { photos: unknown[] } & Parameters<typeof import("~/modules/catalog/product-jsonld").productJsonLd>[0] };
    };
    expect(loaded.data.product.photos).toEqual([expected]);
    const { productJsonLd } = await import("~/modules/catalog/product-jsonld");
    const ld = productJsonLd(loaded.data.product, { origin: "https://xiangji.example", lang: "zh-CN", today: "2030-01-01" });
    expect(ld.image).toBe(`https://xiangji.example/media/${row!.storageKey}-1280.webp`);

    const api = await import("~/routes/api.v1.product");
    const json = (await (await api.loader({ request: new Request(`${ORIGIN}/api/v1/products/${productSlug}`), params: { slug: productSlug }, context: {} } as never)).json()) as {
      product: { image: string };
    };
    expect(json.product.image).toBe(`/media/${row!.storageKey}-1280.webp`);

    // /search shows the photo too (its documents are rebuilt when the product changes).
    const { drainSearchOutbox, search } = await import("~/modules/search/search.server");
    usePostgresSearch();
    await drainSearchOutbox(t.db);
    const found = await search({ q: productSlug.toUpperCase(), lang: "zh-CN", limit: 5, offset: 0 }, { db: t.db });
    expect(found.hits.find((h) => h.slug === productSlug)?.image).toBe(`/media/${row!.storageKey}-640.webp`);
  });

  it("staff may upload too; the same picture twice is refused (409) and nothing is added", async () => {
    const bytes = await photo(800, 800);
    const form = () => uploadForm({ intent: "upload", file: jpegFile(bytes), altZh: "一罐茶叶", altEn: "" });
    const first = await callAction(route, url(ids.product), { cookie: cookies.staff, params: { productId: String(ids.product) }, form: form() });
    expect(first.status).toBe(302);
    const before = await rowsOf(ids.product);
    const again = await callAction(route, url(ids.product), { cookie: cookies.staff, params: { productId: String(ids.product) }, form: form() });
    expect([again.status, fileError(again)]).toEqual([409, "media.error.duplicate"]);
    expect(await rowsOf(ids.product)).toEqual(before);
    expect(before.at(-1)?.position).toBe(before.length - 1);
  });

  it("at most 8 pictures: the ninth is refused (422) before it is processed", async () => {
    const slug = uniqueSlug("media-full");
    const [full] = await t.db.insert(products).values({ cooperativeId: ids.coop, handle: slug, slug, category: "tea", titleZh: "满了" }).returning();
    await t.db.insert(productImages).values(
      Array.from({ length: 8 }, (_, i) => ({ productId: full!.id, storageKey: `products/fixture${i}`, width: 400, height: 300, widths: [320], altZh: "图", position: i })),
    );
    const filesBefore = await filesIn(mediaDir);
    const res = await callAction(route, url(full!.id), {
      cookie: cookies.owner,
      params: { productId: String(full!.id) },
      form: uploadForm({ intent: "upload", file: jpegFile(await photo()), altZh: "第九张" }),
    });
    expect([res.status, fileError(res)]).toEqual([422, "media.error.tooMany:8"]);
    expect(await rowsOf(full!.id)).toHaveLength(8);
    expect(await filesIn(mediaDir)).toEqual(filesBefore);
  });
});

describe("who may upload", () => {
  it("another cooperative's product is a 404 for the page and the upload, and nothing is written", async () => {
    const filesBefore = await filesIn(mediaDir);
    const page = await callLoader(route, url(ids.product), { cookie: cookies.otherOwner, params: { productId: String(ids.product) } });
    expect(page.status).toBe(404);
    const res = await callAction(route, url(ids.product), {
      cookie: cookies.otherOwner,
      params: { productId: String(ids.product) },
      form: uploadForm({ intent: "upload", file: jpegFile(await photo()), altZh: "越权上传" }),
    });
    expect(res.status).toBe(404);
    // Its own product is fine for the other seller, and a made-up id is a 404 too.
    expect((await callLoader(route, url(ids.otherProduct), { cookie: cookies.otherOwner, params: { productId: String(ids.otherProduct) } })).status).toBe(200);
    for (const bad of ["999999999", "0", "-1", "abc", "1e3", "9".repeat(30)]) {
      expect((await callLoader(route, `/dashboard/products/${bad}/images`, { cookie: cookies.owner, params: { productId: bad } })).status).toBe(404);
    }
    expect((await t.db.execute(sql`select count(*)::int as n from product_images where alt_zh = '越权上传'`))[0]).toEqual({ n: 0 });
    expect(await filesIn(mediaDir)).toEqual(filesBefore);
  });

  it("a shopper gets 403, a visitor the login page, another site's form 403", async () => {
    const params = { productId: String(ids.product) };
    expect((await callLoader(route, url(ids.product), { cookie: cookies.shopper, params })).status).toBe(403);
    const visitor = await callLoader(route, url(ids.product), { params });
    expect(visitor.location).toMatch(/^\/login\?redirectTo=/);
    const crossSite = await callAction(route, url(ids.product), {
      cookie: cookies.owner,
      params,
      origin: "https://evil.example",
      form: uploadForm({ intent: "upload", file: jpegFile(await photo()), altZh: "跨站" }),
    });
    expect(crossSite.status).toBe(403);
  });
});

describe("garbage uploads get a 400 (or 413) with a message, and change nothing", () => {
  const attempt = async (form: FormData) =>
    callAction(route, url(ids.product), { cookie: cookies.owner, params: { productId: String(ids.product) }, form });

  it("no file, an empty file, the file under another name, two files, a description missing or too long", async () => {
    const rowsBefore = await rowsOf(ids.product);
    const filesBefore = await filesIn(mediaDir);
    const good = await photo();

    const noFile = await attempt(uploadForm({ intent: "upload", altZh: "没有文件" }));
    expect([noFile.status, fileError(noFile)]).toEqual([400, "media.error.noFile"]);
    // What a browser sends when no file was chosen: an empty part with an empty file name.
    const nothingChosen = await attempt(uploadForm({ intent: "upload", file: new File([], ""), altZh: "没选" }));
    expect([nothingChosen.status, fileError(nothingChosen)]).toEqual([400, "media.error.noFile"]);
    const empty = await attempt(uploadForm({ intent: "upload", file: jpegFile(new Uint8Array()), altZh: "空文件" }));
    expect([empty.status, fileError(empty)]).toEqual([400, "media.error.empty"]);
    const wrongName = await attempt(uploadForm({ intent: "upload", photo: jpegFile(good), altZh: "字段名不对" }));
    expect([wrongName.status, fileError(wrongName)]).toEqual([400, "media.error.noFile"]);
    const asText = await attempt(uploadForm({ intent: "upload", file: "not a file", altZh: "文本" }));
    expect(asText.status).toBe(400);
    const two = uploadForm({ intent: "upload", file: jpegFile(good), altZh: "两个文件" });
    two.append("file", jpegFile(await photo()));
    expect((await attempt(two)).status).toBe(400);

    const noAlt = await attempt(uploadForm({ intent: "upload", file: jpegFile(good) }));
    expect(noAlt.status).toBe(400);
    expect((noAlt.body as { result: { error: Record<string, string[]> } }).result.error.altZh).toEqual(["form.required"]);
    const longAlt = await attempt(uploadForm({ intent: "upload", file: jpegFile(good), altZh: "长".repeat(5000) }));
    expect(longAlt.status).toBe(400);
    const noIntent = await attempt(uploadForm({ file: jpegFile(good), altZh: "没有 intent" }));
    expect(noIntent.status).toBe(400);

    expect(await rowsOf(ids.product)).toEqual(rowsBefore);
    expect(await filesIn(mediaDir)).toEqual(filesBefore);
  });

  it("files that are not JPEG, PNG or WebP pictures, whatever their name and type say", async () => {
    const rowsBefore = await rowsOf(ids.product);
    const filesBefore = await filesIn(mediaDir);
    const text = await attempt(uploadForm({ intent: "upload", file: jpegFile(Buffer.from("just text, honest")), altZh: "文本冒充" }));
    expect([text.status, fileError(text)]).toEqual([400, "media.error.type"]);
    const gif = await sharp({ create: { width: 200, height: 200, channels: 3, background: "#0a0" } }).gif().toBuffer();
    const gifAsPng = await attempt(uploadForm({ intent: "upload", file: jpegFile(gif, "cat.png", "image/png"), altZh: "动图" }));
    expect([gifAsPng.status, fileError(gifAsPng)]).toEqual([400, "media.error.type"]);
    const jpeg = await photo();
    const truncated = await attempt(uploadForm({ intent: "upload", file: jpegFile(jpeg.subarray(0, jpeg.length >> 1)), altZh: "半张" }));
    expect([truncated.status, fileError(truncated)]).toEqual([400, "media.error.corrupt"]);
    const huge = Buffer.alloc(8 * 1024 * 1024 + 1);
    jpeg.copy(huge);
    const tooBig = await attempt(uploadForm({ intent: "upload", file: jpegFile(huge), altZh: "太大" }));
    expect([tooBig.status, fileError(tooBig)]).toEqual([413, "media.error.tooLarge"]);
    expect(await rowsOf(ids.product)).toEqual(rowsBefore);
    expect(await filesIn(mediaDir)).toEqual(filesBefore);
  });

  it("bodies that are not a usable form at all", async () => {
    const rowsBefore = await rowsOf(ids.product);
    // Not multipart: an ordinary form post asking to upload has no file.
    const urlencoded = await rawPost(ids.product, "intent=upload&altZh=x", "application/x-www-form-urlencoded");
    expect([urlencoded.status, fileError(urlencoded)]).toEqual([400, "media.error.noFile"]);
    const json = await rawPost(ids.product, JSON.stringify({ intent: "upload" }), "application/json");
    expect([json.status, fileError(json)]).toEqual([400, "media.error.malformed"]);
    // Multipart in name only: no boundary, a boundary the body never uses, a part cut short.
    expect((await rawPost(ids.product, "garbage", "multipart/form-data")).status).toBe(400);
    const noParts = await rawPost(ids.product, "garbage without parts", "multipart/form-data; boundary=XYZ");
    expect(noParts.status).toBe(400);
    const cut = await rawPost(
      ids.product,
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\xff\xd8\xff',
      "multipart/form-data; boundary=XYZ",
    );
    expect([cut.status, fileError(cut)]).toEqual([400, "media.error.malformed"]);
    const badHeader = await rawPost(ids.product, "--XYZ\r\nContent-Disposition: attachment\r\n\r\nx\r\n--XYZ--\r\n", "multipart/form-data; boundary=XYZ");
    expect(badHeader.status).toBe(400);
    // A declared length over the limit is refused before reading.
    const declared = new Request(`${ORIGIN}${url(ids.product)}`, {
      method: "POST",
      headers: { Cookie: cookies.owner, Origin: ORIGIN, "Content-Type": "multipart/form-data; boundary=XYZ", "Content-Length": String(20 * 1024 * 1024) },
      body: "--XYZ--\r\n",
    });
    const big = (await route.action({ request: declared, params: { productId: String(ids.product) }, context: {} } as never)) as unknown as { init: ResponseInit };
    expect(big.init.status).toBe(413);
    expect(await rowsOf(ids.product)).toEqual(rowsBefore);
  });
});
