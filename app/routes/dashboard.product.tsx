// Editing one of the cooperative's products: the product form (intent "save", plus Conform's
// variant list intents), and archive / restore (intents "archive", "restore").
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { type ProductFormDefaults, ProductForm } from "~/components/dashboard/products/ProductForm";
import { StatusBadge } from "~/components/dashboard/products/ProductList";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { SubmitButton } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { requireSeller } from "~/modules/accounts/auth.server";
import {
  type SellerProduct,
  getSellerProduct,
  listVillageOptions,
  setProductArchived,
  updateSellerProduct,
} from "~/modules/seller-products/products.server";
import { actingOnProduct, readFormData, replyToRefusal } from "~/modules/seller-products/respond.server";
import { centsToYuan, parseRowId, productFormSchema } from "~/modules/seller-products/schemas";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, notFound } from "~/utils/http.server";
import { langFromPath, langFromRequest, localePath, pick } from "~/utils/i18n";
import { translator, useLang, useT } from "~/utils/t";

function formDefaults(p: SellerProduct): ProductFormDefaults {
  return {
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    descriptionZh: p.descriptionZh,
    descriptionEn: p.descriptionEn,
    category: p.category,
    certifications: p.certifications,
    harvestSeason: p.harvestSeason,
    villageId: p.villageId === null ? "" : String(p.villageId),
    status: p.status === "archived" ? "draft" : p.status,
    variants: p.variants.map((v) => ({
      id: String(v.id),
      sku: v.sku,
      nameZh: v.nameZh,
      nameEn: v.nameEn,
      price: centsToYuan(v.priceCents),
      weightG: v.weightG === null ? "" : String(v.weightG),
      shipsFrom: v.shipsFrom ?? "",
    })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, {}, db);
  const productId = parseRowId(params.productId) ?? notFound();
  const [product, villages] = await Promise.all([getSellerProduct(db, seller.membership.cooperativeId, productId), listVillageOptions(db)]);
  if (!product) notFound();
  // Changes when a save changed something: the form then starts again from what is stored
  // (new variants get their ids); a refused save leaves it alone, with the typed values.
  const formKey = [product.updatedAt.toISOString(), ...product.variants.map((v) => `${v.id}:${v.updatedAt.toISOString()}`)].join("|");
  return data(
    {
      product: {
        id: product.id,
        slug: product.slug,
        handle: product.handle,
        titleZh: product.titleZh,
        titleEn: product.titleEn,
        status: product.status,
        imageCount: product.imageCount,
      },
      defaults: formDefaults(product),
      storedStock: Object.fromEntries(product.variants.map((v) => [String(v.id), v.stock])),
      villages,
      formKey,
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, cooperativeId, productId } = await actingOnProduct(request, params);
  const formData = await readFormData(request);
  const here = (flag: string) => localePath(langFromRequest(request), `/dashboard/products/${productId}?${flag}=1`);

  const intent = formData.get("intent");
  if (intent === "archive" || intent === "restore") {
    if (!(await setProductArchived(db, cooperativeId, productId, intent === "archive"))) notFound();
    throw redirect(here(intent === "archive" ? "archived" : "restored"));
  }
  const submission = parseForm(formData, productFormSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: submission.status === "error" ? 400 : 200 });
  const result = await updateSellerProduct(db, cooperativeId, productId, submission.value);
  if (!result.ok) return replyToRefusal(submission, result);
  throw redirect(here("saved"));
}

export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export const meta: MetaFunction<typeof loader> = ({ data: loaded, location }) => {
  const lang = langFromPath(location.pathname);
  const t = translator(lang);
  const name = loaded ? pick(lang, loaded.product.titleZh, loaded.product.titleEn) : t("productsDashboard.form.editTitle");
  return [{ title: `${name} · ${t("dashboard.title")}` }, { name: "robots", content: "noindex" }];
};

const FLASHES = [
  ["created", "productsDashboard.form.created"],
  ["saved", "productsDashboard.form.saved"],
  ["archived", "productsDashboard.archive.done"],
  ["restored", "productsDashboard.archive.restored"],
] as const;

const link = "inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-base hover:bg-stone-50";

export default function EditProduct() {
  const { product, defaults, storedStock, villages, formKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const lang = useLang();
  const flash = FLASHES.find(([flag]) => search.get(flag) === "1");
  const archived = product.status === "archived";
  return (
    <section aria-labelledby="edit-product-title" className="space-y-4">
      <LocaleLink to="/dashboard/products" className="inline-flex min-h-11 items-center text-tea-800 underline">
        {t("productsDashboard.form.backToList")}
      </LocaleLink>
      <div className="space-y-2">
        <h1 id="edit-product-title" className="text-xl font-semibold">
          {t("productsDashboard.form.editTitleOf", { title: pick(lang, product.titleZh, product.titleEn) })}
        </h1>
        <div className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
          <StatusBadge status={product.status} />
          <span>{t("productsDashboard.form.handle", { handle: product.handle })}</span>
        </div>
      </div>
      {flash && !lastResult ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t(flash[1])}
        </p>
      ) : null}
      <nav className="flex flex-wrap gap-2" aria-label={t("productsDashboard.title")}>
        <LocaleLink to={`/dashboard/products/${product.id}/stock`} className={link}>
          {t("productsDashboard.form.manageStock")}
        </LocaleLink>
        <LocaleLink to={`/dashboard/products/${product.id}/images`} className={link}>
          {t("productsDashboard.form.manageImages", { n: product.imageCount })}
        </LocaleLink>
        {product.status === "active" ? (
          <LocaleLink to={`/products/${product.slug}`} className={link}>
            {t("productsDashboard.form.viewInShop")}
          </LocaleLink>
        ) : null}
      </nav>

      {archived ? (
        <Form method="post" className="space-y-3 rounded-xl border border-stone-300 bg-white p-4">
          <p>{t("productsDashboard.archive.archivedNotice")}</p>
          <SubmitButton intent="restore">{t("productsDashboard.archive.restore")}</SubmitButton>
        </Form>
      ) : (
        <>
          <ProductForm
            key={formKey}
            lastResult={lastResult}
            defaultValue={defaults}
            villages={villages}
            storedStock={storedStock}
            submitLabel={t("productsDashboard.form.save")}
          />
          <Form method="post" className="space-y-3 rounded-xl border border-red-200 bg-white p-4">
            <p className="text-sm text-stone-700">{t("productsDashboard.archive.hint")}</p>
            <SubmitButton intent="archive" variant="danger">
              {t("productsDashboard.archive.button")}
            </SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
