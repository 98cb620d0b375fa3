// The calendars page's posts: plain forms, or multipart with an .ics file held in memory and
// capped (each part and the whole body), so a large or endless upload is refused, not stored.
import { MaxPartSizeExceededError, type UploadHandler, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { readForm } from "~/utils/forms.server";
import { MAX_CALENDAR_BYTES } from "./host-schemas";

// Room for the boundaries, part headers and the small text fields around the file.
const ENVELOPE_BYTES = 16 * 1024;

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
          if (total > maxBytes + ENVELOPE_BYTES) throw new UploadTooLarge();
          yield chunk;
        }
      })(),
    });
}

export type CalendarForm = { ok: true; form: FormData } | { ok: false; reason: "too_large" | "malformed" };

export async function readCalendarForm(request: Request): Promise<CalendarForm> {
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) return { ok: true, form: await readForm(request) };
  const declared = Number(request.headers.get("Content-Length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_CALENDAR_BYTES + ENVELOPE_BYTES) return { ok: false, reason: "too_large" };
  try {
    return { ok: true, form: await unstable_parseMultipartFormData(request, cappedHandler(MAX_CALENDAR_BYTES)) };
  } catch (error) {
    if (error instanceof UploadTooLarge || error instanceof MaxPartSizeExceededError) return { ok: false, reason: "too_large" };
    return { ok: false, reason: "malformed" };
  }
}

/** The bytes of the form's `file` field, or null when none was chosen. */
export async function uploadedFile(form: FormData): Promise<Uint8Array | null> {
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return null;
  return new Uint8Array(await file.arrayBuffer());
}
