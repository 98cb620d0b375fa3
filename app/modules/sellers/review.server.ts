// The operator's review of sellers. A decision is one conditional UPDATE from the only status
// it may start from, so two operators deciding at once cannot both win, and an illegal
// transition (see TRANSITIONS) changes nothing.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { cooperatives, memberships, users, villages } from "../../../db/schema/index";
import type { Db } from "./db.server";
import { SellerError } from "./errors";
import { type CooperativeStatusFilter, type ReviewInput, type ReviewIntent, TRANSITIONS } from "./schemas";

type Status = CooperativeStatusFilter;

export type Owner = { userId: number; name: string; email: string; locale: string };

export type Application = {
  id: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: (typeof cooperatives.$inferSelect)["kind"];
  status: Status;
  village: { nameZh: string; nameEn: string; countyZh: string; countyEn: string } | null;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  storyZh: string;
  storyEn: string;
  commissionBps: number;
  reviewReason: string;
  reviewedAt: Date | null;
  createdAt: Date;
  owners: Owner[];
};

export const APPLICATIONS_PER_PAGE = 20;

/**
 * Sellers for the review page: one status, or all of them with the pending ones first (oldest
 * waiting first), then the rest by their latest decision.
 */
export async function listApplications(
  db: Db,
  options: { status: CooperativeStatusFilter | null; page: number },
): Promise<{ items: Application[]; total: number; pages: number }> {
  const where = options.status ? eq(cooperatives.status, options.status) : undefined;
  const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(cooperatives).where(where);
  const pages = Math.max(1, Math.ceil(total / APPLICATIONS_PER_PAGE));
  const page = Math.min(Math.max(1, options.page), pages);
  const rows = await db
    .select({
      id: cooperatives.id,
      slug: cooperatives.slug,
      nameZh: cooperatives.nameZh,
      nameEn: cooperatives.nameEn,
      kind: cooperatives.kind,
      status: cooperatives.status,
      villageNameZh: villages.nameZh,
      villageNameEn: villages.nameEn,
      countyZh: villages.countyZh,
      countyEn: villages.countyEn,
      contactName: cooperatives.contactName,
      contactPhone: cooperatives.contactPhone,
      contactEmail: cooperatives.contactEmail,
      storyZh: cooperatives.storyZh,
      storyEn: cooperatives.storyEn,
      commissionBps: cooperatives.commissionBps,
      reviewReason: cooperatives.reviewReason,
      reviewedAt: cooperatives.reviewedAt,
      createdAt: cooperatives.createdAt,
    })
    .from(cooperatives)
    .leftJoin(villages, eq(villages.id, cooperatives.villageId))
    .where(where)
    .orderBy(
      sql`${cooperatives.status} <> 'pending'`,
      sql`CASE WHEN ${cooperatives.status} = 'pending' THEN ${cooperatives.createdAt} END ASC`,
      sql`${cooperatives.reviewedAt} DESC NULLS LAST`,
      desc(cooperatives.id),
    )
    .limit(APPLICATIONS_PER_PAGE)
    .offset((page - 1) * APPLICATIONS_PER_PAGE);
  const owners = await ownersOf(db, rows.map((r) => r.id));
  const items = rows.map(({ villageNameZh, villageNameEn, countyZh, countyEn, ...r }) => ({
    ...r,
    village: villageNameZh ? { nameZh: villageNameZh, nameEn: villageNameEn ?? "", countyZh: countyZh ?? "", countyEn: countyEn ?? "" } : null,
    owners: owners.get(r.id) ?? [],
  }));
  return { items, total, pages };
}

async function ownersOf(db: Db, cooperativeIds: number[]): Promise<Map<number, Owner[]>> {
  const out = new Map<number, Owner[]>();
  if (cooperativeIds.length === 0) return out;
  const rows = await db
    .select({ cooperativeId: memberships.cooperativeId, userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.cooperativeId, cooperativeIds), eq(memberships.role, "owner")))
    .orderBy(asc(memberships.createdAt), asc(users.id));
  for (const { cooperativeId, ...owner } of rows) out.set(cooperativeId, [...(out.get(cooperativeId) ?? []), owner]);
  return out;
}

/** How many sellers are in each status (the admin overview and the filter tabs). */
export async function countByStatus(db: Db): Promise<Record<Status, number>> {
  const rows = await db.select({ status: cooperatives.status, n: count() }).from(cooperatives).groupBy(cooperatives.status);
  const out: Record<Status, number> = { pending: 0, approved: 0, rejected: 0, suspended: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

export type Decision = {
  intent: ReviewIntent;
  cooperative: { id: number; slug: string; nameZh: string; nameEn: string; status: Status; reviewReason: string };
  /** Who hears about it: the cooperative's owners. */
  owners: Owner[];
};

/**
 * Applies the operator's decision. Unknown seller → 404; a decision its status does not allow
 * (approving a rejected one, suspending a pending one…) → 409 and nothing changes.
 */
export async function reviewCooperative(db: Db, input: ReviewInput): Promise<Decision> {
  const { from, to } = TRANSITIONS[input.intent];
  const reason = input.intent === "reject" || input.intent === "suspend" ? input.reason : "";
  const [row] = await db
    .update(cooperatives)
    .set({ status: to, reviewReason: reason, reviewedAt: sql`now()` })
    .where(and(eq(cooperatives.id, input.cooperativeId), eq(cooperatives.status, from)))
    .returning({
      id: cooperatives.id,
      slug: cooperatives.slug,
      nameZh: cooperatives.nameZh,
      nameEn: cooperatives.nameEn,
      status: cooperatives.status,
      reviewReason: cooperatives.reviewReason,
    });
  if (!row) {
    const [exists] = await db.select({ id: cooperatives.id }).from(cooperatives).where(eq(cooperatives.id, input.cooperativeId));
    if (!exists) throw new SellerError("admin.error.notFound", 404);
    throw new SellerError(`admin.error.transition.${input.intent}`, 409);
  }
  const owners = (await ownersOf(db, [row.id])).get(row.id) ?? [];
  return { intent: input.intent, cooperative: row, owners };
}
