// Following an invitation link: /invitations/<token>. Only an open invitation (not accepted,
// revoked or expired) is shown, and only the invited address may accept it.
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { cooperatives, invitations, memberships } from "../../../db/schema/index";
import { hashToken } from "~/modules/accounts/tokens.server";
import type { Database } from "~/utils/db.server";
import type { Db } from "./db.server";
import { SellerError } from "./errors";
import { isTokenShape } from "./schemas";

export type InvitationView = {
  email: string;
  role: "owner" | "staff";
  expiresAt: Date;
  cooperative: { id: number; nameZh: string; nameEn: string; kind: (typeof cooperatives.$inferSelect)["kind"] };
};

const openWithHash = (tokenHash: string) =>
  and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`));

/** The open invitation a link names, or null (garbage, unknown, used, revoked or expired). */
export async function findOpenInvitation(db: Db, token: string | undefined): Promise<InvitationView | null> {
  if (!isTokenShape(token)) return null;
  const [row] = await db
    .select({
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      cooperativeId: cooperatives.id,
      nameZh: cooperatives.nameZh,
      nameEn: cooperatives.nameEn,
      kind: cooperatives.kind,
    })
    .from(invitations)
    .innerJoin(cooperatives, eq(cooperatives.id, invitations.cooperativeId))
    .where(openWithHash(hashToken(token)));
  if (!row) return null;
  const { cooperativeId, nameZh, nameEn, kind, ...rest } = row;
  return { ...rest, cooperative: { id: cooperativeId, nameZh, nameEn, kind } };
}

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Accepts an invitation for the signed-in user: the invitation is marked used and the user
 * joins the cooperative with the invited role (a member already keeps their role). Another
 * address than the invited one → 403; no open invitation → 404. Either way nothing changes.
 */
export async function acceptInvitation(
  db: Database,
  input: { token: string | undefined; userId: number; email: string },
): Promise<{ cooperativeId: number }> {
  if (!isTokenShape(input.token)) throw new SellerError("sellers.invitation.gone", 404);
  const tokenHash = hashToken(input.token);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(and(openWithHash(tokenHash), sql`lower(${invitations.email}) = ${input.email.trim().toLowerCase()}`))
      .returning({ cooperativeId: invitations.cooperativeId, role: invitations.role });
    if (!used) {
      const [other] = await tx.select({ id: invitations.id }).from(invitations).where(openWithHash(tokenHash));
      throw other ? new SellerError("sellers.invitation.otherAddress", 403) : new SellerError("sellers.invitation.gone", 404);
    }
    await tx
      .insert(memberships)
      .values({ userId: input.userId, cooperativeId: used.cooperativeId, role: used.role })
      .onConflictDoNothing({ target: [memberships.userId, memberships.cooperativeId] });
    return { cooperativeId: used.cooperativeId };
  });
}
