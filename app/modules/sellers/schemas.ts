// The forms of seller onboarding, the operator's review, members and payouts. Shared by the
// pages (Conform validates as you type) and the actions (the server decides). Messages are
// message keys: see ~/utils/forms and locales/admin.ts.
import { z } from "zod";
import { email, optionalText, requiredText } from "~/utils/forms";

export const COOPERATIVE_KINDS = ["cooperative", "family_farm", "homestay_host", "leisure_farm"] as const;
export const MEMBER_ROLES = ["staff", "owner"] as const;
export const COOPERATIVE_STATUSES = ["pending", "approved", "rejected", "suspended"] as const;
export type CooperativeStatusFilter = (typeof COOPERATIVE_STATUSES)[number];

/** A row id from a form: a positive PostgreSQL integer (Conform turns the text into a number). */
export const rowId = () => z.number({ required_error: "form.required" }).int().positive().max(2_147_483_647);

// Mainland mobile numbers, and landlines with or without their area code (0572-5012345).
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(?:0\d{2,3})?[2-9]\d{6,7}$/;

/** Spaces, dashes and brackets are how people write numbers, not part of them; so is +86. */
export function normalizePhone(value: string): string {
  return value.replace(/[\s\-()（）]/g, "").replace(/^(?:\+86|0086)/, "");
}

export function isPhone(value: string): boolean {
  return MOBILE.test(value) || LANDLINE.test(value);
}

const phone = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .max(30)
    .transform(normalizePhone)
    .refine(isPhone, "sellers.error.phone");

const story = () => z.string({ required_error: "form.required" }).trim().min(10).max(4000);

export const ApplySchema = z.object({
  nameZh: requiredText(60),
  nameEn: optionalText(80),
  kind: z.enum(COOPERATIVE_KINDS),
  villageId: rowId(),
  contactName: requiredText(40),
  contactPhone: phone(),
  contactEmail: email(),
  storyZh: story(),
  storyEn: optionalText(4000),
});
export type ApplyInput = z.infer<typeof ApplySchema>;

const reason = () => z.string({ required_error: "form.required" }).trim().min(5).max(500);

// The operator's decisions. Each names the only status it may start from (see review.server.ts).
export const ReviewSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), cooperativeId: rowId() }),
  z.object({ intent: z.literal("reject"), cooperativeId: rowId(), reason: reason() }),
  z.object({ intent: z.literal("suspend"), cooperativeId: rowId(), reason: reason() }),
  z.object({ intent: z.literal("reinstate"), cooperativeId: rowId() }),
]);
export type ReviewInput = z.infer<typeof ReviewSchema>;
export type ReviewIntent = ReviewInput["intent"];
// pending → approved (approve) | rejected (reject, with a reason);
// approved → suspended (suspend, with a reason) → approved (reinstate).
export const TRANSITIONS: Record<ReviewIntent, { from: CooperativeStatusFilter; to: CooperativeStatusFilter }> = {
  approve: { from: "pending", to: "approved" },
  reject: { from: "pending", to: "rejected" },
  suspend: { from: "approved", to: "suspended" },
  reinstate: { from: "suspended", to: "approved" },
};

/** The decisions the operator may take on a seller in this status (the buttons to show). */
export function intentsFor(status: CooperativeStatusFilter): ReviewIntent[] {
  return (Object.keys(TRANSITIONS) as ReviewIntent[]).filter((intent) => TRANSITIONS[intent].from === status);
}


/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export const InviteSchema = z.object({ intent: z.literal("invite"), email: email(), role: z.enum(MEMBER_ROLES) });
export const RevokeSchema = z.object({ intent: z.literal("revoke"), invitationId: rowId() });
export const RemoveMemberSchema = z.object({ intent: z.literal("remove"), userId: rowId() });
export const ChangeRoleSchema = z.object({ intent: z.literal("role"), userId: rowId(), role: z.enum(MEMBER_ROLES) });
export const MembersSchema = z.discriminatedUnion("intent", [InviteSchema, RevokeSchema, RemoveMemberSchema, ChangeRoleSchema]);
export type MembersInput = z.infer<typeof MembersSchema>;

export const AcceptInvitationSchema = z.object({ intent: z.literal("accept") });

export const STRIPE_ACCOUNT = /^acct_[A-Za-z0-9]{6,}$/;
export const PayoutsSchema = z.object({
  // Empty (Conform gives undefined) clears the account.
  stripeAccountId: z.string().trim().max(64).regex(STRIPE_ACCOUNT, "sellers.error.stripeAccount").optional(),
});

/** `?status=` of /admin/cooperatives: a known status, or everything (pending first). */
export function statusFilter(value: string | null): CooperativeStatusFilter | null {
  return (COOPERATIVE_STATUSES as readonly string[]).includes(value ?? "") ? (value as CooperativeStatusFilter) : null;
}

/** A mailed invitation token as it appears in /invitations/<token> (base64url of 32 bytes). */
export function isTokenShape(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(value);
}
