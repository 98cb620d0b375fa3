// `npm run operator -- grant|revoke <email>`: the way a real deployment gets its operator.
import { execFile } from "node:child_process";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../db/schema/index";
import { createUser } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

let t: TestDb;
beforeAll(() => {
  t = openTestDb();
});
afterAll(() => t.close());

type Run = { code: number; stdout: string; stderr: string };
function runOperator(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/operator.ts", ...args], { env: { ...process.env, DATABASE_URL: t.url }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const isOperator = async (id: number) => (await t.db.select({ op: users.isOperator }).from(users).where(eq(users.id, id)))[0]!.op;

describe("npm run operator", () => {
  it("grants and revokes the operator role by e-mail, whatever its case", async () => {
    const user = await createUser(t.db);
    const granted = await runOperator(["grant", user.email.toUpperCase()]);
    expect(granted.code, granted.stderr).toBe(0);
    expect(granted.stdout).toContain("is now an operator");
    expect(await isOperator(user.id)).toBe(true);

    const revoked = await runOperator(["revoke", user.email]);
    expect(revoked.code).toBe(0);
    expect(await isOperator(user.id)).toBe(false);
  });

  it("says so for an unknown e-mail (exit 1) and for bad arguments (exit 2), changing nothing", async () => {
    const unknown = await runOperator(["grant", "nobody-here@example.test"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("/signup");
    const bad = await runOperator(["promote", "x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage");
  });
});
