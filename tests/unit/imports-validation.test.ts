import { describe, expect, it } from "vitest";
import { formatImportError } from "~/modules/imports/errors";
import { PRODUCT_CSV_COLUMNS, productRowSchema } from "~/modules/imports/product-row";
import { MAX_IMPORT_BYTES, parseProductsCsv } from "~/modules/imports/products-csv";
import { type CsvRow, productCsv, teaRow } from "../factories/product-csv";

const parse = (text: string) => parseProductsCsv(Buffer.from(text, "utf8"));

function errorsOf(text: string) {
  const result = parse(text);
  if (result.ok) throw new Error("expected errors, got a valid import");
  return result.errors;
}

/** The errors of a file whose header is line 1 and `row` is line 2. */
const rowErrors = (row: CsvRow) => errorsOf(productCsv([teaRow(row)])).map((e) => [e.line, e.column, e.code]);

describe("a valid file", () => {
  it("groups rows by handle into products with ordered variants", () => {
    const result = parse(
      productCsv([
        teaRow(),
        teaRow({ handle: "lin-an-hickory", title_zh: "临安山核桃", category: "nuts", certifications: "", sku: "LA-HN-500", price_cny: "88" }),
        teaRow({ sku: "AJ-WT-500", variant_zh: "500克礼盒", price_cny: "318.50", weight_g: "", ships_from: "2027-04-10" }),
      ]),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.rows).toBe(3);
    expect(result.products.map((p) => [p.handle, p.line, p.variants.map((v) => [v.sku, v.line, v.position])])).toEqual([
      ["anji-white-tea", 2, [["AJ-WT-250", 2, 0], ["AJ-WT-500", 4, 1]]],
      ["lin-an-hickory", 3, [["LA-HN-500", 3, 0]]],
    ]);
    const [tea] = result.products;
    expect(tea).toMatchObject({ category: "tea", certifications: ["organic", "gi"], status: "active", village: null });
    expect(tea!.variants[1]).toMatchObject({ priceCents: 31850, weightG: null, shipsFrom: "2027-04-10", stock: 40 });
  });

  it("accepts a file with only the required columns, in any order and case, and reports which columns it had", () => {
    const columns = ["SKU", "Handle", "title_zh", "category", "variant_zh", "price_cny", "stock"];
    const text = `${columns.join(",")}\nAJ-1,anji-white-tea,安吉白茶,tea,250克,168,5\n`;
    const result = parse(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.columns.sort()).toEqual(["category", "handle", "price_cny", "sku", "stock", "title_zh", "variant_zh"]);
    expect(result.products[0]).toMatchObject({ titleEn: "", status: "active", certifications: [] });
  });

  it("skips blank and all-empty rows (Excel leaves them) but keeps physical line numbers", () => {
    const body = productCsv([teaRow()]) + "\n" + ",".repeat(PRODUCT_CSV_COLUMNS.length - 1) + "\n";
    const text = body + productCsv([teaRow({ sku: "AJ-WT-500", price_cny: "x" })]).split("\n")[1] + "\n";
    expect(errorsOf(text)).toMatchObject([{ line: 5, column: "price_cny", code: "price_format" }]);
  });

  it("accepts draft status and ignores trailing unnamed empty columns", () => {
    const text = productCsv([teaRow({ status: "Draft" })]).replace(/\n/g, ",,\n");
    const result = parse(text);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.products[0]!.status).toBe("draft");
  });
});

describe("file-level errors", () => {
  it("rejects a file over the size limit", () => {
    const result = parseProductsCsv(Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x61));
    expect(result).toMatchObject({ ok: false, errors: [{ line: 0, code: "file_too_large" }] });
  });

  it("rejects an empty file and a file with only blank lines", () => {
    expect(errorsOf("")).toMatchObject([{ code: "file_empty" }]);
    expect(errorsOf("\n\r\n  \n")).toMatchObject([{ code: "file_empty" }]);
  });

  it("rejects a header-only file", () => {
    expect(errorsOf(productCsv([]))).toMatchObject([{ line: 1, column: "", code: "no_rows" }]);
  });

  it("reports an unknown column on the header line, naming it", () => {
    const text = productCsv([teaRow({ colour: "green" })], { columns: [...PRODUCT_CSV_COLUMNS, "colour"] });
    expect(errorsOf(text)).toEqual([expect.objectContaining({ line: 1, column: "colour", code: "unknown_column" })]);
  });

  it("reports every missing required column by name", () => {
    const columns = PRODUCT_CSV_COLUMNS.filter((c) => c !== "sku" && c !== "price_cny");
    const errors = errorsOf(productCsv([teaRow()], { columns }));
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [1, "sku", "missing_column"],
      [1, "price_cny", "missing_column"],
    ]);
    expect(errors[0]!.message).toContain("sku, price_cny");
  });

  it("reports a duplicated column", () => {
    const text = productCsv([teaRow()], { columns: [...PRODUCT_CSV_COLUMNS, "stock"] });
    expect(errorsOf(text)).toMatchObject([{ line: 1, column: "stock", code: "duplicate_column" }]);
  });

  it("reports malformed CSV with its line", () => {
    const text = productCsv([teaRow()]) + 'x,"unclosed,tea\n';
    expect(errorsOf(text)).toMatchObject([{ line: 3, code: "csv_syntax" }]);
  });
});

