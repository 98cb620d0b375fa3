// /dashboard/shipping (owners only): the cooperative's flat shipping fee and the order amount from
// which shipping is free. Checkout charges what is saved here, once per cooperative in a cart.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { requireSeller } from "~/modules/accounts/auth.server";
import { centsToYuan } from "~/modules/seller-products/schemas";
import { readForm } from "~/modules/sellers/reply.server";
import { ShippingSettingsSchema } from "~/modules/sellers/shipping-schema";
import { getShippingSettings, setShippingSettings } from "~/modules/sellers/shipping.server";
import { getDb } from "~/utils/db.server";
import { formatPrice } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "ordersDashboard.shipping.title");
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const settings = await getShippingSettings(db, seller.membership.cooperativeId);
  return data(settings, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const submission = parseForm(await readForm(request), ShippingSettingsSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: { "Cache-Control": PRIVATE_NO_STORE } });
  await setShippingSettings(db, seller.membership.cooperativeId, submission.value);
  return data(submission.reply(), { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export default function ShippingPage() {
  const { shippingFeeCents, freeShippingFromCents } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "shipping",
    lastResult,
    defaultValue: {
      shippingFee: centsToYuan(shippingFeeCents),
      freeShippingFrom: freeShippingFromCents === null ? "" : centsToYuan(freeShippingFromCents),
    },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ShippingSettingsSchema),
  });
  const free =
    freeShippingFromCents === null
      ? t("ordersDashboard.shipping.summaryNever")
      : t("ordersDashboard.shipping.summaryFree", { amount: formatPrice(freeShippingFromCents) });
  return (
    <section aria-labelledby="shipping-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm">
      <h1 id="shipping-title" className="text-xl font-semibold">
        {t("ordersDashboard.shipping.title")}
      </h1>
      <p className="text-stone-700">{t("ordersDashboard.shipping.intro")}</p>
      <p className="font-medium">{t("ordersDashboard.shipping.summary", { fee: formatPrice(shippingFeeCents), free })}</p>
      {lastResult?.status === "success" ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t("form.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="max-w-md space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.shippingFee} label={t("ordersDashboard.shipping.fee")} hint={t("ordersDashboard.shipping.feeHint")} inputMode="decimal" autoComplete="off" />
        <Field
          meta={fields.freeShippingFrom}
          label={t("ordersDashboard.shipping.freeFrom")}
          hint={t("ordersDashboard.shipping.freeFromHint")}
          inputMode="decimal"
          autoComplete="off"
        />
        <SubmitButton className="w-full sm:w-auto">{t("ordersDashboard.shipping.save")}</SubmitButton>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
