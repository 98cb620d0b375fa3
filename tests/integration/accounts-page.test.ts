// /account (memberships, name, password, log out everywhere) and /dev/mail, through the route
// modules on the real database.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { TEST_PASSWORD, addMembership, countSessions, createCooperative, createUser, sessionCookieFor, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { ORIGIN, callAction, callLoader } from "./route-support";

process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-account-"));

let t: TestDb;
let account: typeof import("~/routes/account");
let login: typeof import("~/routes/login");
let devMail: typeof import("~/routes/dev.mail");
let devMailFile: typeof import("~/routes/dev.mail.file");
let mailer: typeof import("~/modules/mail/mailer.server");
let session: typeof import("~/modules/accounts/session.server");

const NEW_PASSWORD = "a-brand-new-passphrase";
const ip = () => `100.64.0.${uniqueToken()}`;

const sessionFor = (cookie: string) => session.readSession(t.db, new Request(`${ORIGIN}/account`, { headers: { Cookie: cookie } }));

async function userRow(id: number) {
  const [row] = await t.db.select().from(users).where(eq(users.id, id));
  return row!;
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  account = await import("~/routes/account");
  login = await import("~/routes/login");
  devMail = await import("~/routes/dev.mail");
  devMailFile = await import("~/routes/dev.mail.file");
  mailer = await import("~/modules/mail/mailer.server");
  session = await import("~/modules/accounts/session.server");
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("/account", () => {
  it("sends a logged-out visitor to log in, in the page's language", async () => {
    expect((await callLoader(account, "/account")).location).toBe("/login?redirectTo=%2Faccount");
    expect((await callLoader(account, "/en/account")).location).toBe("/en/login?redirectTo=%2Fen%2Faccount");
    expect((await callAction(account, "/account", { form: { intent: "logoutEverywhere" } })).location).toBe("/login?redirectTo=%2Faccount");
  });

  it("shows the user and every membership with its role and status", async () => {
    const user = await createUser(t.db, { name: "陈茶农" });
    const approved = await createCooperative(t.db);
    const pending = await createCooperative(t.db, { status: "pending" });
    await addMembership(t.db, user.id, approved.id, "owner");
    await addMembership(t.db, user.id, pending.id, "staff");
    const cookie = await sessionCookieFor(t.db, user.id, approved.id);
    const page = await callLoader(account, "/account?passwordReset=1", { cookie });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    const body = page.body as { user: unknown; memberships: { cooperativeId: number; role: string; status: string }[]; activeCooperativeId: number; passwordReset: boolean };
    expect(body.user).toEqual({ name: "陈茶农", email: user.email });
    expect(body.activeCooperativeId).toBe(approved.id);
    expect(body.passwordReset).toBe(true);
    expect(body.memberships.map((m) => [m.cooperativeId, m.role, m.status]).sort()).toEqual(
      [
        [approved.id, "owner", "approved"],
        [pending.id, "staff", "pending"],
      ].sort(),
    );
  });

  it("changes the name", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, user.id);
    const outcome = await callAction(account, "/account", { cookie, form: { intent: "name", name: "  新名字  " } });
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ intent: "name", done: true });
    expect((await userRow(user.id)).name).toBe("新名字");
  });

  it("changes the password with the current one; other devices are logged out, this one stays", async () => {
    const user = await createUser(t.db);
    const here = await sessionCookieFor(t.db, user.id);
    const elsewhere = await sessionCookieFor(t.db, user.id);
    const form = { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };

    const wrong = await callAction(account, "/account", { cookie: here, form: { ...form, currentPassword: "not-my-password" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ intent: "password", done: false, result: { error: { currentPassword: ["accounts.error.currentPasswordWrong"] } } });
    expect(JSON.stringify(wrong.body)).not.toContain("not-my-password");
    expect(await countSessions(t.db, user.id)).toBe(2);

    const done = await callAction(account, "/account", { cookie: here, form });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ intent: "password", done: true });
    expect((await sessionFor(here))?.user.id).toBe(user.id);
    expect(await sessionFor(elsewhere)).toBeNull();
    expect((await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: TEST_PASSWORD } })).status).toBe(400);
    expect((await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: NEW_PASSWORD } })).status).toBe(302);
  });

  it("logs out everywhere: every session of the user ends, the cookie is cleared, other users keep theirs", async () => {
    const user = await createUser(t.db);
    const other = await createUser(t.db);
    const here = await sessionCookieFor(t.db, user.id);
    const phone = await sessionCookieFor(t.db, user.id);
    const otherCookie = await sessionCookieFor(t.db, other.id);
    const outcome = await callAction(account, "/en/account", { cookie: here, form: { intent: "logoutEverywhere" } });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/en/login");
    expect(outcome.headers.get("Set-Cookie")).toMatch(/^xj_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    expect(await sessionFor(here)).toBeNull();
    expect(await sessionFor(phone)).toBeNull();
    expect(await countSessions(t.db, user.id)).toBe(0);
    expect((await sessionFor(otherCookie))?.user.id).toBe(other.id);
  });

  it("GET never changes anything", async () => {
    const user = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, user.id);
    await callLoader(account, "/account?intent=logoutEverywhere&name=Hacked", { cookie });
    expect((await sessionFor(cookie))?.user.id).toBe(user.id);
    expect((await userRow(user.id)).name).toBe(user.name);
  });

  it("garbage is a 400 and changes nothing", async () => {
    const user = await createUser(t.db);
    const here = await sessionCookieFor(t.db, user.id);
    const elsewhere = await sessionCookieFor(t.db, user.id);
    const before = await userRow(user.id);
    const huge = "x".repeat(100_000);
    const forms: Record<string, string | string[]>[] = [
      {},
      { intent: "nope" },
      { intent: ["name", "password"], name: "X" },
      { intent: "name" },
      { intent: "name", name: "   " },
      { intent: "name", name: huge },
      { intent: "name", name: ["a", "b"] },
      { intent: "name", name: "X", __intent__: "{broken" },
      { intent: "password" },
      { intent: "password", currentPassword: TEST_PASSWORD, newPassword: "short", confirmPassword: "short" },
      { intent: "password", currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: "different-passphrase" },
      { intent: "password", currentPassword: huge, newPassword: huge, confirmPassword: huge },
      { intent: "password", currentPassword: [TEST_PASSWORD, TEST_PASSWORD], newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    ];
    for (const form of forms) {
      const outcome = await callAction(account, "/account", { cookie: here, form });
      expect(outcome.status, JSON.stringify(form).slice(0, 80)).toBe(400);
    }
    const after = await userRow(user.id);
    expect(after.name).toBe(before.name);
    expect(after.passwordHash).toBe(before.passwordHash);
    expect((await sessionFor(elsewhere))?.user.id).toBe(user.id);
  });
});

