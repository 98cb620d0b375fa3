// /dashboard/payouts (owners only): the platform's commission (set by the operator) and the
// cooperative's Stripe Connect account. Transfers themselves come with the checkout issue.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { requireSeller } from "~/modules/accounts/auth.server";
import { formatCommission } from "~/modules/sellers/display";
import { getPayoutSettings, setStripeAccount } from "~/modules/sellers/payouts.server";
import { readForm } from "~/modules/sellers/reply.server";
import { PayoutsSchema } from "~/modules/sellers/schemas";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "sellers.payouts.title");
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const settings = await getPayoutSettings(db, seller.membership.cooperativeId);
  return data(settings, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const submission = parseForm(await readForm(request), PayoutsSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await setStripeAccount(db, seller.membership.cooperativeId, submission.value.stripeAccountId ?? null);
  return data(submission.reply(), { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export default function PayoutsPage() {
  const { commissionBps, stripeAccountId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "payouts",
    lastResult,
    defaultValue: { stripeAccountId: stripeAccountId ?? "" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, PayoutsSchema),
  });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("sellers.payouts.title")}</h1>
      <section aria-labelledby="commission" className="rounded-xl bg-white p-4 shadow-sm">
        <h2 id="commission" className="text-lg font-semibold">
          {t("sellers.payouts.commission")}
        </h2>
        <p className="mt-2 text-3xl font-semibold text-tea-700">{formatCommission(commissionBps)}</p>
        <p className="mt-1 text-stone-700">{t("sellers.payouts.commissionNote")}</p>
      </section>
      <section aria-labelledby="stripe" className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
        <h2 id="stripe" className="text-lg font-semibold">
          {t("sellers.payouts.stripe")}
        </h2>
        <p className="text-stone-700">{t("sellers.payouts.stripeIntro")}</p>
        {lastResult?.status === "success" ? (
          <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
            {t("form.saved")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(form)} className="space-y-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            meta={fields.stripeAccountId}
            label={t("sellers.payouts.account")}
            hint={t("sellers.payouts.accountHint")}
            autoComplete="off"
            spellCheck={false}
            lang="en"
          />
          <SubmitButton className="w-full sm:w-auto">{t("sellers.payouts.save")}</SubmitButton>
        </Form>
        <p className="text-sm text-stone-600">{t("sellers.payouts.later")}</p>
      </section>
    </div>
  );
}
