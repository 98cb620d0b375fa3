// /account: who you are, the cooperatives you work for, and your name, password and sessions.
// Forms: intent=name (name), intent=password (currentPassword, newPassword, confirmPassword),
// intent=logoutEverywhere; "log out" posts to /logout and "work here" to /dashboard/switch.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { type Membership, listMemberships, requireSession } from "~/modules/accounts/auth.server";
import { accountHeaders, parseAccountForm, readForm } from "~/modules/accounts/responses.server";
import { ChangeNameSchema, ChangePasswordSchema } from "~/modules/accounts/schemas";
import { clearSessionCookie, endAllSessions } from "~/modules/accounts/session.server";
import { changeName, changePassword } from "~/modules/accounts/users.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

const NO_STORE = { "Cache-Control": PRIVATE_NO_STORE };

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const memberships = await listMemberships(db, session.user.id);
  const passwordReset = new URL(request.url).searchParams.get("passwordReset") === "1";
  return data(
    {
      user: { name: session.user.name, email: session.user.email },
      activeCooperativeId: session.activeCooperativeId,
      memberships,
      passwordReset,
    },
    { headers: NO_STORE },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "name": {
      const submission = parseAccountForm(formData, ChangeNameSchema);
      if (submission.status !== "success") return data({ intent: "name", result: submission.reply(), done: false }, { status: 400, headers: NO_STORE });
      await changeName(db, session.user.id, submission.value.name);
      return data({ intent: "name", result: submission.reply(), done: true }, { headers: NO_STORE });
    }
    case "password": {
      const hide = ["currentPassword", "newPassword", "confirmPassword"];
      const submission = parseAccountForm(formData, ChangePasswordSchema);
      if (submission.status !== "success") {
        return data({ intent: "password", result: submission.reply({ hideFields: hide }), done: false }, { status: 400, headers: NO_STORE });
      }
      const outcome = await changePassword(db, {
        userId: session.user.id,
        currentPassword: submission.value.currentPassword,
        newPassword: submission.value.newPassword,
        keepTokenHash: session.tokenHash,
      });
      if (outcome === "wrongPassword") {
        const result = submission.reply({ fieldErrors: { currentPassword: ["accounts.error.currentPasswordWrong"] }, hideFields: hide });
        return data({ intent: "password", result, done: false }, { status: 400, headers: NO_STORE });
      }
      return data({ intent: "password", result: submission.reply({ resetForm: true }), done: true }, { headers: NO_STORE });
    }
    case "logoutEverywhere": {
      await endAllSessions(db, session.user.id);
      return redirect(localePath(langFromRequest(request), "/login"), {
        headers: { ...NO_STORE, "Set-Cookie": await clearSessionCookie() },
      });
    }
    default:
      throw data({ message: "Unknown intent" }, { status: 400 });
  }
}

export const headers = accountHeaders;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "accounts.account.title");

const CARD = "rounded-xl bg-white p-5 shadow-sm sm:p-6";
const H2 = "text-lg font-semibold text-stone-900";

