// A product's stock: each variant's count with an adjustment form (intent "adjust"), and the
// history of adjustments. A change that would take stock below zero is refused with 409.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { StockAdjustForm } from "~/components/dashboard/products/StockAdjustForm";
import { StockHistory } from "~/components/dashboard/products/StockHistory";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSeller } from "~/modules/accounts/auth.server";
import { getSellerProduct } from "~/modules/seller-products/products.server";
import { actingOnProduct, readFormData } from "~/modules/seller-products/respond.server";
import { MAX_STOCK, parseRowId, stockAdjustmentSchema } from "~/modules/seller-products/schemas";
import { HISTORY_LIMIT, adjustStock, listStockHistory } from "~/modules/seller-products/stock.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath, pick } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const cooperativeId = seller.membership.cooperativeId;
  const productId = parseRowId(params.productId) ?? notFound();
  const product = await getSellerProduct(db, cooperativeId, productId);
  if (!product) notFound();
  const history = await listStockHistory(db, cooperativeId, productId);
  return data(
    {
      product: { id: product.id, titleZh: product.titleZh, titleEn: product.titleEn },
      variants: product.variants.map((v) => ({
        id: v.id,
        sku: v.sku,
        nameZh: v.nameZh,
        nameEn: v.nameEn,
        stock: v.stock,
        version: v.updatedAt.toISOString(),
      })),
      history: history.map((h) => ({ ...h, createdAt: h.createdAt.toISOString() })),
      historyLimit: HISTORY_LIMIT,
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, seller, cooperativeId, productId } = await actingOnProduct(request, params);
  const formData = await readFormData(request);
  const variantId = String(formData.get("variantId") ?? "");
  const submission = parseForm(formData, stockAdjustmentSchema);
  if (submission.status !== "success") {
    return data({ variantId, result: submission.reply() }, { status: submission.status === "error" ? 400 : 200 });
  }
  const { delta, reason, note } = submission.value;
  const result = await adjustStock(db, { cooperativeId, productId, variantId: submission.value.variantId, delta, reason, note, userId: seller.user.id });
  if (!result.ok) {
    if (result.reason === "not_found") notFound();
    const message = result.reason === "negative" ? `productsDashboard.stock.error.negative:${result.stock}` : `productsDashboard.stock.error.tooLarge:${MAX_STOCK}`;
    return data({ variantId, result: submission.reply({ formErrors: [message] }) }, { status: result.reason === "negative" ? 409 : 422 });
  }
  // POST → redirect → GET: reloading the page never repeats an adjustment.
  throw redirect(localePath(langFromRequest(request), `/dashboard/products/${productId}/stock?adjusted=${submission.value.variantId}`));
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction<typeof loader> = ({ data: loaded, location }) => {
  const lang = langFromPath(location.pathname);
  const t = translator(lang);
  const title = t("productsDashboard.stock.title", { title: loaded ? pick(lang, loaded.product.titleZh, loaded.product.titleEn) : "" });
  return [{ title: `${title} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

export default function ProductStock() {
  const { product, variants, history, historyLimit } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const adjusted = variants.find((v) => String(v.id) === search.get("adjusted"));
  return (
    <section aria-labelledby="stock-title" className="space-y-4">
      <LocaleLink to={`/dashboard/products/${product.id}`} className="inline-flex min-h-11 items-center text-tea-800 underline">
        {t("productsDashboard.stock.backToProduct")}
      </LocaleLink>
      <h1 id="stock-title" className="text-xl font-semibold">
        {t("productsDashboard.stock.title", { title: pick(lang, product.titleZh, product.titleEn) })}
      </h1>
      <p className="text-stone-700">{t("productsDashboard.stock.intro")}</p>
      {adjusted && !answer ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t("productsDashboard.stock.done", { variant: pick(lang, adjusted.nameZh, adjusted.nameEn), n: adjusted.stock })}
        </p>
      ) : null}
      <div className="space-y-3">
        {variants.map((v) => (
          <StockAdjustForm
            // A new version after an adjustment starts the form afresh (no second +20 by accident).
            key={`${v.id}-${v.version}`}
            variant={v}
            lastResult={answer && answer.variantId === String(v.id) ? answer.result : undefined}
          />
        ))}
      </div>
      <StockHistory rows={history} limit={historyLimit} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
