// schema.org Product for the product page (client-safe: `meta` also runs in the browser).
// Prices are yuan strings with two decimals ("168.00"), as Google's Merchant listings expect.
import { type Photo, absoluteMediaUrl, largestPhotoUrl } from "~/modules/media/photo";
import { type Lang, localePath, pick } from "~/utils/i18n";
import { centsToYuan, isPreSale } from "./product-display";
import { type ProductDetail, type ProductVariantData, productImage } from "./types";

const SCHEMA = "https://schema.org/";

export type Availability = "InStock" | "OutOfStock" | "PreOrder";

export function variantAvailability(variant: Pick<ProductVariantData, "stock" | "shipsFrom">, today: string): Availability {
  if (variant.stock <= 0) return "OutOfStock";
  return isPreSale(variant.shipsFrom, today) ? "PreOrder" : "InStock";
}

/** The best availability among the variants: something buyable now beats pre-order beats sold out. */
function bestAvailability(list: Availability[]): Availability {
  if (list.includes("InStock")) return "InStock";
  if (list.includes("PreOrder")) return "PreOrder";
  return "OutOfStock";
}

export function productJsonLd(
  product: ProductDetail & { photos?: Photo[] },
  opts: { origin: string; lang: Lang; today: string; categoryName?: string },
): Record<string, unknown> {
  const { origin, lang, today } = opts;
  const url = origin + localePath(lang, `/products/${product.slug}`);
  // Uploaded pictures (the largest WebP of each, cover first), else the category's art.
  const photos = (product.photos ?? []).map((p) => absoluteMediaUrl(origin, largestPhotoUrl(p)));
  const art = productImage(product);
  const offers = product.variants.map((v) => {
    const availability = variantAvailability(v, today);
    return {
      "@type": "Offer",
      sku: v.sku,
      name: pick(lang, v.nameZh, v.nameEn),
      price: centsToYuan(v.priceCents),
      priceCurrency: "CNY",
      availability: SCHEMA + availability,
      ...(availability === "PreOrder" && v.shipsFrom ? { availabilityStarts: v.shipsFrom } : {}),
      url,
    };
  });
  const ld: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "Product",
    name: pick(lang, product.titleZh, product.titleEn),
    url,
    image: photos.length > 1 ? photos : (photos[0] ?? absoluteMediaUrl(origin, art)),
    brand: { "@type": "Brand", name: pick(lang, product.cooperative.nameZh, product.cooperative.nameEn) },
  };
  const description = pick(lang, product.descriptionZh, product.descriptionEn).replace(/\s+/g, " ").trim();
  if (description) ld.description = description.slice(0, 5000);
  if (opts.categoryName) ld.category = opts.categoryName;
  if (offers.length === 1) {
    ld.sku = offers[0]!.sku;
    ld.offers = offers[0];
  } else if (offers.length > 1) {
    const prices = product.variants.map((v) => v.priceCents);
    ld.offers = {
      "@type": "AggregateOffer",
      priceCurrency: "CNY",
      lowPrice: centsToYuan(Math.min(...prices)),
      highPrice: centsToYuan(Math.max(...prices)),
      offerCount: offers.length,
      availability: SCHEMA + bestAvailability(product.variants.map((v) => variantAvailability(v, today))),
      offers,
    };
  }
  return ld;
}
