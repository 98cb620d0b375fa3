// Managing a product's pictures (descriptions, order, delete) and serving the files at /media:
// changes stay inside the seller's own product, deleting removes the files (unless another
// product shows the same picture), and /media serves our files only.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productImages, products } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { addMembership, createCooperative, createUser, sessionCookieFor, uniqueSlug } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let mediaDir: string;
let route: typeof import("~/routes/dashboard.product.images");
let mediaRoute: typeof import("~/routes/media.$");
let media: typeof import("~/modules/media/product-images.server");
let owner = "";
let otherOwner = "";
let coopId = 0;
let otherCoopId = 0;
let shade = 0;

const url = (productId: number) => `/dashboard/products/${productId}/images`;

async function photo(): Promise<Buffer> {
  shade += 1;
  return sharp({ create: { width: 700, height: 500, channels: 3, background: { r: 30, g: shade % 256, b: 90 }, noise: { type: "gaussian", mean: 100, sigma: 25 } } })
    .png()
    .toBuffer();
}

async function newProduct(cooperativeId = coopId) {
  const slug = uniqueSlug("media-manage");
  const [row] = await t.db.insert(products).values({ cooperativeId, handle: slug, slug, category: "nuts", titleZh: "山核桃" }).returning();
  return row!;
}

async function upload(productId: number, altZh: string, bytes?: Buffer, cooperativeId = coopId) {
  return media.addProductImage(t.db, { cooperativeId, productId, bytes: bytes ?? (await photo()), altZh, altEn: "" });
}

const post = (productId: number, form: Record<string, string>, cookie = owner) =>
  callAction(route, url(productId), { cookie, params: { productId: String(productId) }, form });

async function order(productId: number) {
  const rows = await t.db.select().from(productImages).where(eq(productImages.productId, productId)).orderBy(productImages.position);
  return rows.map((r) => [r.altZh, r.position]);
}

const filesOf = (stem: string, widths: number[]) => widths.flatMap((w) => [`${stem}-${w}.webp`, `${stem}-${w}.avif`]).map((k) => path.join(mediaDir, k));

beforeAll(async () => {
  t = openTestDb();
  mediaDir = await mkdtemp(path.join(tmpdir(), "xj-media-manage-"));
  process.env.DATABASE_URL = t.url;
  process.env.MEDIA_DIR = mediaDir;
  route = await import("~/routes/dashboard.product.images");
  mediaRoute = await import("~/routes/media.$");
  media = await import("~/modules/media/product-images.server");
  const coop = await createCooperative(t.db);
  const other = await createCooperative(t.db);
  coopId = coop.id;
  otherCoopId = other.id;
  const [a, b] = await Promise.all([createUser(t.db), createUser(t.db)]);
  await addMembership(t.db, a!.id, coop.id, "owner");
  await addMembership(t.db, b!.id, other.id, "owner");
  owner = await sessionCookieFor(t.db, a!.id, coop.id);
  otherOwner = await sessionCookieFor(t.db, b!.id, other.id);
});

