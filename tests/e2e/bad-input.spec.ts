// No user input can produce a 500. Garbage in query strings, slugs and form posts gets a page
// that still makes sense (200 with the bad value ignored) or a clear 400/404 — never a crash.
import type { APIRequestContext } from "@playwright/test";
import { en, expect, publicPaths, test, zh } from "./support";

const LONG = "x".repeat(10_000);

// Raw query strings (already encoded, some deliberately malformed), sent as they are.
const GARBAGE_QUERIES = [
  "page=-1",
  "page=0",
  "page=99999999999999999999",
  "page=1.5",
  "page=abc",
  "min=abc",
  "max=-5",
  "min=1e308&max=-1e308",
  "min=NaN&max=Infinity",
  "min=50&max=10",
  `category=${encodeURIComponent("<script>alert(1)</script>")}`,
  `sort=${encodeURIComponent("DROP TABLE products;--")}`,
  `sort=${encodeURIComponent("price_asc' OR '1'='1")}`,
  `village=${encodeURIComponent("../../etc/passwd")}`,
  "cert=organic&cert=organic&cert=nope&cert=",
  "category=tea&category=honey&category=",
  `q=${LONG}`,
  `category=${LONG}`,
  "unknown=1&another[key]=2&__proto__[x]=1&constructor=1",
  "%00=%00&category=%00",
  "category=%E4%ZZ",
  "%E4%ZZ=1",
  "page=%FF%FE",
  `category=${encodeURIComponent("茶叶🍵")}`,
  `village=${encodeURIComponent("🏞️")}`,
  "checkIn=2027-02-30&checkOut=1999-01-01&guests=-3",
  "checkIn=not-a-date&checkOut=&guests=999999999999",
  "checkIn=2027-05-10&checkOut=2027-05-01&guests=abc",
  "checkIn=2027-05-01&checkOut=2035-05-01&guests=2",
  "date=%27&people=-1&month=13",
  "=&&&=&==",
];

const BAD_SLUGS = [
  "..%2F..%2Fetc%2Fpasswd",
  "..%2f",
  "%2E%2E",
  "a".repeat(3000),
  "%E4%ZZ",
  "%00",
  encodeURIComponent("<script>alert(1)</script>"),
  encodeURIComponent("'; DROP TABLE products;--"),
  encodeURIComponent("安吉白茶"),
  encodeURIComponent("🍵"),
  "UPPER-Case",
  "-leading-dash",
  "1",
];

async function expectSane(request: APIRequestContext, url: string) {
  const res = await request.get(url, { maxRedirects: 0, failOnStatusCode: false });
  const status = res.status();
  expect(status, `GET ${url.slice(0, 140)} → ${status}`).toBeLessThan(500);
  expect([200, 301, 302, 303, 307, 308, 400, 404], `GET ${url.slice(0, 140)} → ${status}`).toContain(status);
  return { status, body: status === 200 || status === 400 || status === 404 ? await res.text() : "", headers: res.headers() };
}

// Hundreds of requests per test: give them room on a busy machine.
test.describe.configure({ timeout: 120_000 });

