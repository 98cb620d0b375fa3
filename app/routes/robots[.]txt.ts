import type { LoaderFunctionArgs } from "@remix-run/node";
import { env } from "~/utils/env.server";

// Public pages in both languages are open to crawlers; personal and seller areas are not.
const PRIVATE_PREFIXES = ["/dashboard", "/admin", "/account", "/api", "/cart", "/checkout"];

export function loader({ request }: LoaderFunctionArgs) {
  const origin = env().PUBLIC_ORIGIN ?? new URL(request.url).origin;
  const disallow = PRIVATE_PREFIXES.flatMap((p) => [`Disallow: ${p}`, `Disallow: /en${p}`]);
  const body = ["User-agent: *", "Allow: /", ...disallow, "", `Sitemap: ${origin}/sitemap.xml`, ""].join("\n");
  return new Response(body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600, s-maxage=86400" },
  });
}
