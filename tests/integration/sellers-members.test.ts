// Members and invitations, through the real loaders and actions: an owner invites by e-mail,
// the invited address accepts through the mailed link and lands in the cooperative; staff,
// other cooperatives' owners, other addresses and garbage get a 4xx and change nothing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cooperatives, invitations, memberships, sessions } from "../../db/schema/index";
import { hashToken } from "~/modules/accounts/tokens.server";
import { type CooperativeRow, type UserRow, addMembership, createCooperative, createUser, sessionCookieFor, uniqueToken } from "../factories";
import { type TestDb, openTestDb } from "../setup/db";
import { callAction, callLoader } from "./route-support";

let t: TestDb;
let mailDir: string;
let members: typeof import("~/routes/dashboard.members");
let invitation: typeof import("~/routes/invitation");
let mail: typeof import("~/modules/mail/mailer.server");
let closeDb: () => Promise<void>;

type Team = { coop: CooperativeRow; owner: UserRow; ownerCookie: string; staff: UserRow; staffCookie: string };

async function team(): Promise<Team> {
  const coop = await createCooperative(t.db);
  const owner = await createUser(t.db, { name: "负责人" });
  const staff = await createUser(t.db, { name: "成员" });
  await addMembership(t.db, owner.id, coop.id, "owner");
  await addMembership(t.db, staff.id, coop.id, "staff");
  return {
    coop,
    owner,
    staff,
    ownerCookie: await sessionCookieFor(t.db, owner.id, coop.id),
    staffCookie: await sessionCookieFor(t.db, staff.id, coop.id),
  };
}

/** Every row that belongs to these cooperatives: what "nothing changed" compares. */
async function snapshot(...coopIds: number[]) {
  return {
    coops: await t.db.select().from(cooperatives).where(inArray(cooperatives.id, coopIds)).orderBy(cooperatives.id),
    members: await t.db
      .select()
      .from(memberships)
      .where(inArray(memberships.cooperativeId, coopIds))
      .orderBy(memberships.cooperativeId, memberships.userId),
    invitations: await t.db.select().from(invitations).where(inArray(invitations.cooperativeId, coopIds)).orderBy(invitations.id),
  };
}

const post = (cookie: string | null, form: Record<string, string>, origin?: string | null) =>
  callAction(members, "/dashboard/members", { cookie, form, origin });

type MembersBody = { formId: string; result: { status?: string; error?: Record<string, string[] | null> }; done: { intent: string } | null };

/** Invites `email` as the team's owner and returns the token from the mail. */
async function invite(team: Team, email: string, role: "staff" | "owner" = "staff"): Promise<string> {
  const out = await post(team.ownerCookie, { intent: "invite", email, role });
  expect(out.status).toBe(200);
  const sent = await mail.latestMailTo(email);
  const token = /\/invitations\/([A-Za-z0-9_-]+)/.exec(sent?.text ?? "")?.[1];
  expect(token).toBeTruthy();
  return token!;
}

const email = (label: string) => `${label}-${uniqueToken()}@example.test`;
const at = (token: string) => `/invitations/${token}`;

beforeAll(async () => {
  t = openTestDb();
  mailDir = await mkdtemp(path.join(tmpdir(), "xj-members-mail-"));
  process.env.MAIL_DIR = mailDir;
  process.env.DATABASE_URL = t.url;
  members = await import("~/routes/dashboard.members");
  invitation = await import("~/routes/invitation");
  mail = await import("~/modules/mail/mailer.server");
  closeDb = (await import("~/utils/db.server")).closeDb;
});

afterAll(async () => {
  await closeDb();
  await t.close();
  await rm(mailDir, { recursive: true, force: true });
});

