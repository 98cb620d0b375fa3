// Manual stock changes with a reason, and their history. The change is one conditional UPDATE
// (stock never goes below zero, however many people adjust at once) and its history row is
// written in the same transaction.
import { and, desc, eq, sql } from "drizzle-orm";
import { productVariants, products, stockAdjustments, users } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { MAX_STOCK, type StockReason } from "./schemas";
import type { StockHistoryEntry } from "./types";

export type AdjustStockResult =
  | { ok: true; stockAfter: number }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "negative" | "too_large"; stock: number };

export async function adjustStock(
  db: Database,
  input: {
    cooperativeId: number;
    productId: number;
    variantId: number;
    delta: number;
    reason: StockReason;
    note: string;
    userId: number;
  },
): Promise<AdjustStockResult> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{ stock: number }>(sql`
      UPDATE product_variants v
         SET stock = v.stock + ${input.delta}, updated_at = now()
        FROM products p
       WHERE v.id = ${input.variantId}
         AND p.id = v.product_id
         AND p.id = ${input.productId}
         AND p.cooperative_id = ${input.cooperativeId}
         AND v.stock::bigint + ${input.delta} BETWEEN 0 AND ${MAX_STOCK}
   RETURNING v.stock`);
    const updated = rows[0];
    if (!updated) {
      // Say why: not this cooperative's variant, or the change does not fit.
      const [current] = await tx
        .select({ stock: productVariants.stock })
        .from(productVariants)
        .innerJoin(products, eq(products.id, productVariants.productId))
        .where(
          and(
            eq(productVariants.id, input.variantId),
            eq(products.id, input.productId),
            eq(products.cooperativeId, input.cooperativeId),
          ),
        );
      if (!current) return { ok: false, reason: "not_found" } as const;
      return { ok: false, reason: current.stock + input.delta < 0 ? "negative" : "too_large", stock: current.stock } as const;
    }
    await tx.insert(stockAdjustments).values({
      variantId: input.variantId,
      delta: input.delta,
      stockAfter: updated.stock,
      reason: input.reason,
      note: input.note,
      userId: input.userId,
    });
    return { ok: true, stockAfter: updated.stock } as const;
  });
}

export const HISTORY_LIMIT = 100;

/** The product's adjustments, newest first (the last HISTORY_LIMIT). */
export async function listStockHistory(db: Database, cooperativeId: number, productId: number): Promise<StockHistoryEntry[]> {
  return db
    .select({
      id: stockAdjustments.id,
      createdAt: stockAdjustments.createdAt,
      variantId: stockAdjustments.variantId,
      sku: productVariants.sku,
      variantZh: productVariants.nameZh,
      variantEn: productVariants.nameEn,
      delta: stockAdjustments.delta,
      stockAfter: stockAdjustments.stockAfter,
      reason: stockAdjustments.reason,
      note: stockAdjustments.note,
      userName: users.name,
      userEmail: users.email,
    })
    .from(stockAdjustments)
    .innerJoin(productVariants, eq(productVariants.id, stockAdjustments.variantId))
    .innerJoin(products, eq(products.id, productVariants.productId))
    .leftJoin(users, eq(users.id, stockAdjustments.userId))
    .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)))
    .orderBy(desc(stockAdjustments.createdAt), desc(stockAdjustments.id))
    .limit(HISTORY_LIMIT);
}
