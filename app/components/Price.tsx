import { formatPrice } from "~/utils/format";
import { useT } from "~/utils/t";

/** A price in fen shown as "¥168.00", or "¥168.00 起" / "from ¥168.00" with `from`. */
export function Price({ cents, from = false, className }: { cents: number; from?: boolean; className?: string }) {
  const t = useT();
  const text = formatPrice(cents);
  return <span className={className}>{from ? t("common.priceFrom", { price: text }) : text}</span>;
}
