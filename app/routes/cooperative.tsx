import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/Breadcrumbs";
import { KIND_MESSAGE } from "~/components/CooperativeCard";
import { ExperienceGrid } from "~/components/ExperienceCard";
import { LocaleLink } from "~/components/LocaleLink";
import { Pagination } from "~/components/Pagination";
import { Paragraphs } from "~/components/Paragraphs";
import { ProductGrid } from "~/components/ProductCard";
import { SectionHeading } from "~/components/SectionHeading";
import { StayGrid } from "~/components/StayCard";
import { getCooperativeBySlug } from "~/modules/catalog/cooperatives.server";
import { listExperiences } from "~/modules/catalog/experiences.server";
import { cooperativeJsonLd, metaContext, notFoundMeta } from "~/modules/catalog/listing-meta";
import { isSlug, parsePage } from "~/modules/catalog/listing-params";
import { listProducts } from "~/modules/catalog/products.server";
import { listStays } from "~/modules/catalog/stays.server";
import { getDb } from "~/utils/db.server";
import { loaderHeaders } from "~/utils/headers";
import { notFound, publicHeaders } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

const PRODUCTS_PER_PAGE = 12;

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isSlug(params.slug)) notFound();
  const db = getDb();
  const cooperative = await getCooperativeBySlug(db, params.slug);
  if (!cooperative) notFound();
  const page = parsePage(new URL(request.url).searchParams);
  const [products, stays, experiences] = await Promise.all([
    listProducts(db, { cooperativeId: cooperative.id, page, pageSize: PRODUCTS_PER_PAGE }),
    listStays(db, { cooperativeId: cooperative.id, pageSize: 24 }),
    listExperiences(db, { cooperativeId: cooperative.id, pageSize: 24, now: new Date() }),
  ]);
  const { id: _id, ...publicCooperative } = cooperative;
  return data({ cooperative: publicCooperative, products, stays, experiences }, { headers: publicHeaders() });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { lang, t, origin, siteName } = metaContext(args);
  const cooperative = args.data?.cooperative;
  if (!cooperative) return notFoundMeta(t);
  const name = pick(lang, cooperative.nameZh, cooperative.nameEn);
  return seoMeta({
    title: name,
    description: pick(lang, cooperative.storyZh, cooperative.storyEn) || `${name} · ${t(KIND_MESSAGE[cooperative.kind])}`,
    siteName,
    jsonLd: cooperativeJsonLd(lang, origin, cooperative),
  });
};

export default function CooperativePage() {
  const { cooperative, products, stays, experiences } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const name = pick(lang, cooperative.nameZh, cooperative.nameEn);
  const story = pick(lang, cooperative.storyZh, cooperative.storyEn);
  const village = cooperative.village;
  return (
    <article className="space-y-10">
      <div>
        <Breadcrumbs
          items={[
            ...(village
              ? [
                  { to: "/villages", label: t("places.villages.title") },
                  { to: `/villages/${village.slug}`, label: pick(lang, village.nameZh, village.nameEn) },
                ]
              : []),
            { label: name },
          ]}
        />
        <header>
          <p className="text-sm font-medium text-earth-700">{t(KIND_MESSAGE[cooperative.kind])}</p>
          <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{name}</h1>
          <p className="mt-1 flex flex-wrap gap-x-3 text-stone-700">
            {village ? (
              <LocaleLink to={`/villages/${village.slug}`} className="inline-flex min-h-11 items-center text-tea-800 underline-offset-4 hover:underline">
                {t("places.coop.village", { village: pick(lang, village.nameZh, village.nameEn) })}
              </LocaleLink>
            ) : null}
            {cooperative.foundedYear ? (
              <span className="inline-flex min-h-11 items-center">{t("places.coop.founded", { year: cooperative.foundedYear })}</span>
            ) : null}
          </p>
        </header>
      </div>

      {story ? (
        <section aria-labelledby="coop-story" className="max-w-3xl">
          <SectionHeading id="coop-story" title={t("places.coop.story")} />
          <Paragraphs text={story} />
        </section>
      ) : null}

      {products.total > 0 ? (
        <section aria-labelledby="coop-products">
          <SectionHeading id="coop-products" title={t("places.coop.products")} />
          <ProductGrid products={products.items} />
          <Pagination page={products.page} pages={products.pages} />
        </section>
      ) : null}

      {stays.items.length ? (
        <section aria-labelledby="coop-stays">
          <SectionHeading id="coop-stays" title={t("places.coop.stays")} />
          <StayGrid stays={stays.items} />
        </section>
      ) : null}

      {experiences.items.length ? (
        <section aria-labelledby="coop-experiences">
          <SectionHeading id="coop-experiences" title={t("places.coop.experiences")} />
          <ExperienceGrid experiences={experiences.items} />
        </section>
      ) : null}

      {!products.total && !stays.items.length && !experiences.items.length ? (
        <p className="rounded-lg bg-white p-6 text-stone-700">{t("places.coop.noProducts")}</p>
      ) : null}
    </article>
  );
}
