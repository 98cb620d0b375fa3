// GET /media/* — uploaded pictures on local disk, for `npm run dev` and tests (the production
// server answers /media from MEDIA_DIR before Remix sees the request). Only our own file names
// are served: anything else, `../` included, is a 404 without touching the disk.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { IMMUTABLE_CACHE, MEDIA_TYPES, isMediaKey, mediaDir, mediaStore } from "~/modules/media/store.server";

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const key = params["*"] ?? "";
  if (mediaStore().kind !== "local" || !isMediaKey(key)) return notFound();
  const root = mediaDir();
  const file = path.resolve(root, key);
  if (!file.startsWith(root + path.sep)) return notFound();
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(await readFile(file));
  } catch {
    return notFound();
  }
  return new Response(body, {
    headers: {
      "Content-Type": MEDIA_TYPES[path.extname(file).slice(1)] ?? "application/octet-stream",
      "Content-Length": String(body.byteLength),
      "Cache-Control": IMMUTABLE_CACHE,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
