// Applying to sell: a new cooperative, farm or host waits as "pending" for the operator, with
// the applicant as its owner. Pending and rejected sellers are invisible to shoppers (every
// catalogue query asks for status = 'approved').
import { and, asc, count, desc, eq } from "drizzle-orm";
import { cooperatives, memberships, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { type Db, isUniqueViolation } from "./db.server";
import { SellerError } from "./errors";
import type { ApplyInput } from "./schemas";
import { freeCooperativeSlug, slugFromNames } from "./slug.server";

/** More waiting applications than this from one person is not a farmer but a script. */
export const MAX_PENDING_APPLICATIONS = 5;

export type VillageOption = { id: number; nameZh: string; nameEn: string; countyZh: string; countyEn: string };

export async function listVillageOptions(db: Db): Promise<VillageOption[]> {
  return db
    .select({ id: villages.id, nameZh: villages.nameZh, nameEn: villages.nameEn, countyZh: villages.countyZh, countyEn: villages.countyEn })
    .from(villages)
    .orderBy(asc(villages.countyZh), asc(villages.nameZh));
}

export type MyApplication = {
  cooperativeId: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: (typeof cooperatives.$inferSelect)["kind"];
  status: (typeof cooperatives.$inferSelect)["status"];
  role: "owner" | "staff";
  reviewReason: string;
  createdAt: Date;
};

/** The sellers the user belongs to, newest first, with where each application stands. */
export async function listMyApplications(db: Db, userId: number): Promise<MyApplication[]> {
  return db
    .select({
      cooperativeId: cooperatives.id,
      slug: cooperatives.slug,
      nameZh: cooperatives.nameZh,
      nameEn: cooperatives.nameEn,
      kind: cooperatives.kind,
      status: cooperatives.status,
      role: memberships.role,
      reviewReason: cooperatives.reviewReason,
      createdAt: cooperatives.createdAt,
    })
    .from(memberships)
    .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .where(eq(memberships.userId, userId))
    .orderBy(desc(cooperatives.createdAt), desc(cooperatives.id));
}

async function countPendingOwned(db: Db, userId: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .innerJoin(cooperatives, eq(cooperatives.id, memberships.cooperativeId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, "owner"), eq(cooperatives.status, "pending")));
  return row?.n ?? 0;
}

/**
 * Files an application: the cooperative (pending, with a free slug) and the applicant's owner
 * membership, in one transaction. Two applications racing for the same slug: the loser retries.
 */
export async function applyToSell(db: Database, userId: number, input: ApplyInput): Promise<{ id: number; slug: string }> {
  const base = slugFromNames(input.nameZh, input.nameEn);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [village] = await tx.select({ id: villages.id }).from(villages).where(eq(villages.id, input.villageId));
        if (!village) throw new SellerError("sellers.error.village", 400, "villageId");
        if ((await countPendingOwned(tx, userId)) >= MAX_PENDING_APPLICATIONS) {
          throw new SellerError("sellers.error.tooManyPending", 422);
        }
        const slug = await freeCooperativeSlug(tx, base);
        const [created] = await tx
          .insert(cooperatives)
          .values({
            slug,
            nameZh: input.nameZh,
            nameEn: input.nameEn,
            kind: input.kind,
            villageId: input.villageId,
            storyZh: input.storyZh,
            storyEn: input.storyEn,
            contactName: input.contactName,
            contactPhone: input.contactPhone,
            contactEmail: input.contactEmail,
            status: "pending",
          })
          .returning({ id: cooperatives.id, slug: cooperatives.slug });
        await tx.insert(memberships).values({ userId, cooperativeId: created!.id, role: "owner" });
        return created!;
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error, "cooperatives_slug_key")) continue;
      throw error;
    }
  }
}
