// Reading a multipart upload without trusting it: one picture of at most 8 MB, a bounded
// request as a whole (parts the page does not use are still read, and counted), and every way
// the body can be broken turned into a MediaError (400 or 413) instead of a 500.
import {
  type UploadHandler,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MediaError } from "./errors";
import { MAX_UPLOAD_BYTES } from "./images.server";

/** Room for the form's text fields and the multipart framing around the picture. */
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024;

export function isMultipart(request: Request): boolean {
  return /^multipart\/form-data\s*;/i.test(request.headers.get("Content-Type") ?? "");
}

class BodyTooLarge extends Error {}

function countingHandler(): UploadHandler {
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_BYTES });
  let total = 0;
  return (part) =>
    memory({
      ...part,
      data: (async function* () {
        for await (const chunk of part.data) {
          total += chunk.byteLength;
          if (total > MAX_BODY_BYTES) throw new BodyTooLarge();
          yield chunk;
        }
      })(),
    });
}

/** The submitted form of a multipart request, its picture held in memory. */
export async function readUploadForm(request: Request): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  // Refused before a byte is read when the browser says how much is coming.
  if (declared > MAX_BODY_BYTES) throw new MediaError("media.error.tooLarge", 413);
  try {
    return await unstable_parseMultipartFormData(request, countingHandler());
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError || error instanceof BodyTooLarge) throw new MediaError("media.error.tooLarge", 413);
    // No boundary, a broken part header, a body that ends mid-part, a dropped connection.
    throw new MediaError("media.error.malformed", 400);
  }
}
