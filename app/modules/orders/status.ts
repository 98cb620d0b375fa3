// The order state machine, in one place. Every write of an order's or a seller order's status
// goes through `assertOrderTransition` / `assertSellerTransition` (or the SQL guards built from
// the same tables), so no screen, API call or webhook can move an order somewhere it may not go.
//
//   order:        pending_payment → paid | confirmed (stays paid on arrival) | cancelled
//                 confirmed → cancelled       (nothing was paid online, nothing to refund)
//                 cancelled → paid            (a payment that arrived after its hold expired, stock re-taken)
//                 paid → partially_refunded → refunded
//   seller order: pending_payment → paid | confirmed | cancelled
//                 confirmed → cancelled
//                 paid → packed → shipped (carrier + tracking number) → delivered
//                 paid | packed | shipped | delivered → refunded
import type { OrderStatus, SellerOrderStatus } from "../../../db/schema/orders";

export type { OrderStatus, SellerOrderStatus };

export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending_payment: ["paid", "confirmed", "cancelled"],
  confirmed: ["cancelled"],
  cancelled: ["paid", "refunded"],
  paid: ["partially_refunded", "refunded"],
  partially_refunded: ["partially_refunded", "refunded"],
  refunded: [],
};

export const SELLER_ORDER_TRANSITIONS: Record<SellerOrderStatus, readonly SellerOrderStatus[]> = {
  pending_payment: ["paid", "confirmed", "cancelled"],
  confirmed: ["cancelled"],
  cancelled: ["paid"],
  paid: ["packed", "refunded"],
  packed: ["shipped", "refunded"],
  shipped: ["delivered", "refunded"],
  delivered: ["refunded"],
  refunded: [],
};

export class TransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`An order cannot go from ${from} to ${to}`);
  }
}

export function canOrderMove(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

export function canSellerOrderMove(from: SellerOrderStatus, to: SellerOrderStatus): boolean {
  return SELLER_ORDER_TRANSITIONS[from].includes(to);
}

export function assertOrderTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canOrderMove(from, to)) throw new TransitionError(from, to);
}

export function assertSellerTransition(from: SellerOrderStatus, to: SellerOrderStatus): void {
  if (!canSellerOrderMove(from, to)) throw new TransitionError(from, to);
}

/** The statuses a seller order may come from to reach `to` (for conditional UPDATEs). */
export function sellerSourcesOf(to: SellerOrderStatus): SellerOrderStatus[] {
  return (Object.keys(SELLER_ORDER_TRANSITIONS) as SellerOrderStatus[]).filter((from) =>
    SELLER_ORDER_TRANSITIONS[from].includes(to),
  );
}

/** What a seller can do next with an order in this status (buttons on /dashboard/orders). */
export function sellerActions(status: SellerOrderStatus): ("pack" | "ship" | "deliver" | "refund")[] {
  const next = SELLER_ORDER_TRANSITIONS[status];
  const out: ("pack" | "ship" | "deliver" | "refund")[] = [];
  if (next.includes("packed")) out.push("pack");
  if (next.includes("shipped")) out.push("ship");
  if (next.includes("delivered")) out.push("deliver");
  if (next.includes("refunded")) out.push("refund");
  return out;
}
