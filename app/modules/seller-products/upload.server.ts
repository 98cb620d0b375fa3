// Reading the uploaded CSV of the import page: multipart, held in memory, with a cap on the whole
// body (not only on one part, so a thousand parts cannot add up to gigabytes).
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from "@remix-run/node";

import { MAX_UPLOAD_BYTES } from "./limits";

export { MAX_UPLOAD_BYTES };
// Room for the multipart boundaries and part headers around a file of the maximum size.
const ENVELOPE_BYTES = 16 * 1024;

export type UploadResult =
  | { ok: true; file: Uint8Array }
  | { ok: false; reason: "too_large" | "no_file" | "malformed" };

class UploadTooLarge extends Error {}

function cappedHandler(maxBytes: number): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes });
  let total = 0;
  return (part) =>
    memory({
      ...part,
      data: (async function* counted() {
        for await (const chunk of part.data) {
          total += chunk.byteLength;
          if (total > maxBytes) throw new UploadTooLarge();
          yield chunk;
        }
      })(),
    });
}

/** The bytes of the form's `file` field, or why there are none. Never throws for a bad body. */
export async function readUploadedCsv(request: Request, maxBytes = MAX_UPLOAD_BYTES): Promise<UploadResult> {
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes + ENVELOPE_BYTES) return { ok: false, reason: "too_large" };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, cappedHandler(maxBytes));
  } catch (error) {
    if (error instanceof UploadTooLarge || error instanceof MaxPartSizeExceededError) return { ok: false, reason: "too_large" };
    return { ok: false, reason: "malformed" };
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, reason: "no_file" };
  return { ok: true, file: new Uint8Array(await file.arrayBuffer()) };
}
