// A new product with its first variants. On success: the edit page (where pictures are added next).
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ProductForm } from "~/components/dashboard/products/ProductForm";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSeller } from "~/modules/accounts/auth.server";
import { cooperativeVillageId, createSellerProduct, listVillageOptions } from "~/modules/seller-products/products.server";
import { readFormData, replyToRefusal } from "~/modules/seller-products/respond.server";
import { productFormSchema } from "~/modules/seller-products/schemas";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath } from "~/utils/i18n";
import { translator, useT } from "~/utils/t";

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const [villages, villageId] = await Promise.all([listVillageOptions(db), cooperativeVillageId(db, seller.membership.cooperativeId)]);
  return data({ villages, defaultVillageId: villageId }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const submission = parseForm(await readFormData(request), productFormSchema);
  // Adding or removing a variant (status undefined) only answers with the new list.
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const result = await createSellerProduct(db, seller.membership.cooperativeId, submission.value);
  if (!result.ok) return replyToRefusal(submission, result);
  throw redirect(localePath(langFromRequest(request), `/dashboard/products/${result.productId}?created=1`));
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction = ({ location }) => {
  const t = translator(langFromPath(location.pathname));
  return [{ title: `${t("productsDashboard.form.newTitle")} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

export default function NewProduct() {
  const { villages, defaultVillageId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <section aria-labelledby="new-product-title" className="space-y-4">
      <LocaleLink to="/dashboard/products" className="inline-flex min-h-11 items-center text-tea-800 underline">
        {t("productsDashboard.form.backToList")}
      </LocaleLink>
      <h1 id="new-product-title" className="text-xl font-semibold">
        {t("productsDashboard.form.newTitle")}
      </h1>
      <ProductForm
        lastResult={lastResult}
        defaultValue={{ status: "active", villageId: defaultVillageId ? String(defaultVillageId) : "", certifications: [], variants: [{}] }}
        villages={villages}
        storedStock={{}}
        submitLabel={t("productsDashboard.form.create")}
      />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
