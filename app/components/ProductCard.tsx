import type { ProductCardData } from "~/modules/catalog/types";
import { productImage } from "~/modules/catalog/types";
import type { Photo } from "~/modules/media/photo";
import { pick } from "~/utils/i18n";
import { useLang, useT } from "~/utils/t";
import { CertificationBadges, StockFlags } from "./CatalogBadges";
import { ListingImage } from "./ListingImage";
import { LocaleLink } from "./LocaleLink";
import { Price } from "./Price";

type CardProduct = ProductCardData & { photo?: Photo | null };

// The grid: one column at 360 px, two from 480, three from md (768), four from lg (1024).
const CARD_SIZES = "(min-width: 1024px) 18rem, (min-width: 768px) 33vw, (min-width: 480px) 50vw, 100vw";

/**
 * One product in a grid. The whole card is the link (a stretched link on the title), so the
 * touch target is the card. The category art is decorative (the title names the product); an
 * uploaded cover photo says what it shows in the seller's words.
 * `headingLevel` follows the page's outline: h3 under an h2 section (the default).
 */
export function ProductCard({ product, headingLevel = 3 }: { product: CardProduct; headingLevel?: 2 | 3 | 4 }) {
  const t = useT();
  const lang = useLang();
  const Heading = `h${headingLevel}` as const;
  const title = pick(lang, product.titleZh, product.titleEn);
  const seller = pick(lang, product.cooperativeNameZh, product.cooperativeNameEn);
  const village = product.villageNameZh ? pick(lang, product.villageNameZh, product.villageNameEn) : null;
  return (
    <article className="relative flex h-full flex-col overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm transition hover:shadow-md has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-tea-700">
      <div className="relative">
        <ListingImage src={productImage(product)} photo={product.photo} width={800} height={600} sizes={CARD_SIZES} />
        <StockFlags soldOut={product.soldOut} preSale={product.preSale} />
      </div>
      <div className="flex flex-1 flex-col gap-2 p-3">
        <Heading className="text-base font-semibold leading-snug text-stone-900">
          <LocaleLink to={`/products/${product.slug}`} className="after:absolute after:inset-0 focus-visible:outline-none" prefetch="intent">
            {title}
          </LocaleLink>
        </Heading>
        <p className="text-sm text-stone-600">{village ? t("catalog.card.origin", { village, seller }) : seller}</p>
        <CertificationBadges certs={product.certifications} />
        <p className="mt-auto pt-1 text-lg font-semibold text-persimmon-600">
          <Price cents={product.priceFromCents} from />
        </p>
      </div>
    </article>
  );
}

/** A responsive grid of product cards: one column at 360 px, up to four on wide screens. */
export function ProductGrid({ products, headingLevel = 3 }: { products: CardProduct[]; headingLevel?: 2 | 3 | 4 }) {
  return (
    <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 md:grid-cols-3 lg:grid-cols-4">
      {products.map((product) => (
        <li key={product.slug}>
          <ProductCard product={product} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
