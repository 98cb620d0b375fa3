// /dashboard/members (owners only): who works for the cooperative, invitations by e-mail, and
// changes of role. Staff get 403 here, for the page and for every action.
import { getFormProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton } from "~/components/forms/Fields";
import { requireSeller } from "~/modules/accounts/auth.server";
import { hitRateLimit } from "~/modules/security/rate-limit.server";
import { sendInvitationMail } from "~/modules/sellers/mails.server";
import {
  changeMemberRole,
  inviteMember,
  listMembers,
  listOpenInvitations,
  removeMember,
  revokeInvitation,
} from "~/modules/sellers/members.server";
import { readForm, refusal } from "~/modules/sellers/reply.server";
import { INVITATION_DAYS, InviteSchema, MEMBER_ROLES, MembersSchema, RevokeSchema } from "~/modules/sellers/schemas";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { parseForm } from "~/utils/forms";
import { PRIVATE_NO_STORE } from "~/utils/http.server";
import { langFromRequest, localePath } from "~/utils/i18n";
import { privateMeta } from "~/utils/seo";
import { useLang, useT } from "~/utils/t";

export const meta: MetaFunction = ({ location }) => privateMeta(location.pathname, "sellers.members.title");
export const headers = () => ({ "Cache-Control": PRIVATE_NO_STORE });

/** Invitations one owner may send a minute: each is a mail to an address of their choosing. */
const INVITES_PER_MINUTE = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const cooperativeId = seller.membership.cooperativeId;
  const [members, invitations] = await Promise.all([listMembers(db, cooperativeId), listOpenInvitations(db, cooperativeId)]);
  return data({ me: seller.user.id, members, invitations }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
}

/** Which form on the page a submission came from, so its errors show there only. */
function formIdOf(formData: FormData): string {
  const intent = formData.get("intent");
  const ref = (name: string) => String(formData.get(name) ?? "").slice(0, 12);
  if (intent === "revoke") return `invitation-${ref("invitationId")}`;
  if (intent === "remove" || intent === "role") return `member-${ref("userId")}`;
  return "invite";
}

