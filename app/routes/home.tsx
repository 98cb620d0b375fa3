import { type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ExperienceGrid } from "~/components/ExperienceCard";
import { LocaleLink } from "~/components/LocaleLink";
import { ProductGrid } from "~/components/ProductCard";
import { SectionHeading } from "~/components/SectionHeading";
import { StayGrid } from "~/components/StayCard";
import { VillageGrid } from "~/components/VillageCard";
import { getHomeData } from "~/modules/catalog/home.server";
import { metaContext } from "~/modules/catalog/listing-meta";
import { getDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { loaderHeaders } from "~/utils/headers";
import { langCookie, publicHeaders } from "~/utils/http.server";
import { langFromRequest } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  // The language switcher remembers an English choice in a cookie; the Chinese home honours it
  // (only the home page does, so every other URL stays what it says). The answer depends on
  // the cookie, hence Vary: Cookie on both the redirect and the page.
  if (langFromRequest(request) === "zh-CN" && langCookie(request) === "en") {
    throw redirect(`/en${new URL(request.url).search}`, { headers: { Vary: "Cookie", "Cache-Control": "private, no-cache" } });
  }
  const home = await getHomeData(getDb(), { today: todayInShanghai(), now: new Date() });
  return data(home, { headers: publicHeaders({ Vary: "Cookie" }) });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { t, siteName } = metaContext(args);
  return seoMeta({ title: t("site.tagline"), description: t("site.description"), siteName });
};

export default function HomePage() {
  const home = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-12">
      <section aria-labelledby="home-hero" className="rounded-2xl bg-tea-800 px-5 py-10 text-white sm:px-10 sm:py-14">
        <h1 id="home-hero" className="text-3xl font-bold leading-tight sm:text-4xl">
          {t("places.home.heroTitle")}
        </h1>
        <p className="mt-3 max-w-2xl text-lg text-tea-50">{t("places.home.heroBody")}</p>
        <div className="mt-6 flex flex-wrap gap-3">
          <LocaleLink to="/products" className="inline-flex min-h-11 items-center rounded-full bg-white px-6 py-2 font-semibold text-tea-800 hover:bg-tea-50">
            {t("places.home.shopCta")}
          </LocaleLink>
          <LocaleLink
            to="/stays"
            className="inline-flex min-h-11 items-center rounded-full border border-white px-6 py-2 font-semibold text-white hover:bg-tea-700"
          >
            {t("places.home.staysCta")}
          </LocaleLink>
        </div>
      </section>

      {home.villages.length ? (
        <section aria-labelledby="home-villages">
          <SectionHeading
            id="home-villages"
            title={t("places.home.villages")}
            intro={t("places.home.villagesIntro")}
            more={{ to: "/villages", label: t("common.viewAll") }}
          />
          <VillageGrid villages={home.villages} />
        </section>
      ) : null}

      {home.products.length ? (
        <section aria-labelledby="home-products">
          <SectionHeading
            id="home-products"
            title={t(home.productsInSeason ? "places.home.seasonal" : "places.home.newArrivals")}
            intro={t(home.productsInSeason ? "places.home.seasonalIntro" : "places.home.newArrivalsIntro")}
            more={{ to: "/products", label: t("common.viewAll") }}
          />
          <ProductGrid products={home.products} />
        </section>
      ) : null}

      {home.stays.length ? (
        <section aria-labelledby="home-stays">
          <SectionHeading id="home-stays" title={t("places.home.stays")} more={{ to: "/stays", label: t("common.viewAll") }} />
          <StayGrid stays={home.stays} />
        </section>
      ) : null}

      {home.experiences.length ? (
        <section aria-labelledby="home-experiences">
          <SectionHeading
            id="home-experiences"
            title={t("places.home.experiences")}
            more={{ to: "/experiences", label: t("common.viewAll") }}
          />
          <ExperienceGrid experiences={home.experiences} />
        </section>
      ) : null}
    </div>
  );
}
