import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import { type CooperativeRow, createCooperative, productCsv, teaRow, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";

// Pending sellers: their imported products stay out of public catalogue queries that other
// test files run against the same database (the importer does not look at the status).
const HIDDEN = { status: "pending" } as const;

let t: TestDb;
let dir: string;
let coop: CooperativeRow;
beforeAll(async () => {
  t = openTestDb();
  dir = await mkdtemp(path.join(os.tmpdir(), "xiangji-import-cli-"));
  coop = await createCooperative(t.db, HIDDEN);
});
afterAll(async () => {
  await t.close();
  await rm(dir, { recursive: true, force: true });
});

type Run = { code: number; stdout: string; stderr: string };
function runImport(args: string[], env: Record<string, string> = { DATABASE_URL: t.url }): Promise<Run> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/import.ts", ...args], { env: { ...process.env, DATABASE_URL: "", ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function csvFile(name: string, content: string | Buffer) {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function productCount() {
  return (await t.db.select({ id: products.id }).from(products).where(eq(products.cooperativeId, coop.id))).length;
}

describe("npm run import -- products", { timeout: 90_000 }, () => {
  it("exits 1 with a line, column, message report for every bad row and writes nothing", async () => {
    const tag = uniqueToken().toUpperCase();
    const bad = await csvFile(
      "bad.csv",
      productCsv([
        teaRow({ handle: "cli-tea", sku: `${tag}-1` }),
        teaRow({ handle: "cli-tea", sku: `${tag}-2`, price_cny: "abc" }),
        teaRow({ handle: "cli-tea", sku: `${tag}-3`, stock: "-4", ships_from: "2027-02-30" }),
      ]),
    );
    const before = await productCount();
    const run = await runImport(["products", "--cooperative", coop.slug, "--file", bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("3 errors, nothing was imported");
    const report = run.stderr.split("\n").map((l) => l.trim());
    expect(report).toContain('3  price_cny   "abc" is not a price: write yuan with at most 2 decimals, e.g. 168.00.');
    expect(report).toContain('4  stock       Must not be negative (got "-4").');
    expect(report).toContain('4  ships_from  "2027-02-30" is not a real calendar date.');
    expect(await productCount()).toBe(before);
  });

  it("imports a valid GB18030 file, prints a summary and exits 0; a second run changes nothing", async () => {
    const tag = uniqueToken();
    const handle = `cli-tea-${tag}`;
    const rows = [teaRow({ handle, sku: `${tag.toUpperCase()}-1` }), teaRow({ handle, sku: `${tag.toUpperCase()}-2`, price_cny: "99.5" })];
    const good = await csvFile("good.csv", iconv.encode(productCsv(rows, { eol: "\r\n" }), "gb18030"));
    const first = await runImport(["products", "--cooperative", coop.slug, "--file", good]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("products: 1 created, 0 updated, 0 unchanged");
    expect(first.stdout).toContain("variants: 2 created, 0 updated, 0 unchanged");
    const [product] = await t.db.select().from(products).where(eq(products.slug, handle));
    expect(product).toMatchObject({ cooperativeId: coop.id, titleZh: "安吉白茶 明前一级", priceFromCents: 9950 });
    const variants = await t.db.select().from(productVariants).where(inArray(productVariants.productId, [product!.id]));
    expect(variants).toHaveLength(2);

    const second = await runImport(["products", "--cooperative", coop.slug, "--file", good]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("products: 0 created, 0 updated, 1 unchanged");
    expect(second.stdout).toContain("variants: 0 created, 0 updated, 2 unchanged");
  });

  it("exits 1 with a clear message for an unknown cooperative or a missing DATABASE_URL", async () => {
    const file = await csvFile("any.csv", productCsv([teaRow()]));
    const [unknown, noDb] = await Promise.all([
      runImport(["products", "--cooperative", `no-such-${uniqueToken()}`, "--file", file]),
      runImport(["products", "--cooperative", coop.slug, "--file", file], { DATABASE_URL: "" }),
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No cooperative with the slug "no-such-/);
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain("DATABASE_URL is not set");
    expect(noDb.stderr).toContain("npm start");
  });

  it("exits 2 with the usage for bad arguments", async () => {
    const cases = [["products", "--file", "x.csv"], ["stays", "--cooperative", "a", "--file", "x.csv"], ["products", "--nope"]];
    const runs = await Promise.all(cases.map((args) => runImport(args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i]!.join(" ")).toBe(2);
      expect(run.stderr).toContain("Usage: npm run import -- products --cooperative <slug> --file <path.csv>");
    });
  });
});
