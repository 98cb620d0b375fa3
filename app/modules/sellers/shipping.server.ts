// What a cooperative charges for shipping: a flat fee per seller order, free from an order amount
// when the owner sets one. Checkout reads the same two columns (cooperatives.shipping_fee_cents,
// free_shipping_from_cents).
import { eq } from "drizzle-orm";
import { cooperatives } from "../../../db/schema/index";
import type { Db } from "./db.server";
import type { ShippingSettingsInput } from "./shipping-schema";

export type ShippingSettings = { shippingFeeCents: number; freeShippingFromCents: number | null };

export async function getShippingSettings(db: Db, cooperativeId: number): Promise<ShippingSettings> {
  const [row] = await db
    .select({ shippingFeeCents: cooperatives.shippingFeeCents, freeShippingFromCents: cooperatives.freeShippingFromCents })
    .from(cooperatives)
    .where(eq(cooperatives.id, cooperativeId));
  return row ?? { shippingFeeCents: 0, freeShippingFromCents: null };
}

/** Sets the acting cooperative's fee and threshold from the parsed form (ShippingSettingsSchema). */
export async function setShippingSettings(db: Db, cooperativeId: number, input: ShippingSettingsInput): Promise<ShippingSettings> {
  const value = { shippingFeeCents: input.shippingFee, freeShippingFromCents: input.freeShippingFrom ?? null };
  await db.update(cooperatives).set(value).where(eq(cooperatives.id, cooperativeId));
  return value;
}
