// /dashboard/payouts: the owner sees the commission and sets the Stripe Connect account; staff,
// shoppers and garbage get a 4xx and change nothing.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives } from "../../db/schema/index";
import { addMembership, createCooperative, createUser, sessionCookieFor } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let payouts: typeof import("~/routes/dashboard.payouts");
let closeDb: () => Promise<void>;

const URL = "/dashboard/payouts";

async function seller(commissionBps = 800) {
  const coop = await createCooperative(t.db, { commissionBps });
  const owner = await createUser(t.db);
  const staff = await createUser(t.db);
  await addMembership(t.db, owner.id, coop.id, "owner");
  await addMembership(t.db, staff.id, coop.id, "staff");
  return {
    coop,
    ownerCookie: await sessionCookieFor(t.db, owner.id, coop.id),
    staffCookie: await sessionCookieFor(t.db, staff.id, coop.id),
  };
}

async function row(id: number) {
  const [coop] = await t.db.select().from(cooperatives).where(eq(cooperatives.id, id));
  return coop!;
}

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  payouts = await import("~/routes/dashboard.payouts");
  closeDb = (await import("~/utils/db.server")).closeDb;
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("/dashboard/payouts", () => {
  it("shows the owner the operator's commission and the Stripe account", async () => {
    const s = await seller(1250);
    const out = await callLoader(payouts, URL, { cookie: s.ownerCookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    expect(out.body).toEqual({ commissionBps: 1250, stripeAccountId: null });
  });

  it("saves and clears the Stripe account, never the commission", async () => {
    const s = await seller();
    const saved = await callAction(payouts, URL, { cookie: s.ownerCookie, form: { stripeAccountId: " acct_1AbCdEf2GhIjKl ", commissionBps: "0" } });
    expect(saved.status).toBe(200);
    expect((saved.body as { status: string }).status).toBe("success");
    expect(await row(s.coop.id)).toMatchObject({ stripeAccountId: "acct_1AbCdEf2GhIjKl", commissionBps: 800 });
    expect((await callAction(payouts, URL, { cookie: s.ownerCookie, form: { stripeAccountId: "" } })).status).toBe(200);
    expect((await row(s.coop.id)).stripeAccountId).toBeNull();
  });

  it("keeps staff, shoppers, logged-out visitors and other sites out, changing nothing", async () => {
    const s = await seller();
    await t.db.update(cooperatives).set({ stripeAccountId: "acct_original1" }).where(eq(cooperatives.id, s.coop.id));
    const before = await row(s.coop.id);
    const form = { stripeAccountId: "acct_attacker1" };
    expect((await callLoader(payouts, URL, { cookie: s.staffCookie })).status).toBe(403);
    expect((await callAction(payouts, URL, { cookie: s.staffCookie, form })).status).toBe(403);
    const shopper = await sessionCookieFor(t.db, (await createUser(t.db)).id);
    expect((await callAction(payouts, URL, { cookie: shopper, form })).status).toBe(403);
    expect((await callAction(payouts, URL, { form })).location).toBe("/login?redirectTo=%2Fdashboard%2Fpayouts");
    expect((await callAction(payouts, URL, { cookie: s.ownerCookie, form, origin: "https://evil.example" })).status).toBe(403);
    expect(await row(s.coop.id)).toEqual(before);
  });

  it("answers a malformed account id with 400 and its message, changing nothing", async () => {
    const s = await seller();
    const before = await row(s.coop.id);
    for (const bad of ["acct_12", "cus_1234567890", "acct_123456789!", `acct_${"x".repeat(100)}`, "<script>"]) {
      const out = await callAction(payouts, URL, { cookie: s.ownerCookie, form: { stripeAccountId: bad } });
      expect(out.status, bad.slice(0, 20)).toBe(400);
      expect((out.body as { error: Record<string, string[]> }).error.stripeAccountId?.length).toBeGreaterThan(0);
    }
    expect((await callAction(payouts, URL, { cookie: s.ownerCookie })).status).toBe(400);
    expect(await row(s.coop.id)).toEqual(before);
  });
});
