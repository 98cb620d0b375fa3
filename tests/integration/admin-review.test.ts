// The operator's review at /admin/cooperatives, through the real loaders and actions: legal
// decisions change the seller and mail its owners in their language; illegal ones, other users
// and garbage get a clear 4xx and change nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, memberships } from "../../db/schema/index";
import { type CooperativeRow, type UserRow, addMembership, createCooperative, createUser, sessionCookieFor, uniqueToken } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let mailDir: string;
let adminRoute: typeof import("~/routes/admin");
let adminIndex: typeof import("~/routes/admin._index");
let review: typeof import("~/routes/admin.cooperatives");
let mail: typeof import("~/modules/mail/mailer.server");
let closeDb: () => Promise<void>;

let operator: UserRow;
let operatorCookie: string;
let applicant: UserRow;
let englishApplicant: UserRow;
let seller: UserRow;
let sellerCookie: string;
let shopperCookie: string;

const URL = "/admin/cooperatives";

async function pendingCooperative(owner: UserRow, overrides: Partial<CooperativeRow> = {}) {
  const coop = await createCooperative(t.db, { status: "pending", nameZh: `待审合作社${uniqueToken()}`, ...overrides });
  await addMembership(t.db, owner.id, coop.id, "owner");
  return coop;
}

async function row(id: number) {
  const [coop] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, id));
  return coop!;
}

async function rows(ids: number[]) {
  return t.db.select().from(cooperatives).where(inArray(cooperatives.id, ids)).orderBy(cooperatives.id);
}

const decide = (cookie: string | null, form: Record<string, string>, options: { origin?: string | null; url?: string } = {}) =>
  callAction(review, options.url ?? URL, { cookie, form, origin: options.origin });

type ReviewBody = { formId: string; result: { status?: string; error?: Record<string, string[] | null> }; decided: { intent: string } | null };

beforeAll(async () => {
  t = openTestDb();
  mailDir = await mkdtemp(path.join(tmpdir(), "xj-admin-mail-"));
  process.env.MAIL_DIR = mailDir;
  process.env.DATABASE_URL = t.url;
  adminRoute = await import("~/routes/admin");
  adminIndex = await import("~/routes/admin._index");
  review = await import("~/routes/admin.cooperatives");
  mail = await import("~/modules/mail/mailer.server");
  closeDb = (await import("~/utils/db.server")).closeDb;

  operator = await createUser(t.db, { isOperator: true, name: "平台运营" });
  operatorCookie = await sessionCookieFor(t.db, operator.id);
  applicant = await createUser(t.db, { name: "潘溪云" });
  englishApplicant = await createUser(t.db, { name: "Amy", locale: "en" });
  seller = await createUser(t.db);
  const sellerCoop = await createCooperative(t.db);
  await addMembership(t.db, seller.id, sellerCoop.id, "owner");
  sellerCookie = await sessionCookieFor(t.db, seller.id, sellerCoop.id);
  shopperCookie = await sessionCookieFor(t.db, (await createUser(t.db)).id);
});

afterAll(async () => {
  await closeDb();
  await t.close();
  await rm(mailDir, { recursive: true, force: true });
});

