// Sign up: name, e-mail and a password; the account speaks the language of the page it was
// made on. The new account is signed in at once.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AccountCard, AccountLink } from "~/components/accounts/AccountCard";
import { Field, FormErrors, SubmitButton } from "~/components/forms/Fields";
import { assertSameOrigin } from "~/modules/accounts/auth.server";
import { accountHeaders, parseAccountForm, readForm, signInAfresh, signedOutPage, tooManyAttempts } from "~/modules/accounts/responses.server";
import { SignupSchema } from "~/modules/accounts/schemas";
import { registerUser } from "~/modules/accounts/users.server";
import { mergeGuestCartAtSignIn } from "~/modules/cart/login-merge.server";
import { limitAuthAttempt } from "~/modules/security/auth-rate-limit.server";
import { clientIp } from "~/modules/security/rate-limit.server";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useT } from "~/utils/t";

const HIDE = ["password", "confirmPassword"];

export const loader = ({ request }: LoaderFunctionArgs) => signedOutPage(request);

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const db = getDb();
  const formData = await readForm(request);
  const submission = parseAccountForm(formData, SignupSchema);
  const limit = await limitAuthAttempt(db, "signup", { ip: clientIp(context), email: formData.get("email") });
  if (!limit.allowed) return tooManyAttempts(submission, limit, HIDE);
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDE }), { status: 400 });

  const { name, email, password, redirectTo } = submission.value;
  const lang = langFromRequest(request);
  const user = await registerUser(db, { name, email, password, locale: lang });
  if (!user) {
    return data(submission.reply({ fieldErrors: { email: ["accounts.error.emailTaken"] }, hideFields: HIDE }), { status: 400 });
  }
  // The guest's cart comes along into the account.
  const signedIn = await signInAfresh(db, request, user.id, redirectTo, localePath(lang, "/account"));
  return mergeGuestCartAtSignIn(db, request, user.id, signedIn);
}

export const headers = accountHeaders;

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "accounts.signup.title");

export default function SignupPage() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    defaultValue: { redirectTo },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, SignupSchema),
  });
  return (
    <AccountCard titleId="signup-title" title={t("accounts.signup.title")}>
      <p className="mt-1 text-stone-700">{t("accounts.signup.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name={fields.redirectTo.name} value={redirectTo} />
        <Field meta={fields.name} label={t("accounts.field.name")} autoComplete="name" />
        <Field meta={fields.email} type="email" label={t("accounts.field.email")} autoComplete="email" inputMode="email" />
        <Field
          meta={fields.password}
          type="password"
          label={t("accounts.field.password")}
          hint={t("accounts.hint.password")}
          autoComplete="new-password"
        />
        <Field meta={fields.confirmPassword} type="password" label={t("accounts.field.confirmPassword")} autoComplete="new-password" />
        <SubmitButton className="w-full">{t("accounts.signup.submit")}</SubmitButton>
      </Form>
      <p className="mt-5 text-base">
        {t("accounts.signup.haveAccount")}{" "}
        <AccountLink to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>
          {t("accounts.signup.login")}
        </AccountLink>
      </p>
    </AccountCard>
  );
}
