import { type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/Pagination";
import { VillageGrid } from "~/components/VillageCard";
import { metaContext } from "~/modules/catalog/listing-meta";
import { parsePage } from "~/modules/catalog/listing-params";
import { listVillages } from "~/modules/catalog/villages.server";
import { getDb } from "~/utils/db.server";
import { loaderHeaders } from "~/utils/headers";
import { publicHeaders } from "~/utils/http.server";
import { seoMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export const headers = loaderHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const page = parsePage(new URL(request.url).searchParams);
  const result = await listVillages(getDb(), { page });
  return data({ result }, { headers: publicHeaders() });
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const { t, siteName } = metaContext(args);
  return seoMeta({ title: t("places.villages.title"), description: t("places.villages.metaDescription"), siteName });
};

export default function VillagesPage() {
  const { result } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold text-stone-900 sm:text-3xl">{t("places.villages.title")}</h1>
        <p className="mt-2 max-w-3xl text-stone-700">{t("places.villages.intro")}</p>
      </header>
      {result.items.length ? (
        <VillageGrid villages={result.items} headingLevel={2} />
      ) : (
        <p className="rounded-lg bg-white p-6 text-stone-700">{t("places.villages.empty")}</p>
      )}
      <Pagination page={result.page} pages={result.pages} />
    </div>
  );
}
