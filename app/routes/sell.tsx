// /sell: apply to open a cooperative, family farm, homestay or leisure farm. The application
// waits as "pending" until the operator decides at /admin/cooperatives; the applicant owns it.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ErrorPage";
import { Field, FormErrors, SelectField, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { CooperativeStatusBadge } from "~/components/sellers/CooperativeStatusBadge";
import { requireSession } from "~/modules/accounts/auth.server";
import { applyToSell, listMyApplications, listVillageOptions } from "~/modules/sellers/applications.server";
import { readForm, refusal } from "~/modules/sellers/reply.server";
import { ApplySchema, COOPERATIVE_KINDS } from "~/modules/sellers/schemas";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "sellers.apply.title");
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const [villages, applications] = await Promise.all([listVillageOptions(db), listMyApplications(db, session.user.id)]);
  const applied = new URL(request.url).searchParams.get("applied");
  return data(
    {
      villages,
      applications,
      justApplied: applications.find((a) => a.slug === applied)?.cooperativeId ?? null,
      defaults: { contactName: session.user.name, contactEmail: session.user.email },
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const submission = parseForm(await readForm(request), ApplySchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const created = await applyToSell(db, session.user.id, submission.value);
    return redirect(localePath(langFromRequest(request), `/sell?applied=${created.slug}`));
  } catch (error) {
    const { result, status } = refusal(submission, error);
    return data(result, { status });
  }
}

function Applications() {
  const { applications, justApplied } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  if (applications.length === 0) return null;
  return (
    <section aria-labelledby="my-applications" className="space-y-3">
      <h2 id="my-applications" className="text-lg font-semibold">
        {t("sellers.apply.mine")}
      </h2>
      <ul className="space-y-3">
        {applications.map((a) => (
          <li key={a.cooperativeId} className="rounded-xl bg-white p-4 shadow-sm" aria-current={a.cooperativeId === justApplied || undefined}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="font-semibold">{pick(lang, a.nameZh, a.nameEn)}</p>
              <CooperativeStatusBadge status={a.status} />
            </div>
            <p className="mt-1 text-sm text-stone-600">
              {t(`kind.${a.kind}`)} · {t(a.role === "owner" ? "dashboard.role.owner" : "dashboard.role.staff")}
            </p>
            <p className="mt-2 text-stone-800">{t(`dashboard.status.${a.status}`)}</p>
            {(a.status === "rejected" || a.status === "suspended") && a.reviewReason ? (
              <p className="mt-1 text-stone-700">
                {t("dashboard.status.reason")}
                {a.reviewReason}
              </p>
            ) : null}
            {a.status === "approved" ? (
              <LocaleLink to="/dashboard" className="mt-3 inline-flex min-h-11 items-center rounded-lg bg-tea-700 px-4 text-white">
                {t("sellers.apply.toDashboard")}
              </LocaleLink>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function SellPage() {
  const { villages, defaults, justApplied } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [form, fields] = useForm({
    id: "apply",
    lastResult,
    defaultValue: { ...defaults, kind: "cooperative" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ApplySchema),
  });
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("sellers.apply.title")}</h1>
        <p className="text-stone-700">{t("sellers.apply.intro")}</p>
      </header>
      {justApplied ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t("sellers.apply.submitted")}
        </p>
      ) : null}
      <Applications />
      <Form method="post" {...getFormProps(form)} className="space-y-6 rounded-xl bg-white p-4 shadow-sm sm:p-6">
        <h2 className="text-lg font-semibold">{t("sellers.apply.formTitle")}</h2>
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold">{t("sellers.apply.shop")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field meta={fields.nameZh} label={t("sellers.apply.nameZh")} hint={t("sellers.apply.nameHint")} />
            <Field meta={fields.nameEn} label={t("sellers.apply.nameEn")} lang="en" />
          </div>
          <SelectField
            meta={fields.kind}
            label={t("sellers.apply.kind")}
            options={COOPERATIVE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <SelectField
            meta={fields.villageId}
            label={t("sellers.apply.village")}
            hint={t("sellers.apply.villageHint")}
            placeholder={t("sellers.apply.villagePlaceholder")}
            options={villages.map((v) => ({
              value: String(v.id),
              label: `${pick(lang, v.nameZh, v.nameEn)} · ${pick(lang, v.countyZh, v.countyEn)}`,
            }))}
          />
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold">{t("sellers.apply.contact")}</legend>
          <Field meta={fields.contactName} label={t("sellers.apply.contactName")} autoComplete="name" />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field meta={fields.contactPhone} type="tel" label={t("sellers.apply.contactPhone")} hint={t("sellers.apply.phoneHint")} autoComplete="tel" />
            <Field meta={fields.contactEmail} type="email" label={t("sellers.apply.contactEmail")} autoComplete="email" />
          </div>
        </fieldset>
        <fieldset className="space-y-4">
          <legend className="text-base font-semibold">{t("sellers.apply.story")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextareaField meta={fields.storyZh} label={t("sellers.apply.storyZh")} hint={t("sellers.apply.storyHint")} rows={6} />
            <TextareaField meta={fields.storyEn} label={t("sellers.apply.storyEn")} rows={6} />
          </div>
        </fieldset>
        <SubmitButton className="w-full sm:w-auto">{t("sellers.apply.submit")}</SubmitButton>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
