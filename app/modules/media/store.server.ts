// Where uploaded pictures live: a folder on this machine (MEDIA_DIR, served at /media) unless
// S3_BUCKET names an S3-compatible bucket, which lets any number of app servers share them.
// Keys are content-hashed file names, so every file is written once and cached forever.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { type Env, env } from "~/utils/env.server";

export const IMMUTABLE_CACHE = "public, max-age=31536000, immutable";

export interface MediaStore {
  readonly kind: "local" | "s3";
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Removes the files; a key that is not there is no error. */
  remove(keys: readonly string[]): Promise<void>;
  /** Where a browser fetches the file: `/media/<key>` on local disk, S3_PUBLIC_URL's otherwise. */
  url(key: string): string;
}

// Our keys only ever look like `products/<hash>-<width>.<ext>`: a stricter shape than any
// path could need, so a key can never climb out of the folder or the bucket prefix.
const KEY = /^[a-z0-9]+(?:\/[a-z0-9][a-z0-9_-]*)*\.(webp|avif)$/;

export const MEDIA_TYPES: Record<string, string> = { webp: "image/webp", avif: "image/avif" };

export function isMediaKey(key: string): boolean {
  return KEY.test(key) && !key.includes("..");
}

function checkKey(key: string): void {
  if (!isMediaKey(key)) throw new Error(`Not a media key: ${JSON.stringify(key)}`);
}

export function mediaDir(e: Env = env()): string {
  return path.resolve(e.MEDIA_DIR ?? path.join(e.DATA_DIR, "media"));
}

export function localMediaStore(dir: string): MediaStore {
  const root = path.resolve(dir);
  return {
    kind: "local",
    async put(key, body) {
      checkKey(key);
      const file = path.join(root, key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename: a reader never sees half a file under its final (cached-forever) name.
      const partial = `${file}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, body);
      await rename(partial, file);
    },
    async remove(keys) {
      for (const key of keys) checkKey(key);
      await Promise.all(keys.map((key) => rm(path.join(root, key), { force: true })));
    },
    url: (key) => `/media/${key}`,
  };
}

export type S3Settings = {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  publicUrl: string;
};

export function s3MediaStore(settings: S3Settings): MediaStore {
  // The SDK is loaded on the first write: pages only need URLs, and it is a large module.
  let sdk: Promise<{ client: S3Client; s3: typeof import("@aws-sdk/client-s3") }> | undefined;
  const connect = () =>
    (sdk ??= import("@aws-sdk/client-s3").then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: settings.region,
        // MinIO, Ceph, Aliyun OSS, Tencent COS, R2… take bucket-in-path addressing at a custom endpoint.
        ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
        ...(settings.accessKeyId && settings.secretAccessKey
          ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
          : {}),
        // Checksums only where S3 demands them: many S3-compatible stores refuse the newer
        // CRC headers and aws-chunked bodies the SDK would otherwise send.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
        maxAttempts: 3,
      }),
    })));
  const base = settings.publicUrl.replace(/\/+$/, "");
  return {
    kind: "s3",
    async put(key, body, contentType) {
      checkKey(key);
      const { client, s3 } = await connect();
      await client.send(
        new s3.PutObjectCommand({
          Bucket: settings.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: body.byteLength,
          CacheControl: IMMUTABLE_CACHE,
        }),
      );
    },
    async remove(keys) {
      for (const key of keys) checkKey(key);
      const { client, s3 } = await connect();
      await Promise.all(keys.map((key) => client.send(new s3.DeleteObjectCommand({ Bucket: settings.bucket, Key: key }))));
    },
    url: (key) => `${base}/${key}`,
  };
}

export function mediaStoreFromEnv(e: Env = env()): MediaStore {
  if (!e.S3_BUCKET) return localMediaStore(mediaDir(e));
  return s3MediaStore({
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    // env validation requires it with S3_BUCKET.
    publicUrl: e.S3_PUBLIC_URL ?? "",
  });
}

let cached: MediaStore | undefined;

/** The process's store, chosen once from the environment. */
export function mediaStore(): MediaStore {
  cached ??= mediaStoreFromEnv();
  return cached;
}

/** The public URL of a stored file (or of a stem, to which the page adds `-<width>.<ext>`). */
export function mediaUrl(key: string): string {
  return mediaStore().url(key);
}
