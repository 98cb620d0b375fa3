// One line of an order as it was sold: a snapshot taken at checkout, so later edits to the
// product do not change what the buyer and the cooperative read. The buyer's order page and the
// cooperative's dashboard select the same columns.
import { orderLines } from "../../../db/schema/index";

export type OrderLine = {
  sku: string;
  productSlug: string;
  titleZh: string;
  titleEn: string;
  variantZh: string;
  variantEn: string;
  unitPriceCents: number;
  quantity: number;
  totalCents: number;
  shipsFrom: string | null;
};

/** The columns of an order line that make an OrderLine (for `db.select(…)`). */
export const orderLineColumns = {
  sku: orderLines.sku,
  productSlug: orderLines.productSlug,
  titleZh: orderLines.titleZh,
  titleEn: orderLines.titleEn,
  variantZh: orderLines.variantZh,
  variantEn: orderLines.variantEn,
  unitPriceCents: orderLines.unitPriceCents,
  quantity: orderLines.quantity,
  totalCents: orderLines.totalCents,
  shipsFrom: orderLines.shipsFrom,
};
