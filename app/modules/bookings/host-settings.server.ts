// The host's booking settings: whether travellers may book stays and pay at the homestay
// (cooperatives.pay_on_arrival: off, confirmed at once, or confirmed by the host).
import { eq } from "drizzle-orm";
import { cooperatives } from "../../../db/schema/index";
import type { PayOnArrivalMode } from "../../../db/schema/cooperatives";
import type { Database } from "~/utils/db.server";

export type HostSettings = { payOnArrival: PayOnArrivalMode };

export async function getHostSettings(db: Database, cooperativeId: number): Promise<HostSettings> {
  const [row] = await db.select({ payOnArrival: cooperatives.payOnArrival }).from(cooperatives).where(eq(cooperatives.id, cooperativeId));
  return { payOnArrival: row?.payOnArrival ?? "off" };
}

/** Applies to bookings made from now on. */
export async function setPayOnArrival(db: Database, cooperativeId: number, mode: PayOnArrivalMode): Promise<void> {
  await db.update(cooperatives).set({ payOnArrival: mode }).where(eq(cooperatives.id, cooperativeId));
}
