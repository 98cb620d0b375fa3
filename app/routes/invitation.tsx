// /invitations/:token: the link of an invitation mail. Shows which cooperative invites you and
// as what; a signed-in user with the invited address accepts it with one POST and lands in that
// cooperative's dashboard. Used, revoked, expired or made-up links answer 404.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/ErrorPage";
import { FormErrors, SubmitButton } from "~/components/forms/Fields";
import { LocaleLink } from "~/components/LocaleLink";
import { getSession, requireSession } from "~/modules/accounts/auth.server";
import { setActiveCooperative } from "~/modules/accounts/session.server";
import { SellerError } from "~/modules/sellers/errors";
import { acceptInvitation, findOpenInvitation, sameAddress } from "~/modules/sellers/invitations.server";
import { readForm, refusal } from "~/modules/sellers/reply.server";
import { AcceptInvitationSchema, isTokenShape } from "~/modules/sellers/schemas";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath, pick } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

// The token is in the URL: never hand it to another site in a Referer.
export const meta: MetaFunction = ({ location }) => [
  ...privateMeta(location.pathname, "sellers.invitation.title"),
  { name: "referrer", content: "same-origin" },
];
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

function gone(): never {
  throw data({ message: "This invitation has expired, was withdrawn or was already used" }, { status: 404, headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const invitation = await findOpenInvitation(db, params.token);
  if (!invitation) gone();
  const session = await getSession(request, db);
  return data(
    {
      invitation,
      token: params.token!,
      viewer: session ? { email: session.user.email, invited: sameAddress(session.user.email, invitation.email) } : null,
    },
    { headers: { "Cache-Control": PRIVATE_NO_STORE } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const db = getDb();
  const session = await requireSession(request, db);
  if (!isTokenShape(params.token)) gone();
  const submission = parseForm(await readForm(request), AcceptInvitationSchema);
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { cooperativeId } = await acceptInvitation(db, { token: params.token, userId: session.user.id, email: session.user.email });
    await setActiveCooperative(db, session.tokenHash, cooperativeId);
    return redirect(localePath(langFromRequest(request), "/dashboard"));
  } catch (error) {
    if (error instanceof SellerError && error.status === 404) gone();
    const { result, status } = refusal(submission, error);
    return data(result, { status, headers: { "Cache-Control": PRIVATE_NO_STORE } });
  }
}

export default function InvitationPage() {
  const { invitation, token, viewer } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const [form] = useForm({ id: "accept", lastResult, onValidate: ({ formData }) => parseForm(formData, AcceptInvitationSchema) });
  const name = pick(lang, invitation.cooperative.nameZh, invitation.cooperative.nameEn);
  const back = encodeURIComponent(localePath(lang, `/invitations/${token}`));
  const role = t(invitation.role === "owner" ? "sellers.role.owner" : "sellers.role.staff");
  return (
    <section aria-labelledby="invitation-title" className="mx-auto max-w-xl space-y-4 rounded-xl bg-white p-4 shadow-sm sm:p-6">
      <h1 id="invitation-title" className="text-2xl font-semibold">
        {t("sellers.invitation.heading", { name })}
      </h1>
      <p className="text-stone-800">{t("sellers.invitation.body", { name, role, kind: t(`kind.${invitation.cooperative.kind}`) })}</p>
      <dl className="grid gap-2 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-stone-600">{t("sellers.invitation.for")}</dt>
          <dd className="break-all">{invitation.email}</dd>
        </div>
        <div>
          <dt className="text-stone-600">{t("sellers.invitation.until")}</dt>
          <dd>{formatDateTime(invitation.expiresAt, lang)}</dd>
        </div>
      </dl>
      {!viewer ? (
        <div className="space-y-3">
          <p>{t("sellers.invitation.signInFirst", { email: invitation.email })}</p>
          <div className="flex flex-wrap gap-2">
            <LocaleLink
              to={`/login?redirectTo=${back}`}
              className="inline-flex min-h-11 flex-1 items-center justify-center rounded-lg bg-tea-700 px-4 text-white sm:flex-none"
            >
              {t("sellers.invitation.login")}
            </LocaleLink>
            <LocaleLink
              to={`/signup?redirectTo=${back}`}
              className="inline-flex min-h-11 flex-1 items-center justify-center rounded-lg border border-stone-300 px-4 sm:flex-none"
            >
              {t("sellers.invitation.signup")}
            </LocaleLink>
          </div>
        </div>
      ) : viewer.invited ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <SubmitButton intent="accept" className="w-full sm:w-auto">
            {t("sellers.invitation.accept", { name })}
          </SubmitButton>
        </Form>
      ) : (
        <div className="space-y-3">
          <FormErrors id={form.errorId} errors={form.errors} />
          <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-900">
            {t("sellers.invitation.wrongAccount", { signedIn: viewer.email, invited: invitation.email })}
          </p>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <section aria-labelledby="invitation-gone" className="mx-auto max-w-xl space-y-4 py-12 text-center">
        <p className="text-5xl font-bold text-tea-700">404</p>
        <h1 id="invitation-gone" className="text-2xl font-semibold">
          {t("sellers.invitation.goneTitle")}
        </h1>
        <p className="text-stone-700">{t("sellers.invitation.gone")}</p>
        <LocaleLink to="/" className="inline-flex min-h-11 items-center rounded-full bg-tea-700 px-6 text-white">
          {t("error.notFound.home")}
        </LocaleLink>
      </section>
    );
  }
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
