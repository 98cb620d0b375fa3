// Security headers of the production server: every public page type, the dashboard, the JSON API,
// files and error pages carry them; each page's Content-Security-Policy has a nonce of its own that
// every script on the page carries. Then a shopper and a seller use the site with that policy
// enforced, and the browser reports no violation.
import type { APIResponse, Page } from "@playwright/test";
import { expect, publicPaths, re, test, zh } from "./support";

const PASSWORD = "xiangji-demo-2026";
const TEA = "/products/longjing-daily-tea";

/** The headers every response has, whatever it is. The e2e server runs with NODE_ENV=production. */
function expectCommonHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h["strict-transport-security"], `HSTS on ${what}`).toBe("max-age=63072000; includeSubDomains");
  expect(h["x-content-type-options"], `nosniff on ${what}`).toBe("nosniff");
  expect(h["referrer-policy"], `Referrer-Policy on ${what}`).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], `Permissions-Policy on ${what}`).toMatch(/camera=\(\).*microphone=\(\).*geolocation=\(\).*payment=\(\)/);
  expect(h["x-frame-options"], `X-Frame-Options on ${what}`).toBe("DENY");
  expect(h["cross-origin-opener-policy"], `COOP on ${what}`).toBe("same-origin");
  expect(h["content-security-policy"], `a CSP on ${what}`).toContain("frame-ancestors 'none'");
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** A page's policy: enforced, nonce-based, nothing inline or eval'd; returns the nonce. */
async function expectPagePolicy(res: APIResponse, what: string): Promise<string> {
  expectCommonHeaders(res, what);
  expect(res.headers()["content-security-policy-report-only"], `the CSP of ${what} is enforced`).toBeUndefined();
  const csp = directives(res.headers()["content-security-policy"]!);
  const scripts = csp.get("script-src") ?? [];
  const nonce = /^'nonce-([A-Za-z0-9+/=]{22,})'$/.exec(scripts.find((s) => s.startsWith("'nonce-")) ?? "")?.[1];
  expect(nonce, `a nonce in script-src on ${what}`).toBeTruthy();
  expect(scripts, `script-src on ${what}`).toContain("'strict-dynamic'");
  expect(scripts.join(" "), `script-src on ${what}`).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:|data:/);
  expect(csp.get("object-src"), `object-src on ${what}`).toEqual(["'none'"]);
  expect(csp.get("base-uri"), `base-uri on ${what}`).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors"), `frame-ancestors on ${what}`).toEqual(["'none'"]);
  expect(csp.get("form-action"), `form-action on ${what}`).toEqual(["'self'", "https://checkout.stripe.com"]);
  expect(csp.get("connect-src"), `connect-src on ${what}`).toEqual(["'self'"]);
  expect(csp.get("img-src"), `img-src on ${what}`).toEqual(["'self'", "data:"]);

  // Every script the page runs carries this nonce (JSON-LD blocks are data: CSP leaves them alone).
  const html = await res.text();
  const tags = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
  const executable = tags.filter((attrs) => {
    const type = /\btype="([^"]*)"/i.exec(attrs)?.[1]?.toLowerCase();
    return !type || type === "module" || type === "text/javascript";
  });
  expect(executable.length, `scripts on ${what}`).toBeGreaterThan(0);
  for (const attrs of executable) expect(attrs, `a script on ${what}`).toContain(`nonce="${nonce}"`);
  return nonce!;
}

async function logIn(page: Page, email: string) {
  await page.goto(`/login?redirectTo=${encodeURIComponent("/dashboard")}`);
  await page.getByLabel(zh["accounts.field.email"]).fill(email);
  await page.getByLabel(zh["accounts.field.password"], { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: zh["accounts.login.submit"] }).click();
  await expect(page).toHaveURL(/\/dashboard/);
}

