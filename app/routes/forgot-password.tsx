// Forgot password: asks for an e-mail and always gives the same answer, whether or not the
// address has an account; the account (if any) gets a one-use link valid for an hour.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, AccountLink } from "~/components/accounts/AccountCard";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { assertSameOrigin } from "~/modules/accounts/auth.server";
import { requestPasswordReset } from "~/modules/accounts/password-reset.server";
import { accountHeaders, parseAccountForm, readForm, tooManyAttempts } from "~/modules/accounts/responses.server";
import { ForgotPasswordSchema } from "~/modules/accounts/schemas";
import { limitAuthAttempt } from "~/modules/security/auth-rate-limit.server";
import { clientIp } from "~/modules/security/rate-limit.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE, appOrigin } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

export function loader({ request }: LoaderFunctionArgs) {
  const sent = new URL(request.url).searchParams.get("sent") === "1";
  return data({ sent }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const db = getDb();
  const formData = await readForm(request);
  const submission = parseAccountForm(formData, ForgotPasswordSchema);
  const limit = await limitAuthAttempt(db, "forgot", { ip: clientIp(context), email: formData.get("email") });
  if (!limit.allowed) return tooManyAttempts(submission, limit);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });

  await requestPasswordReset(db, submission.value.email, appOrigin(request));
  // The same answer for every well-formed address.
  return redirect(`${localePath(langFromRequest(request), "/forgot-password")}?sent=1`, {
    headers: { "Cache-Control": PRIVATE_NO_STORE },
  });
}

export const headers = accountHeaders;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "accounts.forgot.title");

export default function ForgotPasswordPage() {
  const { sent } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, ForgotPasswordSchema),
  });
  return (
    <AccountCard titleId="forgot-title" title={t("accounts.forgot.title")}>
      {sent ? (
        <p role="status" className="mt-4 rounded-lg border border-tea-100 bg-tea-50 p-3 text-stone-800">
          {t("accounts.forgot.sent")}
        </p>
      ) : (
        <p className="mt-1 text-stone-700">{t("accounts.forgot.intro")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field meta={fields.email} type="email" label={t("accounts.field.email")} autoComplete="email" inputMode="email" />
        <SubmitButton className="w-full">{t("accounts.forgot.submit")}</SubmitButton>
      </Form>
      <p className="mt-5">
        <AccountLink to="/login">
          {t("accounts.forgot.back")}
        </AccountLink>
      </p>
    </AccountCard>
  );
}
