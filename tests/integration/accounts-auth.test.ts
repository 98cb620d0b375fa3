// Sign up, log in and log out through the route modules, on the real database: which cookie a
// browser ends up with, whether it works, and that bad or cross-site requests change nothing.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { TEST_PASSWORD, countSessions, createUser, sessionCookieFor, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { ORIGIN, callAction, callLoader, cookieOf } from "./route-support";

// Before any module reads the (cached) settings.
process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-auth-"));

let t: TestDb;
let login: typeof import("~/routes/login");
let signup: typeof import("~/routes/signup");
let logout: typeof import("~/routes/logout");
let account: typeof import("~/routes/account");
let session: typeof import("~/modules/accounts/session.server");

// Every call comes from its own address: the rate limits (tested elsewhere) stay out of the way.
const ip = () => `192.0.2.${uniqueToken()}`;
const email = () => `auth-${uniqueToken()}@example.test`;
const GOOD = "a-long-enough-passphrase";


async function sessionFor(cookie: string | null) {
  return session.readSession(t.db, new Request(`${ORIGIN}/account`, { headers: cookie ? { Cookie: cookie } : {} }));
}

async function countUsers(address: string) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(sql`lower(${users.email})`, address.toLowerCase()));
  return row!.n;
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  login = await import("~/routes/login");
  signup = await import("~/routes/signup");
  logout = await import("~/routes/logout");
  account = await import("~/routes/account");
  session = await import("~/modules/accounts/session.server");
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("sign up → signed in → log out", () => {
  it("creates the account in the page's language, signs it in, and logging out ends the cookie", async () => {
    const address = email();
    const created = await callAction(signup, "/en/signup", {
      clientIp: ip(),
      form: { name: "Amy Tea", email: address.toUpperCase(), password: GOOD, confirmPassword: GOOD },
    });
    expect(created.status).toBe(302);
    expect(created.location).toBe("/en/account");
    const cookie = cookieOf(created);
    const signedIn = await sessionFor(cookie);
    expect(signedIn?.user).toMatchObject({ email: address, name: "Amy Tea", locale: "en", isOperator: false });

    const page = await callLoader(account, "/en/account", { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ user: { email: address }, memberships: [] });
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");

    const out = await callAction(logout, "/en/logout", { cookie });
    expect(out.status).toBe(302);
    expect(out.location).toBe("/en");
    expect(out.headers.get("Set-Cookie")).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect(await sessionFor(cookie)).toBeNull();
    expect((await callLoader(account, "/account", { cookie })).location).toBe("/login?redirectTo=%2Faccount");
  });

  it("a zh-CN sign-up is a zh-CN account and may go back where it came from", async () => {
    const address = email();
    const created = await callAction(signup, "/signup", {
      clientIp: ip(),
      form: { name: "王小茶", email: address, password: GOOD, confirmPassword: GOOD, redirectTo: "/sell" },
    });
    expect(created.location).toBe("/sell");
    expect((await sessionFor(cookieOf(created)))?.user.locale).toBe("zh-CN");
  });

  it("an e-mail that already has an account is an error beside the e-mail field (400), nothing created", async () => {
    const existing = await createUser(t.db);
    const outcome = await callAction(signup, "/signup", {
      clientIp: ip(),
      form: { name: "Someone", email: existing.email.toUpperCase(), password: GOOD, confirmPassword: GOOD },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(outcome.body).toMatchObject({ status: "error", error: { email: ["accounts.error.emailTaken"] } });
    // The name stays; the passwords do not.
    const initial = (outcome.body as { initialValue: Record<string, unknown> }).initialValue;
    expect(initial.name).toBe("Someone");
    expect(initial.password).toBeUndefined();
    expect(initial.confirmPassword).toBeUndefined();
    expect(await countUsers(existing.email)).toBe(1);
    expect(await countSessions(t.db, existing.id)).toBe(0);
  });

  it("a signed-in visitor of /login or /signup goes to the account page", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, user.id);
    expect((await callLoader(login, "/login", { cookie })).location).toBe("/account");
    expect((await callLoader(signup, "/en/signup?redirectTo=%2Fen%2Fdashboard", { cookie })).location).toBe("/en/dashboard");
    const page = await callLoader(login, "/login?redirectTo=%2F%2Fevil.example");
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ redirectTo: "" });
  });
});

