// Rate limits of log in, sign up and forgot password: the 11th attempt within a minute from one
// address, or for one account, is a 429 with a message, and nothing else happens.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { passwordResets, users } from "../../db/schema/index";
import { closeDb } from "~/utils/db.server";
import { formMessage } from "~/utils/forms";
import { translator } from "~/utils/t";
import { TEST_PASSWORD, countSessions, createUser, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Outcome, callAction } from "./route-support";

process.env.MAIL_DIR = mkdtempSync(path.join(os.tmpdir(), "xiangji-mail-limits-"));
process.env.AUTH_RATE_LIMIT = "10";

let t: TestDb;
let login: typeof import("~/routes/login");
let signup: typeof import("~/routes/signup");
let forgot: typeof import("~/routes/forgot-password");
let mailer: typeof import("~/modules/mail/mailer.server");

const ip = () => `203.0.113.${uniqueToken()}`;
const email = () => `limit-${uniqueToken()}@example.test`;
const GOOD = "a-long-enough-passphrase";

// The counters use fixed one-minute windows: start each test well inside one, so that its eleven
// attempts cannot straddle two windows.
beforeEach(async () => {
  const second = new Date().getSeconds();
  if (second >= 50) await new Promise((r) => setTimeout(r, (60 - second) * 1000 + 250));
});

async function userCount(address: string) {
  const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(sql`lower(${users.email})`, address.toLowerCase()));
  return row!.n;
}

function expectTooMany(outcome: Outcome) {
  expect(outcome.status).toBe(429);
  const retryAfter = Number(outcome.headers.get("Retry-After"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(outcome.headers.get("Set-Cookie")).toBeNull();
  expect(outcome.body).toMatchObject({ status: "error", error: { "": [`accounts.error.tooMany:${retryAfter}`] } });
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  login = await import("~/routes/login");
  signup = await import("~/routes/signup");
  forgot = await import("~/routes/forgot-password");
  mailer = await import("~/modules/mail/mailer.server");
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("log in", () => {
  it("ten wrong attempts from one address pass through (400); the 11th is a 429, even with the right password", async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) {
      const outcome = await callAction(login, "/login", { clientIp: from, form: { email: email(), password: "wrong-password" } });
      expect(outcome.status).toBe(400);
    }
    const user = await createUser(t.db);
    const eleventh = await callAction(login, "/en/login", { clientIp: from, form: { email: user.email, password: TEST_PASSWORD } });
    expectTooMany(eleventh);
    expect(await countSessions(t.db, user.id)).toBe(0);
    // The e-mail is kept in the form, the password is not.
    expect((eleventh.body as { initialValue: Record<string, unknown> }).initialValue).toEqual({ email: user.email });
    // Another address is not affected.
    expect((await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: TEST_PASSWORD } })).status).toBe(302);
  });

  it("ten attempts at one account from ten addresses pass; the 11th from yet another is a 429", async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 10; i++) {
      // The same account however the address is written.
      const written = i % 2 ? user.email.toUpperCase() : ` ${user.email} `;
      const outcome = await callAction(login, "/login", { clientIp: ip(), form: { email: written, password: `wrong-${i}` } });
      expect(outcome.status).toBe(400);
    }
    expectTooMany(await callAction(login, "/login", { clientIp: ip(), form: { email: user.email, password: TEST_PASSWORD } }));
    expect(await countSessions(t.db, user.id)).toBe(0);
  });

  it("successful logins count too", async () => {
    const user = await createUser(t.db);
    const from = ip();
    for (let i = 0; i < 10; i++) {
      expect((await callAction(login, "/login", { clientIp: from, form: { email: user.email, password: TEST_PASSWORD } })).status).toBe(302);
    }
    expectTooMany(await callAction(login, "/login", { clientIp: from, form: { email: user.email, password: TEST_PASSWORD } }));
    expect(await countSessions(t.db, user.id)).toBe(10);
  });

  it("the message is in the user's language", () => {
    expect(formMessage(translator("en"), "accounts.error.tooMany:42")).toBe("Too many attempts. To keep accounts safe, please try again in 42 seconds.");
    expect(formMessage(translator("zh-CN"), "accounts.error.tooMany:42")).toContain("42 秒后再试");
  });
});

describe("sign up", () => {
  it("the 11th sign-up from one address is a 429 and creates nobody", async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) {
      const form: Record<string, string> = i % 2 ? { name: "X", email: email(), password: GOOD, confirmPassword: GOOD } : { name: "X", email: email(), password: "short" };
      expect((await callAction(signup, "/signup", { clientIp: from, form })).status).toBe(i % 2 ? 302 : 400);
    }
    const address = email();
    expectTooMany(await callAction(signup, "/signup", { clientIp: from, form: { name: "X", email: address, password: GOOD, confirmPassword: GOOD } }));
    expect(await userCount(address)).toBe(0);
  });

  it("the 11th sign-up for one e-mail from anywhere is a 429", async () => {
    const address = email();
    for (let i = 0; i < 10; i++) {
      const outcome = await callAction(signup, "/signup", { clientIp: ip(), form: { name: "X", email: address, password: "short" } });
      expect(outcome.status).toBe(400);
    }
    expectTooMany(await callAction(signup, "/signup", { clientIp: ip(), form: { name: "X", email: address, password: GOOD, confirmPassword: GOOD } }));
    expect(await userCount(address)).toBe(0);
  });
});

describe("forgot password", () => {
  it("the 11th request from one address is a 429 and mails nothing", async () => {
    const from = ip();
    for (let i = 0; i < 10; i++) {
      expect((await callAction(forgot, "/forgot-password", { clientIp: from, form: { email: email() } })).status).toBe(302);
    }
    const user = await createUser(t.db);
    expectTooMany(await callAction(forgot, "/forgot-password", { clientIp: from, form: { email: user.email } }));
    expect(await mailer.latestMailTo(user.email)).toBeNull();
    expect(await t.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id))).toHaveLength(0);
  });

  it("the 11th request for one account from anywhere is a 429: at most ten mails a minute", async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 10; i++) {
      expect((await callAction(forgot, "/forgot-password", { clientIp: ip(), form: { email: user.email } })).status).toBe(302);
    }
    expectTooMany(await callAction(forgot, "/forgot-password", { clientIp: ip(), form: { email: user.email } }));
    expect(await t.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id))).toHaveLength(10);
    const mails = (await mailer.listStoredMail(500)).filter((m) => m.to.includes(user.email));
    expect(mails).toHaveLength(10);
  });
});
