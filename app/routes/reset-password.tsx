// Reset password: the link from the mail (/reset-password?token=…) lets the account set a new
// password once. Saving it ends every session of the account; this browser is then signed in
// afresh (it has just proved it reads the account's mail) and lands on /account.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, AccountLink } from "~/components/accounts/AccountCard";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { assertSameOrigin } from "~/modules/accounts/auth.server";
import { resetPassword, resetTokenUsable } from "~/modules/accounts/password-reset.server";
import { accountHeaders, parseAccountForm, readForm, tooManyAttempts } from "~/modules/accounts/responses.server";
import { ResetPasswordSchema } from "~/modules/accounts/schemas";
import { startSession } from "~/modules/accounts/session.server";
import { limitAuthAttempt } from "~/modules/security/auth-rate-limit.server";
import { clientIp } from "~/modules/security/rate-limit.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

// The token is in the address: it must not leak to other sites through the Referer header.
const PAGE_HEADERS = { "Cache-Control": PRIVATE_NO_STORE, "Referrer-Policy": "no-referrer" };
const HIDE = ["password", "confirmPassword"];

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const usable = await resetTokenUsable(getDb(), token);
  // An unusable link is a 400 page that says so and offers a new link (not an error page).
  return data({ token: usable ? token : "", usable }, { status: usable ? 200 : 400, headers: PAGE_HEADERS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const db = getDb();
  const formData = await readForm(request);
  const submission = parseAccountForm(formData, ResetPasswordSchema);
  const limit = await limitAuthAttempt(db, "reset", { ip: clientIp(context) });
  if (!limit.allowed) return tooManyAttempts(submission, limit, HIDE);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDE }), { status: 400, headers: PAGE_HEADERS });

  const userId = await resetPassword(db, submission.value.token, submission.value.password);
  if (userId === null) {
    return data(submission.reply({ formErrors: ["accounts.error.resetLinkInvalid"], hideFields: HIDE }), { status: 400, headers: PAGE_HEADERS });
  }
  const cookie = await startSession(db, userId);
  return redirect(`${localePath(langFromRequest(request), "/account")}?passwordReset=1`, {
    headers: { ...PAGE_HEADERS, "Set-Cookie": cookie },
  });
}

export const headers = accountHeaders;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "accounts.reset.title");

export default function ResetPasswordPage() {
  const { token, usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    defaultValue: { token },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ResetPasswordSchema),
  });
  return (
    <AccountCard titleId="reset-title" title={t("accounts.reset.title")}>
      {usable ? (
        <>
          <p className="mt-1 text-stone-700">{t("accounts.reset.intro")}</p>
          <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name={fields.token.name} value={token} />
            <Field
              meta={fields.password}
              type="password"
              label={t("accounts.field.newPassword")}
              hint={t("accounts.hint.password")}
              autoComplete="new-password"
            />
            <Field meta={fields.confirmPassword} type="password" label={t("accounts.field.confirmPassword")} autoComplete="new-password" />
            <SubmitButton className="w-full">{t("accounts.reset.submit")}</SubmitButton>
          </Form>
        </>
      ) : (
        <p role="alert" className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 text-red-800">
          {t("accounts.reset.invalid")}
        </p>
      )}
      <p className="mt-5">
        <AccountLink to="/forgot-password">
          {t("accounts.reset.again")}
        </AccountLink>
      </p>
    </AccountCard>
  );
}