describe("who may see the review", () => {
  it("sends logged-out visitors to the login page and refuses everyone but the operator", async () => {
    for (const route of [adminRoute, adminIndex, review]) {
      const out = await callLoader(route, URL);
      expect(out.status).toBe(302);
      expect(out.location).toBe(`/login?redirectTo=${encodeURIComponent(URL)}`);
      expect((await callLoader(route, URL, { cookie: shopperCookie })).status).toBe(403);
      expect((await callLoader(route, URL, { cookie: sellerCookie })).status).toBe(403);
      const ok = await callLoader(route, URL, { cookie: operatorCookie });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("Cache-Control")).toBe("private, no-store");
    }
  });

  it("lists pending applications first, with their details and owners, and filters by status", async () => {
    const coop = await pendingCooperative(applicant, { contactPhone: "13812345678", storyZh: "三代人种白茶。" });
    await createCooperative(t.db, { status: "rejected", reviewReason: "资料不全", reviewedAt: new Date() });
    const all = await callLoader(review, URL, { cookie: operatorCookie });
    const body = all.body as { items: { id: number; status: string; owners: { email: string }[]; contactPhone: string }[]; counts: Record<string, number> };
    const firstNotPending = body.items.findIndex((i) => i.status !== "pending");
    expect(body.items.slice(firstNotPending === -1 ? body.items.length : firstNotPending).every((i) => i.status !== "pending")).toBe(true);
    expect(body.items[0]!.status).toBe("pending");
    expect(body.counts.pending).toBeGreaterThan(0);

    // Other test files add pending sellers too: look through every page.
    let listed: (typeof body)["items"][number] | undefined;
    for (let page = 1; !listed; page++) {
      const out = await callLoader(review, `${URL}?status=pending&page=${page}`, { cookie: operatorCookie });
      const { items, pages } = out.body as typeof body & { pages: number };
      expect(items.every((i) => i.status === "pending")).toBe(true);
      listed = items.find((i) => i.id === coop.id);
      if (page >= pages) break;
    }
    expect(listed).toMatchObject({ status: "pending", contactPhone: "13812345678" });
    expect(listed!.owners.map((o) => o.email)).toEqual([applicant.email]);

    const rejected = await callLoader(review, `${URL}?status=rejected`, { cookie: operatorCookie });
    expect((rejected.body as typeof body).items.every((i) => i.status === "rejected")).toBe(true);
    // An unknown filter or page shows everything rather than an error.
    expect((await callLoader(review, `${URL}?status=<script>&page=abc`, { cookie: operatorCookie })).status).toBe(200);
  });
});

describe("decisions", () => {
  it("approves a pending application and mails its owner a link to the dashboard", async () => {
    const coop = await pendingCooperative(applicant);
    const out = await decide(operatorCookie, { intent: "approve", cooperativeId: String(coop.id) });
    expect(out.status).toBe(200);
    expect((out.body as ReviewBody).decided?.intent).toBe("approve");
    const after = await row(coop.id);
    expect(after.status).toBe("approved");
    expect(after.reviewedAt).toBeInstanceOf(Date);
    expect(after.reviewReason).toBe("");

    const sent = await mail.latestMailTo(applicant.email);
    expect(sent?.subject).toContain(coop.nameZh);
    expect(sent?.subject).toContain("已通过审核");
    expect(sent?.text).toContain("http://test.local/dashboard");
  });

  it("writes to an English-speaking owner in English", async () => {
    const coop = await pendingCooperative(englishApplicant, { nameEn: "Hillside Apiary" });
    expect((await decide(operatorCookie, { intent: "approve", cooperativeId: String(coop.id) })).status).toBe(200);
    const sent = await mail.latestMailTo(englishApplicant.email);
    expect(sent?.subject).toBe("Hillside Apiary is approved: your shop can open");
    expect(sent?.text).toContain("http://test.local/en/dashboard");
  });

  it("needs a reason to reject, stores it and mails it to the applicant", async () => {
    const coop = await pendingCooperative(applicant);
    const before = await row(coop.id);
    for (const reason of [undefined, "", "  太短 ", "x".repeat(501)]) {
      const out = await decide(operatorCookie, { intent: "reject", cooperativeId: String(coop.id), ...(reason === undefined ? {} : { reason }) });
      expect(out.status).toBe(400);
      expect((out.body as ReviewBody).result.error?.reason?.length).toBeGreaterThan(0);
      expect(await row(coop.id)).toEqual(before);
    }
    const reason = "营业执照照片看不清，请补充清晰的照片后重新申请。";
    const out = await decide(operatorCookie, { intent: "reject", cooperativeId: String(coop.id), reason });
    expect(out.status).toBe(200);
    expect(await row(coop.id)).toMatchObject({ status: "rejected", reviewReason: reason });
    const sent = await mail.latestMailTo(applicant.email);
    expect(sent?.subject).toContain("未通过");
    expect(sent?.text).toContain(reason);
    expect(sent?.text).toContain("http://test.local/sell");
  });

  it("suspends an approved seller with a reason and reinstates it", async () => {
    const coop = await pendingCooperative(applicant);
    await decide(operatorCookie, { intent: "approve", cooperativeId: String(coop.id) });
    expect((await decide(operatorCookie, { intent: "suspend", cooperativeId: String(coop.id) })).status).toBe(400);
    const suspended = await decide(operatorCookie, { intent: "suspend", cooperativeId: String(coop.id), reason: "多位顾客投诉发货延迟" });
    expect(suspended.status).toBe(200);
    expect(await row(coop.id)).toMatchObject({ status: "suspended", reviewReason: "多位顾客投诉发货延迟" });
    expect((await mail.latestMailTo(applicant.email))?.text).toContain("多位顾客投诉发货延迟");

    expect((await decide(operatorCookie, { intent: "reinstate", cooperativeId: String(coop.id) })).status).toBe(200);
    expect(await row(coop.id)).toMatchObject({ status: "approved", reviewReason: "" });
    expect((await mail.latestMailTo(applicant.email))?.subject).toContain("恢复");
  });

  it("refuses every illegal transition with 409 and changes nothing", async () => {
    const pending = await pendingCooperative(applicant);
    const approved = await createCooperative(t.db, { status: "approved" });
    const rejected = await createCooperative(t.db, { status: "rejected", reviewReason: "不符合要求", reviewedAt: new Date("2026-01-01T00:00:00Z") });
    const suspended = await createCooperative(t.db, { status: "suspended", reviewReason: "暂停中", reviewedAt: new Date("2026-01-02T00:00:00Z") });
    const ids = [pending.id, approved.id, rejected.id, suspended.id];
    const before = await rows(ids);
    const illegal: [number, string][] = [
      [pending.id, "suspend"],
      [pending.id, "reinstate"],
      [approved.id, "approve"],
      [approved.id, "reject"],
      [approved.id, "reinstate"],
      [rejected.id, "approve"],
      [rejected.id, "reject"],
      [rejected.id, "suspend"],
      [rejected.id, "reinstate"],
      [suspended.id, "approve"],
      [suspended.id, "reject"],
      [suspended.id, "suspend"],
    ];
    for (const [id, intent] of illegal) {
      const out = await decide(operatorCookie, { intent, cooperativeId: String(id), reason: "一个足够长的理由" });
      expect(out.status, `${intent} #${id}`).toBe(409);
      expect((out.body as ReviewBody).result.error?.[""]).toEqual([`admin.error.transition.${intent}`]);
    }
    expect(await rows(ids)).toEqual(before);
  });
});

