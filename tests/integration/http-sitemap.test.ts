import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experiences, products, stays } from "../../db/schema/index";
import { createCooperative, createVillage, uniqueSlug } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { escapeXml, listSitemapEntries, renderSitemapXml } from "~/modules/catalog/sitemap.server";
import { loader as robotsLoader } from "~/routes/robots[.]txt";

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
});
afterAll(() => t.close());

async function product(cooperativeId: number, villageId: number, status: "active" | "draft" | "archived") {
  const slug = uniqueSlug("p");
  await t.db.insert(products).values({ cooperativeId, villageId, handle: slug, slug, category: "tea", titleZh: "茶", status, priceFromCents: 100 });
  return `/products/${slug}`;
}

describe("sitemap entries", () => {
  it("lists public pages of approved sellers only, and only active listings", async () => {
    const village = await createVillage(t.db);
    const approved = await createCooperative(t.db, { villageId: village.id, status: "approved" });
    const pending = await createCooperative(t.db, { villageId: village.id, status: "pending" });
    const suspended = await createCooperative(t.db, { villageId: village.id, status: "suspended" });

    const active = await product(approved.id, village.id, "active");
    const draft = await product(approved.id, village.id, "draft");
    const archived = await product(approved.id, village.id, "archived");
    const ofPending = await product(pending.id, village.id, "active");
    const ofSuspended = await product(suspended.id, village.id, "active");

    const staySlug = uniqueSlug("s");
    const hiddenStaySlug = uniqueSlug("s");
    await t.db.insert(stays).values([
      { cooperativeId: approved.id, villageId: village.id, slug: staySlug, titleZh: "民宿", titleEn: "Stay" },
      { cooperativeId: approved.id, villageId: village.id, slug: hiddenStaySlug, titleZh: "民宿", titleEn: "Stay", status: "draft" },
    ]);
    const expSlug = uniqueSlug("e");
    const pendingExpSlug = uniqueSlug("e");
    await t.db.insert(experiences).values([
      { cooperativeId: approved.id, villageId: village.id, slug: expSlug, titleZh: "采茶", titleEn: "Tea", durationMinutes: 90, pricePerPersonCents: 8800 },
      { cooperativeId: pending.id, villageId: village.id, slug: pendingExpSlug, titleZh: "采茶", titleEn: "Tea", durationMinutes: 90, pricePerPersonCents: 8800 },
    ]);

    const entries = await listSitemapEntries(t.db);
    const paths = entries.map((e) => e.path);
    for (const p of ["/", "/products", "/stays", "/experiences", "/villages"]) expect(paths).toContain(p);
    expect(paths).toContain(`/villages/${village.slug}`);
    expect(paths).toContain(`/cooperatives/${approved.slug}`);
    expect(paths).not.toContain(`/cooperatives/${pending.slug}`);
    expect(paths).not.toContain(`/cooperatives/${suspended.slug}`);
    expect(paths).toContain(active);
    for (const hidden of [draft, archived, ofPending, ofSuspended]) expect(paths).not.toContain(hidden);
    expect(paths).toContain(`/stays/${staySlug}`);
    expect(paths).not.toContain(`/stays/${hiddenStaySlug}`);
    expect(paths).toContain(`/experiences/${expSlug}`);
    expect(paths).not.toContain(`/experiences/${pendingExpSlug}`);
    expect(new Set(paths).size).toBe(paths.length);

    const entry = entries.find((e) => e.path === active)!;
    expect(entry.lastmod).toBeInstanceOf(Date);
  });
});

describe("sitemap document", () => {
  it("lists each page in both languages with hreflang alternates, escaped", () => {
    const xml = renderSitemapXml(
      [
        { path: "/", lastmod: new Date("2027-04-01T08:00:00Z") },
        { path: "/products/anji-white-tea", lastmod: null },
      ],
      "https://shop.example/a&b/",
    );
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    expect(xml).toContain("<loc>https://shop.example/a&amp;b/</loc>");
    expect(xml).toContain("<loc>https://shop.example/a&amp;b/en</loc>");
    expect(xml).toContain("<loc>https://shop.example/a&amp;b/en/products/anji-white-tea</loc>");
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="zh-CN" href="https://shop.example/a&amp;b/products/anji-white-tea"/>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="x-default" href="https://shop.example/a&amp;b/products/anji-white-tea"/>');
    expect(xml).toContain("<lastmod>2027-04-01T08:00:00.000Z</lastmod>");
    expect(xml.match(/<url>/g)).toHaveLength(4);
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
  });

  it("escapes every XML special character", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  });
});

describe("robots.txt", () => {
  it("keeps private areas out in both languages and names the sitemap", async () => {
    const res = robotsLoader({ request: new Request("http://xiangji.test:8080/robots.txt"), params: {}, context: {} });
    const text = await res.text();
    expect(res.headers.get("Content-Type")).toContain("text/plain");
    for (const p of ["/dashboard", "/admin", "/account", "/api", "/cart", "/checkout"]) {
      expect(text).toContain(`Disallow: ${p}\n`);
      expect(text).toContain(`Disallow: /en${p}\n`);
    }
    expect(text).toMatch(/^Sitemap: https?:\/\/[^\s]+\/sitemap\.xml$/m);
  });
});
