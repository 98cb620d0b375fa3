// The dashboard's product and stock forms: what a seller may type, and the message keys they
// get back for what they may not. Parsed the way the action parses them (Conform + Zod).
import { describe, expect, it } from "vitest";
import { STOCK_REASONS as DB_STOCK_REASONS } from "../../db/schema/inventory";
import * as importer from "~/modules/imports/product-row";
import {
  MAX_PRICE_CENTS,
  MAX_STOCK,
  MAX_VARIANTS,
  MAX_WEIGHT_G,
  STOCK_REASONS,
  centsToYuan,
  parseProductListFilter,
  parseRowId,
  productFormSchema,
  stockAdjustmentSchema,
} from "~/modules/seller-products/schemas";
import { parseForm } from "~/utils/forms";

type Fields = Record<string, string | string[]>;

function formData(fields: Fields): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
  return fd;
}

const product = (overrides: Fields = {}): Fields => ({
  titleZh: "安吉白茶 明前一级",
  titleEn: "Anji White Tea",
  descriptionZh: "第一行\r\n第二行",
  category: "tea",
  certifications: ["gi", "organic"],
  harvestSeason: "3-4",
  status: "active",
  "variants[0].sku": "AJ-WT-250",
  "variants[0].nameZh": "250克罐装",
  "variants[0].price": "168",
  "variants[0].stock": "40",
  ...overrides,
});

function parseProduct(fields: Fields) {
  return parseForm(formData(fields), productFormSchema);
}

function errorsOf(fields: Fields, schema: typeof productFormSchema | typeof stockAdjustmentSchema = productFormSchema) {
  const submission = parseForm(formData(fields), schema);
  if (submission.status === "success") throw new Error("expected errors");
  return submission.error ?? {};
}

describe("the product form", () => {
  it("turns what a seller typed into stored values: fen, canonical certifications, LF line breaks", () => {
    const submission = parseProduct(
      product({
        "variants[1].sku": "AJ-WT-500",
        "variants[1].nameZh": "500克礼盒",
        "variants[1].price": "318.50",
        "variants[1].stock": "0",
        "variants[1].weightG": "500",
        "variants[1].shipsFrom": "2027-04-10",
        villageId: "12",
      }),
    );
    if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
    expect(submission.value).toMatchObject({
      titleZh: "安吉白茶 明前一级",
      descriptionZh: "第一行\n第二行",
      descriptionEn: "",
      certifications: ["organic", "gi"],
      villageId: 12,
      status: "active",
    });
    expect(submission.value.variants).toEqual([
      { sku: "AJ-WT-250", nameZh: "250克罐装", nameEn: "", price: 16800, stock: 40 },
      { sku: "AJ-WT-500", nameZh: "500克礼盒", nameEn: "", price: 31850, stock: 0, weightG: 500, shipsFrom: "2027-04-10" },
    ]);
  });

  it("needs a Chinese title, a category, a status and at least one variant", () => {
    const errors = errorsOf({ titleEn: "Only English" });
    expect(errors).toMatchObject({
      titleZh: ["form.required"],
      category: ["form.required"],
      status: ["form.required"],
      variants: ["productsDashboard.error.variantsRequired"],
    });
  });

  it("refuses an unknown category or certification and a status other than active/draft", () => {
    const errors = errorsOf(product({ category: "weapons", certifications: ["organic", "nobel"], status: "archived" }));
    expect(errors.category).toEqual(["form.choice"]);
    expect(errors["certifications[1]"]).toEqual(["form.choice"]);
    expect(errors.status).toEqual(["form.choice"]);
  });

  it.each([
    ["abc", "form.price"],
    ["-5", "form.price"],
    ["1.234", "form.price"],
    ["0", "productsDashboard.error.pricePositive"],
    ["0.00", "productsDashboard.error.pricePositive"],
    ["1000000.01", `form.tooBig:${MAX_PRICE_CENTS / 100}`],
  ])("refuses the price %s", (price, message) => {
    expect(errorsOf(product({ "variants[0].price": price }))["variants[0].price"]).toEqual([message]);
  });

  it("refuses stock and weight that are not whole numbers in range", () => {
    expect(errorsOf(product({ "variants[0].stock": "-1" }))["variants[0].stock"]).toEqual(["form.tooSmall:0"]);
    expect(errorsOf(product({ "variants[0].stock": "1.5" }))["variants[0].stock"]).toEqual(["form.integer"]);
    expect(errorsOf(product({ "variants[0].stock": "lots" }))["variants[0].stock"]).toEqual(["form.invalid"]);
    expect(errorsOf(product({ "variants[0].stock": String(MAX_STOCK + 1) }))["variants[0].stock"]).toEqual([`form.tooBig:${MAX_STOCK}`]);
    expect(errorsOf(product({ "variants[0].weightG": "-250" }))["variants[0].weightG"]).toEqual(["form.tooSmall:0"]);
    expect(errorsOf(product({ "variants[0].shipsFrom": "2027-02-30" }))["variants[0].shipsFrom"]).toEqual(["form.date"]);
  });

  it("asks for the opening stock of a new variant only; a saved one keeps its stock", () => {
    expect(errorsOf(product({ "variants[0].stock": "" }))["variants[0].stock"]).toEqual(["form.required"]);
    const saved = parseProduct(product({ "variants[0].id": "7", "variants[0].stock": "" }));
    expect(saved.status).toBe("success");
  });

  it("refuses a SKU in the wrong shape and the same SKU twice in one product", () => {
    expect(errorsOf(product({ "variants[0].sku": "-AJ 250" }))["variants[0].sku"]).toEqual(["productsDashboard.error.skuFormat"]);
    const twice = errorsOf(
      product({ "variants[1].sku": "aj-wt-250", "variants[1].nameZh": "又一个", "variants[1].price": "1", "variants[1].stock": "1" }),
    );
    expect(twice["variants[1].sku"]).toEqual(["productsDashboard.error.skuDuplicate"]);
  });

  it("refuses a garbage or repeated variant id", () => {
    expect(errorsOf(product({ "variants[0].id": "abc" }))["variants[0].id"]).toEqual(["form.invalid"]);
    expect(errorsOf(product({ "variants[0].id": "-3" }))["variants[0].id"]).toEqual(["form.tooSmall:0"]);
    expect(errorsOf(product({ "variants[0].id": "99999999999" }))["variants[0].id"]).toEqual(["form.tooBig:2147483647"]);
    const twice = errorsOf(
      product({ "variants[0].id": "5", "variants[1].id": "5", "variants[1].sku": "X-2", "variants[1].nameZh": "二", "variants[1].price": "2" }),
    );
    expect(twice["variants[1].id"]).toEqual(["form.invalid"]);
  });

  it("refuses huge titles and more than the allowed number of variants", () => {
    expect(errorsOf(product({ titleZh: "茶".repeat(100_000) })).titleZh).toEqual(["form.tooLong:200"]);
    const many: Fields = product();
    for (let i = 0; i <= MAX_VARIANTS; i++) {
      Object.assign(many, { [`variants[${i}].sku`]: `S-${i}`, [`variants[${i}].nameZh`]: "规格", [`variants[${i}].price`]: "1", [`variants[${i}].stock`]: "1" });
    }
    expect(errorsOf(many).variants).toEqual([`productsDashboard.error.tooManyVariants:${MAX_VARIANTS}`]);
  });

  it("keeps the importer's limits, so a product saved here always exports to a CSV that imports", () => {
    expect([MAX_PRICE_CENTS, MAX_STOCK, MAX_WEIGHT_G]).toEqual([importer.MAX_PRICE_CENTS, importer.MAX_STOCK, importer.MAX_WEIGHT_G]);
    expect(STOCK_REASONS).toEqual(DB_STOCK_REASONS);
  });
});

