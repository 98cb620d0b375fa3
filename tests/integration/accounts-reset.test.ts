// Password reset end to end: the form, the mail written to MAIL_DIR, the link in it, the new
// password, and everything that must not work (unknown, used, expired and forged links).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { passwordResets, users } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { TEST_PASSWORD, countSessions, createUser, sessionCookieFor, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { ORIGIN, callAction, callLoader, cookieOf } from "./route-support";

// Before any module reads the (cached) settings.
process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-reset-"));

let t: TestDb;
let forgot: typeof import("~/routes/forgot-password");
let reset: typeof import("~/routes/reset-password");
let login: typeof import("~/routes/login");
let mailer: typeof import("~/modules/mail/mailer.server");
let session: typeof import("~/modules/accounts/session.server");
let tokens: typeof import("~/modules/accounts/tokens.server");

const ip = () => `198.51.100.${uniqueToken()}`;
const NEW_PASSWORD = "new-passphrase-for-the-tea-farm";

const sessionFor = (cookie: string | null) =>
  session.readSession(t.db, new Request(`${ORIGIN}/account`, { headers: cookie ? { Cookie: cookie } : {} }));

async function passwordHashOf(userId: number) {
  const [row] = await t.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row!.h;
}

async function resetRows(userId: number) {
  return t.db.select().from(passwordResets).where(eq(passwordResets.userId, userId));
}

