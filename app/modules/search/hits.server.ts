// One way to turn a stored search document into a hit, whichever engine found it.
import type { CategoryKey, CertificationKey } from "~/modules/catalog/types";
import { type Lang, localePath, pick } from "~/utils/i18n";
import type { SearchDoc } from "./documents.server";
import { highlightParts } from "./highlight";
import type { SearchHit, SearchType } from "./types";

const PATHS: Record<SearchType, string> = {
  product: "/products/",
  stay: "/stays/",
  experience: "/experiences/",
  village: "/villages/",
};

export function hitFromDoc(
  doc: SearchDoc,
  lang: Lang,
  highlight: { terms: readonly string[]; sku?: string },
): SearchHit {
  const title = pick(lang, doc.title_zh, doc.title_en);
  const parts = highlightParts(title, highlight.terms);
  const d = doc.display;
  const hit: SearchHit = {
    type: doc.type,
    id: doc.entityId,
    slug: doc.slug,
    title,
    titleParts: parts,
    snippet: pick(lang, d.snippetZh, d.snippetEn),
    url: localePath(lang, `${PATHS[doc.type]}${doc.slug}`),
    image: d.image,
    village: d.village && doc.type !== "village" ? { slug: d.village.slug, name: pick(lang, d.village.zh, d.village.en) } : null,
    cooperative: d.cooperative ? { slug: d.cooperative.slug, name: pick(lang, d.cooperative.zh, d.cooperative.en) } : null,
    priceFrom: doc.priceFrom,
    category: (doc.category as CategoryKey | null) ?? null,
    certifications: doc.certifications as CertificationKey[],
  };
  if (highlight.sku) {
    const sku = doc.skus.find((s) => s.toLowerCase() === highlight.sku);
    if (sku) hit.sku = sku;
  }
  return hit;
}