describe("the stock adjustment form", () => {
  const adjust = (overrides: Fields = {}): Fields => ({ intent: "adjust", variantId: "3", delta: "+20", reason: "restock", ...overrides });

  it("reads +20 and -3 as whole-number changes", () => {
    const up = parseForm(formData(adjust()), stockAdjustmentSchema);
    const down = parseForm(formData(adjust({ delta: "-3", reason: "damaged", note: "  摔坏了 " })), stockAdjustmentSchema);
    expect(up.status === "success" && up.value).toEqual({ intent: "adjust", variantId: 3, delta: 20, reason: "restock", note: "" });
    expect(down.status === "success" && down.value).toMatchObject({ delta: -3, reason: "damaged", note: "摔坏了" });
  });

  it.each([
    ["0", "productsDashboard.stock.error.zero"],
    ["abc", "form.invalid"],
    ["2.5", "form.integer"],
    ["", "form.required"],
    [String(MAX_STOCK + 1), `form.tooBig:${MAX_STOCK}`],
  ])("refuses the change %j", (delta, message) => {
    expect(errorsOf(adjust({ delta }), stockAdjustmentSchema).delta).toEqual([message]);
  });

  it("needs a known reason, a note for “other”, a real variant id and the adjust intent", () => {
    expect(errorsOf(adjust({ reason: "theft" }), stockAdjustmentSchema).reason).toEqual(["form.choice"]);
    expect(errorsOf(adjust({ reason: "other" }), stockAdjustmentSchema).note).toEqual(["productsDashboard.stock.error.noteRequired"]);
    expect(errorsOf(adjust({ variantId: "x" }), stockAdjustmentSchema).variantId).toEqual(["form.invalid"]);
    expect(errorsOf(adjust({ intent: "delete" }), stockAdjustmentSchema).intent).toEqual(["form.choice"]);
    expect(errorsOf(adjust({ note: "长".repeat(501) }), stockAdjustmentSchema).note).toEqual(["form.tooLong:500"]);
  });
});

describe("URL values", () => {
  it("reads row ids from URL parameters and nothing else", () => {
    expect([parseRowId("42"), parseRowId("2147483647")]).toEqual([42, 2147483647]);
    for (const bad of [undefined, "", "0", "-1", "1.5", "01", "abc", "2147483648", "99999999999", "1e3"]) expect(parseRowId(bad)).toBeNull();
  });

  it("drops garbage list filters instead of failing", () => {
    expect(parseProductListFilter(new URLSearchParams("status=nope&stock=high&page=-4&q=%20%E8%8C%B6%20"))).toEqual({
      q: "茶",
      status: undefined,
      lowStock: false,
      page: 1,
    });
    expect(parseProductListFilter(new URLSearchParams(`status=draft&stock=low&page=3&q=${"x".repeat(500)}`))).toEqual({
      q: "x".repeat(100),
      status: "draft",
      lowStock: true,
      page: 3,
    });
  });

  it("shows fen as yuan with two decimals", () => {
    expect([centsToYuan(16800), centsToYuan(31850), centsToYuan(5), centsToYuan(100_000_000)]).toEqual(["168.00", "318.50", "0.05", "1000000.00"]);
  });
});
