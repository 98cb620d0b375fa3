import type { LoaderFunctionArgs } from "@remix-run/node";
import { listSitemapEntries, renderSitemapXml, sitemapLastModified } from "~/modules/catalog/sitemap.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";

// Every public page in both languages with hreflang alternates; cacheable like the catalogue.
export async function loader({ request }: LoaderFunctionArgs) {
  const origin = env().PUBLIC_ORIGIN ?? new URL(request.url).origin;
  const entries = await listSitemapEntries(getDb());
  const lastModified = sitemapLastModified(entries);
  return new Response(renderSitemapXml(entries, origin), {
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600, s-maxage=3600, stale-while-revalidate=86400",
      ...(lastModified ? { "Last-Modified": lastModified.toUTCString() } : {}),
    },
  });
}
