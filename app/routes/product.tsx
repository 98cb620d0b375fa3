import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { AddToCart } from "~/components/cart/AddToCart";
import { CertificationBadges } from "~/components/CatalogBadges";
import { ErrorPage } from "~/components/ErrorPage";
import { ListingImage } from "~/components/ListingImage";
import { LocaleLink } from "~/components/LocaleLink";
import { Price } from "~/components/Price";
import { ProductGrid } from "~/components/ProductCard";
import { isPreSale, stockState, formatHarvestSeason } from "~/modules/catalog/product-display";
import { productJsonLd } from "~/modules/catalog/product-jsonld";
import { getProductBySlug, listRelatedProducts } from "~/modules/catalog/products.server";
import { type ProductVariantData, productImage } from "~/modules/catalog/types";
import { absoluteMediaUrl, largestPhotoUrl } from "~/modules/media/photo";
import type { loader as rootLoader } from "~/root";
import { getDb } from "~/utils/db.server";
import { formatDate, formatPrice, todayInShanghai } from "~/utils/format";
import { loaderHeaders } from "~/utils/headers";
import { publicHeaders } from "~/utils/http.server";
import { langFromPath, pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { translator, useLang, useT } from "~/utils/t";

// Anything else cannot be a product slug: answer 404 without asking the database.
const SLUG = /^[a-z0-9-]{1,120}$/;

function notFound(): never {
  throw data({ message: "Product not found" }, { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
}

// Publicly cacheable: nothing here reads the session or the cart (the add-to-cart forms post to
// /cart; entry.server makes the page private for browsers whose header shows their cart).
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  if (!SLUG.test(slug)) notFound();
  const db = getDb();
  const product = await getProductBySlug(db, slug);
  if (!product) notFound();
  const related = await listRelatedProducts(db, product, 4);
  // The server's "today" (Shanghai) decides pre-sale, so server and browser render the same.
  return data({ product, related, today: todayInShanghai() }, { headers: publicHeaders() });
}

export const headers = loaderHeaders;

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ data, error, location, matches }) => {
  const lang = langFromPath(location.pathname);
  const t = translator(lang);
  if (!data) {
    const kind = isRouteErrorResponse(error) && error.status === 404 ? "notFound" : "server";
    return seoMeta({ title: t(`error.${kind}.title`), description: t(`error.${kind}.body`), siteName: t("site.name") });
  }
  const { product, today } = data;
  const origin = matches.find((m) => m.id === "root")?.data?.origin ?? "";
  const title = pick(lang, product.titleZh, product.titleEn);
  const seller = pick(lang, product.cooperative.nameZh, product.cooperative.nameEn);
  const price = formatPrice(product.priceFromCents);
  const description =
    pick(lang, product.descriptionZh, product.descriptionEn) ||
    (product.village
      ? t("catalog.product.metaDescriptionVillage", { title, seller, price, village: pick(lang, product.village.nameZh, product.village.nameEn) })
      : t("catalog.product.metaDescription", { title, seller, price }));
  const cover = product.photos[0];
  return seoMeta({
    title,
    description,
    siteName: t("site.name"),
    image: absoluteMediaUrl(origin, cover ? largestPhotoUrl(cover) : productImage(product)),
    jsonLd: productJsonLd(product, { origin, lang, today, categoryName: t(`catalog.category.${product.category}`) }),
  });
};

// Our own boundary (not the root's) so that a 404 keeps this route's title and Cache-Control.
export function ErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}

function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

