import { describe, expect, it } from "vitest";
import { buildSessionCookie } from "~/modules/accounts/session.server";
import { parseEnv } from "~/utils/env.server";

const SECRET = "s".repeat(40);

async function setCookieFor(source: Record<string, string>) {
  const cookie = buildSessionCookie(parseEnv(source));
  return { name: cookie.name, header: await cookie.serialize("token-value-that-is-long-enough"), cookie };
}

function attributes(header: string): string[] {
  return header.split(";").slice(1).map((a) => a.trim().toLowerCase());
}

describe("the session cookie", () => {
  it("in production: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain", async () => {
    const { name, header } = await setCookieFor({ NODE_ENV: "production", SESSION_SECRET: SECRET });
    expect(name).toBe("__Host-xj_session");
    expect(header.startsWith("__Host-xj_session=")).toBe(true);
    const attrs = attributes(header);
    expect(attrs).toContain("secure");
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
    expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
  });

  it("in development: no prefix and not Secure (http://localhost), still HttpOnly and SameSite=Lax", async () => {
    const { name, header } = await setCookieFor({ NODE_ENV: "development" });
    expect(name).toBe("xj_session");
    const attrs = attributes(header);
    expect(attrs).not.toContain("secure");
    expect(attrs).toContain("httponly");
    expect(attrs).toContain("samesite=lax");
    expect(attrs).toContain("path=/");
  });

  it("COOKIE_SECURE overrides the automatic choice both ways", async () => {
    expect((await setCookieFor({ NODE_ENV: "development", COOKIE_SECURE: "on" })).name).toBe("__Host-xj_session");
    const off = await setCookieFor({ NODE_ENV: "production", SESSION_SECRET: SECRET, COOKIE_SECURE: "off" });
    expect(off.name).toBe("xj_session");
    expect(attributes(off.header)).not.toContain("secure");
  });

  it("is signed: a value changed by hand or signed with another secret is not read", async () => {
    const { cookie, header } = await setCookieFor({ NODE_ENV: "production", SESSION_SECRET: SECRET });
    const pair = header.split(";")[0]!;
    expect(await cookie.parse(pair)).toBe("token-value-that-is-long-enough");
    const other = buildSessionCookie(parseEnv({ NODE_ENV: "production", SESSION_SECRET: "o".repeat(40) }));
    expect(await other.parse(pair)).toBeNull();
    const forged = `__Host-xj_session=${encodeURIComponent(btoa(JSON.stringify("attacker-chosen-token-value")))}`;
    expect(await cookie.parse(forged)).toBeNull();
  });
});
