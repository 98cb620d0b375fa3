// What search engines and monitoring see: language, canonical and hreflang links, JSON-LD,
// cache headers, robots.txt, sitemap.xml, /healthz and localized 404 pages.
import { en, expect, jsonLd, publicPaths, test, types, zh } from "./support";

test.describe("health and crawler files", () => {
  test("/healthz answers 200 when the database does", async ({ request }) => {
    const res = await request.get("/healthz");
    expect(res.status()).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", database: "ok" });
    // Which search engine answers, and how much indexing waits (npm test runs a Meilisearch).
    expect(["meilisearch", "postgres"]).toContain(body.search.engine);
    expect(body.search.configured === "meilisearch" ? ["up", "down"] : ["off"]).toContain(body.search.meilisearch);
    expect(body.search.pending).toEqual({ outbox: expect.any(Number), unshipped: expect.any(Number) });
    expect(res.headers()["cache-control"]).toContain("no-store");
  });

  test("/robots.txt allows public pages, keeps private areas out and points to the sitemap", async ({ request, baseURL }) => {
    const res = await request.get("/robots.txt");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Allow: \/$/m);
    for (const p of ["/dashboard", "/admin", "/account", "/api", "/cart", "/checkout"]) {
      expect(text).toMatch(new RegExp(`^Disallow: ${p}$`, "m"));
    }
    expect(text).toMatch(new RegExp(`^Sitemap: ${baseURL!.replace(/\/$/, "")}/sitemap\\.xml$`, "m"));
  });

  test("/sitemap.xml is valid XML listing products, stays, experiences and villages in both languages", async ({ request, page }) => {
    const res = await request.get("/sitemap.xml");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/xml/);
    expect(res.headers()["cache-control"]).toMatch(/public/);
    const xml = await res.text();

    // Parsed by the browser's XML parser: any escaping mistake shows up as a <parsererror>.
    await page.goto("about:blank");
    const parsed = await page.evaluate((source) => {
      const doc = new DOMParser().parseFromString(source, "application/xml");
      if (doc.getElementsByTagName("parsererror").length) return { error: doc.getElementsByTagName("parsererror")[0]!.textContent };
      const ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
      const urls = Array.from(doc.getElementsByTagNameNS(ns, "url")).map((u) => ({
        loc: u.getElementsByTagNameNS(ns, "loc")[0]?.textContent ?? "",
        lastmod: u.getElementsByTagNameNS(ns, "lastmod")[0]?.textContent ?? null,
        alternates: Array.from(u.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link")).map((l) => [
          l.getAttribute("hreflang"),
          l.getAttribute("href"),
        ]),
      }));
      return { error: null, urls };
    }, xml);
    expect(parsed.error).toBeNull();
    const urls = parsed.urls!;
    const locs = urls.map((u) => new URL(u.loc).pathname);

    for (const path of ["/", "/products", "/stays", "/experiences", "/villages"]) {
      expect(locs).toContain(path);
      expect(locs).toContain(path === "/" ? "/en" : `/en${path}`);
    }
    for (const kind of ["products", "stays", "experiences", "villages", "cooperatives"]) {
      const zhPages = locs.filter((p) => p.startsWith(`/${kind}/`));
      expect(zhPages.length, `${kind} pages in the sitemap`).toBeGreaterThan(0);
      for (const p of zhPages) expect(locs, `${p} also in English`).toContain(`/en${p}`);
    }
    expect(new Set(locs).size, "no URL twice").toBe(locs.length);

    for (const url of urls) {
      const alternates = Object.fromEntries(url.alternates);
      expect(Object.keys(alternates).sort()).toEqual(["en", "x-default", "zh-CN"]);
      expect(locs.map(String)).toContain(new URL(alternates["en"]!).pathname);
      if (url.lastmod) expect(Number.isNaN(Date.parse(url.lastmod))).toBe(false);
    }
  });
});