describe("cell errors name the line and the column", () => {
  it.each<[string, CsvRow, string, string]>([
    ["empty handle", { handle: "" }, "handle", "required"],
    ["handle with spaces and capitals", { handle: "Anji White Tea" }, "handle", "handle_format"],
    ["empty title_zh", { title_zh: "  " }, "title_zh", "required"],
    ["title_zh too long", { title_zh: "茶".repeat(201) }, "title_zh", "too_long"],
    ["unknown category", { category: "茶叶" }, "category", "unknown_category"],
    ["empty category", { category: "" }, "category", "required"],
    ["unknown certification", { certifications: "organic;fairtrade" }, "certifications", "unknown_certification"],
    ["empty sku", { sku: "" }, "sku", "required"],
    ["sku with a space", { sku: "AJ WT" }, "sku", "sku_format"],
    ["empty variant_zh", { variant_zh: "" }, "variant_zh", "required"],
    ["empty price", { price_cny: "" }, "price_cny", "required"],
    ["negative price", { price_cny: "-5.00" }, "price_cny", "negative"],
    ["non-numeric price", { price_cny: "cheap" }, "price_cny", "price_format"],
    ["three decimals", { price_cny: "1.999" }, "price_cny", "price_format"],
    ["empty stock", { stock: "" }, "stock", "required"],
    ["negative stock", { stock: "-1" }, "stock", "negative"],
    ["non-numeric stock", { stock: "many" }, "stock", "integer_format"],
    ["fractional weight", { weight_g: "250.5" }, "weight_g", "integer_format"],
    ["date in another format", { ships_from: "2027/04/10" }, "ships_from", "date_format"],
    ["impossible date", { ships_from: "2027-02-29" }, "ships_from", "date_invalid"],
    ["unknown status", { status: "archived" }, "status", "unknown_status"],
  ])("%s", (_name, row, column, code) => {
    expect(rowErrors(row)).toEqual([[2, column, code]]);
  });

  it("reports every bad cell of every bad row, in file order", () => {
    const text = productCsv([
      teaRow({ price_cny: "abc", stock: "-2" }),
      teaRow({ sku: "AJ-WT-500" }),
      teaRow({ sku: "AJ-WT-1000", ships_from: "2027-02-30" }),
      teaRow({ handle: "honey", title_zh: "", category: "honey", certifications: "", sku: "HN-1" }),
    ]);
    expect(errorsOf(text).map((e) => [e.line, e.column, e.code])).toEqual([
      [2, "price_cny", "price_format"],
      [2, "stock", "negative"],
      [4, "ships_from", "date_invalid"],
      [5, "title_zh", "required"],
    ]);
  });

  it("reports a cell beyond the named columns", () => {
    const text = productCsv([teaRow()]).replace(/\n$/, ",surprise\n");
    expect(errorsOf(text)).toMatchObject([{ line: 2, column: "", code: "cell_outside_columns", params: { position: PRODUCT_CSV_COLUMNS.length + 1 } }]);
  });

  it("reports the line where a record starts when an earlier cell spans lines", () => {
    const text = productCsv([
      teaRow({ description_zh: "第一行\n第二行\n第三行" }),
      teaRow({ sku: "AJ-WT-500", description_zh: "第一行\n第二行\n第三行", stock: "x" }),
    ], { eol: "\r\n" });
    expect(errorsOf(text)).toMatchObject([{ line: 5, column: "stock", code: "integer_format" }]);
  });
});

describe("rules across rows", () => {
  it("reports a SKU used twice on the second line, pointing at the first", () => {
    const errors = errorsOf(productCsv([teaRow(), teaRow({ variant_zh: "另一个" }), teaRow({ sku: "AJ-WT-250", price_cny: "bad" })]));
    expect(errors.map((e) => [e.line, e.column, e.code, e.params?.firstLine])).toEqual([
      [3, "sku", "duplicate_sku", 2],
      [4, "price_cny", "price_format", undefined],
      [4, "sku", "duplicate_sku", 2],
    ]);
  });

  it("reports product columns that differ between rows of one handle, on the differing row", () => {
    const errors = errorsOf(
      productCsv([
        teaRow(),
        teaRow({ sku: "AJ-WT-500", certifications: "gi;organic" }), // same set: fine
        teaRow({ sku: "AJ-WT-1000", title_zh: "安吉白茶", category: "fruit" }),
      ]),
    );
    expect(errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [4, "title_zh", "product_mismatch"],
      [4, "category", "product_mismatch"],
    ]);
    expect(errors[0]!.message).toContain("line 2");
  });
});

describe("messages", () => {
  it("carry a code and params so the message can be shown in Chinese", () => {
    const [error] = errorsOf(productCsv([teaRow({ price_cny: "-5" })]));
    expect(error!.message).toBe('Must not be negative (got "-5").');
    expect(formatImportError(error!, "zh-CN")).toBe("不能为负数（当前为“-5”）。");
    expect(formatImportError(error!, "en")).toBe(error!.message);
  });
});

describe("productRowSchema (reusable for one-variant forms)", () => {
  it("parses a row of strings into typed values", () => {
    const row = productRowSchema.parse({ ...teaRow({ price_cny: "0.29", ships_from: "2027-04-10" }) });
    expect(row).toMatchObject({ price_cny: 29, stock: 40, weight_g: 250, ships_from: "2027-04-10", certifications: ["organic", "gi"] });
  });
});