for (const lang of ["zh", "en"] as const) {
  const prefix = lang === "en" ? "/en" : "";
  const t = lang === "en" ? en : zh;

  test.describe(`garbage on list pages (${lang})`, () => {
    for (const list of ["/products", "/stays", "/experiences", "/villages"]) {
      test(`${prefix}${list} survives every bad query`, async ({ request }) => {
        for (const query of GARBAGE_QUERIES) {
          const url = `${prefix}${list}?${query}`;
          const { status, body } = await expectSane(request, url);
          if (status === 200) {
            expect(body, url).toContain(`lang="${lang === "en" ? "en" : "zh-CN"}"`);
            // The injected markup is never echoed as markup.
            expect(body, url).not.toContain("<script>alert(1)</script>");
          }
        }
      });
    }

    test(`${prefix}/products with ignored bad values still lists products`, async ({ request }) => {
      for (const query of ["page=-1", "min=abc", "max=-5", "sort=DROP%20TABLE", "category=%3Cscript%3E", "page=%FF", "%E4%ZZ=1"]) {
        const url = `${prefix}/products?${query}`;
        const { status, body } = await expectSane(request, url);
        if (status === 200) {
          // Products are listed: at least one product link and one price.
          expect(body, url).toMatch(/href="(\/en)?\/products\/[a-z0-9-]+"/);
          expect(body, url).toMatch(/¥\d[\d,]*\.\d{2}/);
          expect(body, url).not.toContain(t["catalog.results.empty.title"]);
        }
      }
    });

    test(`${prefix} detail pages answer 404, not 500, for bad slugs`, async ({ request }) => {
      for (const kind of ["products", "stays", "experiences", "villages", "cooperatives"]) {
        for (const slug of BAD_SLUGS) {
          const url = `${prefix}/${kind}/${slug}`;
          const { status, body } = await expectSane(request, url);
          if (status === 404) expect(body, url).toContain(t["error.notFound.title"]);
        }
        // A path that climbs out of the route.
        await expectSane(request, `${prefix}/${kind}/../../../etc/passwd`);
      }
    });

    test(`${prefix} detail pages ignore garbage query strings`, async ({ request }) => {
      const paths = await publicPaths(request);
      const pages = [paths.products[0]!, paths.stays[0]!, paths.experiences[0]!, paths.villages[0]!, paths.cooperatives[0]!];
      for (const path of pages) {
        for (const query of GARBAGE_QUERIES) {
          const url = `${prefix}${path}?${query}`;
          const { status } = await expectSane(request, url);
          expect([200, 400], url).toContain(status);
        }
      }
    });
  });
}

test.describe("the language switch", () => {
  test("rejects garbage with 400 and never redirects to another host", async ({ request, baseURL }) => {
    const host = new URL(baseURL!).host;
    const bodies: Record<string, string>[] = [
      {},
      { lang: "fr" },
      { lang: "<script>", next: "/" },
      { lang: "en", next: "https://evil.example/phish" },
      { lang: "en", next: "//evil.example/phish" },
      { lang: "en", next: "/\\evil.example" },
      { lang: "en", next: "\\\\evil.example" },
      { lang: "en", next: "javascript:alert(1)" },
      { lang: "en", next: "/%2F%2Fevil.example" },
      { lang: "en", next: "/products\r\nSet-Cookie: x=1" },
      { lang: "zh-CN", next: "x".repeat(10_000) },
      { lang: "en", next: "/products?category=tea" },
    ];
    for (const form of bodies) {
      const res = await request.post("/lang", { form, maxRedirects: 0, failOnStatusCode: false });
      const status = res.status();
      expect(status, JSON.stringify(form).slice(0, 100)).toBeLessThan(500);
      expect([302, 303, 400], JSON.stringify(form).slice(0, 100)).toContain(status);
      if (status >= 300) {
        const location = res.headers()["location"] ?? "";
        const target = new URL(location, baseURL);
        expect(target.host, `redirect for ${JSON.stringify(form).slice(0, 100)} → ${location}`).toBe(host);
        expect(location.startsWith("//"), location).toBe(false);
        expect(res.headers()["set-cookie"] ?? "", "no injected cookie").not.toContain("x=1");
      }
    }
  });

  test("answers garbage bodies of every content type without a 500", async ({ request }) => {
    const payloads: { data: string | Buffer; contentType: string }[] = [
      { data: "lang=en&next=%E4%ZZ", contentType: "application/x-www-form-urlencoded" },
      { data: "%%%%", contentType: "application/x-www-form-urlencoded" },
      { data: '{"lang":"en"}', contentType: "application/json" },
      { data: "not json", contentType: "application/json" },
      { data: Buffer.from([0xff, 0xfe, 0x00, 0x01]), contentType: "application/octet-stream" },
      { data: "--x\r\nbroken multipart", contentType: "multipart/form-data; boundary=x" },
      { data: "lang=en&" + "a=1&".repeat(5000), contentType: "application/x-www-form-urlencoded" },
    ];
    for (const { data, contentType } of payloads) {
      const res = await request.post("/lang", { data, headers: { "Content-Type": contentType }, maxRedirects: 0, failOnStatusCode: false });
      expect(res.status(), `${contentType}: ${String(data).slice(0, 40)}`).toBeLessThan(500);
    }
  });

  test("GET /lang is a harmless redirect home", async ({ request }) => {
    const res = await request.get("/lang?next=https://evil.example", { maxRedirects: 0, failOnStatusCode: false });
    expect(res.status()).toBeLessThan(400);
    expect(res.headers()["location"]).toBe("/");
  });
});
