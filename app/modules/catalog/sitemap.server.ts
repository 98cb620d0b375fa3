import { and, desc, eq } from "drizzle-orm";
import { cooperatives, experiences, products, stays, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { localePath } from "~/utils/i18n";

/** A language-neutral public path (`/products/anji-white-tea`) and when its content last changed. */
export type SitemapEntry = { path: string; lastmod: Date | null };

// One sitemap file holds at most 50,000 URLs; each entry is listed in two languages.
export const MAX_ENTRIES = 25_000;

function latest(dates: (Date | null)[]): Date | null {
  let max: Date | null = null;
  for (const d of dates) if (d && (!max || d > max)) max = d;
  return max;
}

/**
 * Every public page worth indexing: home, the list pages, and each village, approved seller,
 * and active product, stay and experience of an approved seller. Drafts, archived listings and
 * pending or suspended sellers stay out, exactly as the pages themselves hide them.
 */
export async function listSitemapEntries(db: Database): Promise<SitemapEntry[]> {
  const approved = eq(cooperatives.status, "approved");
  const [villageRows, coopRows, productRows, stayRows, experienceRows] = await Promise.all([
    db.select({ slug: villages.slug, updatedAt: villages.updatedAt }).from(villages).orderBy(villages.slug),
    db
      .select({ slug: cooperatives.slug, updatedAt: cooperatives.updatedAt })
      .from(cooperatives)
      .where(approved)
      .orderBy(cooperatives.slug),
    db
      .select({ slug: products.slug, updatedAt: products.updatedAt })
      .from(products)
      .innerJoin(cooperatives, eq(products.cooperativeId, cooperatives.id))
      .where(and(eq(products.status, "active"), approved))
      .orderBy(desc(products.updatedAt), products.slug)
      .limit(MAX_ENTRIES),
    db
      .select({ slug: stays.slug, updatedAt: stays.updatedAt })
      .from(stays)
      .innerJoin(cooperatives, eq(stays.cooperativeId, cooperatives.id))
      .where(and(eq(stays.status, "active"), approved))
      .orderBy(stays.slug),
    db
      .select({ slug: experiences.slug, updatedAt: experiences.updatedAt })
      .from(experiences)
      .innerJoin(cooperatives, eq(experiences.cooperativeId, cooperatives.id))
      .where(and(eq(experiences.status, "active"), approved))
      .orderBy(experiences.slug),
  ]);

  const productsChanged = latest(productRows.map((r) => r.updatedAt));
  const staysChanged = latest(stayRows.map((r) => r.updatedAt));
  const experiencesChanged = latest(experienceRows.map((r) => r.updatedAt));
  const villagesChanged = latest(villageRows.map((r) => r.updatedAt));
  const anything = latest([productsChanged, staysChanged, experiencesChanged, villagesChanged]);

  const entries: SitemapEntry[] = [
    { path: "/", lastmod: anything },
    { path: "/products", lastmod: productsChanged },
    { path: "/stays", lastmod: staysChanged },
    { path: "/experiences", lastmod: experiencesChanged },
    { path: "/villages", lastmod: villagesChanged },
    ...villageRows.map((r) => ({ path: `/villages/${r.slug}`, lastmod: r.updatedAt })),
    ...coopRows.map((r) => ({ path: `/cooperatives/${r.slug}`, lastmod: r.updatedAt })),
    ...productRows.map((r) => ({ path: `/products/${r.slug}`, lastmod: r.updatedAt })),
    ...stayRows.map((r) => ({ path: `/stays/${r.slug}`, lastmod: r.updatedAt })),
    ...experienceRows.map((r) => ({ path: `/experiences/${r.slug}`, lastmod: r.updatedAt })),
  ];
  return entries.slice(0, MAX_ENTRIES);
}

/** The newest change over everything in the sitemap, for `Last-Modified`. */
export function sitemapLastModified(entries: SitemapEntry[]): Date | null {
  return latest(entries.map((e) => e.lastmod));
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/**
 * The sitemap document: each page once per language (Chinese at the root, English under /en),
 * each `<url>` carrying the hreflang alternates of both, as search engines ask.
 */
export function renderSitemapXml(entries: SitemapEntry[], origin: string): string {
  const base = origin.replace(/\/+$/, "");
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const entry of entries) {
    const zh = escapeXml(base + localePath("zh-CN", entry.path));
    const en = escapeXml(base + localePath("en", entry.path));
    const lastmod = entry.lastmod ? `<lastmod>${entry.lastmod.toISOString()}</lastmod>` : "";
    const alternates =
      `<xhtml:link rel="alternate" hreflang="zh-CN" href="${zh}"/>` +
      `<xhtml:link rel="alternate" hreflang="en" href="${en}"/>` +
      `<xhtml:link rel="alternate" hreflang="x-default" href="${zh}"/>`;
    for (const loc of [zh, en]) lines.push(`<url><loc>${loc}</loc>${lastmod}${alternates}</url>`);
  }
  lines.push("</urlset>", "");
  return lines.join("\n");
}
