// JSON request bodies of the API's write endpoints: `Content-Type: application/json`, at most
// MAX_BODY_BYTES, UTF-8, one JSON object, no NUL character anywhere (PostgreSQL text cannot hold
// one), then the endpoint's Zod schema. Every failure is a ready error Response in the API's shape
// (400 `invalid_body` naming the bad fields, 413 `payload_too_large`), so a route only writes
//   const body = await readJsonBody(request, Schema, lang); if (!body.ok) return body.response;
// Field messages come from the shared schemas' message keys (~/utils/forms), in the `lang` asked
// for, so a client can show them next to its inputs; the top-level message is for developers.
import type { ZodTypeAny, z } from "zod";
import { formErrorMap, formMessage } from "~/utils/forms";
import { readCapped } from "~/utils/http.server";
import type { Lang } from "~/utils/i18n";
import { translator } from "~/utils/t";
import { apiError } from "./respond.server";

export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

const invalidBody = (message: string, fields?: Record<string, string>): BodyResult<never> => ({
  ok: false,
  response: apiError(400, "invalid_body", message, fields),
});

// The rest of an oversized body is not read: the connection must not carry another request.
const tooLarge = (): BodyResult<never> => ({
  ok: false,
  response: apiError(413, "payload_too_large", `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`, undefined, { Connection: "close" }),
});

// A body that passes the limit is read on and dropped up to this much, so that the client hears
// its 413 (see readCapped). Beyond this the reset is the answer.
const DRAIN_BYTES = 1024 * 1024;

/**
 * The path of the first string (or key) holding a NUL character, if any ("" for the root).
 * Walks with its own stack: 64 KB of `[[[[…` nests deeper than the call stack goes.
 */
function nulPath(root: unknown): string | null {
  const stack: [unknown, string][] = [[root, ""]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
    if (typeof value === "string") {
      if (value.includes("\u0000")) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], at(i)]);
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i]!;
        if (key.includes("\u0000")) return path || "(body)";
        stack.push([v, at(key)]);
      }
    }
  }
  return null;
}

/** One message per bad field, keyed by its dotted path (`address.city`), in `lang`. */
export function zodFields(error: z.ZodError, lang: Lang): Record<string, string> {
  const t = translator(lang);
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "(body)";
    fields[key] ??= formMessage(t, issue.message);
  }
  return fields;
}

export async function readJsonBody<S extends ZodTypeAny>(request: Request, schema: S, lang: Lang): Promise<BodyResult<z.output<S>>> {
  const declared = request.headers.get("Content-Length");
  // Far too large: refused unread. A little too large: read and dropped (below), so that a client
  // still sending hears the 413 rather than a reset.
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > DRAIN_BYTES) return tooLarge();
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return invalidBody("The body must be JSON, sent with Content-Type: application/json.", { "(body)": "Content-Type must be application/json." });
  }
  let bytes: Buffer | null;
  try {
    bytes = await readCapped(request, MAX_BODY_BYTES, { drainUpTo: DRAIN_BYTES });
  } catch {
    return invalidBody("The request body could not be read.");
  }
  if (bytes === null) return tooLarge();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return invalidBody("The body is not valid UTF-8.", { "(body)": "Not valid UTF-8." });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return invalidBody("The body is not valid JSON.", { "(body)": "Not valid JSON." });
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return invalidBody("The body must be a JSON object.", { "(body)": "Must be a JSON object." });
  }
  const nul = nulPath(json);
  if (nul !== null) {
    const field = nul.length > 200 ? `${nul.slice(0, 200)}…` : nul || "(body)";
    return invalidBody("Text may not contain NUL characters.", { [field]: "Contains a NUL character." });
  }
  const parsed = schema.safeParse(json, { errorMap: formErrorMap });
  if (!parsed.success) {
    const fields = zodFields(parsed.error, lang);
    return invalidBody(`Invalid field${Object.keys(fields).length > 1 ? "s" : ""}: ${Object.keys(fields).join(", ")}.`, fields);
  }
  return { ok: true, value: parsed.data as z.output<S> };
}