export async function action({ request }: ActionFunctionArgs) {
  const db = getDb();
  const seller = await requireSeller(request, { owner: true }, db);
  const cooperativeId = seller.membership.cooperativeId;
  const lang = langFromRequest(request);
  const formData = await readForm(request);
  const formId = formIdOf(formData);
  const submission = parseForm(formData, MembersSchema);
  if (submission.status !== "success") return data({ formId, result: submission.reply(), done: null }, { status: 400 });
  const input = submission.value;
  const ok = (done: { intent: typeof input.intent; email?: string }) =>
    data({ formId, result: submission.reply({ resetForm: true }), done }, { headers: { "Cache-Control": PRIVATE_NO_STORE } });
  try {
    switch (input.intent) {
      case "invite": {
        const limit = await hitRateLimit(db, [`invite:user:${seller.user.id}`], INVITES_PER_MINUTE);
        if (!limit.allowed) {
          return data(
            { formId, result: submission.reply({ formErrors: ["sellers.members.error.tooFast"] }), done: null },
            { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
          );
        }
        const invited = await inviteMember(db, { cooperativeId, email: input.email, role: input.role, invitedBy: seller.user.id });
        try {
          await sendInvitationMail(request, {
            to: input.email,
            locale: invited.inviteeLocale ?? lang,
            cooperative: seller.membership,
            role: input.role,
            inviterName: seller.user.name || seller.user.email,
            token: invited.token,
            expiresAt: invited.expiresAt,
          });
        } catch (error) {
          // The invitation is saved; sending it again replaces it with a fresh link.
          console.error("Could not send the invitation mail", error);
          return data(
            { formId, result: submission.reply({ formErrors: ["sellers.members.error.mailFailed"] }), done: null },
            { status: 503 },
          );
        }
        return ok({ intent: "invite", email: input.email });
      }
      case "revoke":
        await revokeInvitation(db, cooperativeId, input.invitationId);
        return ok({ intent: "revoke" });
      case "remove":
        await removeMember(db, cooperativeId, input.userId);
        // Leaving the cooperative yourself: this page is no longer yours.
        if (input.userId === seller.user.id) return redirect(localePath(lang, "/dashboard"));
        return ok({ intent: "remove" });
      case "role":
        await changeMemberRole(db, cooperativeId, input.userId, input.role);
        if (input.userId === seller.user.id && input.role !== "owner") return redirect(localePath(lang, "/dashboard"));
        return ok({ intent: "role" });
    }
  } catch (error) {
    const { result, status } = refusal(submission, error);
    return data({ formId, result, done: null }, { status });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function useFormResult(id: string) {
  const actionData = useActionData<typeof action>();
  return actionData?.formId === id ? actionData.result : undefined;
}

function MemberRow({ member, me }: { member: LoaderData["members"][number]; me: number }) {
  const t = useT();
  const id = `member-${member.userId}`;
  const [form, fields] = useForm({
    id,
    lastResult: useFormResult(id),
    defaultValue: { role: member.role },
    onValidate: ({ formData }) => parseForm(formData, MembersSchema),
  });
  return (
    <li className="space-y-3 rounded-xl bg-white p-4 shadow-sm">
      <div className="min-w-0">
        <p className="font-semibold break-words">
          {member.name || member.email}
          {member.userId === me ? <span className="ml-2 text-sm font-normal text-stone-600">{t("sellers.members.you")}</span> : null}
        </p>
        <p className="text-sm break-all text-stone-600">{member.email}</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="userId" value={member.userId} />
        <SelectField
          meta={fields.role}
          label={t("sellers.members.role")}
          options={MEMBER_ROLES.map((r) => ({ value: r, label: t(r === "owner" ? "dashboard.role.owner" : "dashboard.role.staff") }))}
        />
        <div className="flex flex-wrap gap-2">
          <SubmitButton intent="role" variant="secondary" className="flex-1 sm:flex-none">
            {t("sellers.members.saveRole")}
          </SubmitButton>
          <SubmitButton intent="remove" variant="danger" className="flex-1 sm:flex-none">
            {t(member.userId === me ? "sellers.members.leave" : "sellers.members.remove")}
          </SubmitButton>
        </div>
      </Form>
    </li>
  );
}

function InvitationRow({ invitation }: { invitation: LoaderData["invitations"][number] }) {
  const t = useT();
  const lang = useLang();
  const id = `invitation-${invitation.id}`;
  const [form] = useForm({ id, lastResult: useFormResult(id), onValidate: ({ formData }) => parseForm(formData, RevokeSchema) });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 shadow-sm">
      <div className="min-w-0">
        <p className="font-medium break-all">{invitation.email}</p>
        <p className="text-sm text-stone-600">
          {t(invitation.role === "owner" ? "dashboard.role.owner" : "dashboard.role.staff")} ·{" "}
          {t("sellers.members.expires", { date: formatDateTime(invitation.expiresAt, lang) })}
        </p>
      </div>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="invitationId" value={invitation.id} />
        <SubmitButton intent="revoke" variant="danger">
          {t("sellers.members.revoke")}
        </SubmitButton>
      </Form>
    </li>
  );
}

function InviteForm() {
  const t = useT();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: useFormResult("invite"),
    defaultValue: { role: "staff" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseForm(formData, InviteSchema),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-xl bg-white p-4 shadow-sm">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field meta={fields.email} type="email" label={t("sellers.members.email")} autoComplete="off" />
      <SelectField
        meta={fields.role}
        label={t("sellers.members.role")}
        hint={t("sellers.members.roleHint")}
        options={MEMBER_ROLES.map((r) => ({ value: r, label: t(r === "owner" ? "dashboard.role.owner" : "dashboard.role.staff") }))}
      />
      <SubmitButton intent="invite" className="w-full sm:w-auto">
        {t("sellers.members.invite")}
      </SubmitButton>
    </Form>
  );
}

export default function MembersPage() {
  const { me, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const done = actionData?.done;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("sellers.members.title")}</h1>
      {done ? (
        <p role="status" className="rounded-lg border border-tea-600 bg-tea-50 p-3 text-tea-800">
          {t(`sellers.members.done.${done.intent}`, { email: done.email ?? "" })}
        </p>
      ) : null}
      <section aria-labelledby="members-list" className="space-y-3">
        <h2 id="members-list" className="text-lg font-semibold">
          {t("sellers.members.list", { n: members.length })}
        </h2>
        <ul className="space-y-3">
          {members.map((m) => (
            <MemberRow key={m.userId} member={m} me={me} />
          ))}
        </ul>
        <p className="text-sm text-stone-600">{t("sellers.members.ownerRule")}</p>
      </section>
      <section aria-labelledby="invite-heading" className="space-y-3">
        <h2 id="invite-heading" className="text-lg font-semibold">
          {t("sellers.members.inviteTitle")}
        </h2>
        <p className="text-stone-700">{t("sellers.members.inviteIntro", { days: INVITATION_DAYS })}</p>
        <InviteForm />
      </section>
      {invitations.length ? (
        <section aria-labelledby="open-invitations" className="space-y-3">
          <h2 id="open-invitations" className="text-lg font-semibold">
            {t("sellers.members.open")}
          </h2>
          <ul className="space-y-3">
            {invitations.map((i) => (
              <InvitationRow key={i.id} invitation={i} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
