import { describe, expect, it } from "vitest";
import { accountHeaders, parseAccountForm, readForm, tooManyAttempts } from "~/modules/accounts/responses.server";
import { LoginSchema } from "~/modules/accounts/schemas";

// A thrown Response or a thrown `data()` result: Remix answers both with their status.
const status = (thrown: unknown) => (thrown instanceof Response ? thrown.status : (thrown as { init?: { status?: number } }).init?.status);

describe("accountHeaders", () => {
  it("never lets a cache keep the page, and passes on Retry-After and Referrer-Policy", () => {
    const h = accountHeaders({
      loaderHeaders: new Headers({ "Referrer-Policy": "no-referrer", "X-Other": "dropped" }),
      actionHeaders: new Headers({ "Retry-After": "12" }),
      errorHeaders: undefined,
      parentHeaders: new Headers(),
    });
    expect(h).toBeInstanceOf(Headers);
    const headers = h as Headers;
    expect(headers.get("Cache-Control")).toBe("private, no-store");
    expect(headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(headers.get("Retry-After")).toBe("12");
    expect(headers.get("X-Other")).toBeNull();
  });
});

describe("tooManyAttempts", () => {
  it("is a 429 with Retry-After and the form again, without its passwords", () => {
    const fd = new FormData();
    fd.set("email", "a@b.cn");
    fd.set("password", "secret-password");
    const submission = parseAccountForm(fd, LoginSchema);
    const answer = tooManyAttempts(submission, { allowed: false, hits: 11, retryAfterSeconds: 17 }, ["password"]);
    expect(answer.init?.status).toBe(429);
    expect(new Headers(answer.init?.headers).get("Retry-After")).toBe("17");
    expect(answer.data).toMatchObject({ initialValue: { email: "a@b.cn" }, error: { "": ["accounts.error.tooMany:17"] } });
    expect(JSON.stringify(answer.data)).not.toContain("secret-password");
  });
});

describe("reading forms", () => {
  it("a body that is not a form is a 400", async () => {
    const request = new Request("http://x/login", { method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=x" }, body: "nope" });
    expect(status(await readForm(request).catch((e: unknown) => e))).toBe(400);
  });

  it("a forged Conform control field is a 400, not a crash", () => {
    const fd = new FormData();
    fd.set("__intent__", "{not json");
    let thrown: unknown;
    try {
      parseAccountForm(fd, LoginSchema);
    } catch (e) {
      thrown = e;
    }
    expect(status(thrown)).toBe(400);
  });
});
