import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ExperienceGrid } from "~/components/ExperienceCard";
import { Pagination } from "~/components/Pagination";
import { listExperienceVillages, listExperiences } from "~/modules/catalog/experiences.server";
import { plural } from "~/modules/catalog/listing-display";
import { metaContext } from "~/modules/catalog/listing-meta";
import { parseExperiencesQuery } from "~/modules/catalog/listing-params";
import { getDb } from "~/utils/db.server";
import { loaderHeaders } from "~/utils/headers";
import { publicHeaders } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { seoMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const query = parseExperiencesQuery(new URL(request.url).searchParams);
  const db = getDb();
  const [result, villages] = await Promise.all([
    listExperiences(db, { village: query.village, page: query.page, now: new Date() }),
    listExperienceVillages(db),
  ]);
  return data({ query, result, villages }, { headers: publicHeaders() });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { t, siteName } = metaContext(args);
  return seoMeta({ title: t("experiences.title"), description: t("experiences.metaDescription"), siteName });
};

export default function ExperiencesPage() {
  const { query, result, villages } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t("experiences.title")}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{t("experiences.intro")}</p>
      </header>

      {villages.length > 1 ? (
        <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-stone-200 bg-white p-4">
          <label className="block min-w-56 flex-1 text-sm font-medium text-stone-800 sm:flex-none">
            {t("experiences.filter.village")}
            <select
              name="village"
              defaultValue={query.village ?? ""}
              className="mt-1 block min-h-11 w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base text-stone-900"
            >
              <option value="">{t("experiences.filter.anyVillage")}</option>
              {villages.map((v) => (
                <option key={v.slug} value={v.slug}>
                  {pick(lang, v.nameZh, v.nameEn)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-full bg-tea-700 px-6 py-2 font-medium text-white hover:bg-tea-800">
            {t("experiences.filter.submit")}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="experiences-results">
        <h2 id="experiences-results" className="mb-4 text-lg font-semibold text-stone-900">
          {plural(t, "experiences.results", result.total)}
        </h2>
        {result.items.length ? (
          <ExperienceGrid experiences={result.items} />
        ) : (
          <p className="rounded-lg bg-white p-6 text-stone-700">{t("experiences.empty")}</p>
        )}
        <Pagination page={result.page} pages={result.pages} />
      </section>
    </div>
  );
}
