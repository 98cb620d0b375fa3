import { describe, expect, it } from "vitest";
import { devMailEnabled, renderMailPage } from "~/modules/accounts/dev-mail.server";
import { resetPasswordMail } from "~/modules/accounts/reset-mail.server";
import { emailBucketKey } from "~/modules/security/auth-rate-limit.server";

describe("resetPasswordMail", () => {
  const link = "https://xiangji.example/reset-password?token=abc_DEF-123";

  it("speaks Chinese to a zh-CN account and carries the link in text and HTML", () => {
    const mail = resetPasswordMail({ to: "a@b.cn", name: "王小茶", link, lang: "zh-CN" });
    expect(mail.subject).toBe("重设你在乡集的密码");
    expect(mail.text).toContain("王小茶，你好");
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain('lang="zh-CN"');
  });

  it("speaks English to an en account", () => {
    const mail = resetPasswordMail({ to: "a@b.cn", name: "Amy", link: link.replace("/reset", "/en/reset"), lang: "en" });
    expect(mail.subject).toBe("Reset your Xiangji password");
    expect(mail.text).toContain("Hello Amy,");
    expect(mail.text).toContain("/en/reset-password?token=");
  });

  it("escapes the account's name in the HTML body", () => {
    const mail = resetPasswordMail({ to: "a@b.cn", name: '<img src=x onerror="alert(1)">', link, lang: "en" });
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img");
  });

  it("greets by e-mail when the account has no name", () => {
    expect(resetPasswordMail({ to: "a@b.cn", name: "", link, lang: "en" }).text).toContain("Hello a@b.cn,");
  });
});

describe("the /dev/mail page of one mail", () => {
  const hostile = {
    file: "2026-01-01T00-00-00-000Z-abc123.eml",
    to: "<b>x</b>@example.test",
    subject: "</title><script>alert(1)</script>",
    date: "2026-01-01T00:00:00.000Z",
    text: "Hello <script>alert(2)</script> https://x.test/reset?token=1",
    html: '<p>hi</p><script>alert(3)</script><img src="https://tracker.example/p.gif">',
  };

  it("never puts the mail's markup into the page: text is escaped, HTML goes to a sandboxed srcdoc", () => {
    const page = renderMailPage(hostile);
    expect(page).not.toMatch(/<script>/i);
    expect(page).toContain("&lt;script&gt;alert(2)&lt;/script&gt;");
    expect(page).toMatch(/<iframe[^>]*sandbox=""[^>]*srcDoc="[^"]*&lt;script&gt;alert\(3\)/i);
    expect(page).not.toContain("<b>x</b>");
  });

  it("shows no frame for a text-only mail", () => {
    expect(renderMailPage({ ...hostile, html: null })).not.toContain("<iframe");
  });
});

describe("devMailEnabled", () => {
  it("is on when mail goes to files and off when SMTP_URL is set", () => {
    expect(devMailEnabled({})).toBe(true);
    expect(devMailEnabled({ SMTP_URL: "" })).toBe(true);
    expect(devMailEnabled({ SMTP_URL: "smtp://mail.example:587" })).toBe(false);
  });

  it("does not exist on a production server unless DEV_MAIL=on (the demo and the e2e server), and never with SMTP", () => {
    const prod = { NODE_ENV: "production", SESSION_SECRET: "s".repeat(32) };
    expect(devMailEnabled(prod)).toBe(false);
    expect(devMailEnabled({ ...prod, DEV_MAIL: "on" })).toBe(true);
    expect(devMailEnabled({ ...prod, DEV_MAIL: "on", SMTP_URL: "smtp://mail.example:587" })).toBe(false);
    expect(devMailEnabled({ DEV_MAIL: "off" })).toBe(false);
  });
});

describe("emailBucketKey", () => {
  it("normalises the e-mail an attempt is for, and ignores what is not one", () => {
    expect(emailBucketKey("  Tea@Example.CN ")).toBe("tea@example.cn");
    expect(emailBucketKey("no-at-sign")).toBeNull();
    expect(emailBucketKey(`${"a".repeat(300)}@b.cn`)).toBeNull();
    expect(emailBucketKey(null)).toBeNull();
    expect(emailBucketKey(new File(["x"], "a@b.cn"))).toBeNull();
  });
});