describe("/dashboard/members", () => {
  it("lists the members for an owner; staff get 403, logged-out visitors the login page", async () => {
    const a = await team();
    const out = await callLoader(members, "/dashboard/members", { cookie: a.ownerCookie });
    expect(out.status).toBe(200);
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    const body = out.body as { members: { email: string; role: string; name: string }[] };
    expect(body.members.map((m) => [m.email, m.role])).toEqual([
      [a.owner.email, "owner"],
      [a.staff.email, "staff"],
    ]);
    expect((await callLoader(members, "/dashboard/members", { cookie: a.staffCookie })).status).toBe(403);
    expect((await callLoader(members, "/dashboard/members")).location).toBe("/login?redirectTo=%2Fdashboard%2Fmembers");
    const shopper = await sessionCookieFor(t.db, (await createUser(t.db)).id);
    expect((await callLoader(members, "/dashboard/members", { cookie: shopper })).status).toBe(403);
  });

  it("invites by e-mail: a hashed token valid 7 days, and a mail with the link", async () => {
    const a = await team();
    const address = email("Invitee");
    const token = await invite(a, address.toUpperCase());
    const [row] = await t.db.select().from(invitations).where(eq(invitations.cooperativeId, a.coop.id));
    expect(row).toMatchObject({ email: address.toLowerCase(), role: "staff", invitedBy: a.owner.id, acceptedAt: null, revokedAt: null });
    expect(row!.tokenHash).toBe(hashToken(token));
    expect(row!.tokenHash).not.toContain(token);
    const days = (row!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const sent = await mail.latestMailTo(address);
    expect(sent?.subject).toContain(a.coop.nameZh);
    expect(sent?.text).toContain(`http://test.local/invitations/${token}`);

    const listed = await callLoader(members, "/dashboard/members", { cookie: a.ownerCookie });
    expect((listed.body as { invitations: { email: string }[] }).invitations.map((i) => i.email)).toEqual([address.toLowerCase()]);
  });

  it("replaces an open invitation to the same address and refuses to invite a member (409)", async () => {
    const a = await team();
    const address = email("twice");
    const first = await invite(a, address);
    const second = await invite(a, address, "owner");
    expect(first).not.toBe(second);
    const rows = await t.db.select().from(invitations).where(eq(invitations.cooperativeId, a.coop.id)).orderBy(invitations.id);
    expect(rows.map((r) => [r.role, r.revokedAt === null])).toEqual([
      ["staff", false],
      ["owner", true],
    ]);
    expect((await callLoader(invitation, at(first), { params: { token: first } })).status).toBe(404);

    const before = await snapshot(a.coop.id);
    const out = await post(a.ownerCookie, { intent: "invite", email: a.staff.email.toUpperCase(), role: "staff" });
    expect(out.status).toBe(409);
    expect((out.body as MembersBody).result.error?.email).toEqual(["sellers.members.error.alreadyMember"]);
    expect(await snapshot(a.coop.id)).toEqual(before);
  });

  it("revokes an open invitation: its link stops working", async () => {
    const a = await team();
    const token = await invite(a, email("revoked"));
    const [row] = await t.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    expect((await post(a.ownerCookie, { intent: "revoke", invitationId: String(row!.id) })).status).toBe(200);
    expect((await callLoader(invitation, at(token), { params: { token } })).status).toBe(404);
    expect((await post(a.ownerCookie, { intent: "revoke", invitationId: String(row!.id) })).status).toBe(404);
  });

  it("changes roles and removes members, but never leaves the cooperative without an owner", async () => {
    const a = await team();
    const before = await snapshot(a.coop.id);
    const refused: Record<string, string>[] = [
      { intent: "remove", userId: String(a.owner.id) },
      { intent: "role", userId: String(a.owner.id), role: "staff" },
    ];
    for (const form of refused) {
      const out = await post(a.ownerCookie, form);
      expect(out.status).toBe(409);
      expect((out.body as MembersBody).result.error?.[""]).toEqual(["sellers.members.error.lastOwner"]);
    }
    expect(await snapshot(a.coop.id)).toEqual(before);

    expect((await post(a.ownerCookie, { intent: "role", userId: String(a.staff.id), role: "owner" })).status).toBe(200);
    // Now the first owner may step down; the page is no longer theirs, so it sends them home.
    const stepDown = await post(a.ownerCookie, { intent: "role", userId: String(a.owner.id), role: "staff" });
    expect(stepDown.status).toBe(302);
    expect(stepDown.location).toBe("/dashboard");
    const roles = await t.db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.cooperativeId, a.coop.id));
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({ [a.owner.id]: "staff", [a.staff.id]: "owner" });

    // The new owner removes the former one.
    const newOwnerCookie = await sessionCookieFor(t.db, a.staff.id, a.coop.id);
    expect((await post(newOwnerCookie, { intent: "remove", userId: String(a.owner.id) })).status).toBe(200);
    expect(await t.db.select().from(memberships).where(eq(memberships.cooperativeId, a.coop.id))).toHaveLength(1);
  });

  it("keeps staff out of every action (403) and changes nothing", async () => {
    const a = await team();
    await invite(a, email("open"));
    const [open] = await t.db.select().from(invitations).where(eq(invitations.cooperativeId, a.coop.id));
    const before = await snapshot(a.coop.id);
    const forms: Record<string, string>[] = [
      { intent: "invite", email: email("by-staff"), role: "owner" },
      { intent: "revoke", invitationId: String(open!.id) },
      { intent: "remove", userId: String(a.owner.id) },
      { intent: "role", userId: String(a.staff.id), role: "owner" },
    ];
    for (const form of forms) {
      expect((await post(a.staffCookie, form)).status, form.intent).toBe(403);
    }
    expect(await snapshot(a.coop.id)).toEqual(before);
  });

  it("keeps an owner of A away from B's members and invitations (404) and changes nothing", async () => {
    const a = await team();
    const b = await team();
    await invite(b, email("b-invitee"));
    const [bInvitation] = await t.db.select().from(invitations).where(eq(invitations.cooperativeId, b.coop.id));
    const before = await snapshot(a.coop.id, b.coop.id);
    const forms: Record<string, string>[] = [
      { intent: "remove", userId: String(b.owner.id) },
      { intent: "remove", userId: String(b.staff.id) },
      { intent: "role", userId: String(b.staff.id), role: "owner" },
      { intent: "revoke", invitationId: String(bInvitation!.id) },
    ];
    for (const form of forms) {
      expect((await post(a.ownerCookie, form)).status, form.intent).toBe(404);
    }
    expect(await snapshot(a.coop.id, b.coop.id)).toEqual(before);
  });

  it("answers garbage with 400 and refuses other sites (403), changing nothing", async () => {
    const a = await team();
    const before = await snapshot(a.coop.id);
    const garbage: Record<string, string>[] = [
      {},
      { intent: "promote", userId: String(a.staff.id) },
      { intent: "invite", role: "staff" },
      { intent: "invite", email: "not-an-address", role: "staff" },
      { intent: "invite", email: `${"x".repeat(300)}@example.test`, role: "staff" },
      { intent: "invite", email: email("bad-role"), role: "admin" },
      { intent: "remove", userId: "abc" },
      { intent: "remove", userId: "0" },
      { intent: "role", userId: String(a.staff.id), role: "king" },
      { intent: "revoke", invitationId: "1e999" },
    ];
    for (const form of garbage) expect((await post(a.ownerCookie, form)).status, JSON.stringify(form).slice(0, 60)).toBe(400);
    expect((await callAction(members, "/dashboard/members", { cookie: a.ownerCookie })).status).toBe(400);
    expect((await post(a.ownerCookie, { intent: "invite", email: email("csrf"), role: "owner" }, "https://evil.example")).status).toBe(403);
    expect((await post(null, { intent: "remove", userId: String(a.staff.id) })).status).toBe(302);
    expect(await snapshot(a.coop.id)).toEqual(before);
  });

  it("limits invitations to 10 a minute per owner (429)", async () => {
    const a = await team();
    // The limit counts in fixed one-minute windows: do not start the burst just before one ends.
    const second = new Date().getSeconds();
    if (second >= 55) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
    for (let i = 0; i < 10; i++) expect((await post(a.ownerCookie, { intent: "invite", email: email(`burst${i}`), role: "staff" })).status).toBe(200);
    const before = await snapshot(a.coop.id);
    const out = await post(a.ownerCookie, { intent: "invite", email: email("burst-11"), role: "staff" });
    expect(out.status).toBe(429);
    expect((out.body as MembersBody).result.error?.[""]).toEqual(["sellers.members.error.tooFast"]);
    expect(await snapshot(a.coop.id)).toEqual(before);
  });
});

