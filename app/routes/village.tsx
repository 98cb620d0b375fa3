import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "~/components/Breadcrumbs";
import { CooperativeCard } from "~/components/CooperativeCard";
import { ExperienceGrid } from "~/components/ExperienceCard";
import { ListingImage } from "~/components/ListingImage";
import { Paragraphs } from "~/components/Paragraphs";
import { ProductGrid } from "~/components/ProductCard";
import { SectionHeading } from "~/components/SectionHeading";
import { StayGrid } from "~/components/StayCard";
import type { MessageKey } from "~/locales";
import { listExperiences } from "~/modules/catalog/experiences.server";
import { formatLocation } from "~/modules/catalog/listing-display";
import { absoluteUrl, metaContext, notFoundMeta, villageJsonLd } from "~/modules/catalog/listing-meta";
import { isSlug } from "~/modules/catalog/listing-params";
import { listProducts } from "~/modules/catalog/products.server";
import { listStays } from "~/modules/catalog/stays.server";
import { getVillageBySlug, listVillageCooperatives } from "~/modules/catalog/villages.server";
import type { VillageHighlight } from "../../db/schema/villages";
import { getDb } from "~/utils/db.server";
import { loaderHeaders } from "~/utils/headers";
import { notFound, publicHeaders } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

const SHOWN = 8;

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug;
  if (!isSlug(slug)) notFound();
  const db = getDb();
  // Everything is keyed by the slug, so the page is one round of parallel queries.
  const [village, cooperatives, products, stays, experiences] = await Promise.all([
    getVillageBySlug(db, slug),
    listVillageCooperatives(db, slug),
    listProducts(db, { village: slug, pageSize: SHOWN }),
    listStays(db, { village: slug, pageSize: SHOWN }),
    listExperiences(db, { village: slug, pageSize: SHOWN, now: new Date() }),
  ]);
  if (!village) notFound();
  return data({ village, cooperatives, products, stays, experiences }, { headers: publicHeaders() });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { lang, t, origin, siteName } = metaContext(args);
  const village = args.data?.village;
  if (!village) return notFoundMeta(t);
  return seoMeta({
    title: pick(lang, village.nameZh, village.nameEn),
    description: pick(lang, village.summaryZh, village.summaryEn) || pick(lang, village.storyZh, village.storyEn),
    siteName,
    image: absoluteUrl(origin, village.coverImage) || undefined,
    jsonLd: villageJsonLd(lang, origin, village),
  });
};

const HIGHLIGHT_KIND: Record<VillageHighlight["kind"], MessageKey> = {
  culture: "places.highlight.culture",
  heritage: "places.highlight.heritage",
  scenery: "places.highlight.scenery",
  food: "places.highlight.food",
};

export default function VillagePage() {
  const { village, cooperatives, products, stays, experiences } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const name = pick(lang, village.nameZh, village.nameEn);
  const summary = pick(lang, village.summaryZh, village.summaryEn);
  const highlights = village.highlights.filter((h) => pick(lang, h.zh, h.en));
  const nothing = !products.total && !stays.total && !experiences.total && !cooperatives.length;
  return (
    <article className="space-y-10">
      <div>
        <Breadcrumbs items={[{ to: "/villages", label: t("places.villages.title") }, { label: name }]} />
        <header className="mb-4">
          <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{name}</h1>
          <p className="mt-1 text-stone-700">
            <span className="sr-only">{t("places.village.location")}: </span>
            {formatLocation(lang, village)}
          </p>
          {summary ? <p className="mt-2 max-w-3xl text-lg text-stone-800">{summary}</p> : null}
        </header>
        <ListingImage src={village.coverImage} alt={name} width={1200} height={675} eager className="max-h-[26rem] rounded-lg" />
      </div>

      <div className="grid grid-cols-1 gap-8 lg:grid-cols-3">
        <section aria-labelledby="village-story" className="lg:col-span-2">
          <SectionHeading id="village-story" title={t("places.village.story")} />
          <Paragraphs text={pick(lang, village.storyZh, village.storyEn)} />
        </section>
        {highlights.length ? (
          <section aria-labelledby="village-highlights">
            <SectionHeading id="village-highlights" title={t("places.village.highlights")} />
            <ul className="space-y-3">
              {highlights.map((h, i) => (
                <li key={i} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-stone-200">
                  <span className="mb-1 inline-block rounded-full bg-earth-100 px-2 py-0.5 text-xs font-medium text-earth-700">
                    {HIGHLIGHT_KIND[h.kind] ? t(HIGHLIGHT_KIND[h.kind]) : h.kind}
                  </span>
                  <p className="text-stone-800">{pick(lang, h.zh, h.en)}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>

      {products.items.length ? (
        <section aria-labelledby="village-products">
          <SectionHeading
            id="village-products"
            title={t("places.village.products")}
            more={products.total > products.items.length ? { to: `/products?village=${village.slug}`, label: t("places.village.productsAll") } : undefined}
          />
          <ProductGrid products={products.items} />
        </section>
      ) : null}

      {stays.items.length ? (
        <section aria-labelledby="village-stays">
          <SectionHeading
            id="village-stays"
            title={t("places.village.stays")}
            more={stays.total > stays.items.length ? { to: `/stays?village=${village.slug}`, label: t("places.village.staysAll") } : undefined}
          />
          <StayGrid stays={stays.items} />
        </section>
      ) : null}

      {experiences.items.length ? (
        <section aria-labelledby="village-experiences">
          <SectionHeading
            id="village-experiences"
            title={t("places.village.experiences")}
            more={
              experiences.total > experiences.items.length
                ? { to: `/experiences?village=${village.slug}`, label: t("places.village.experiencesAll") }
                : undefined
            }
          />
          <ExperienceGrid experiences={experiences.items} />
        </section>
      ) : null}

      {cooperatives.length ? (
        <section aria-labelledby="village-cooperatives">
          <SectionHeading id="village-cooperatives" title={t("places.village.cooperatives")} />
          <ul className="grid grid-cols-1 gap-4 min-[480px]:grid-cols-2 lg:grid-cols-3">
            {cooperatives.map((c) => (
              <li key={c.slug}>
                <CooperativeCard cooperative={c} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {nothing ? <p className="rounded-lg bg-white p-6 text-stone-700">{t("places.village.nothing")}</p> : null}
    </article>
  );
}
