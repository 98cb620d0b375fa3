// The seller forms' schemas, parsed the way the actions parse them (Conform + our error map):
// what a user may type, and the message key each mistake gets.
import { describe, expect, it } from "vitest";
import { formatCommission } from "~/modules/sellers/display";
import {
  ApplySchema,
  MembersSchema,
  PayoutsSchema,
  ReviewSchema,
  TRANSITIONS,
  intentsFor,
  isPhone,
  isTokenShape,
  normalizePhone,
  statusFilter,
} from "~/modules/sellers/schemas";
import { parseForm } from "~/utils/forms";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const application = {
  nameZh: "余村白茶合作社",
  nameEn: "",
  kind: "cooperative",
  villageId: "3",
  contactName: "潘溪云",
  contactPhone: "138 1234 5678",
  contactEmail: "Pan@Example.COM",
  storyZh: "我们在余村的山坡上种安吉白茶，已经三代人了。",
  storyEn: "",
};

const errorsOf = (result: ReturnType<typeof parseForm>) => (result.status === "error" ? result.error : null);

describe("ApplySchema", () => {
  it("accepts a complete application and normalises phone and e-mail", () => {
    const result = parseForm(form(application), ApplySchema);
    expect(result.status).toBe("success");
    if (result.status !== "success") return;
    expect(result.value).toMatchObject({
      nameZh: "余村白茶合作社",
      nameEn: "",
      kind: "cooperative",
      villageId: 3,
      contactPhone: "13812345678",
      contactEmail: "pan@example.com",
      storyEn: "",
    });
  });

  it("names every missing required field", () => {
    const result = parseForm(form({}), ApplySchema);
    const errors = errorsOf(result)!;
    for (const field of ["nameZh", "kind", "villageId", "contactName", "contactPhone", "contactEmail", "storyZh"]) {
      expect(errors[field], field).toEqual(["form.required"]);
    }
    expect(errors.nameEn).toBeUndefined();
  });

  it("refuses wrong kinds, ids, phones, e-mails, short stories and huge strings", () => {
    const errors = errorsOf(
      parseForm(
        form({
          ...application,
          kind: "factory",
          villageId: "abc",
          contactPhone: "12345",
          contactEmail: "not-an-email",
          storyZh: "太短",
          nameZh: "名".repeat(61),
        }),
        ApplySchema,
      ),
    )!;
    expect(errors.kind).toEqual(["form.choice"]);
    expect(errors.villageId).toEqual(["form.invalid"]);
    expect(errors.contactPhone).toEqual(["sellers.error.phone"]);
    expect(errors.contactEmail).toEqual(["form.email"]);
    expect(errors.storyZh).toEqual(["form.tooShort:10"]);
    expect(errors.nameZh).toEqual(["form.tooLong:60"]);
    expect(errorsOf(parseForm(form({ ...application, villageId: "-1" }), ApplySchema))!.villageId).toBeDefined();
    expect(errorsOf(parseForm(form({ ...application, villageId: "99999999999" }), ApplySchema))!.villageId).toBeDefined();
  });
});

describe("phone numbers", () => {
  it.each(["13812345678", "+86 138-1234-5678", "0572-5012345", "(0571) 8888 6666", "5012345"])("accepts %s", (raw) => {
    expect(isPhone(normalizePhone(raw))).toBe(true);
  });
  it.each(["12812345678", "1381234567", "138123456789", "abc", "0000000", ""])("refuses %s", (raw) => {
    expect(isPhone(normalizePhone(raw))).toBe(false);
  });
});