test.describe("security headers", () => {
  test("every page type has a nonce policy of its own, and every other response the common headers", async ({ page, request }) => {
    test.setTimeout(120_000);
    const paths = await publicPaths(request);
    const pages = [
      "/",
      "/en",
      "/products",
      paths.products[0]!,
      "/stays",
      paths.stays[0]!,
      "/experiences",
      paths.experiences[0]!,
      "/villages",
      paths.villages[0]!,
      paths.cooperatives[0]!,
      `/search?q=${encodeURIComponent("茶")}`,
      "/cart",
      "/login",
    ];
    const nonces = new Set<string>();
    for (const path of pages) {
      const res = await request.get(path);
      expect(res.status(), path).toBe(200);
      nonces.add(await expectPagePolicy(res, path));
    }
    // A fresh nonce per response, the same page twice included.
    const again = await expectPagePolicy(await request.get("/"), "/ again");
    nonces.add(again);
    expect(nonces.size, "one nonce per response").toBe(pages.length + 1);

    // The 404 page is a page too.
    const missing = await request.get("/products/no-such-product-anywhere", { failOnStatusCode: false });
    expect(missing.status()).toBe(404);
    await expectPagePolicy(missing, "the 404 page");

    // The JSON API, single-fetch data, a hashed asset, a public file, the sitemap, a malformed URL:
    // the common headers and a policy under which nothing runs.
    const html = await (await request.get(TEA)).text();
    const asset = /<link rel="modulepreload" href="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset, "a script asset linked from the product page").toBeTruthy();
    for (const [path, status] of [
      [`/api/v1/search?q=${encodeURIComponent("茶")}`, 200],
      [`${TEA}.data`, 200],
      [asset!, 200],
      ["/favicon.svg", 200],
      ["/sitemap.xml", 200],
      ["/api/v1/products/no-such-product", 404],
      ["/%E0%A4%A", 400],
    ] as const) {
      const res = await request.get(path, { failOnStatusCode: false });
      expect(res.status(), path).toBe(status);
      expectCommonHeaders(res, path);
      expect(res.headers()["content-security-policy"], path).toContain("default-src 'none'");
    }

    // The seller's dashboard, signed in.
    await logIn(page, "longjing@xiangji.demo");
    const dashboard = await page.request.get("/dashboard");
    expect(dashboard.status()).toBe(200);
    expect(await dashboard.text()).toContain(zh["dashboard.nav.overview"]);
    await expectPagePolicy(dashboard, "/dashboard");
  });
});

/** Collects what the browser refuses under the policy: violation events and its console reports. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportCspViolation: (t: string) => void }).__reportCspViolation(
        `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${e.documentURI}`,
      );
    });
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

test.describe("the site under its Content-Security-Policy", () => {
  test("a shopper adds to the cart, checks out and pays with the test provider: no violation", async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto("/");
    // The header's search suggestions fetch the API as one types.
    await page.getByRole("banner").getByRole("combobox").first().fill("茶");
    await page.waitForLoadState("networkidle");
    await page.goto(TEA);
    const name = new RegExp(`^${re(zh["cart.add"]).source}\\s*${re(zh["cart.addOf"].replace("{variant}", "250克")).source}$`);
    await page.getByRole("button", { name }).click();
    await expect(page.getByRole("main").getByText(zh["cart.added"])).toBeVisible();
    // Client-side navigation loads route modules through import().
    await page.getByRole("banner").getByRole("link", { name: re(zh["cart.header.link"]) }).click();
    await expect(page).toHaveURL(/\/cart$/);
    await page.getByRole("link", { name: /^去结算/ }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await page.getByLabel(zh["checkout.field.email"]).fill("csp@example.com");
    await page.getByLabel(zh["checkout.field.name"]).fill("王小明");
    await page.getByLabel(zh["checkout.field.phone"]).fill("138 1234 5678");
    await page.getByLabel(zh["checkout.field.province"]).fill("浙江省");
    await page.getByLabel(zh["checkout.field.city"]).fill("湖州市");
    await page.getByLabel(zh["checkout.field.district"]).fill("安吉县");
    await page.getByLabel(zh["checkout.field.detail"]).fill("天荒坪镇余村 1 号");
    await page.getByRole("button", { name: /^去支付/ }).click();
    await expect(page).toHaveURL(/\/pay\/test\//);
    await page.getByRole("button", { name: zh["pay.test.succeed"] }).click();
    await expect(page).toHaveURL(/\/orders\/XJ\d{6}-[A-Z0-9]{6}\?t=/);
    await expect(page.getByText(zh["orders.status.paid"], { exact: true })).toBeVisible();
    // The page is hydrated and still answers clicks (a refused script would have stopped it).
    expect(await page.evaluate(() => typeof (window as unknown as { __remixContext?: unknown }).__remixContext)).toBe("object");
    expect(violations).toEqual([]);
  });

  test("a seller works in the dashboard: no violation", async ({ page }) => {
    const violations = await watchViolations(page);
    await logIn(page, "longjing@xiangji.demo");
    const nav = page.getByRole("navigation", { name: zh["dashboard.nav.label"] });
    for (const key of ["dashboard.nav.products", "ordersDashboard.nav.orders", "dashboard.nav.payouts", "dashboard.nav.overview"] as const) {
      await nav.getByRole("link", { name: zh[key], exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    }
    await page.goto("/dashboard/products/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
});
