// The account forms' schemas, shared by Conform in the browser and the actions on the server.
// Messages are keys (see locales/forms.ts and locales/accounts.ts).
import { z } from "zod";
import { email, requiredText } from "~/utils/forms";

export const PASSWORD_MIN = 10;
// Long enough for any passphrase, short enough that nobody makes us hash megabytes.
export const PASSWORD_MAX = 200;
const TOKEN_MAX = 100;

/** A new password: checked for length only (NIST 800-63B: no composition rules). */
const newPassword = () => z.string({ required_error: "form.required" }).min(PASSWORD_MIN).max(PASSWORD_MAX);
/** A password being checked: any length we accept; whether it is right is the server's business. */
const givenPassword = () => z.string({ required_error: "form.required" }).min(1).max(PASSWORD_MAX);
const confirmation = () => z.string({ required_error: "form.required" }).max(PASSWORD_MAX);

/** Where to go after logging in; anything unusable is dropped rather than failing the form. */
const redirectTo = () => z.string().max(2000).optional().catch(undefined);

function passwordsMatch(field: "password" | "newPassword") {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    if (value[field] !== value.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "accounts.error.passwordMismatch" });
    }
  };
}

export const LoginSchema = z.object({
  email: email(),
  password: givenPassword(),
  redirectTo: redirectTo(),
});

export const SignupSchema = z
  .object({
    name: requiredText(100),
    email: email(),
    password: newPassword(),
    confirmPassword: confirmation(),
    redirectTo: redirectTo(),
  })
  .superRefine(passwordsMatch("password"));

export const ForgotPasswordSchema = z.object({ email: email() });

export const ResetPasswordSchema = z
  .object({
    token: z.string({ required_error: "form.required" }).min(20).max(TOKEN_MAX),
    password: newPassword(),
    confirmPassword: confirmation(),
  })
  .superRefine(passwordsMatch("password"));

// The account page has several forms; each names itself with `intent`.
export const ChangeNameSchema = z.object({ intent: z.literal("name"), name: requiredText(100) });

export const ChangePasswordSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: givenPassword(),
    newPassword: newPassword(),
    confirmPassword: confirmation(),
  })
  .superRefine(passwordsMatch("newPassword"));

export const ACCOUNT_INTENTS = ["name", "password", "logoutEverywhere"] as const;
export type AccountIntent = (typeof ACCOUNT_INTENTS)[number];

/**
 * A same-site path to go to after logging in, or the fallback. Only `/…` paths: never `//host`
 * or `/\host` (browsers read both as another site), nor whitespace or control characters that
 * browsers strip before resolving the URL (`/\t/evil.example`).
 */
export function safeRedirect(to: unknown, fallback: string): string {
  if (typeof to !== "string" || to.length > 2000) return fallback;
  if (!/^\/(?![/\\])[^\\\s\p{Cc}]*$/u.test(to)) return fallback;
  return to;
}
