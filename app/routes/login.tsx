// Log in with e-mail and password. A success always starts a new session (a cookie planted
// before login is worth nothing) and goes back to the same-site page that asked for it.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { assertSameOrigin } from "~/modules/accounts/auth.server";
import { accountHeaders, parseAccountForm, readForm, tooManyAttempts } from "~/modules/accounts/responses.server";
import { LoginSchema, safeRedirect } from "~/modules/accounts/schemas";
import { endSession, readSession, startSession } from "~/modules/accounts/session.server";
import { authenticate } from "~/modules/accounts/users.server";
import { limitAuthAttempt } from "~/modules/security/auth-rate-limit.server";
import { clientIp } from "~/modules/security/rate-limit.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

const HIDE = ["password"];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"), "");
  // Already signed in: nothing to do here.
  if (await readSession(getDb(), request)) {
    throw redirect(redirectTo || localePath(langFromRequest(request), "/account"), { headers: { "Cache-Control": PRIVATE_NO_STORE } });
  }
  return data({ redirectTo }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const db = getDb();
  const formData = await readForm(request);
  const submission = parseAccountForm(formData, LoginSchema);
  // Every attempt counts, right or wrong, before anything is checked.
  const limit = await limitAuthAttempt(db, "login", { ip: clientIp(context), email: formData.get("email") });
  if (!limit.allowed) return tooManyAttempts(submission, limit, HIDE);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDE }), { status: 400 });

  const user = await authenticate(db, submission.value.email, submission.value.password);
  // One message for an unknown e-mail and a wrong password: the form tells nobody who has an account.
  if (!user) return data(submission.reply({ formErrors: ["accounts.error.wrongCredentials"], hideFields: HIDE }), { status: 400 });

  // The browser's previous session (another account's, or a planted one) ends; a new one starts.
  await endSession(db, request);
  const cookie = await startSession(db, user.id);
  const fallback = localePath(langFromRequest(request), "/account");
  return redirect(safeRedirect(submission.value.redirectTo, fallback), {
    headers: { "Set-Cookie": cookie, "Cache-Control": PRIVATE_NO_STORE },
  });
}

export const headers = accountHeaders;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "accounts.login.title");

export default function LoginPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    defaultValue: { redirectTo },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, LoginSchema),
  });
  const withRedirect = (path: string) => (redirectTo ? `${path}?redirectTo=${encodeURIComponent(redirectTo)}` : path);
  return (
    <section aria-labelledby="login-title" className="mx-auto max-w-md rounded-xl bg-white p-5 shadow-sm sm:p-6">
      <h1 id="login-title" className="text-2xl font-semibold text-tea-800">
        {t("accounts.login.title")}
      </h1>
      <p className="mt-1 text-stone-700">{t("accounts.login.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.redirectTo.name} value={redirectTo} />
        <Field meta={fields.email} type="email" label={t("accounts.field.email")} autoComplete="email" inputMode="email" />
        <Field meta={fields.password} type="password" label={t("accounts.field.password")} autoComplete="current-password" />
        <SubmitButton className="w-full">{t("accounts.login.submit")}</SubmitButton>
      </Form>
      <div className="mt-5 space-y-2 text-base">
        <p>
          <LocaleLink to="/forgot-password" className="inline-block py-2 text-tea-800 underline">
            {t("accounts.login.forgot")}
          </LocaleLink>
        </p>
        <p>
          {t("accounts.login.noAccount")}{" "}
          <LocaleLink to={withRedirect("/signup")} className="inline-block py-2 text-tea-800 underline">
            {t("accounts.login.signup")}
          </LocaleLink>
        </p>
      </div>
    </section>
  );
}
