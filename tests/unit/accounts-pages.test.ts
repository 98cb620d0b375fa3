// The account pages rendered on the server as a browser without JavaScript gets them: plain
// forms that post, labels, errors beside the fields in the page's language, no password echoed.
import { createElement, type ReactNode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { render as renderPage, route } from "./page-double";

vi.mock("@remix-run/react", () => import("./page-double").then((m) => m.remixReactDouble()));

function render(Page: () => ReactNode, lang: "zh-CN" | "en", loaderData: unknown, actionData?: unknown): string {
  route.loaderData = loaderData;
  route.actionData = actionData;
  return renderPage(createElement(Page), lang);
}

beforeEach(() => {
  route.loaderData = undefined;
  route.actionData = undefined;
});

describe("login page", () => {
  it("is a plain POST form with labelled e-mail and password fields and the redirect kept", async () => {
    const { default: Login } = await import("~/routes/login");
    const html = render(Login, "zh-CN", { redirectTo: "/dashboard" });
    expect(html).toMatch(/<form[^>]*method="post"/);
    expect(html).toContain(">电子邮箱</label>");
    expect(html).toMatch(/<input[^>]*type="email"[^>]*name="email"|<input[^>]*name="email"[^>]*type="email"/);
    expect(html).toMatch(/type="password"/);
    expect(html).toMatch(/<input[^>]*type="hidden"[^>]*name="redirectTo"[^>]*value="\/dashboard"|name="redirectTo"[^>]*value="\/dashboard"/);
    expect(html).toContain('href="/signup?redirectTo=%2Fdashboard"');
    expect(html).toContain('href="/forgot-password"');
  });

  it("shows the form error in English on /en, keeps the e-mail, never the password", async () => {
    const { default: Login } = await import("~/routes/login");
    const reply = { status: "error", initialValue: { email: "amy@example.test" }, error: { "": ["accounts.error.wrongCredentials"] } };
    const html = render(Login, "en", { redirectTo: "" }, reply);
    expect(html).toContain("The e-mail or the password is wrong.");
    expect(html).toContain('value="amy@example.test"');
    expect(html).toContain('href="/en/forgot-password"');
  });

  it("shows the rate limit message with the seconds to wait", async () => {
    const { default: Login } = await import("~/routes/login");
    const reply = { status: "error", initialValue: { email: "a@b.cn" }, error: { "": ["accounts.error.tooMany:37"] } };
    expect(render(Login, "zh-CN", { redirectTo: "" }, reply)).toContain("请 37 秒后再试");
  });
});

describe("sign-up page", () => {
  it("puts each error beside its field", async () => {
    const { default: Signup } = await import("~/routes/signup");
    const reply = {
      status: "error",
      initialValue: { name: "王小茶", email: "a@b.cn" },
      error: { email: ["accounts.error.emailTaken"], password: ["form.tooShort:10"] },
    };
    const html = render(Signup, "zh-CN", { redirectTo: "" }, reply);
    expect(html).toContain('value="王小茶"');
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toContain("这个邮箱已经注册过了");
    expect(html).toContain("至少 10 个字符");
    // Each message sits in the element the field points at.
    const describedBy = /name="email"[^>]*aria-describedby="([^"]+)"|aria-describedby="([^"]+)"[^>]*name="email"/.exec(html);
    const id = describedBy?.[1] ?? describedBy?.[2];
    expect(id).toBeTruthy();
    expect(html).toMatch(new RegExp(`id="${id}"[^>]*>\\s*<li>这个邮箱已经注册过了`));
  });
});

describe("reset password page", () => {
  it("offers the form for a usable link and a new link for an unusable one", async () => {
    const { default: Reset } = await import("~/routes/reset-password");
    const ok = render(Reset, "en", { token: "t".repeat(43), usable: true });
    expect(ok).toContain("Save the new password");
    expect(ok).toMatch(/name="token"[^>]*value="t{43}"|value="t{43}"[^>]*name="token"/);
    const bad = render(Reset, "en", { token: "", usable: false });
    expect(bad).not.toContain("<form");
    expect(bad).toContain("This link is not valid");
    expect(bad).toContain('href="/en/forgot-password"');
  });
});

describe("forgot password page", () => {
  it("says the same thing after every request", async () => {
    const { default: Forgot } = await import("~/routes/forgot-password");
    expect(render(Forgot, "zh-CN", { sent: true })).toContain("如果这个邮箱注册过账户");
    expect(render(Forgot, "zh-CN", { sent: false })).not.toContain("如果这个邮箱注册过账户");
  });
});

describe("account page", () => {
  const loaderData = {
    user: { name: "陈茶农", email: "chen@example.test" },
    activeCooperativeId: 1,
    passwordReset: false,
    memberships: [
      { cooperativeId: 1, role: "owner", slug: "a", nameZh: "余村茶社", nameEn: "Yucun Tea", kind: "cooperative", status: "approved", reviewReason: "" },
      { cooperativeId: 2, role: "staff", slug: "b", nameZh: "鲁家村农场", nameEn: "Lujia Farm", kind: "family_farm", status: "approved", reviewReason: "" },
      { cooperativeId: 3, role: "owner", slug: "c", nameZh: "新店", nameEn: "", kind: "homestay_host", status: "pending", reviewReason: "" },
    ],
  };

  it("lists memberships with role and status, a switch form for other approved ones, and the session forms", async () => {
    const { default: Account } = await import("~/routes/account");
    const html = render(Account, "zh-CN", loaderData);
    expect(html).toContain("陈茶农");
    expect(html).toContain("余村茶社");
    expect(html).toContain("负责人");
    expect(html).toContain("审核中");
    expect(html).toContain("当前工作台");
    // Only the other approved cooperative gets a switch form.
    expect(html.match(/action="\/dashboard\/switch"/g)).toHaveLength(1);
    expect(html).toMatch(/name="cooperativeId" value="2"/);
    expect(html).toContain('href="/dashboard"');
    expect(html).toMatch(/<form[^>]*action="\/logout"/);
    expect(html).toMatch(/name="intent" value="logoutEverywhere"/);
    expect(html).toMatch(/name="intent" value="name"/);
    expect(html).toMatch(/name="intent" value="password"/);
  });

  it("gives the password form its own errors, not the name form's", async () => {
    const { default: Account } = await import("~/routes/account");
    const actionData = {
      intent: "password",
      done: false,
      result: { status: "error", initialValue: { intent: "password" }, error: { currentPassword: ["accounts.error.currentPasswordWrong"] } },
    };
    const html = render(Account, "en", { ...loaderData, passwordReset: true }, actionData);
    expect(html).toContain("The current password is wrong");
    expect(html).toContain("Your password was reset.");
    expect(html).toContain('href="/en/dashboard"');
  });
});
