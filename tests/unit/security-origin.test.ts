import { describe, expect, it } from "vitest";
import { type OriginHeaders, originHeadersOf, sameOriginAllowed } from "~/modules/security/origin";

const post = (h: Partial<OriginHeaders> = {}): OriginHeaders => ({
  method: "POST",
  host: "xiangji.test",
  origin: null,
  referer: null,
  secFetchSite: null,
  hasSessionCookie: false,
  ...h,
});

describe("sameOriginAllowed", () => {
  it("lets safe methods through from anywhere (they change nothing)", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(sameOriginAllowed(post({ method, origin: "https://evil.example", secFetchSite: "cross-site", hasSessionCookie: true }))).toBe(true);
    }
  });

  it("accepts a POST whose Origin is this site (host compared case-blind)", () => {
    expect(sameOriginAllowed(post({ origin: "https://xiangji.test" }))).toBe(true);
    expect(sameOriginAllowed(post({ origin: "https://XiangJi.TEST" }))).toBe(true);
    expect(sameOriginAllowed(post({ host: "XIANGJI.test", origin: "https://xiangji.test", hasSessionCookie: true }))).toBe(true);
  });

  it("refuses every unsafe method from another origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(sameOriginAllowed(post({ method, origin: "https://evil.example" }))).toBe(false);
    }
  });

  it("treats another port or a sub-domain as another origin", () => {
    expect(sameOriginAllowed(post({ host: "xiangji.test:3000", origin: "http://xiangji.test:4000" }))).toBe(false);
    expect(sameOriginAllowed(post({ host: "xiangji.test:3000", origin: "http://xiangji.test:3000" }))).toBe(true);
    expect(sameOriginAllowed(post({ origin: "https://shop.xiangji.test" }))).toBe(false);
    expect(sameOriginAllowed(post({ origin: "https://xiangji.test.evil.example" }))).toBe(false);
  });

  it('refuses Origin "null" (sandboxed frames, data: pages, some redirects) and garbage', () => {
    expect(sameOriginAllowed(post({ origin: "null" }))).toBe(false);
    expect(sameOriginAllowed(post({ origin: "null", referer: "https://xiangji.test/login" }))).toBe(false);
    expect(sameOriginAllowed(post({ origin: "not a url" }))).toBe(false);
    expect(sameOriginAllowed(post({ origin: "" }))).toBe(false);
  });

  it("the Origin wins over a Referer", () => {
    expect(sameOriginAllowed(post({ origin: "https://evil.example", referer: "https://xiangji.test/login" }))).toBe(false);
  });

  it("falls back to the Referer when there is no Origin", () => {
    expect(sameOriginAllowed(post({ referer: "https://xiangji.test/login?redirectTo=/account" }))).toBe(true);
    expect(sameOriginAllowed(post({ referer: "https://evil.example/xiangji.test" }))).toBe(false);
    expect(sameOriginAllowed(post({ referer: "garbage" }))).toBe(false);
  });

  it("refuses Sec-Fetch-Site: cross-site whatever the other headers say", () => {
    expect(sameOriginAllowed(post({ secFetchSite: "cross-site", origin: "https://xiangji.test" }))).toBe(false);
    expect(sameOriginAllowed(post({ secFetchSite: "cross-site" }))).toBe(false);
  });

  it("trusts Sec-Fetch-Site same-origin or none when the browser sent no Origin or Referer", () => {
    expect(sameOriginAllowed(post({ secFetchSite: "same-origin", hasSessionCookie: true }))).toBe(true);
    expect(sameOriginAllowed(post({ secFetchSite: "none", hasSessionCookie: true }))).toBe(true);
    // same-site is a sibling sub-domain: not us.
    expect(sameOriginAllowed(post({ secFetchSite: "same-site", hasSessionCookie: true }))).toBe(false);
  });

  it("without any of these headers: a program (no session cookie) passes, a browser with our cookie does not", () => {
    expect(sameOriginAllowed(post())).toBe(true);
    expect(sameOriginAllowed(post({ hasSessionCookie: true }))).toBe(false);
  });

  it("with PUBLIC_ORIGIN, compares against it instead of the Host header (behind a proxy)", () => {
    const behindProxy = { host: "127.0.0.1:3000" };
    expect(sameOriginAllowed(post({ ...behindProxy, origin: "https://xiangji.example" }), "https://xiangji.example")).toBe(true);
    expect(sameOriginAllowed(post({ ...behindProxy, referer: "https://xiangji.example/account" }), "https://xiangji.example")).toBe(true);
    expect(sameOriginAllowed(post({ ...behindProxy, origin: "http://127.0.0.1:3000" }), "https://xiangji.example")).toBe(false);
    expect(sameOriginAllowed(post({ origin: "https://evil.example" }), "https://xiangji.example")).toBe(false);
  });

  it("refuses an Origin when nothing says which host we are", () => {
    expect(sameOriginAllowed(post({ host: null, origin: "https://xiangji.test" }))).toBe(false);
    expect(sameOriginAllowed(post({ host: null, referer: "https://xiangji.test/" }))).toBe(false);
  });
});

describe("originHeadersOf", () => {
  it("reads the headers of a request, with the URL's host when there is no Host header", () => {
    const request = new Request("http://test.local/login", {
      method: "POST",
      headers: { Origin: "https://evil.example", Referer: "https://evil.example/x", "Sec-Fetch-Site": "cross-site" },
    });
    expect(originHeadersOf(request, true)).toEqual({
      method: "POST",
      host: "test.local",
      origin: "https://evil.example",
      referer: "https://evil.example/x",
      secFetchSite: "cross-site",
      hasSessionCookie: true,
    });
    expect(sameOriginAllowed(originHeadersOf(request, false))).toBe(false);
    expect(sameOriginAllowed(originHeadersOf(new Request("http://test.local/login", { method: "POST", headers: { Origin: "http://test.local" } }), true))).toBe(true);
  });
});
