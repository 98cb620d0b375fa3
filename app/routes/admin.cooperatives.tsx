// /admin/cooperatives: the operator reviews applications (pending first) and approves or
// rejects them, suspends or reinstates approved sellers. `?status=` filters, `?page=` pages.
// Each decision mails the cooperative's owners in their language.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { FormErrors, SubmitButton, TextareaField } from "~/components/forms/Fields";
import { Pagination } from "~/components/Pagination";
import { CooperativeStatusBadge } from "~/components/sellers/CooperativeStatusBadge";
import { parsePage } from "~/modules/catalog/listing-params";
import { requireOperator } from "~/modules/accounts/auth.server";
import { formatCommission } from "~/modules/sellers/display";
import { sendDecisionMails } from "~/modules/sellers/mails.server";
import { readForm, refusal } from "~/modules/sellers/reply.server";
import { countByStatus, listApplications, reviewCooperative } from "~/modules/sellers/review.server";
import { COOPERATIVE_STATUSES, type ReviewIntent, ReviewSchema, intentsFor, statusFilter } from "~/modules/sellers/schemas";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "admin.cooperatives.title");
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  await requireOperator(request, db);
  const params = new URL(request.url).searchParams;
  const status = statusFilter(params.get("status"));
  const page = parsePage(params);
  const [list, counts] = await Promise.all([listApplications(db, { status, page }), countByStatus(db)]);
  return data({ status, page: Math.min(page, list.pages), ...list, counts }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  await requireOperator(request, db);
  const formData = await readForm(request);
  // Which card's form answered: its errors show there and nowhere else.
  const formId = `review-${String(formData.get("cooperativeId") ?? "").slice(0, 12)}`;
  const submission = parseForm(formData, ReviewSchema);
  if (submission.status !== "success") return data({ formId, result: submission.reply(), decided: null }, { status: 400 });
  try {
    const decision = await reviewCooperative(db, submission.value);
    try {
      await sendDecisionMails(request, decision);
    } catch (error) {
      // The decision stands; a mail server hiccup must not undo it or show the operator a 500.
      console.error("Could not mail the decision on cooperative", decision.cooperative.id, error);
    }
    const { nameZh, nameEn } = decision.cooperative;
    return data(
      { formId, result: submission.reply({ resetForm: true }), decided: { intent: decision.intent, nameZh, nameEn } },
      { headers: { "Cache-Control": PRIVATE_NO_STORE } },
    );
  } catch (error) {
    const { result, status } = refusal(submission, error);
    return data({ formId, result, decided: null }, { status });
  }
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

const BUTTON_VARIANT: Record<ReviewIntent, "primary" | "secondary" | "danger"> = {
  approve: "primary",
  reinstate: "primary",
  reject: "danger",
  suspend: "danger",
};

function StatusTabs() {
  const { status, counts } = useLoaderData<typeof loader>();
  const t = useT();
  const location = useLocation();
  const tabs = [null, ...COOPERATIVE_STATUSES] as const;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return (
    <nav aria-label={t("admin.cooperatives.filter")}>
      <ul className="-mx-4 flex gap-1 overflow-x-auto px-4 pb-1">
        {tabs.map((s) => (
          <li key={s ?? "all"} className="shrink-0">
            <Link
              to={s ? `${location.pathname}?status=${s}` : location.pathname}
              aria-current={s === status ? "page" : undefined}
              className={`inline-block min-h-11 rounded-full px-4 py-2.5 text-base ${s === status ? "bg-tea-700 font-semibold text-white" : "bg-white text-stone-800 hover:bg-stone-100"}`}
            >
              {s ? t(`sellers.status.${s}`) : t("admin.cooperatives.all")} ({s ? counts[s] : total})
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="break-words text-stone-900">{children}</dd>
    </div>
  );
}

function Decide({ cooperative }: { cooperative: Item }) {
  const actionData = useActionData<typeof action>();
  const t = useT();
  const id = `review-${cooperative.id}`;
  const intents = intentsFor(cooperative.status);
  const [form, fields] = useForm({
    id,
    lastResult: actionData?.formId === id ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ReviewSchema),
  });
  if (intents.length === 0) return <p className="text-sm text-stone-600">{t("admin.cooperatives.final")}</p>;
  const needsReason = intents.some((i) => i === "reject" || i === "suspend");
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-stone-200 pt-3">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="cooperativeId" value={cooperative.id} />
      {needsReason ? (
        <TextareaField
          meta={fields.reason}
          label={t(intents.includes("reject") ? "admin.cooperatives.rejectReason" : "admin.cooperatives.suspendReason")}
          hint={t("admin.cooperatives.reasonHint")}
          rows={2}
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        {intents.map((intent) => (
          <SubmitButton key={intent} intent={intent} variant={BUTTON_VARIANT[intent]} className="flex-1 sm:flex-none">
            {t(`admin.cooperatives.${intent}`)}
          </SubmitButton>
        ))}
      </div>
    </Form>
  );
}

function ApplicationCard({ cooperative: c }: { cooperative: Item }) {
  const t = useT();
  const lang = useLang();
  const headingId = `coop-${c.id}`;
  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id={headingId} className="text-lg font-semibold break-words">
            {c.nameZh}
            {c.nameEn ? <span className="ml-2 font-normal text-stone-600">{c.nameEn}</span> : null}
          </h2>
          <p className="text-sm text-stone-600">
            {t(`kind.${c.kind}`)} · /cooperatives/{c.slug}
          </p>
        </div>
        <CooperativeStatusBadge status={c.status} />
      </div>
      <dl className="grid gap-3 sm:grid-cols-2">
        <Detail label={t("sellers.apply.village")}>
          {c.village ? `${pick(lang, c.village.nameZh, c.village.nameEn)} · ${pick(lang, c.village.countyZh, c.village.countyEn)}` : "—"}
        </Detail>
        <Detail label={t("admin.cooperatives.applied")}>{formatDateTime(c.createdAt, lang)}</Detail>
        <Detail label={t("sellers.apply.contactName")}>{c.contactName || "—"}</Detail>
        <Detail label={t("sellers.apply.contactPhone")}>
          {c.contactPhone ? (
            <a href={`tel:${c.contactPhone}`} className="text-tea-700 underline">
              {c.contactPhone}
            </a>
          ) : (
            "—"
          )}
        </Detail>
        <Detail label={t("sellers.apply.contactEmail")}>
          {c.contactEmail ? (
            <a href={`mailto:${c.contactEmail}`} className="text-tea-700 underline">
              {c.contactEmail}
            </a>
          ) : (
            "—"
          )}
        </Detail>
        <Detail label={t("admin.cooperatives.owners")}>
          {c.owners.length ? c.owners.map((o) => `${o.name || o.email} <${o.email}>`).join(", ") : "—"}
        </Detail>
        <Detail label={t("admin.cooperatives.commission")}>{formatCommission(c.commissionBps)}</Detail>
        {c.reviewedAt ? (
          <Detail label={t("admin.cooperatives.reviewed")}>
            {formatDateTime(c.reviewedAt, lang)}
            {c.reviewReason ? ` · ${c.reviewReason}` : ""}
          </Detail>
        ) : null}
      </dl>
      {c.storyZh || c.storyEn ? (
        <details className="rounded-lg bg-earth-50 p-3">
          <summary className="min-h-11 cursor-pointer py-2 font-medium">{t("sellers.apply.story")}</summary>
          <p className="whitespace-pre-line text-stone-800">{c.storyZh}</p>
          {c.storyEn ? (
            <p lang="en" className="mt-2 whitespace-pre-line text-stone-700">
              {c.storyEn}
            </p>
          ) : null}
        </details>
      ) : null}
      <Decide cooperative={c} />
    </article>
  );
}

export default function AdminCooperatives() {
  const { items, page, pages, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const decided = actionData?.decided;
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("admin.cooperatives.title")}</h1>
      <StatusTabs />
      {decided ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t(`admin.cooperatives.done.${decided.intent}`, { name: pick(lang, decided.nameZh, decided.nameEn) })}
        </p>
      ) : null}
      {total === 0 ? <p className="text-stone-700">{t("admin.cooperatives.empty")}</p> : null}
      <div className="space-y-4">
        {items.map((c) => (
          <ApplicationCard key={c.id} cooperative={c} />
        ))}
      </div>
      <Pagination page={page} pages={pages} />
    </section>
  );
}
