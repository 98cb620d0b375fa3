import { describe, expect, it } from "vitest";
import {
  ChangeNameSchema,
  ChangePasswordSchema,
  ForgotPasswordSchema,
  LoginSchema,
  ResetPasswordSchema,
  SignupSchema,
  safeRedirect,
} from "~/modules/accounts/schemas";
import { parseForm } from "~/utils/forms";

function form(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
}

function errors(fields: Record<string, string | string[]>, schema: Parameters<typeof parseForm>[1]) {
  const s = parseForm(form(fields), schema);
  return s.status === "success" ? null : s.error;
}

const GOOD_PASSWORD = "tea-fields-of-anji";
const signup = { name: "王小茶", email: " Tea@Example.CN ", password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };

describe("SignupSchema", () => {
  it("accepts a good form, trims and lower-cases the e-mail", () => {
    const s = parseForm(form(signup), SignupSchema);
    expect(s.status).toBe("success");
    if (s.status === "success") {
      expect(s.value.email).toBe("tea@example.cn");
      expect(s.value.name).toBe("王小茶");
      expect(s.value.redirectTo).toBeUndefined();
    }
  });

  it("says what is missing, field by field", () => {
    expect(errors({}, SignupSchema)).toMatchObject({
      name: ["form.required"],
      email: ["form.required"],
      password: ["form.required"],
      confirmPassword: ["form.required"],
    });
  });

  it("wants at least 10 characters and at most 200", () => {
    expect(errors({ ...signup, password: "short-pw9", confirmPassword: "short-pw9" }, SignupSchema)).toMatchObject({ password: ["form.tooShort:10"] });
    const long = "x".repeat(201);
    expect(errors({ ...signup, password: long, confirmPassword: long }, SignupSchema)).toMatchObject({ password: ["form.tooLong:200"] });
    const ten = "0123456789";
    expect(errors({ ...signup, password: ten, confirmPassword: ten }, SignupSchema)).toBeNull();
  });

  it("reports a mismatched confirmation beside the confirmation field", () => {
    expect(errors({ ...signup, confirmPassword: `${GOOD_PASSWORD}!` }, SignupSchema)).toEqual({ confirmPassword: ["accounts.error.passwordMismatch"] });
  });

  it("refuses invalid e-mails, arrays and huge values", () => {
    expect(errors({ ...signup, email: "not-an-email" }, SignupSchema)).toMatchObject({ email: ["form.email"] });
    expect(errors({ ...signup, email: ["a@b.cn", "c@d.cn"] }, SignupSchema)).toMatchObject({ email: ["form.invalid"] });
    expect(errors({ ...signup, name: "名".repeat(101) }, SignupSchema)).toMatchObject({ name: ["form.tooLong:100"] });
    expect(errors({ ...signup, email: `${"a".repeat(100_000)}@example.cn` }, SignupSchema)).toHaveProperty("email");
    expect(errors({ ...signup, name: "   " }, SignupSchema)).toMatchObject({ name: ["form.required"] });
  });

  it("drops an unusable redirectTo instead of failing the form", () => {
    const s = parseForm(form({ ...signup, redirectTo: ["/a", "/b"] }), SignupSchema);
    expect(s.status).toBe("success");
    if (s.status === "success") expect(s.value.redirectTo).toBeUndefined();
  });
});

describe("LoginSchema", () => {
  it("needs an e-mail and a password (of any length up to 200)", () => {
    expect(parseForm(form({ email: "a@b.cn", password: "x" }), LoginSchema).status).toBe("success");
    expect(errors({ email: "a@b.cn" }, LoginSchema)).toEqual({ password: ["form.required"] });
    expect(errors({ password: "x" }, LoginSchema)).toEqual({ email: ["form.required"] });
    expect(errors({ email: "a@b.cn", password: "x".repeat(100_000) }, LoginSchema)).toEqual({ password: ["form.tooLong:200"] });
  });

  it("keeps the redirectTo as given (the action checks it with safeRedirect)", () => {
    const s = parseForm(form({ email: "a@b.cn", password: "x", redirectTo: "/dashboard" }), LoginSchema);
    expect(s.status === "success" && s.value.redirectTo).toBe("/dashboard");
  });
});

describe("ForgotPasswordSchema", () => {
  it("needs one valid e-mail", () => {
    expect(parseForm(form({ email: "a@b.cn" }), ForgotPasswordSchema).status).toBe("success");
    expect(errors({}, ForgotPasswordSchema)).toEqual({ email: ["form.required"] });
    expect(errors({ email: "a@" }, ForgotPasswordSchema)).toEqual({ email: ["form.email"] });
  });
});

describe("ResetPasswordSchema", () => {
  const token = "t".repeat(43);
  it("needs a plausible token and two equal new passwords", () => {
    expect(parseForm(form({ token, password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }), ResetPasswordSchema).status).toBe("success");
    expect(errors({ password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }, ResetPasswordSchema)).toEqual({ token: ["form.required"] });
    expect(errors({ token: "short", password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }, ResetPasswordSchema)).toHaveProperty("token");
    expect(errors({ token: "t".repeat(101), password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }, ResetPasswordSchema)).toHaveProperty("token");
    expect(errors({ token, password: GOOD_PASSWORD, confirmPassword: "other-password" }, ResetPasswordSchema)).toEqual({
      confirmPassword: ["accounts.error.passwordMismatch"],
    });
    expect(errors({ token, password: "123", confirmPassword: "123" }, ResetPasswordSchema)).toMatchObject({ password: ["form.tooShort:10"] });
  });
});

describe("account forms", () => {
  it("change name: needs the intent and a name", () => {
    expect(parseForm(form({ intent: "name", name: "李四" }), ChangeNameSchema).status).toBe("success");
    expect(errors({ intent: "name", name: "" }, ChangeNameSchema)).toEqual({ name: ["form.required"] });
    expect(errors({ intent: "password", name: "李四" }, ChangeNameSchema)).toHaveProperty("intent");
  });

  it("change password: current, new (≥ 10) and a matching confirmation", () => {
    const ok = { intent: "password", currentPassword: "old", newPassword: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD };
    expect(parseForm(form(ok), ChangePasswordSchema).status).toBe("success");
    expect(errors({ ...ok, currentPassword: "" }, ChangePasswordSchema)).toEqual({ currentPassword: ["form.required"] });
    expect(errors({ ...ok, newPassword: "short", confirmPassword: "short" }, ChangePasswordSchema)).toMatchObject({ newPassword: ["form.tooShort:10"] });
    expect(errors({ ...ok, confirmPassword: "something-else" }, ChangePasswordSchema)).toEqual({ confirmPassword: ["accounts.error.passwordMismatch"] });
  });
});

describe("safeRedirect", () => {
  const fallback = "/account";
  it.each(["/dashboard", "/en/dashboard/products?stock=low", "/", "/products/anji-white-tea#reviews", "/search?q=%E8%8C%B6"])("keeps the same-site path %s", (path) => {
    expect(safeRedirect(path, fallback)).toBe(path);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "",
    "/\t/evil.example",
    "/\n/evil.example",
    "/ /evil.example",
    "/a\\b",
    `/${"a".repeat(2001)}`,
  ])("refuses %j", (path) => {
    expect(safeRedirect(path, fallback)).toBe(fallback);
  });

  it("refuses what is not a string", () => {
    expect(safeRedirect(undefined, fallback)).toBe(fallback);
    expect(safeRedirect(null, fallback)).toBe(fallback);
    expect(safeRedirect(["/a"], fallback)).toBe(fallback);
  });
});
