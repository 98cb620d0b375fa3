// Who is acting: every account, dashboard and admin loader/action starts here. Logged-out
// visitors are sent to the login page; a signed-in user without the right role gets 403; a
// non-GET request from another site gets 403 before anything else happens.
import { redirect } from "@remix-run/node";
import { and, asc, eq } from "drizzle-orm";
import { cooperatives, memberships } from "../../../db/schema/index";
import { type Database, getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { data } from "@remix-run/node";
import { langFromRequest, localePath } from "~/utils/i18n";
import { originHeadersOf, sameOriginAllowed } from "../security/origin";
import { type Session, hasSessionCookie, readSession, setActiveCooperative } from "./session.server";

export type MembershipRole = "owner" | "staff";
export type CooperativeStatus = "pending" | "approved" | "rejected" | "suspended";
export type Membership = {
  cooperativeId: number;
  role: MembershipRole;
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: "cooperative" | "family_farm" | "homestay_host" | "leisure_farm";
  status: CooperativeStatus;
  reviewReason: string;
};

export type SellerContext = Session & {
  /** The membership the user is working for now. */
  membership: Membership;
  /** All of the user's memberships, for the switcher. */
  memberships: Membership[];
};

export function forbidden(message = "Forbidden"): never {
  throw data({ message }, { status: 403 });
}

/** Refuses a state-changing request that another site made the browser send. */
export function assertSameOrigin(request: Request): void {
  if (!sameOriginAllowed(originHeadersOf(request, hasSessionCookie(request)), env().PUBLIC_ORIGIN)) {
    forbidden("Cross-site request refused");
  }
}

export function loginUrl(request: Request): string {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  return localePath(langFromRequest(request), `/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in session, or null. Checks the origin of non-GET requests. */
export async function getSession(request: Request, db: Database = getDb()): Promise<Session | null> {
  assertSameOrigin(request);
  return readSession(db, request);
}

export async function requireSession(request: Request, db: Database = getDb()): Promise<Session> {
  const session = await getSession(request, db);
  if (!session) throw redirect(loginUrl(request));
  return session;
}

export async function requireOperator(request: Request, db: Database = getDb()): Promise<Session> {
  const session = await requireSession(request, db);
  if (!session.user.isOperator) forbidden("Operators only");
  return session;
}

export async function listMemberships(db: Database, userId: number): Promise<Membership[]> {
  return db
    .select({
      cooperativeId: memberships.cooperativeId,
      role: memberships.role,
      slug: cooperatives.slug,
      nameZh: cooperatives.nameZh,
      nameEn: cooperatives.nameEn,
      kind: cooperatives.kind,
      status: cooperatives.status,
      reviewReason: cooperatives.reviewReason,
    })
    .from(memberships)
    .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(cooperatives.nameZh), asc(cooperatives.id));
}

/**
 * The acting seller: a signed-in member of an approved cooperative. The session's chosen
 * cooperative is used when the user still belongs to it and it is approved; otherwise the
 * first approved one. `owner: true` also requires the owner role (members, payouts).
 */
export async function requireSeller(
  request: Request,
  options: { owner?: boolean } = {},
  db: Database = getDb(),
): Promise<SellerContext> {
  const session = await requireSession(request, db);
  const all = await listMemberships(db, session.user.id);
  const approved = all.filter((m) => m.status === "approved");
  const membership = approved.find((m) => m.cooperativeId === session.activeCooperativeId) ?? approved[0];
  if (!membership) forbidden("No approved cooperative");
  if (options.owner && membership.role !== "owner") forbidden("Owners only");
  return { ...session, membership, memberships: all };
}

/** Switches the dashboard to another of the user's approved cooperatives. */
export async function switchCooperative(db: Database, session: Session, cooperativeId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.cooperativeId })
    .from(memberships)
    .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .where(
      and(
        eq(memberships.userId, session.user.id),
        eq(memberships.cooperativeId, cooperativeId),
        eq(cooperatives.status, "approved"),
      ),
    );
  if (!row) return false;
  await setActiveCooperative(db, session.tokenHash, cooperativeId);
  return true;
}
