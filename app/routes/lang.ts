import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { localePath, stripLang } from "~/utils/i18n";
import { LANG_COOKIE } from "~/utils/http.server";

// The language switcher posts here: the choice is remembered in a cookie (the home page honours
// it) and the visitor lands on the same page in the other language.
const LangForm = z.object({
  lang: z.enum(["zh-CN", "en"]),
  // Only same-site paths: never an open redirect.
  next: z
    .string()
    .max(2000)
    .regex(/^\/(?!\/)[^\\\s]*$/)
    .catch("/"),
});

export async function action({ request }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData().catch(() => new FormData()));
  const parsed = LangForm.safeParse(form);
  if (!parsed.success) return new Response("Bad language choice", { status: 400 });
  const { lang, next } = parsed.data;
  const url = new URL(next, "http://x");
  const target = localePath(lang, stripLang(url.pathname)) + url.search;
  return redirect(target, {
    headers: { "Set-Cookie": `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly` },
  });
}

export function loader() {
  return redirect("/");
}
