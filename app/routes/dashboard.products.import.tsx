// Importing a product CSV in the page: the same importer as `npm run import`, for the acting
// cooperative, all or nothing; the result (counts, or every bad row) is shown right here.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ImportCounts, ImportErrors } from "~/components/dashboard/products/ImportReport";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { SubmitButton } from "~/components/forms/Fields";
import { requireSeller } from "~/modules/accounts/auth.server";
import { formatImportError } from "~/modules/imports/errors";
import { REQUIRED_PRODUCT_CSV_COLUMNS, PRODUCT_CSV_COLUMNS } from "~/modules/imports/product-row";
import { importProductsCsv } from "~/modules/imports/products-csv.server";
import { MAX_UPLOAD_BYTES } from "~/modules/seller-products/limits";
import { readUploadedCsv } from "~/modules/seller-products/upload.server";
import { getDb } from "~/utils/db.server";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;
// A file with thousands of bad rows still makes a readable page.
const SHOWN_ERRORS = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSeller(request);
  const required = new Set<string>(REQUIRED_PRODUCT_CSV_COLUMNS);
  const columns = PRODUCT_CSV_COLUMNS.map((name) => ({ name, required: required.has(name) }));
  return data({ columns }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const lang = langFromRequest(request);
  const upload = await readUploadedCsv(request);
  if (!upload.ok) {
    const status = upload.reason === "too_large" ? 413 : 400;
    return data({ kind: "refused" as const, reason: upload.reason }, { status });
  }
  const result = await importProductsCsv(db, { cooperativeId: seller.membership.cooperativeId, file: upload.file });
  if (!result.ok) {
    const errors = result.errors.slice(0, SHOWN_ERRORS).map((e) => ({ line: e.line, column: e.column, message: formatImportError(e, lang) }));
    return data({ kind: "errors" as const, errors, total: result.errors.length }, { status: 400 });
  }
  return data({ kind: "imported" as const, products: result.products, variants: result.variants });
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction = ({ location }) => {
  const t = translator(langFromPath(location.pathname));
  return [{ title: `${t("productsDashboard.import.title")} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

const REFUSALS = {
  too_large: "productsDashboard.import.error.tooLarge",
  no_file: "productsDashboard.import.error.noFile",
  malformed: "productsDashboard.import.error.malformed",
} as const;

const link = "inline-flex min-h-11 items-center text-tea-800 underline";

export default function ImportProducts() {
  const { columns } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  return (
    <section aria-labelledby="import-title" className="space-y-4">
      <h1 id="import-title" className="text-xl font-semibold">
        {t("productsDashboard.import.title")}
      </h1>
      <p className="text-stone-800">{t("productsDashboard.import.intro")}</p>
      <ul className="flex flex-wrap gap-x-6">
        <li>
          <a href={localePath(lang, "/dashboard/products/export?template=1")} className={link} download>
            {t("productsDashboard.import.template")}
          </a>
        </li>
        <li>
          <a href={localePath(lang, "/dashboard/products/export")} className={link} download>
            {t("productsDashboard.import.exportCurrent")}
          </a>
        </li>
      </ul>

      {answer?.kind === "imported" ? <ImportCounts products={answer.products} variants={answer.variants} /> : null}
      {answer?.kind === "errors" ? <ImportErrors errors={answer.errors} total={answer.total} /> : null}

      <Form method="post" encType="multipart/form-data" className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-stone-800">
            {t("productsDashboard.import.file", { n: MAX_MB })}
          </label>
          <input
            id="import-file"
            type="file"
            name="file"
            required
            accept=".csv,text/csv"
            aria-invalid={answer?.kind === "refused" || undefined}
            aria-describedby={answer?.kind === "refused" ? "import-file-error" : undefined}
            className="mt-1 block min-h-11 w-full rounded-lg border border-stone-300 bg-white p-2 text-base"
          />
          {answer?.kind === "refused" ? (
            <p id="import-file-error" role="alert" className="mt-1 text-sm text-red-700">
              {t(REFUSALS[answer.reason], { n: MAX_MB })}
            </p>
          ) : null}
        </div>
        <SubmitButton intent="import" className="w-full sm:w-auto">
          {t("productsDashboard.import.submit")}
        </SubmitButton>
      </Form>

      <section aria-labelledby="import-columns" className="space-y-2">
        <h2 id="import-columns" className="text-lg font-semibold">
          {t("productsDashboard.import.columns")}
        </h2>
        <div className="overflow-x-auto rounded-xl bg-white shadow-sm" tabIndex={0} role="region" aria-labelledby="import-columns">
          <table className="w-full text-left text-sm">
            <thead className="bg-stone-100 text-stone-700">
              <tr>
                <th scope="col" className="p-2">{t("productsDashboard.import.colName")}</th>
                <th scope="col" className="p-2">{t("productsDashboard.import.colRequired")}</th>
                <th scope="col" className="p-2">{t("productsDashboard.import.colNotes")}</th>
              </tr>
            </thead>
            <tbody>
              {columns.map((c) => (
                <tr key={c.name} className="border-t border-stone-200 align-top">
                  <th scope="row" className="p-2 font-mono font-normal">{c.name}</th>
                  <td className="p-2">{t(c.required ? "productsDashboard.import.required" : "productsDashboard.import.optional")}</td>
                  <td className="p-2">{t(`productsDashboard.import.col.${c.name}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
