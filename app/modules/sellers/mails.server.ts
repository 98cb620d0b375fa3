// Mails to sellers, each in the recipient's language (users.locale; an invitee without an
// account gets the language the owner was using): the operator's decision, and invitations.
import { sendMail } from "~/modules/mail/mailer.server";
import { appOrigin } from "~/utils/http.server";
import { type Lang, localePath, pick } from "~/utils/i18n";
import { translator } from "~/utils/t";
import { INVITATION_DAYS } from "./schemas";
import type { Decision, Owner } from "./review.server";

function langOf(locale: string | null | undefined): Lang {
  return locale === "en" ? "en" : "zh-CN";
}

type Named = { nameZh: string; nameEn: string };

const DECISION_KEYS = {
  approve: { subject: "sellers.mail.approved.subject", body: "sellers.mail.approved.body" },
  reinstate: { subject: "sellers.mail.reinstated.subject", body: "sellers.mail.reinstated.body" },
  reject: { subject: "sellers.mail.rejected.subject", body: "sellers.mail.rejected.body" },
  suspend: { subject: "sellers.mail.suspended.subject", body: "sellers.mail.suspended.body" },
} as const;

/** Tells the cooperative's owners what the operator decided (with the reason, or the dashboard link). */
export async function sendDecisionMails(request: Request, decision: Decision): Promise<void> {
  const keys = DECISION_KEYS[decision.intent];
  await Promise.all(
    decision.owners.map((owner: Owner) => {
      const lang = langOf(owner.locale);
      const t = translator(lang);
      const params = {
        name: pick(lang, decision.cooperative.nameZh, decision.cooperative.nameEn),
        greeting: owner.name || owner.email,
        reason: decision.cooperative.reviewReason,
        link: appOrigin(request) + localePath(lang, "/dashboard"),
        applyLink: appOrigin(request) + localePath(lang, "/sell"),
      };
      return sendMail({ to: owner.email, subject: t(keys.subject, params), text: t(keys.body, params) });
    }),
  );
}

/** The invitation with its one link; only the link's holder signed in as `to` can accept it. */
export async function sendInvitationMail(
  request: Request,
  input: {
    to: string;
    locale: string | null;
    cooperative: Named;
    role: "owner" | "staff";
    inviterName: string;
    token: string;
    expiresAt: Date;
  },
): Promise<void> {
  const lang = langOf(input.locale);
  const t = translator(lang);
  const params = {
    name: pick(lang, input.cooperative.nameZh, input.cooperative.nameEn),
    inviter: input.inviterName,
    role: t(input.role === "owner" ? "sellers.role.owner" : "sellers.role.staff"),
    link: appOrigin(request) + localePath(lang, `/invitations/${input.token}`),
    days: INVITATION_DAYS,
  };
  await sendMail({ to: input.to, subject: t("sellers.mail.invitation.subject", params), text: t("sellers.mail.invitation.body", params) });
}
