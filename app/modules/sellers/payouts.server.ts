// What an owner sees and sets about being paid. The commission is the operator's to set; the
// Stripe Connect account is the owner's (transfers arrive with the checkout issue).
import { eq } from "drizzle-orm";
import { cooperatives } from "../../../db/schema/index";
import type { Db } from "./db.server";

export type PayoutSettings = { commissionBps: number; stripeAccountId: string | null };

export async function getPayoutSettings(db: Db, cooperativeId: number): Promise<PayoutSettings> {
  const [row] = await db
    .select({ commissionBps: cooperatives.commissionBps, stripeAccountId: cooperatives.stripeAccountId })
    .from(cooperatives)
    .where(eq(cooperatives.id, cooperativeId));
  return row ?? { commissionBps: 0, stripeAccountId: null };
}

/** Sets (or, with null, clears) the acting cooperative's Stripe Connect account. */
export async function setStripeAccount(db: Db, cooperativeId: number, stripeAccountId: string | null): Promise<void> {
  await db.update(cooperatives).set({ stripeAccountId }).where(eq(cooperatives.id, cooperativeId));
}