test.describe("language, canonical and hreflang", () => {
  test("a Chinese page and its English twin name each other", async ({ page, request, baseURL }) => {
    const origin = baseURL!.replace(/\/$/, "");
    const { products } = await publicPaths(request);
    const path = products[0]!;

    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", origin + path);
    await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute("href", origin + path);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${origin}/en${path}`);
    await expect(page.locator('link[rel="alternate"][hreflang="x-default"]')).toHaveAttribute("href", origin + path);

    await page.goto(`/en${path}`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${origin}/en${path}`);
    await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute("href", origin + path);
    await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute("href", `${origin}/en${path}`);
  });

  test("list pages and the home page carry the same links", async ({ page, baseURL }) => {
    const origin = baseURL!.replace(/\/$/, "");
    for (const [path, enPath] of [
      ["/", "/en"],
      ["/stays", "/en/stays"],
    ] as const) {
      await page.goto(enPath);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", origin + enPath);
      await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute("href", origin + path);
    }
  });

  test("tracking parameters do not leak into the canonical link", async ({ page, baseURL }) => {
    const origin = baseURL!.replace(/\/$/, "");
    await page.goto("/products?utm_source=wechat");
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${origin}/products`);
  });
});

test.describe("structured data", () => {
  test("a product page describes a Product with an offer in CNY", async ({ page, request }) => {
    const { products } = await publicPaths(request);
    await page.goto(products[0]!);
    const blocks = await jsonLd(page);
    expect(types(blocks)).toContain("Product");
    const product = blocks.find((b) => b["@type"] === "Product")!;
    expect(typeof product.name).toBe("string");
    expect(JSON.stringify(product.offers)).toContain("CNY");
  });

  test("a stay page describes a LodgingBusiness", async ({ page, request }) => {
    const { stays } = await publicPaths(request);
    await page.goto(stays[0]!);
    const found = types(await jsonLd(page));
    expect(found.some((t) => ["LodgingBusiness", "BedAndBreakfast", "Hostel", "Hotel", "Resort", "Campground"].includes(t)), found.join()).toBe(true);
  });

  test("an experience page describes an Event or a TouristTrip", async ({ page, request }) => {
    const { experiences } = await publicPaths(request);
    await page.goto(experiences[0]!);
    const found = types(await jsonLd(page));
    expect(found.some((t) => t === "Event" || t === "TouristTrip"), found.join()).toBe(true);
  });
});

test.describe("cache headers", () => {
  test("public pages may be cached; their English twins too", async ({ request }) => {
    const paths = await publicPaths(request);
    const pages = [
      "/",
      "/products",
      "/stays",
      "/experiences",
      "/villages",
      paths.products[0]!,
      paths.stays[0]!,
      paths.experiences[0]!,
      paths.villages[0]!,
      paths.cooperatives[0]!,
    ];
    for (const path of [...pages, ...pages.map((p) => (p === "/" ? "/en" : `/en${p}`))]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), path).toBe(200);
      const cc = res.headers()["cache-control"] ?? "";
      expect(cc, `Cache-Control of ${path}`).toMatch(/public/);
      expect(cc, `Cache-Control of ${path}`).toMatch(/max-age=\d+/);
    }
  });
});

test.describe("not found", () => {
  test("an unknown product is a 404 page in Chinese", async ({ page }) => {
    const res = await page.goto("/products/no-such-product-anywhere");
    expect(res?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh["error.notFound.title"]);
    await expect(page.getByRole("link", { name: zh["error.notFound.home"] })).toHaveAttribute("href", "/");
  });

  test("an unknown stay in English is a 404 page in English", async ({ page }) => {
    const res = await page.goto("/en/stays/no-such-stay-anywhere");
    expect(res?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(en["error.notFound.title"]);
    await expect(page.getByRole("link", { name: en["error.notFound.home"] })).toHaveAttribute("href", "/en");
  });

  test("unknown slugs and paths of every kind answer 404 in both languages", async ({ request }) => {
    const paths = [
      "/products/nope-404",
      "/stays/nope-404",
      "/experiences/nope-404",
      "/villages/nope-404",
      "/cooperatives/nope-404",
      "/no/such/page",
    ];
    for (const p of [...paths, ...paths.map((x) => `/en${x}`)]) {
      const res = await request.get(p);
      expect(res.status(), p).toBe(404);
      const html = await res.text();
      expect(html, p).toContain(p.startsWith("/en") ? en["error.notFound.title"] : zh["error.notFound.title"]);
    }
  });
});
