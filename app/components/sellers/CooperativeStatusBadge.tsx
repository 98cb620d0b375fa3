// Where a cooperative's application stands (pending, approved, rejected, suspended), as the
// applicant sees it on /sell and the operator in the review list.
import type { COOPERATIVE_STATUSES } from "~/modules/sellers/schemas";
import { useT } from "~/utils/t";

type CooperativeStatus = (typeof COOPERATIVE_STATUSES)[number];

const STATUS_STYLE: Record<CooperativeStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-tea-100 text-tea-800",
  rejected: "bg-red-100 text-red-800",
  suspended: "bg-stone-200 text-stone-800",
};

export function CooperativeStatusBadge({ status }: { status: CooperativeStatus }) {
  const t = useT();
  return <span className={`rounded-full px-3 py-1 text-sm ${STATUS_STYLE[status]}`}>{t(`sellers.status.${status}`)}</span>;
}