afterAll(async () => {
  await closeDb();
  await t.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe("descriptions and order", () => {
  it("saves the descriptions, moves pictures up and down (the first is the cover), and refuses bad input", async () => {
    const product = await newProduct();
    const first = await upload(product.id, "一");
    const second = await upload(product.id, "二");
    const third = await upload(product.id, "三");

    const saved = await post(product.id, { intent: "save-alt", imageId: String(second.id), altZh: "二号：剥好的山核桃仁", altEn: "Shelled hickory nuts" });
    expect([saved.status, saved.location]).toEqual([302, `${url(product.id)}?done=saved`]);
    const [row] = await t.db.select().from(productImages).where(eq(productImages.id, second.id));
    expect([row!.altZh, row!.altEn]).toEqual(["二号：剥好的山核桃仁", "Shelled hickory nuts"]);

    expect((await post(product.id, { intent: "move-up", imageId: String(third.id) })).status).toBe(302);
    expect(await order(product.id)).toEqual([["一", 0], ["三", 1], ["二号：剥好的山核桃仁", 2]]);
    expect((await post(product.id, { intent: "move-down", imageId: String(first.id) })).status).toBe(302);
    expect(await order(product.id)).toEqual([["三", 0], ["一", 1], ["二号：剥好的山核桃仁", 2]]);
    // At either end nothing moves.
    expect((await post(product.id, { intent: "move-up", imageId: String(third.id) })).status).toBe(302);
    expect((await post(product.id, { intent: "move-down", imageId: String(second.id) })).status).toBe(302);
    expect(await order(product.id)).toEqual([["三", 0], ["一", 1], ["二号：剥好的山核桃仁", 2]]);

    const before = await order(product.id);
    const bad: Record<string, string>[] = [
      { intent: "save-alt", imageId: String(first.id), altZh: "" },
      { intent: "save-alt", imageId: String(first.id), altZh: "长".repeat(201) },
      { intent: "save-alt", imageId: "abc", altZh: "x" },
      { intent: "move-up", imageId: "-3" },
      { intent: "move-up" },
      { intent: "rotate", imageId: String(first.id) },
      {},
    ];
    for (const form of bad) expect([JSON.stringify(form), (await post(product.id, form)).status]).toEqual([JSON.stringify(form), 400]);
    const errors = (await post(product.id, { intent: "save-alt", imageId: String(first.id), altZh: "  " })).body as { form: string; result: { error: Record<string, string[]> } };
    expect([errors.form, errors.result.error.altZh]).toEqual([`image-${first.id}`, ["form.required"]]);
    expect(await order(product.id)).toEqual(before);
  });

  it("a picture of another product, or another cooperative, is a 404 and changes nothing", async () => {
    const mine = await newProduct();
    const mineToo = await newProduct();
    const theirs = await newProduct(otherCoopId);
    const image = await upload(mine.id, "我的");
    const theirImage = await upload(theirs.id, "别人的", undefined, otherCoopId);
    const before = [await order(mine.id), await order(theirs.id)];
    for (const intent of ["save-alt", "move-up", "move-down", "delete"]) {
      // Their picture through my product; my picture through my other product; my product as them.
      expect((await post(mine.id, { intent, imageId: String(theirImage.id), altZh: "改" })).status).toBe(404);
      expect((await post(mineToo.id, { intent, imageId: String(image.id), altZh: "改" })).status).toBe(404);
      expect((await post(mine.id, { intent, imageId: String(image.id), altZh: "改" }, otherOwner)).status).toBe(404);
    }
    expect([await order(mine.id), await order(theirs.id)]).toEqual(before);
    expect(existsSync(filesOf(theirImage.stem, [320])[0]!)).toBe(true);
  });
});

describe("deleting", () => {
  it("removes the row and its files, renumbers the rest and bumps the product", async () => {
    const product = await newProduct();
    const kept = await upload(product.id, "留下");
    const gone = await upload(product.id, "删掉");
    const [row] = await t.db.select().from(productImages).where(eq(productImages.id, gone.id));
    const files = filesOf(gone.stem, row!.widths);
    expect(files.every((f) => existsSync(f))).toBe(true);
    await t.db.update(products).set({ updatedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(products.id, product.id));

    // Move it to the front first so that the renumbering shows.
    await post(product.id, { intent: "move-up", imageId: String(gone.id) });
    const res = await post(product.id, { intent: "delete", imageId: String(gone.id) });
    expect([res.status, res.location]).toEqual([302, `${url(product.id)}?done=deleted`]);
    expect(await order(product.id)).toEqual([["留下", 0]]);
    expect(files.some((f) => existsSync(f))).toBe(false);
    expect(existsSync(filesOf(kept.stem, [320])[0]!)).toBe(true);
    const [bumped] = await t.db.select({ updatedAt: products.updatedAt }).from(products).where(eq(products.id, product.id));
    expect(bumped!.updatedAt.getFullYear()).toBeGreaterThan(2020);
    // Deleting it again: gone.
    expect((await post(product.id, { intent: "delete", imageId: String(gone.id) })).status).toBe(404);
  });

  it("keeps the files while another product still shows the same picture", async () => {
    const bytes = await photo();
    const a = await newProduct();
    const b = await newProduct();
    const onA = await upload(a.id, "同一张", bytes);
    await upload(b.id, "同一张", bytes);
    const file = filesOf(onA.stem, [320])[0]!;
    await post(a.id, { intent: "delete", imageId: String(onA.id) });
    expect(existsSync(file)).toBe(true);
    const [onB] = await t.db.select().from(productImages).where(eq(productImages.productId, b.id));
    await post(b.id, { intent: "delete", imageId: String(onB!.id) });
    expect(existsSync(file)).toBe(false);
  });
});

describe("with S3-compatible storage", () => {
  it("an upload PUTs every size into the bucket and a delete DELETEs them (local HTTP double)", async () => {
    const seen: string[] = [];
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        seen.push(`${req.method} ${new URL(req.url ?? "/", "http://x").pathname} ${req.headers["content-type"] ?? ""}`);
        res.writeHead(req.method === "DELETE" ? 204 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { s3MediaStore } = await import("~/modules/media/store.server");
      const store = s3MediaStore({
        bucket: "pics",
        region: "us-east-1",
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        accessKeyId: "TESTKEY",
        secretAccessKey: "test-secret",
        publicUrl: "https://cdn.example.test",
      });
      const product = await newProduct();
      const image = await media.addProductImage(t.db, { cooperativeId: coopId, productId: product.id, bytes: await photo(), altZh: "云端", altEn: "" }, store);
      const [row] = await t.db.select().from(productImages).where(eq(productImages.id, image.id));
      expect(row!.widths).toEqual([320, 640]);
      const puts = row!.widths.flatMap((w) => [`PUT /pics/${image.stem}-${w}.webp image/webp`, `PUT /pics/${image.stem}-${w}.avif image/avif`]);
      expect(seen.sort()).toEqual(puts.sort());
      expect(existsSync(path.join(mediaDir, `${image.stem}-320.webp`))).toBe(false);
      seen.length = 0;
      await media.deleteProductImage(t.db, { cooperativeId: coopId, productId: product.id, imageId: image.id }, store);
      expect(seen.map((s) => s.split(" ").slice(0, 2).join(" ")).sort()).toEqual(puts.map((p) => p.replace("PUT", "DELETE").split(" ").slice(0, 2).join(" ")).sort());
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe("GET /media/*", () => {
  const get = (key: string) => callLoader(mediaRoute, `/media/${key}`, { params: { "*": key } });

  it("serves an uploaded file with its type and a cache-forever header", async () => {
    const product = await newProduct();
    const image = await upload(product.id, "看得见");
    const res = await get(`${image.stem}-320.webp`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/webp");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect((await get(`${image.stem}-320.avif`)).headers.get("Content-Type")).toBe("image/avif");

    // The page loader and the picture's URL agree.
    const page = await callLoader(route, url(product.id), { cookie: owner, params: { productId: String(product.id) } });
    const src = (page.body as { images: { photo: { src: string } }[] }).images[0]!.photo.src;
    expect(src).toBe(`/media/${image.stem}`);
  });

  it("answers 404 for anything that is not one of our files, ../ included", async () => {
    await writeFile(path.join(mediaDir, "secret.txt"), "not for the web");
    await mkdir(path.join(mediaDir, "products", "dir.webp"), { recursive: true });
    await writeFile(path.join(path.dirname(mediaDir), "outside.webp"), "outside");
    for (const key of [
      "../outside.webp",
      "products/../../outside.webp",
      "..%2Foutside.webp",
      "/etc/passwd",
      "secret.txt",
      "products/dir.webp",
      "products/nope-320.webp",
      "products/x.svg",
      "",
      "products\\..\\..\\outside.webp",
    ]) {
      const res = await get(key);
      expect([key, res.status]).toEqual([key, 404]);
    }
    await rm(path.join(path.dirname(mediaDir), "outside.webp"), { force: true });
  });
});
