// Cancellation policies of stays, in numbers and in words. The numbers are the platform's
// rules (DESIGN.md): flexible — full refund up to 1 day before check-in; moderate — up to
// 5 days; strict — 50% up to 7 days. After the deadline nothing is refunded.
import type { MessageKey } from "~/locales";
import type { TFunction } from "~/utils/t";
import type { CancellationPolicy } from "./listing-types";
import { addDays } from "./listing-dates";

export const CANCELLATION_TERMS: Record<CancellationPolicy, { refundPercent: number; daysBefore: number }> = {
  flexible: { refundPercent: 100, daysBefore: 1 },
  moderate: { refundPercent: 100, daysBefore: 5 },
  strict: { refundPercent: 50, daysBefore: 7 },
};

/** The last calendar day (Asia/Shanghai) on which a cancellation still gets the refund. */
export function cancellationDeadline(policy: CancellationPolicy, checkIn: string): string {
  return addDays(checkIn, -CANCELLATION_TERMS[policy].daysBefore);
}

const NAME_KEYS: Record<CancellationPolicy, MessageKey> = {
  flexible: "stays.policy.flexible.name",
  moderate: "stays.policy.moderate.name",
  strict: "stays.policy.strict.name",
};
const BODY_KEYS: Record<CancellationPolicy, MessageKey> = {
  flexible: "stays.policy.flexible.body",
  moderate: "stays.policy.moderate.body",
  strict: "stays.policy.strict.body",
};

export function cancellationPolicyText(policy: CancellationPolicy, t: TFunction): { name: string; body: string } {
  return { name: t(NAME_KEYS[policy]), body: t(BODY_KEYS[policy]) };
}
