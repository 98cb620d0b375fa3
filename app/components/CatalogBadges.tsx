import type { CertificationKey } from "~/modules/catalog/types";
import { useT } from "~/utils/t";

/** Certification badges (有机产品, 地理标志 …) as a list, so screen readers announce how many. */
export function CertificationBadges({ certs, className = "" }: { certs: readonly CertificationKey[]; className?: string }) {
  const t = useT();
  if (!certs.length) return null;
  return (
    <ul className={`flex flex-wrap gap-1.5 ${className}`}>
      {certs.map((cert) => (
        <li key={cert} className="rounded-full border border-tea-600/30 bg-tea-50 px-2 py-0.5 text-xs font-medium text-tea-800">
          {t(`catalog.cert.${cert}`)}
        </li>
      ))}
    </ul>
  );
}

/** "售罄" / "预售" flags shown over a product picture. */
export function StockFlags({ soldOut, preSale }: { soldOut: boolean; preSale: boolean }) {
  const t = useT();
  if (!soldOut && !preSale) return null;
  return (
    <p className="absolute left-2 top-2 flex gap-1.5">
      {soldOut ? <span className="rounded bg-stone-800 px-2 py-0.5 text-xs font-semibold text-white">{t("catalog.badge.soldOut")}</span> : null}
      {preSale && !soldOut ? (
        <span className="rounded bg-persimmon-600 px-2 py-0.5 text-xs font-semibold text-white">{t("catalog.badge.preSale")}</span>
      ) : null}
    </p>
  );
}