describe("ReviewSchema", () => {
  it("approves and reinstates without a reason", () => {
    expect(parseForm(form({ intent: "approve", cooperativeId: "7" }), ReviewSchema).status).toBe("success");
    expect(parseForm(form({ intent: "reinstate", cooperativeId: "7" }), ReviewSchema).status).toBe("success");
  });

  it("needs a reason of at least 5 characters to reject or suspend", () => {
    expect(errorsOf(parseForm(form({ intent: "reject", cooperativeId: "7" }), ReviewSchema))!.reason).toEqual(["form.required"]);
    expect(errorsOf(parseForm(form({ intent: "suspend", cooperativeId: "7", reason: "不行" }), ReviewSchema))!.reason).toEqual([
      "form.tooShort:5",
    ]);
    const ok = parseForm(form({ intent: "reject", cooperativeId: "7", reason: "  资料不全，请补充营业执照。 " }), ReviewSchema);
    expect(ok.status === "success" && ok.value).toMatchObject({ intent: "reject", reason: "资料不全，请补充营业执照。" });
  });

  it("refuses unknown intents and bad ids", () => {
    expect(parseForm(form({ intent: "delete", cooperativeId: "7" }), ReviewSchema).status).toBe("error");
    expect(parseForm(form({ cooperativeId: "7" }), ReviewSchema).status).toBe("error");
    expect(parseForm(form({ intent: "approve", cooperativeId: "7.5" }), ReviewSchema).status).toBe("error");
    expect(parseForm(form({ intent: "approve" }), ReviewSchema).status).toBe("error");
  });

  it("allows only the legal transitions", () => {
    expect(intentsFor("pending")).toEqual(["approve", "reject"]);
    expect(intentsFor("approved")).toEqual(["suspend"]);
    expect(intentsFor("suspended")).toEqual(["reinstate"]);
    expect(intentsFor("rejected")).toEqual([]);
    expect(TRANSITIONS.reinstate).toEqual({ from: "suspended", to: "approved" });
  });
});

describe("MembersSchema", () => {
  it("invites by e-mail as staff or owner", () => {
    const result = parseForm(form({ intent: "invite", email: " Li@Example.com ", role: "staff" }), MembersSchema);
    expect(result.status === "success" && result.value).toEqual({ intent: "invite", email: "li@example.com", role: "staff" });
    expect(errorsOf(parseForm(form({ intent: "invite", email: "li@example.com", role: "boss" }), MembersSchema))!.role).toEqual([
      "form.choice",
    ]);
    expect(errorsOf(parseForm(form({ intent: "invite", email: "x", role: "staff" }), MembersSchema))!.email).toEqual(["form.email"]);
  });

  it("revokes, removes and changes roles by id", () => {
    expect(parseForm(form({ intent: "revoke", invitationId: "4" }), MembersSchema).status).toBe("success");
    expect(parseForm(form({ intent: "remove", userId: "4" }), MembersSchema).status).toBe("success");
    expect(parseForm(form({ intent: "role", userId: "4", role: "owner" }), MembersSchema).status).toBe("success");
    expect(parseForm(form({ intent: "role", userId: "4" }), MembersSchema).status).toBe("error");
    expect(parseForm(form({ intent: "remove", userId: "x" }), MembersSchema).status).toBe("error");
  });
});

describe("PayoutsSchema", () => {
  it("takes a Stripe account id or nothing", () => {
    const set = parseForm(form({ stripeAccountId: " acct_1AbCdEf2GhIjKl " }), PayoutsSchema);
    expect(set.status === "success" && set.value).toEqual({ stripeAccountId: "acct_1AbCdEf2GhIjKl" });
    const cleared = parseForm(form({ stripeAccountId: "" }), PayoutsSchema);
    expect(cleared.status === "success" && cleared.value.stripeAccountId).toBeUndefined();
    for (const bad of ["acct_123", "cus_1234567", "acct_12345678!", `acct_${"a".repeat(80)}`]) {
      expect(parseForm(form({ stripeAccountId: bad }), PayoutsSchema).status, bad).toBe("error");
    }
  });
});

describe("small helpers", () => {
  it("reads ?status= leniently and knows the shape of a token", () => {
    expect(statusFilter("pending")).toBe("pending");
    expect(statusFilter("nonsense")).toBeNull();
    expect(statusFilter(null)).toBeNull();
    expect(isTokenShape("a".repeat(43))).toBe(true);
    expect(isTokenShape("short")).toBe(false);
    expect(isTokenShape("../../etc/passwd-aaaaaaaaaaaaaaaaaaa")).toBe(false);
  });

  it("shows commissions as percentages", () => {
    expect(formatCommission(800)).toBe("8%");
    expect(formatCommission(1250)).toBe("12.5%");
    expect(formatCommission(1000)).toBe("10%");
    expect(formatCommission(0)).toBe("0%");
  });
});
