// Language routing shared by server and client. Chinese lives at the root, English under /en.
export const LANGS = ["zh-CN", "en"] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = "zh-CN";

export function langFromPath(pathname: string): Lang {
  return pathname === "/en" || pathname.startsWith("/en/") ? "en" : "zh-CN";
}

export function langFromRequest(request: Request): Lang {
  return langFromPath(new URL(request.url).pathname);
}

/** The language-neutral path: `/en/products/x` → `/products/x`, `/en` → `/`. */
export function stripLang(pathname: string): string {
  if (pathname === "/en" || pathname === "/en/") return "/";
  return pathname.startsWith("/en/") ? pathname.slice(3) : pathname;
}

/** The URL of a neutral path in a language: `localePath("en", "/products")` → `/en/products`. */
export function localePath(lang: Lang, path: string): string {
  const neutral = path.startsWith("/") ? path : `/${path}`;
  if (lang === "zh-CN") return neutral;
  return neutral === "/" ? "/en" : neutral.startsWith("/?") ? `/en${neutral.slice(1)}` : `/en${neutral}`;
}

/** hreflang code for `<link rel="alternate">` and `<html lang>`. */
export function htmlLang(lang: Lang): string {
  return lang === "en" ? "en" : "zh-CN";
}

/** Picks the field for the language, falling back to Chinese when the English text is empty. */
export function pick(lang: Lang, zh: string, en: string | null | undefined): string {
  return lang === "en" && en ? en : zh;
}