describe("/dev/mail", () => {
  it("lists the stored mails, newest first, with the link in each", async () => {
    const to = `dev-${uniqueToken()}@example.test`;
    await mailer.sendMail({ to, subject: "第一封", text: "no link here" });
    await new Promise((r) => setTimeout(r, 5));
    await mailer.sendMail({ to, subject: "第二封", text: "Open https://xiangji.test/reset-password?token=abc now" });
    const page = await callLoader(devMail, "/dev/mail");
    expect(page.status).toBe(200);
    const mails = (page.body as { mails: { to: string; subject: string; file: string; link: string | null; date: string }[] }).mails.filter((m) => m.to.includes(to));
    expect(mails.map((m) => m.subject)).toEqual(["第二封", "第一封"]);
    expect(mails[0]!.link).toBe("https://xiangji.test/reset-password?token=abc");
    expect(mails[1]!.link).toBeNull();

    const one = await callLoader(devMailFile, `/dev/mail/${mails[0]!.file}`, { params: { file: mails[0]!.file } });
    expect(one.status).toBe(200);
    expect(one.headers.get("Content-Type")).toMatch(/^text\/html/);
    expect(one.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(one.body).toContain("第二封");
    expect(one.body).toContain("https://xiangji.test/reset-password?token=abc");
  });

  it("shows a mail's HTML only inside a sandboxed frame", async () => {
    const to = `dev-${uniqueToken()}@example.test`;
    const sent = await mailer.sendMail({ to, subject: "html", text: "plain", html: "<p>hi</p><script>alert(1)</script>" });
    const one = await callLoader(devMailFile, `/dev/mail/${sent.file}`, { params: { file: sent.file! } });
    expect(one.body).not.toContain("<script>alert(1)");
    expect(one.body).toMatch(/<iframe[^>]*sandbox=""/);
  });

  it("answers 404 for names that are not stored mails", async () => {
    for (const file of ["../../etc/passwd", "..%2F..%2Fpackage.json", "nope.eml", "2026-01-01T00-00-00-000Z-zzzzzz.eml", ""]) {
      expect((await callLoader(devMailFile, `/dev/mail/x`, { params: { file } })).status).toBe(404);
    }
  });

  it("does not exist when mail goes over SMTP", async () => {
    const sent = await mailer.sendMail({ to: "smtp-check@example.test", subject: "x", text: "x" });
    process.env.SMTP_URL = "smtp://mail.example.test:587";
    try {
      expect((await callLoader(devMail, "/dev/mail")).status).toBe(404);
      expect((await callLoader(devMailFile, `/dev/mail/${sent.file}`, { params: { file: sent.file! } })).status).toBe(404);
    } finally {
      delete process.env.SMTP_URL;
    }
    expect((await callLoader(devMail, "/dev/mail")).status).toBe(200);
  });
});