describe("log in", () => {
  it("issues a new token at every login; a cookie planted before login stays worthless", async () => {
    const user = await createUser(t.db);
    // What an attacker could plant: a well-signed cookie of their own session…
    const attacker = await createUser(t.db);
    const planted = await sessionCookieFor(t.db, attacker.id);
    const first = await callAction(login, "/login", { clientIp: ip(), cookie: planted, form: { email: user.email, password: TEST_PASSWORD } });
    expect(first.status).toBe(302);
    expect(first.location).toBe("/account");
    const a = cookieOf(first);
    expect(a).not.toBe(planted);
    expect((await sessionFor(a))?.user.id).toBe(user.id);
    // …which the login ended instead of upgrading it to the victim's account.
    expect(await sessionFor(planted)).toBeNull();

    // …or a signed token that matches no session at all.
    const forged = (await session.sessionCookie().serialize(`planted-${uniqueToken()}-xxxxxxxxxxxxxxxx`)).split(";")[0]!;
    const second = await callAction(login, "/login", { clientIp: ip(), cookie: forged, form: { email: user.email, password: TEST_PASSWORD } });
    const b = cookieOf(second);
    expect(b).not.toBe(a);
    expect(b).not.toBe(forged);
    expect(await sessionFor(forged)).toBeNull();
    expect((await sessionFor(b))?.user.id).toBe(user.id);
    // Two devices, two sessions.
    expect((await sessionFor(a))?.user.id).toBe(user.id);
  });

  it("e-mail is case-blind and redirectTo must be a same-site path", async () => {
    const user = await createUser(t.db);
    const go = (redirectTo: string) =>
      callAction(login, "/en/login", { clientIp: ip(), form: { email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo } });
    expect((await go("/en/dashboard/products?stock=low")).location).toBe("/en/dashboard/products?stock=low");
    for (const evil of ["//evil.example", "/\\evil.example", "https://evil.example", "/\t/evil.example", "javascript:alert(1)"]) {
      expect((await go(evil)).location).toBe("/en/account");
    }
  });

  it("a wrong password and an unknown e-mail get the same form error (400), values kept except the password", async () => {
    const user = await createUser(t.db);
    const wrong = await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: "not-the-password" } });
    const unknown = await callAction(login, "/login", { clientIp: ip(), form: { email: email(), password: "not-the-password" } });
    for (const outcome of [wrong, unknown]) {
      expect(outcome.status).toBe(400);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
      expect(outcome.body).toMatchObject({ status: "error", error: { "": ["accounts.error.wrongCredentials"] } });
      expect((outcome.body as { initialValue: Record<string, unknown> }).initialValue.password).toBeUndefined();
    }
    expect((wrong.body as { initialValue: { email: string } }).initialValue.email).toBe(user.email);
    expect(await countSessions(t.db, user.id)).toBe(0);
  });
});

describe("log out", () => {
  it("GET changes nothing (404); POST without a session just clears the cookie", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, user.id);
    expect((await callLoader(logout, "/logout", { cookie })).status).toBe(404);
    expect((await sessionFor(cookie))?.user.id).toBe(user.id);
    const anonymous = await callAction(logout, "/logout");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/");
  });
});