/** Asks for a reset link for the address and returns the token read out of the mail. */
async function mailedToken(address: string, lang: "zh-CN" | "en" = "zh-CN"): Promise<{ link: string; token: string }> {
  const page = lang === "en" ? "/en/forgot-password" : "/forgot-password";
  const outcome = await callAction(forgot, page, { clientIp: ip(), form: { email: address } });
  expect(outcome.status).toBe(302);
  const mail = await mailer.latestMailTo(address);
  expect(mail).not.toBeNull();
  const link = /https?:\/\/\S+/.exec(mail!.text)![0];
  return { link, token: new URL(link).searchParams.get("token")! };
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  forgot = await import("~/routes/forgot-password");
  reset = await import("~/routes/reset-password");
  login = await import("~/routes/login");
  mailer = await import("~/modules/mail/mailer.server");
  session = await import("~/modules/accounts/session.server");
  tokens = await import("~/modules/accounts/tokens.server");
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("forgot password", () => {
  it("answers the same for an address with and without an account; only the account gets mail", async () => {
    const user = await createUser(t.db);
    const nobody = `nobody-${uniqueToken()}@example.test`;
    const known = await callAction(forgot, "/forgot-password", { clientIp: ip(), form: { email: user.email.toUpperCase() } });
    const unknown = await callAction(forgot, "/forgot-password", { clientIp: ip(), form: { email: nobody } });
    for (const outcome of [known, unknown]) {
      expect(outcome.status).toBe(302);
      expect(outcome.location).toBe("/forgot-password?sent=1");
    }
    expect(await mailer.latestMailTo(user.email)).not.toBeNull();
    expect(await mailer.latestMailTo(nobody)).toBeNull();
    const page = await callLoader(forgot, "/forgot-password?sent=1");
    expect(page.body).toEqual({ sent: true });
  });

  it("mails in the account's language, with an absolute one-use link valid for an hour", async () => {
    const zh = await createUser(t.db, { name: "王小茶" });
    const en = await createUser(t.db, { name: "Amy", locale: "en" });
    await mailedToken(zh.email);
    // The page's language does not matter: the account's does.
    await mailedToken(en.email, "zh-CN");
    const zhMail = (await mailer.latestMailTo(zh.email))!;
    const enMail = (await mailer.latestMailTo(en.email))!;
    expect(zhMail.subject).toBe("重设你在乡集的密码");
    expect(zhMail.text).toContain("王小茶");
    expect(zhMail.text).toMatch(new RegExp(`${ORIGIN}/reset-password\\?token=[A-Za-z0-9_-]{43}`));
    expect(enMail.subject).toBe("Reset your Xiangji password");
    expect(enMail.text).toMatch(new RegExp(`${ORIGIN}/en/reset-password\\?token=[A-Za-z0-9_-]{43}`));
    expect(enMail.html).toContain(`${ORIGIN}/en/reset-password?token=`);

    const [row] = await resetRows(zh.id);
    expect(row!.usedAt).toBeNull();
    const minutes = (row!.expiresAt.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    // Only the hash is stored.
    const token = new URL(/https?:\/\/\S+/.exec(zhMail.text)![0]).searchParams.get("token")!;
    expect(row!.tokenHash).toBe(tokens.hashToken(token));
    expect(row!.tokenHash).not.toContain(token);
  });

  it("refuses bad input (400) and mails nobody", async () => {
    const forms: Record<string, string | string[]>[] = [{}, { email: "not-an-email" }, { email: ["a@b.cn", "c@d.cn"] }, { email: `${"x".repeat(100_000)}@b.cn` }];
    for (const form of forms) {
      const outcome = await callAction(forgot, "/forgot-password", { clientIp: ip(), form });
      expect(outcome.status).toBe(400);
    }
    expect(await mailer.latestMailTo("a@b.cn")).toBeNull();
  });
});

describe("reset password", () => {
  it("end to end: the link opens the form, sets the password once, ends every session and signs in afresh", async () => {
    const user = await createUser(t.db, { locale: "en" });
    const phone = await sessionCookieFor(t.db, user.id);
    const laptop = await sessionCookieFor(t.db, user.id);
    const { link, token } = await mailedToken(user.email);
    const url = link.slice(ORIGIN.length);
    expect(url.startsWith("/en/reset-password?token=")).toBe(true);

    const page = await callLoader(reset, url);
    expect(page.status).toBe(200);
    expect(page.body).toEqual({ token, usable: true });
    expect(page.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    // Opening the page used nothing up.
    expect((await resetRows(user.id))[0]!.usedAt).toBeNull();

    const done = await callAction(reset, url, { clientIp: ip(), form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(done.status).toBe(302);
    expect(done.location).toBe("/en/account?passwordReset=1");
    expect(done.headers.get("Referrer-Policy")).toBe("no-referrer");
    const fresh = cookieOf(done);
    expect((await sessionFor(fresh))?.user.id).toBe(user.id);
    expect(await sessionFor(phone)).toBeNull();
    expect(await sessionFor(laptop)).toBeNull();
    expect(await countSessions(t.db, user.id)).toBe(1);
    expect((await resetRows(user.id))[0]!.usedAt).not.toBeNull();

    const old = await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: TEST_PASSWORD } });
    expect(old.status).toBe(400);
    const again = await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: NEW_PASSWORD } });
    expect(again.status).toBe(302);

    // The link works once.
    expect((await callLoader(reset, url)).status).toBe(400);
    const reuse = await callAction(reset, url, { clientIp: ip(), form: { token, password: "yet-another-passphrase", confirmPassword: "yet-another-passphrase" } });
    expect(reuse.status).toBe(400);
    expect(reuse.body).toMatchObject({ error: { "": ["accounts.error.resetLinkInvalid"] } });
    expect(reuse.headers.get("Set-Cookie")).toBeNull();
  });

  it("a newer link is fine, and using one link kills the account's other links", async () => {
    const user = await createUser(t.db);
    const first = await mailedToken(user.email);
    const second = await mailedToken(user.email);
    expect(first.token).not.toBe(second.token);
    const done = await callAction(reset, "/reset-password", { clientIp: ip(), form: { token: second.token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(done.status).toBe(302);
    expect((await callLoader(reset, `/reset-password?token=${first.token}`)).status).toBe(400);
    expect((await resetRows(user.id)).every((r) => r.usedAt !== null)).toBe(true);
  });

  it("an expired link is a clear 400 and changes nothing", async () => {
    const user = await createUser(t.db);
    const token = `expired-${uniqueToken()}-${"x".repeat(24)}`;
    await t.db.insert(passwordResets).values({ tokenHash: tokens.hashToken(token), userId: user.id, expiresAt: new Date(Date.now() - 1000) });
    const hash = await passwordHashOf(user.id);
    const cookie = await sessionCookieFor(t.db, user.id);
    const page = await callLoader(reset, `/reset-password?token=${token}`);
    expect(page.status).toBe(400);
    expect(page.body).toEqual({ token: "", usable: false });
    const outcome = await callAction(reset, "/reset-password", { clientIp: ip(), form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ error: { "": ["accounts.error.resetLinkInvalid"] } });
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect((await sessionFor(cookie))?.user.id).toBe(user.id);
    expect((await resetRows(user.id))[0]!.usedAt).toBeNull();
  });

  it("garbage tokens and fields are a 400, never a 500", async () => {
    for (const query of ["", "?token=", "?token=garbage", `?token=${"x".repeat(100_000)}`, "?token=a&token=b", "?token=%00%ff"]) {
      expect((await callLoader(reset, `/reset-password${query}`)).status).toBe(400);
    }
    const forms: Record<string, string | string[]>[] = [
      {},
      { token: "garbage", password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { token: `${"y".repeat(43)}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { token: ["a".repeat(43), "b".repeat(43)], password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      { token: "z".repeat(100_000), password: "p".repeat(100_000), confirmPassword: "p".repeat(100_000) },
      { token: "y".repeat(43), password: "short", confirmPassword: "short" },
      { __intent__: "nope", token: "y".repeat(43), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    ];
    for (const form of forms) {
      const outcome = await callAction(reset, "/reset-password", { clientIp: ip(), form });
      expect(outcome.status).toBe(400);
      expect(outcome.headers.get("Set-Cookie")).toBeNull();
    }
  });

  it("mismatched passwords keep the link usable", async () => {
    const user = await createUser(t.db);
    const { token } = await mailedToken(user.email);
    const outcome = await callAction(reset, "/reset-password", { clientIp: ip(), form: { token, password: NEW_PASSWORD, confirmPassword: "something-else-entirely" } });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ error: { confirmPassword: ["accounts.error.passwordMismatch"] } });
    expect((await resetRows(user.id))[0]!.usedAt).toBeNull();
  });
});

describe("cross-site requests", () => {
  it("cannot ask for a reset mail or use a link (403, nothing changes)", async () => {
    const user = await createUser(t.db);
    const asked = await callAction(forgot, "/forgot-password", { origin: "https://evil.example", clientIp: ip(), form: { email: user.email } });
    expect(asked.status).toBe(403);
    expect(await mailer.latestMailTo(user.email)).toBeNull();
    expect(await resetRows(user.id)).toHaveLength(0);

    const { token } = await mailedToken(user.email);
    const hash = await passwordHashOf(user.id);
    const used = await callAction(reset, "/reset-password", {
      origin: "https://evil.example",
      clientIp: ip(),
      form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    });
    expect(used.status).toBe(403);
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect((await resetRows(user.id))[0]!.usedAt).toBeNull();
  });
});
