// A guest reads the cancellation policy in words before booking: the words must say the same
// as the rule the platform applies (DESIGN.md), in both languages.
import { describe, expect, it } from "vitest";
import { amenityKeys } from "~/components/AmenityList";
import { messages } from "~/locales";
import { CANCELLATION_TERMS, cancellationDeadline, cancellationPolicyText } from "~/modules/catalog/cancellation";
import { translator } from "~/utils/t";
import { AMENITY_KEYS } from "../../db/schema/stays";

const zh = translator("zh-CN");
const en = translator("en");

describe("cancellation policies", () => {
  it("flexible: full refund up to 1 day before check-in", () => {
    expect(CANCELLATION_TERMS.flexible).toEqual({ refundPercent: 100, daysBefore: 1 });
    expect(cancellationPolicyText("flexible", zh).body).toContain("1 天");
    expect(cancellationPolicyText("flexible", zh).body).toContain("全额退款");
    expect(cancellationPolicyText("flexible", en).body).toMatch(/1 day before check-in for a full refund/);
  });

  it("moderate: full refund up to 5 days before", () => {
    expect(CANCELLATION_TERMS.moderate).toEqual({ refundPercent: 100, daysBefore: 5 });
    expect(cancellationPolicyText("moderate", zh).body).toContain("5 天");
    expect(cancellationPolicyText("moderate", en).body).toMatch(/5 days before check-in for a full refund/);
  });

  it("strict: half refunded up to 7 days before", () => {
    expect(CANCELLATION_TERMS.strict).toEqual({ refundPercent: 50, daysBefore: 7 });
    expect(cancellationPolicyText("strict", zh).body).toContain("7 天");
    expect(cancellationPolicyText("strict", zh).body).toContain("50%");
    expect(cancellationPolicyText("strict", en).body).toMatch(/7 days before check-in for a 50% refund/);
  });

  it("each policy has a name of its own in both languages", () => {
    for (const t of [zh, en]) {
      const names = (["flexible", "moderate", "strict"] as const).map((p) => cancellationPolicyText(p, t).name);
      expect(new Set(names).size).toBe(3);
      for (const name of names) expect(name).not.toMatch(/^stays\./);
    }
  });

  it("the refund deadline is counted in calendar days before check-in, across month ends", () => {
    expect(cancellationDeadline("flexible", "2027-05-01")).toBe("2027-04-30");
    expect(cancellationDeadline("moderate", "2027-03-03")).toBe("2027-02-26");
    expect(cancellationDeadline("strict", "2028-01-03")).toBe("2027-12-27");
  });
});

describe("amenities", () => {
  it("every amenity the schema knows has a name in both languages", () => {
    expect(amenityKeys([...AMENITY_KEYS])).toEqual([...AMENITY_KEYS]);
    for (const key of AMENITY_KEYS) {
      const k = `stays.amenity.${key}` as keyof (typeof messages)["en"];
      expect(messages["zh-CN"][k], key).toBeTruthy();
      expect(messages.en[k], key).toBeTruthy();
      expect(messages.en[k]).not.toBe(messages["zh-CN"][k]);
    }
  });

  it("an unknown value in the amenities column is not shown as a raw key", () => {
    expect(amenityKeys(["wifi", "sauna", "__proto__", "toString", "tea_room"])).toEqual(["wifi", "tea_room"]);
  });
});
