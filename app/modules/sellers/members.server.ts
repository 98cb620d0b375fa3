// A cooperative's people: members (owner or staff) and open invitations. Every function takes
// the acting cooperative and touches only its rows: another cooperative's member or invitation
// is "not found". A cooperative is never left without an owner: the owner rows are locked
// while a removal or a change of role is decided, so two owners demoting each other at the
// same moment cannot both succeed.
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { invitations, memberships, users } from "../../../db/schema/index";
import { hashToken, newToken } from "~/modules/accounts/tokens.server";
import type { Database } from "~/utils/db.server";
import type { Db } from "./db.server";
import { SellerError } from "./errors";
import { INVITATION_DAYS } from "./schemas";

/** Open invitations one cooperative may have at a time (each one is a mail sent to someone). */
export const MAX_OPEN_INVITATIONS = 30;

type Role = "owner" | "staff";

export type Member = { userId: number; name: string; email: string; role: Role; since: Date };
export type OpenInvitation = { id: number; email: string; role: Role; createdAt: Date; expiresAt: Date };

export async function listMembers(db: Db, cooperativeId: number): Promise<Member[]> {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.cooperativeId, cooperativeId))
    .orderBy(sql`${memberships.role} <> 'owner'`, asc(memberships.createdAt), asc(users.id));
}

const open = () => and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`));

export async function listOpenInvitations(db: Db, cooperativeId: number): Promise<OpenInvitation[]> {
  return db
    .select({ id: invitations.id, email: invitations.email, role: invitations.role, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt })
    .from(invitations)
    .where(and(eq(invitations.cooperativeId, cooperativeId), open()))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}

/**
 * Invites an address to the cooperative and returns the token for the mail (only its hash is
 * stored). Inviting the same address again replaces its open invitation (a fresh link).
 */
export async function inviteMember(
  db: Database,
  input: { cooperativeId: number; email: string; role: Role; invitedBy: number },
): Promise<{ token: string; expiresAt: Date; inviteeLocale: string | null }> {
  const email = input.email.trim().toLowerCase();
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ role: memberships.role, locale: users.locale })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.cooperativeId, input.cooperativeId)))
      .where(sql`lower(${users.email}) = ${email}`);
    if (existing?.role) throw new SellerError("sellers.members.error.alreadyMember", 409, "email");
    await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.cooperativeId, input.cooperativeId), sql`lower(${invitations.email}) = ${email}`, open()));
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(invitations)
      .where(and(eq(invitations.cooperativeId, input.cooperativeId), open()));
    if (n >= MAX_OPEN_INVITATIONS) throw new SellerError("sellers.members.error.tooManyInvitations", 422);
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);
    await tx.insert(invitations).values({
      cooperativeId: input.cooperativeId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: input.invitedBy,
      expiresAt,
    });
    return { token, expiresAt, inviteeLocale: existing?.locale ?? null };
  });
}

/** Withdraws an open invitation of this cooperative; its link stops working. */
export async function revokeInvitation(db: Db, cooperativeId: number, invitationId: number): Promise<void> {
  const gone = await db
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.id, invitationId), eq(invitations.cooperativeId, cooperativeId), open()))
    .returning({ id: invitations.id });
  if (gone.length === 0) throw new SellerError("sellers.members.error.invitationGone", 404);
}

/** The cooperative's memberships, locked until the transaction ends. */
async function lockMembers(tx: Db, cooperativeId: number) {
  return tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.cooperativeId, cooperativeId))
    .for("update");
}

/** Removes a member (yourself included, unless you are the last owner). */
export async function removeMember(db: Database, cooperativeId: number, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await lockMembers(tx, cooperativeId);
    const target = rows.find((r) => r.userId === userId);
    if (!target) throw new SellerError("sellers.members.error.memberGone", 404);
    if (target.role === "owner" && rows.filter((r) => r.role === "owner").length === 1) {
      throw new SellerError("sellers.members.error.lastOwner", 409);
    }
    await tx.delete(memberships).where(and(eq(memberships.cooperativeId, cooperativeId), eq(memberships.userId, userId)));
  });
}

/** Makes a member owner or staff; the last owner cannot become staff. */
export async function changeMemberRole(db: Database, cooperativeId: number, userId: number, role: Role): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await lockMembers(tx, cooperativeId);
    const target = rows.find((r) => r.userId === userId);
    if (!target) throw new SellerError("sellers.members.error.memberGone", 404);
    if (target.role === role) return;
    if (target.role === "owner" && rows.filter((r) => r.role === "owner").length === 1) {
      throw new SellerError("sellers.members.error.lastOwner", 409);
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.cooperativeId, cooperativeId), eq(memberships.userId, userId)));
  });
}