export default function ProductPage() {
  const { product, related, today } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const title = pick(lang, product.titleZh, product.titleEn);
  const category = t(`catalog.category.${product.category}`);
  const description = paragraphs(pick(lang, product.descriptionZh, product.descriptionEn));
  return (
    <article className="space-y-10">
      <nav aria-label={t("common.breadcrumb")} className="text-sm text-stone-700">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <LocaleLink to="/" className="underline hover:text-tea-800">
              {t("nav.home")}
            </LocaleLink>
            <span aria-hidden="true"> / </span>
          </li>
          <li>
            <LocaleLink to="/products" className="underline hover:text-tea-800">
              {t("nav.products")}
            </LocaleLink>
            <span aria-hidden="true"> / </span>
          </li>
          <li>
            <LocaleLink to={`/products?category=${product.category}`} className="underline hover:text-tea-800">
              {category}
            </LocaleLink>
            <span aria-hidden="true"> / </span>
          </li>
          <li aria-current="page" className="text-stone-900">
            {title}
          </li>
        </ol>
      </nav>

      <div className="grid grid-cols-1 gap-6 md:grid-cols-2 md:gap-10">
        <div className="space-y-2">
          <ListingImage
            src={productImage(product)}
            photo={product.photos[0]}
            alt={product.photos[0] ? undefined : title}
            width={800}
            height={600}
            eager
            sizes="(min-width: 1152px) 34rem, (min-width: 768px) 50vw, 100vw"
            className="rounded-lg"
          />
          {product.photos.length > 1 ? (
            <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
              {product.photos.slice(1).map((photo) => (
                <li key={photo.src}>
                  <ListingImage photo={photo} width={400} height={300} sizes="(min-width: 768px) 12vw, 33vw" className="rounded-md" />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="space-y-4">
          <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{title}</h1>
          <p className="text-2xl font-semibold text-persimmon-600">
            <Price cents={product.priceFromCents} from={product.variants.length > 1} />
          </p>
          <CertificationBadges certs={product.certifications} />
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-base">
            <dt className="text-stone-600">{t("catalog.product.category")}</dt>
            <dd>
              <LocaleLink to={`/products?category=${product.category}`} className="text-tea-700 underline hover:text-tea-800">
                {category}
              </LocaleLink>
            </dd>
            {product.village ? (
              <>
                <dt className="text-stone-600">{t("catalog.product.origin")}</dt>
                <dd>
                  <LocaleLink to={`/villages/${product.village.slug}`} className="text-tea-700 underline hover:text-tea-800">
                    {pick(lang, product.village.nameZh, product.village.nameEn)}
                  </LocaleLink>
                </dd>
              </>
            ) : null}
            <dt className="text-stone-600">{t("catalog.product.seller")}</dt>
            <dd>
              <LocaleLink to={`/cooperatives/${product.cooperative.slug}`} className="text-tea-700 underline hover:text-tea-800">
                {pick(lang, product.cooperative.nameZh, product.cooperative.nameEn)}
              </LocaleLink>
              <span className="text-stone-600"> · {t(`kind.${product.cooperative.kind}`)}</span>
            </dd>
            {product.harvestSeason ? (
              <>
                <dt className="text-stone-600">{t("catalog.product.harvest")}</dt>
                <dd>{formatHarvestSeason(product.harvestSeason, lang)}</dd>
              </>
            ) : null}
          </dl>
        </div>
      </div>

      <section aria-labelledby="variants-heading">
        <h2 id="variants-heading" className="text-xl font-semibold">
          {t("catalog.product.variants")}
        </h2>
        <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {product.variants.map((variant) => (
            <VariantRow key={variant.sku} variant={variant} today={today} />
          ))}
        </ul>
      </section>

      {description.length ? (
        <section aria-labelledby="description-heading">
          <h2 id="description-heading" className="text-xl font-semibold">
            {t("catalog.product.description")}
          </h2>
          <div className="mt-3 max-w-prose space-y-3 leading-relaxed text-stone-800">
            {description.map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
        </section>
      ) : null}

      {related.length ? (
        <section aria-labelledby="related-heading">
          <h2 id="related-heading" className="mb-4 text-xl font-semibold">
            {t("catalog.product.related")}
          </h2>
          <ProductGrid products={related} />
        </section>
      ) : null}
    </article>
  );
}

function VariantRow({ variant, today }: { variant: ProductVariantData; today: string }) {
  const t = useT();
  const lang = useLang();
  const stock = stockState(variant.stock);
  const preSale = isPreSale(variant.shipsFrom, today);
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 p-4">
      <div>
        <p className="font-medium text-stone-900">
          {pick(lang, variant.nameZh, variant.nameEn)}
          {variant.weightG ? <span className="ml-2 text-sm text-stone-600">{t("catalog.product.weight", { weight: variant.weightG })}</span> : null}
        </p>
        <p className="text-sm text-stone-600">{t("catalog.product.sku", { sku: variant.sku })}</p>
        {preSale && variant.shipsFrom ? (
          <p className="mt-1 text-sm font-medium text-persimmon-600">
            {t("catalog.product.preSale", { date: formatDate(variant.shipsFrom, lang) })}
          </p>
        ) : null}
      </div>
      <div className="ml-auto space-y-2 text-right">
        <p className="text-lg font-semibold text-stone-900">
          <Price cents={variant.priceCents} />
        </p>
        <p
          className={`text-sm font-medium ${stock.kind === "sold_out" ? "text-stone-600" : stock.kind === "low" ? "text-persimmon-600" : "text-tea-700"}`}
        >
          {stock.kind === "sold_out"
            ? t("catalog.product.soldOut")
            : stock.kind === "low"
              ? t("catalog.product.lowStock", { count: stock.left })
              : t("catalog.product.inStock")}
        </p>
        <AddToCart sku={variant.sku} stock={variant.stock} label={pick(lang, variant.nameZh, variant.nameEn)} />
      </div>
    </li>
  );
}
