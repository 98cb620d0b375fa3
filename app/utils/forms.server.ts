import { data } from "@remix-run/node";
import { PRIVATE_NO_STORE } from "./http.server";

/** The posted form; a body that is not a form (JSON, cut-off multipart…) is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ message: "The request body is not a form" }, { status: 400, headers: { "Cache-Control": PRIVATE_NO_STORE } });
  }
}
