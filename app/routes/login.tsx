// Log in with e-mail and password. A success always starts a new session (a cookie planted
// before login is worth nothing) and goes back to the same-site page that asked for it.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, AccountLink } from "~/components/accounts/AccountCard";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { assertSameOrigin } from "~/modules/accounts/auth.server";
import { accountHeaders, parseAccountForm, readForm, signInAfresh, signedOutPage, tooManyAttempts } from "~/modules/accounts/responses.server";
import { LoginSchema } from "~/modules/accounts/schemas";
import { authenticate } from "~/modules/accounts/users.server";
import { mergeGuestCartAtSignIn } from "~/modules/cart/login-merge.server";
import { limitAuthAttempt } from "~/modules/security/auth-rate-limit.server";
import { clientIp } from "~/modules/security/rate-limit.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

const HIDE = ["password"];

export const loader = ({ request }: LoaderFunctionArgs) => signedOutPage(request);

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

  // The guest's cart comes along into the account.
  const signedIn = await signInAfresh(db, request, user.id, submission.value.redirectTo, localePath(langFromRequest(request), "/account"));
  return mergeGuestCartAtSignIn(db, request, user.id, signedIn);
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
    <AccountCard titleId="login-title" title={t("accounts.login.title")}>
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
          <AccountLink to="/forgot-password">
            {t("accounts.login.forgot")}
          </AccountLink>
        </p>
        <p>
          {t("accounts.login.noAccount")}{" "}
          <AccountLink to={withRedirect("/signup")}>
            {t("accounts.login.signup")}
          </AccountLink>
        </p>
      </div>
    </AccountCard>
  );
}