export default function AccountPage() {
  const { user, memberships, activeCooperativeId, passwordReset } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <div className="mx-auto max-w-md space-y-5">
      <section aria-labelledby="account-title" className={CARD}>
        <h1 id="account-title" className="text-2xl font-semibold text-tea-800">
          {t("accounts.account.title")}
        </h1>
        {passwordReset ? (
          <p role="status" className="mt-3 rounded-lg border border-tea-100 bg-tea-50 p-3">
            {t("accounts.account.passwordReset")}
          </p>
        ) : null}
        <p className="mt-3 text-stone-700">{t("accounts.account.signedInAs")}</p>
        <p className="text-lg font-medium">{user.name}</p>
        <p className="break-all text-stone-700">{user.email}</p>
        <p className="mt-4 flex flex-wrap gap-3">
          <LocaleLink to="/account/orders" className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 hover:bg-stone-50">
            {t("orders.account.title")}
          </LocaleLink>
          <LocaleLink to="/account/bookings" className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 hover:bg-stone-50">
            {t("travellerBookings.title")}
          </LocaleLink>
        </p>
      </section>

      <Memberships memberships={memberships} activeCooperativeId={activeCooperativeId} />
      <NameForm name={user.name} />
      <PasswordForm />

      <section aria-labelledby="sessions-title" className={CARD}>
        <h2 id="sessions-title" className={H2}>
          {t("accounts.account.sessionsTitle")}
        </h2>
        <Form method="post" action={localePath(lang, "/logout")} className="mt-3">
          <SubmitButton variant="secondary" className="w-full">
            {t("accounts.account.logout")}
          </SubmitButton>
        </Form>
        <Form method="post" className="mt-4">
          <p className="text-sm text-stone-700">
            {t("accounts.account.logoutEverywhereHint")}
          </p>
          <SubmitButton intent="logoutEverywhere" variant="danger" className="mt-2 w-full">
            {t("accounts.account.logoutEverywhere")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}

function Memberships({ memberships, activeCooperativeId }: { memberships: Membership[]; activeCooperativeId: number | null }) {
  const t = useT();
  const lang = useLang();
  const approved = memberships.filter((m) => m.status === "approved");
  const current = approved.find((m) => m.cooperativeId === activeCooperativeId) ?? approved[0];
  return (
    <section aria-labelledby="memberships-title" className={CARD}>
      <h2 id="memberships-title" className={H2}>
        {t("accounts.account.memberships")}
      </h2>
      {memberships.length === 0 ? (
        <p className="mt-2 text-stone-700">{t("accounts.account.noMemberships")}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {memberships.map((m) => {
            const name = pick(lang, m.nameZh, m.nameEn);
            return (
              <li key={m.cooperativeId} className="rounded-lg border border-stone-200 p-3">
                <p className="font-medium">{name}</p>
                <p className="text-sm text-stone-700">
                  {t("accounts.account.role")} {t(m.role === "owner" ? "dashboard.role.owner" : "dashboard.role.staff")} ·{" "}
                  {t("accounts.account.status")} {t(`accounts.membership.${m.status}`)}
                </p>
                {m.status !== "approved" ? null : m === current ? (
                  <p className="mt-2 text-sm font-medium text-tea-800">{t("accounts.account.current")}</p>
                ) : (
                  <Form method="post" action={localePath(lang, "/dashboard/switch")} className="mt-2">
                    <input type="hidden" name="cooperativeId" value={m.cooperativeId} />
                    <button
                      type="submit"
                      aria-label={t("accounts.account.workHereLabel", { name })}
                      className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 py-2 text-base hover:bg-stone-50"
                    >
                      {t("accounts.account.workHere")}
                    </button>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="mt-4 flex flex-wrap gap-3">
        {approved.length ? (
          <LocaleLink to="/dashboard" className="inline-flex min-h-11 items-center rounded-lg bg-tea-700 px-4 text-white hover:bg-tea-800">
            {t("accounts.account.openDashboard")}
          </LocaleLink>
        ) : null}
        <LocaleLink to="/sell" className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 hover:bg-stone-50">
          {t("accounts.account.apply")}
        </LocaleLink>
      </p>
    </section>
  );
}

function NameForm({ name }: { name: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "name" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "account-name",
    lastResult: mine?.result,
    defaultValue: { name },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ChangeNameSchema),
  });
  return (
    <section aria-labelledby="name-title" className={CARD}>
      <h2 id="name-title" className={H2}>
        {t("accounts.account.nameTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="name" />
        <Field meta={fields.name} label={t("accounts.field.name")} autoComplete="name" />
        {mine?.done ? (
          <p role="status" className="text-tea-800">
            {t("accounts.account.nameSaved")}
          </p>
        ) : null}
        <SubmitButton className="w-full">
          {t("accounts.account.nameSubmit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function PasswordForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const mine = actionData?.intent === "password" ? actionData : undefined;
  const [form, fields] = useForm({
    id: "account-password",
    lastResult: mine?.result,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ChangePasswordSchema),
  });
  return (
    <section aria-labelledby="password-title" className={CARD}>
      <h2 id="password-title" className={H2}>
        {t("accounts.account.passwordTitle")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="password" />
        <Field meta={fields.currentPassword} type="password" label={t("accounts.field.currentPassword")} autoComplete="current-password" />
        <Field
          meta={fields.newPassword}
          type="password"
          label={t("accounts.field.newPassword")}
          hint={t("accounts.hint.password")}
          autoComplete="new-password"
        />
        <Field meta={fields.confirmPassword} type="password" label={t("accounts.field.confirmPassword")} autoComplete="new-password" />
        {mine?.done ? (
          <p role="status" className="text-tea-800">
            {t("accounts.account.passwordSaved")}
          </p>
        ) : null}
        <SubmitButton className="w-full">
          {t("accounts.account.passwordSubmit")}
        </SubmitButton>
      </Form>
    </section>
  );
}
