import type { SellerOrderStatus } from "~/modules/orders/seller-schemas";
import { useT } from "~/utils/t";

const STYLE: Record<SellerOrderStatus, string> = {
  pending_payment: "bg-stone-200 text-stone-800",
  confirmed: "bg-amber-100 text-amber-900",
  paid: "bg-amber-100 text-amber-900",
  packed: "bg-sky-100 text-sky-900",
  shipped: "bg-tea-100 text-tea-800",
  delivered: "bg-tea-700 text-white",
  cancelled: "bg-stone-200 text-stone-700",
  refunded: "bg-red-100 text-red-800",
};

export function OrderStatusBadge({ status }: { status: SellerOrderStatus }) {
  const t = useT();
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-sm font-medium ${STYLE[status]}`}>{t(`ordersDashboard.status.${status}`)}</span>;
}
