// Handles made from titles, and CSV text written by the export that the importer reads back as
// the same values.
import { describe, expect, it } from "vitest";
import { PRODUCT_CSV_COLUMNS, type ProductCsvColumn } from "~/modules/imports/product-row";
import { parseProductsCsv } from "~/modules/imports/products-csv";
import { csvCell, csvText, templateCsv } from "~/modules/seller-products/csv-export.server";
import { MAX_HANDLE_LENGTH, firstFreeHandle, handleFromTitle } from "~/modules/seller-products/handle.server";

const HANDLE_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe("handles from titles", () => {
  it("spells the Chinese title in pinyin, keeping Latin words and digits", () => {
    expect(handleFromTitle("安吉白茶 明前一级")).toBe("an-ji-bai-cha-ming-qian-yi-ji");
    expect(handleFromTitle("临安山核桃 500g")).toBe("lin-an-shan-he-tao-500g");
    expect(handleFromTitle("ＡＢＣ·龙泉青瓷")).toBe("abc-long-quan-qing-ci");
  });

  it("always gives a valid handle of at most 60 characters", () => {
    for (const title of ["🍵🍵", "——", "茶".repeat(200), `${"a".repeat(90)} 茶`, "  "]) {
      const handle = handleFromTitle(title);
      expect(handle).toMatch(HANDLE_RE);
      expect(handle.length).toBeLessThanOrEqual(MAX_HANDLE_LENGTH);
    }
    expect(handleFromTitle("🍵")).toBe("product");
  });

  it("numbers a handle the cooperative already uses", () => {
    expect(firstFreeHandle("cha", new Set())).toBe("cha");
    expect(firstFreeHandle("cha", new Set(["cha", "cha-2"]))).toBe("cha-3");
    const long = "a".repeat(MAX_HANDLE_LENGTH);
    const next = firstFreeHandle(long, new Set([long]));
    expect(next.length).toBe(MAX_HANDLE_LENGTH);
    expect(next).toMatch(/-2$/);
  });
});

describe("the exported CSV text", () => {
  it("quotes only cells that need it", () => {
    expect(csvCell("安吉白茶")).toBe("安吉白茶");
    expect(csvCell('一罐, "特级"')).toBe('"一罐, ""特级"""');
    expect(csvCell("第一行\n第二行")).toBe('"第一行\n第二行"');
  });

  it("reads back through the importer as the same values", () => {
    const row: Record<ProductCsvColumn, string> = {
      handle: "anji-white-tea",
      title_zh: '安吉白茶 "明前", 一级',
      title_en: "Anji White Tea, grade 1",
      category: "tea",
      description_zh: "第一行\n第二行，有逗号, and \"quotes\"",
      description_en: "",
      certifications: "organic;gi",
      harvest_season: "3-4",
      village: "",
      sku: "AJ-WT-250",
      variant_zh: "250克罐装",
      variant_en: "250 g tin",
      price_cny: "168.00",
      stock: "40",
      weight_g: "250",
      ships_from: "2027-04-10",
      status: "draft",
    };
    const text = csvText([row, { ...row, sku: "AJ-WT-500", variant_zh: "500克", price_cny: "300.50", weight_g: "", ships_from: "" }]);
    expect(text.split("\r\n")[0]).toBe(PRODUCT_CSV_COLUMNS.join(","));
    const parsed = parseProductsCsv(Buffer.from(`\uFEFF${text}`, "utf8"));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.encoding).toBe("utf-8-bom");
    expect(parsed.columns).toEqual([...PRODUCT_CSV_COLUMNS]);
    expect(parsed.products).toHaveLength(1);
    expect(parsed.products[0]).toMatchObject({
      titleZh: row.title_zh,
      titleEn: row.title_en,
      descriptionZh: row.description_zh,
      certifications: ["organic", "gi"],
      status: "draft",
    });
    expect(parsed.products[0]!.variants.map((v) => [v.sku, v.priceCents, v.weightG, v.shipsFrom])).toEqual([
      ["AJ-WT-250", 16800, 250, "2027-04-10"],
      ["AJ-WT-500", 30050, null, null],
    ]);
  });

  it("offers a template that is the header alone, with a BOM", () => {
    const bytes = templateCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(`${PRODUCT_CSV_COLUMNS.join(",")}\r\n`);
  });
});