describe("refusals that change nothing", () => {
  it("refuses non-operators (403), logged-out visitors (login) and other sites (403)", async () => {
    const coop = await pendingCooperative(applicant);
    const before = await row(coop.id);
    const form = { intent: "approve", cooperativeId: String(coop.id) };
    expect((await decide(shopperCookie, form)).status).toBe(403);
    expect((await decide(sellerCookie, form)).status).toBe(403);
    const loggedOut = await decide(null, form);
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.location).toMatch(/^\/login\?redirectTo=/);
    expect((await decide(operatorCookie, form, { origin: "https://evil.example" })).status).toBe(403);
    expect(await row(coop.id)).toEqual(before);
  });

  it("answers garbage with 400 and an unknown seller with 404", async () => {
    const coop = await pendingCooperative(applicant);
    const before = await row(coop.id);
    const members = await t.db.select().from(memberships).where(eq(memberships.cooperativeId, coop.id));
    const garbage: Record<string, string>[] = [
      {},
      { intent: "approve" },
      { intent: "delete", cooperativeId: String(coop.id) },
      { intent: "approve", cooperativeId: "abc" },
      { intent: "approve", cooperativeId: "-5" },
      { intent: "approve", cooperativeId: "1.5" },
      { intent: "approve", cooperativeId: "99999999999999" },
      { intent: "approve".repeat(1000), cooperativeId: String(coop.id) },
    ];
    for (const form of garbage) expect((await decide(operatorCookie, form)).status, JSON.stringify(form).slice(0, 80)).toBe(400);
    expect((await decide(operatorCookie, { intent: "approve", cooperativeId: "2147483647" })).status).toBe(404);
    expect((await callAction(review, URL, { cookie: operatorCookie })).status).toBe(400);
    expect(await row(coop.id)).toEqual(before);
    expect(await t.db.select().from(memberships).where(eq(memberships.cooperativeId, coop.id))).toEqual(members);
  });
});
