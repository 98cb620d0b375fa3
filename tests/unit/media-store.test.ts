// Where pictures are kept: local disk by default, an S3-compatible bucket when S3_BUCKET is set.
// The S3 store is tested against a local HTTP double that records what the SDK sends.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMMUTABLE_CACHE, isMediaKey, localMediaStore, mediaStoreFromEnv, s3MediaStore } from "~/modules/media/store.server";
import { parseEnv } from "~/utils/env.server";

type Recorded = { method: string; path: string; contentType: string | null; cacheControl: string | null; bodyLength: number; signed: boolean };

let server: Server;
let endpoint: string;
const requests: Recorded[] = [];

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void bodyOf(req).then((body) => {
      requests.push({
        method: req.method ?? "",
        path: decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname),
        contentType: req.headers["content-type"] ?? null,
        cacheControl: req.headers["cache-control"] ?? null,
        bodyLength: body.length,
        signed: /^AWS4-HMAC-SHA256 Credential=TESTKEY\//.test(req.headers.authorization ?? ""),
      });
      if (req.method === "PUT") {
        res.writeHead(200, { ETag: '"0123456789abcdef"' }).end();
      } else if (req.method === "DELETE") {
        res.writeHead(204).end();
      } else {
        res.writeHead(405).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = () => ({
  bucket: "xiangji-media",
  region: "cn-east-1",
  endpoint,
  accessKeyId: "TESTKEY",
  secretAccessKey: "test-secret-key-not-real",
  publicUrl: "https://img.example.test/xj/",
});

describe("the S3 store (against a local double)", () => {
  it("PUTs each file into the bucket (path style) with its type, a long cache and a signature", async () => {
    requests.length = 0;
    const store = s3MediaStore(settings());
    const body = Buffer.alloc(12_345, 7);
    await store.put("products/0123abcd-640.webp", body, "image/webp");
    await store.put("products/0123abcd-640.avif", body.subarray(0, 100), "image/avif");
    expect(requests).toEqual([
      { method: "PUT", path: "/xiangji-media/products/0123abcd-640.webp", contentType: "image/webp", cacheControl: IMMUTABLE_CACHE, bodyLength: 12_345, signed: true },
      { method: "PUT", path: "/xiangji-media/products/0123abcd-640.avif", contentType: "image/avif", cacheControl: IMMUTABLE_CACHE, bodyLength: 100, signed: true },
    ]);
  });

  it("DELETEs each file, and browsers fetch files from S3_PUBLIC_URL", async () => {
    requests.length = 0;
    const store = s3MediaStore(settings());
    await store.remove(["products/0123abcd-320.webp", "products/0123abcd-320.avif"]);
    expect(requests.map((r) => [r.method, r.path, r.signed]).sort()).toEqual([
      ["DELETE", "/xiangji-media/products/0123abcd-320.avif", true],
      ["DELETE", "/xiangji-media/products/0123abcd-320.webp", true],
    ]);
    expect(store.url("products/0123abcd")).toBe("https://img.example.test/xj/products/0123abcd");
  });

  it("refuses keys that are not ours before sending anything", async () => {
    requests.length = 0;
    const store = s3MediaStore(settings());
    await expect(store.put("../etc/passwd.webp", Buffer.from("x"), "image/webp")).rejects.toThrow(/Not a media key/);
    await expect(store.remove(["products/a.jpg"])).rejects.toThrow(/Not a media key/);
    expect(requests).toEqual([]);
  });

  it("an S3 error reaches the caller (the page then changes nothing)", async () => {
    const store = s3MediaStore({ ...settings(), endpoint: "http://127.0.0.1:9" });
    await expect(store.put("products/0123abcd-320.webp", Buffer.from("x"), "image/webp")).rejects.toThrow();
  });
});

describe("the local store", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "xj-media-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("writes files under MEDIA_DIR, serves them at /media and removes them", async () => {
    const store = localMediaStore(dir);
    await store.put("products/feed-320.webp", Buffer.from("webp bytes"), "image/webp");
    expect(await readFile(path.join(dir, "products/feed-320.webp"), "utf8")).toBe("webp bytes");
    expect(store.url("products/feed")).toBe("/media/products/feed");
    await store.remove(["products/feed-320.webp", "products/never-was-320.avif"]);
    expect(existsSync(path.join(dir, "products/feed-320.webp"))).toBe(false);
  });

  it("never writes outside its folder", async () => {
    const store = localMediaStore(dir);
    for (const key of ["../escape.webp", "products/../../escape.webp", "/etc/x.webp", "products/x.svg", "products\\x.webp", ""]) {
      expect(isMediaKey(key)).toBe(false);
      await expect(store.put(key, Buffer.from("x"), "image/webp")).rejects.toThrow(/Not a media key/);
    }
    expect(existsSync(path.join(dir, "..", "escape.webp"))).toBe(false);
  });
});

describe("choosing the store from the environment", () => {
  it("local disk under DATA_DIR/media by default, MEDIA_DIR when set, S3 when S3_BUCKET is set", () => {
    expect(mediaStoreFromEnv(parseEnv({ DATA_DIR: "/srv/xj" })).kind).toBe("local");
    expect(mediaStoreFromEnv(parseEnv({ MEDIA_DIR: "/srv/pics" })).url("products/a")).toBe("/media/products/a");
    const s3 = mediaStoreFromEnv(parseEnv({ S3_BUCKET: "pics", S3_PUBLIC_URL: "https://cdn.example.test" }));
    expect([s3.kind, s3.url("products/a")]).toEqual(["s3", "https://cdn.example.test/products/a"]);
    expect(() => parseEnv({ S3_BUCKET: "pics" })).toThrow(/S3_PUBLIC_URL/);
  });
});
