import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsv, parseProductsCsv, readCsvRecords } from "~/modules/imports/products-csv";
import { productCsv, teaRow } from "../factories/product-csv";

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe("decodeCsv", () => {
  const text = "handle,title_zh\nanji-white-tea,安吉白茶 明前一级\n";

  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const result = decodeCsv(Buffer.concat([BOM, Buffer.from(text, "utf8")]));
    expect(result).toEqual({ ok: true, text, encoding: "utf-8-bom" });
  });

  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsv(Buffer.from(text, "utf8"))).toEqual({ ok: true, text, encoding: "utf-8" });
  });

  it("reads GB18030 (Excel's Chinese CSV), including characters outside GBK", () => {
    const chinese = "handle,title_zh\nanji-white-tea,安吉白茶 明前一级 𠮷\n";
    const bytes = iconv.encode(chinese, "gb18030");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    expect(decodeCsv(bytes)).toEqual({ ok: true, text: chinese, encoding: "gb18030" });
  });

  it("rejects an empty file, UTF-16, an xlsx workbook and undecodable bytes", () => {
    expect(decodeCsv(Buffer.alloc(0))).toMatchObject({ ok: false, error: { line: 0, code: "file_empty" } });
    expect(decodeCsv(Buffer.from(`\ufeff${text}`, "utf16le"))).toMatchObject({ ok: false, error: { code: "file_not_csv" } });
    expect(decodeCsv(Buffer.from("PK\x03\x04\x14\x00\x06\x00", "latin1"))).toMatchObject({ ok: false, error: { code: "file_not_csv" } });
    expect(decodeCsv(Buffer.from([0x61, 0x2c, 0xff, 0xff, 0x0a]))).toMatchObject({ ok: false, error: { code: "file_encoding" } });
  });
});

describe("parseProductsCsv encodings end to end", () => {
  const csv = productCsv([teaRow(), teaRow({ sku: "AJ-WT-500", variant_zh: "500克礼盒", price_cny: "318.00" })]);

  for (const [name, bytes, encoding] of [
    ["UTF-8 with BOM", Buffer.concat([BOM, Buffer.from(csv)]), "utf-8-bom"],
    ["UTF-8", Buffer.from(csv), "utf-8"],
    ["GB18030", iconv.encode(csv, "gb18030"), "gb18030"],
  ] as const) {
    it(`gives the same products from ${name}`, () => {
      const result = parseProductsCsv(bytes);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.encoding).toBe(encoding);
      expect(result.products).toHaveLength(1);
      expect(result.products[0]).toMatchObject({ handle: "anji-white-tea", titleZh: "安吉白茶 明前一级" });
      expect(result.products[0]!.variants.map((v) => [v.nameZh, v.priceCents])).toEqual([
        ["250克罐装", 16800],
        ["500克礼盒", 31800],
      ]);
    });
  }
});

describe("readCsvRecords line numbers", () => {
  it("gives each record the physical line it starts on, across quoted multi-line cells, CRLF and blank lines", () => {
    const text = 'a,b\r\n1,"two\r\nlines"\r\n\r\n"x\ny\nz",3\r\n4,5\r\n';
    const result = readCsvRecords(text);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.records.filter((r) => r.cells.some((c) => c !== "")).map((r) => [r.line, r.cells[0]])).toEqual([
      [1, "a"],
      [2, "1"],
      [5, "x\ny\nz"],
      [8, "4"],
    ]);
  });

  it("reports an unclosed quote at the line where its record starts", () => {
    const result = readCsvRecords('a,b\n1,2\n3,"never closed\n4,5\n');
    expect(result).toMatchObject({ ok: false, error: { line: 3, column: "", code: "csv_syntax" } });
  });
});