describe("cross-site requests", () => {
  const evil = "https://evil.example";

  it("are refused with 403 and change nothing", async () => {
    const address = email();
    const s = await callAction(signup, "/signup", { origin: evil, clientIp: ip(), form: { name: "X", email: address, password: GOOD, confirmPassword: GOOD } });
    expect(s.status).toBe(403);
    expect(await countUsers(address)).toBe(0);

    const user = await createUser(t.db);
    const l = await callAction(login, "/login", { origin: evil, clientIp: ip(), form: { email: user.email, password: TEST_PASSWORD } });
    expect(l.status).toBe(403);
    expect(l.headers.get("Set-Cookie")).toBeNull();
    expect(await countSessions(t.db, user.id)).toBe(0);

    const cookie = await sessionCookieFor(t.db, user.id);
    expect((await callAction(logout, "/logout", { origin: evil, cookie })).status).toBe(403);
    expect((await sessionFor(cookie))?.user.id).toBe(user.id);
    const everywhere = await callAction(account, "/account", { origin: evil, cookie, form: { intent: "logoutEverywhere" } });
    expect(everywhere.status).toBe(403);
    expect((await sessionFor(cookie))?.user.id).toBe(user.id);
    const rename = await callAction(account, "/account", { origin: evil, cookie, form: { intent: "name", name: "Hacked" } });
    expect(rename.status).toBe(403);
    const [row] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(row!.name).toBe(user.name);
  });

  it("a POST without Origin but with our session cookie and a foreign Referer is refused", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, user.id);
    const request = new Request(`${ORIGIN}/logout`, { method: "POST", headers: { Cookie: cookie, Referer: `${evil}/page` } });
    const thrown = await Promise.resolve(logout.action({ request, params: {}, context: {} } as never)).catch((e: unknown) => e);
    expect((thrown as { init?: { status?: number } }).init?.status).toBe(403);
    expect((await sessionFor(cookie))?.user.id).toBe(user.id);
  });
});

describe("garbage input", () => {
  const huge = "x".repeat(100_000);
  // `who` is the e-mail of a real account (login) or a fresh one (sign-up).
  const cases: [string, (who: string) => Record<string, string | string[]>][] = [
    ["nothing", () => ({})],
    ["a missing password", (who) => ({ name: "X", email: who })],
    ["arrays", (who) => ({ name: ["a", "b"], email: [who, who], password: [GOOD, GOOD], confirmPassword: [GOOD, GOOD] })],
    ["100 KB strings", (who) => ({ name: huge, email: `${huge}${who}`, password: huge, confirmPassword: huge })],
    ["a 100 KB password", (who) => ({ name: "X", email: who, password: huge, confirmPassword: huge })],
    ["an invalid e-mail", () => ({ name: "X", email: "not-an-email", password: GOOD, confirmPassword: GOOD })],
    ["a forged Conform intent", (who) => ({ __intent__: "{not json", name: "X", email: who, password: GOOD, confirmPassword: GOOD })],
  ];

  it.each(cases)("sign-up with %s → 400, no account, no cookie", async (_label, fields) => {
    const who = email();
    const outcome = await callAction(signup, "/signup", { clientIp: ip(), form: fields(who) });
    expect(outcome.status).toBe(400);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(await countUsers(who)).toBe(0);
  });

  it("sign-up with a short password → 400 beside the field, no account", async () => {
    const who = email();
    const outcome = await callAction(signup, "/signup", { clientIp: ip(), form: { name: "X", email: who, password: "short", confirmPassword: "short" } });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ error: { password: ["form.tooShort:10"] } });
    expect(await countUsers(who)).toBe(0);
  });

  it.each(cases)("login with %s → 400, no session", async (_label, fields) => {
    const user = await createUser(t.db);
    const outcome = await callAction(login, "/login", { clientIp: ip(), form: fields(user.email) });
    expect(outcome.status).toBe(400);
    expect(outcome.headers.get("Set-Cookie")).toBeNull();
    expect(await countSessions(t.db, user.id)).toBe(0);
  });

  it("a body that is not a form is a 400, not a 500", async () => {
    const request = new Request(`${ORIGIN}/login`, {
      method: "POST",
      headers: { Origin: ORIGIN, "Content-Type": "multipart/form-data; boundary=nope" },
      body: "garbage",
    });
    const thrown = await Promise.resolve(login.action({ request, params: {}, context: { clientIp: ip() } } as never)).catch((e: unknown) => e);
    expect((thrown as { init?: { status?: number } }).init?.status).toBe(400);
  });
});