describe("/invitations/:token", () => {
  it("shows the invitation to anyone with the link, and login/sign-up to logged-out visitors", async () => {
    const a = await team();
    const address = email("guest");
    const token = await invite(a, address, "owner");
    const out = await callLoader(invitation, at(token), { params: { token } });
    expect(out.status).toBe(200);
    expect(out.headers.get("Cache-Control")).toBe("private, no-store");
    expect(out.body).toMatchObject({
      invitation: { email: address, role: "owner", cooperative: { id: a.coop.id, nameZh: a.coop.nameZh } },
      viewer: null,
    });
    // Accepting needs an account: logged out → the login page, and back here afterwards.
    const accept = await callAction(invitation, at(token), { params: { token }, form: { intent: "accept" } });
    expect(accept.status).toBe(302);
    expect(accept.location).toBe(`/login?redirectTo=${encodeURIComponent(at(token))}`);
  });

  it("lets the invited address join, switches to the cooperative and sends them to the dashboard", async () => {
    const a = await team();
    const address = email("joiner");
    const token = await invite(a, address);
    // The address is compared without regard to case.
    const joiner = await createUser(t.db, { email: address.toUpperCase() });
    const cookie = await sessionCookieFor(t.db, joiner.id);
    const page = await callLoader(invitation, at(token), { params: { token }, cookie });
    expect((page.body as { viewer: { invited: boolean } }).viewer.invited).toBe(true);

    const out = await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "accept" } });
    expect(out.status).toBe(302);
    expect(out.location).toBe("/dashboard");
    const [membership] = await t.db.select().from(memberships).where(and(eq(memberships.userId, joiner.id), eq(memberships.cooperativeId, a.coop.id)));
    expect(membership?.role).toBe("staff");
    const [row] = await t.db.select().from(invitations).where(eq(invitations.tokenHash, hashToken(token)));
    expect(row!.acceptedAt).toBeInstanceOf(Date);
    const [session] = await t.db.select().from(sessions).where(eq(sessions.userId, joiner.id));
    expect(session!.activeCooperativeId).toBe(a.coop.id);

    // Used: the link is gone, for them and for anyone else.
    expect((await callLoader(invitation, at(token), { params: { token }, cookie })).status).toBe(404);
    expect((await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "accept" } })).status).toBe(404);
  });

  it("keeps an existing member's role when they accept", async () => {
    const a = await team();
    const address = email("already");
    const token = await invite(a, address);
    // Meanwhile they joined as an owner another way.
    const user = await createUser(t.db, { email: address });
    await addMembership(t.db, user.id, a.coop.id, "owner");
    const cookie = await sessionCookieFor(t.db, user.id);
    expect((await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "accept" } })).status).toBe(302);
    const [kept] = await t.db.select().from(memberships).where(and(eq(memberships.userId, user.id), eq(memberships.cooperativeId, a.coop.id)));
    expect(kept?.role).toBe("owner");
  });

  it("refuses another signed-in address with 403 and changes nothing", async () => {
    const a = await team();
    const token = await invite(a, email("intended"));
    const other = await createUser(t.db);
    const cookie = await sessionCookieFor(t.db, other.id);
    const page = await callLoader(invitation, at(token), { params: { token }, cookie });
    expect((page.body as { viewer: { invited: boolean } }).viewer.invited).toBe(false);
    const before = await snapshot(a.coop.id);
    const out = await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "accept" } });
    expect(out.status).toBe(403);
    expect((out.body as { error: Record<string, string[]> }).error[""]).toEqual(["sellers.invitation.otherAddress"]);
    expect(await snapshot(a.coop.id)).toEqual(before);
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, other.id))).toEqual([]);
  });

  it("answers expired, garbage and unknown tokens with 404, and garbage forms with 400", async () => {
    const a = await team();
    const address = email("late");
    const token = await invite(a, address);
    const user = await createUser(t.db, { email: address });
    const cookie = await sessionCookieFor(t.db, user.id);
    const before = await snapshot(a.coop.id);
    expect((await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "join" } })).status).toBe(400);
    expect((await callAction(invitation, at(token), { params: { token }, cookie, form: {} })).status).toBe(400);
    expect((await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "accept" }, origin: "https://evil.example" })).status).toBe(403);
    expect(await snapshot(a.coop.id)).toEqual(before);

    await t.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.tokenHash, hashToken(token)));
    expect((await callLoader(invitation, at(token), { params: { token } })).status).toBe(404);
    expect((await callAction(invitation, at(token), { params: { token }, cookie, form: { intent: "accept" } })).status).toBe(404);
    for (const bad of ["garbage", "a".repeat(43), "../../etc/passwd", "x".repeat(5000), ""]) {
      expect((await callLoader(invitation, at(bad), { params: { token: bad } })).status, bad.slice(0, 20)).toBe(404);
      expect((await callAction(invitation, at(bad), { params: { token: bad }, cookie, form: { intent: "accept" } })).status).toBe(404);
    }
    expect(await t.db.select().from(memberships).where(eq(memberships.userId, user.id))).toEqual([]);
  });
});
