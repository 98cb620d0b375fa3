// Row-level import errors. Every error carries a stable `code` and its `params`, so a page can
// show it in the user's language (`formatImportError(e, "zh-CN")`); `message` is the English
// text for logs, the CLI and API clients.

/**
 * `line` is the physical line of the CSV file (the header is line 1; a record with a quoted
 * multi-line cell is reported at the line where it starts). `line: 0` means the file as a whole
 * (too large, not decodable). `column` is the CSV column name, or "" when no column applies.
 */
export type ImportError = {
  line: number;
  column: string;
  message: string;
  code?: ImportErrorCode;
  params?: ImportErrorParams;
};

export type ImportErrorParams = Record<string, string | number>;

type Templates = { en: (p: ImportErrorParams) => string; zh: (p: ImportErrorParams) => string };

const list = (v: string | number | undefined) => String(v ?? "");

const TEMPLATES = {
  // the file as a whole
  file_too_large: {
    en: (p) => `The file is larger than ${p.maxMb} MB. Split it into several files.`,
    zh: (p) => `文件超过 ${p.maxMb} MB，请拆分成几个文件。`,
  },
  file_empty: {
    en: () => "The file is empty.",
    zh: () => "文件是空的。",
  },
  file_not_csv: {
    en: (p) => `This is not a CSV file (${p.detail}). In Excel use "Save as" → "CSV UTF-8" or "CSV".`,
    zh: (p) => `这不是 CSV 文件（${p.detail}）。请在 Excel 中“另存为” → “CSV UTF-8”或“CSV”。`,
  },
  file_encoding: {
    en: () => "The file is neither UTF-8 nor GB18030 text. Save it as \"CSV UTF-8\".",
    zh: () => "文件编码既不是 UTF-8 也不是 GB18030，请另存为“CSV UTF-8”。",
  },
  csv_syntax: {
    en: (p) => `The CSV is malformed here: ${p.detail}. Check the quotes (") in this row.`,
    zh: (p) => `CSV 格式错误：${p.detail}。请检查这一行的引号（"）。`,
  },
  no_rows: {
    en: () => "The file has a header but no product rows.",
    zh: () => "文件只有表头，没有商品行。",
  },
  // header (line 1)
  unknown_column: {
    en: (p) => `Unknown column "${p.column}". Allowed columns: ${list(p.allowed)}.`,
    zh: (p) => `未知的列“${p.column}”。可用的列：${list(p.allowed)}。`,
  },
  duplicate_column: {
    en: (p) => `The column "${p.column}" appears more than once in the header.`,
    zh: (p) => `表头中“${p.column}”列出现了不止一次。`,
  },
  missing_column: {
    en: (p) => `The required column "${p.column}" is missing (missing: ${list(p.missing)}).`,
    zh: (p) => `缺少必填列“${p.column}”（缺少：${list(p.missing)}）。`,
  },
  // a cell
  required: {
    en: () => "This value is required.",
    zh: () => "此项必填。",
  },
  too_long: {
    en: (p) => `Too long: at most ${p.max} characters.`,
    zh: (p) => `太长了：最多 ${p.max} 个字符。`,
  },
  cell_outside_columns: {
    en: (p) => `This row has a value in column ${p.position}, which has no name in the header.`,
    zh: (p) => `这一行第 ${p.position} 列有内容，但表头中这一列没有名称。`,
  },
  handle_format: {
    en: (p) => `"${p.value}" is not a valid handle: use lower-case letters, digits and single hyphens, e.g. anji-white-tea.`,
    zh: (p) => `“${p.value}”不是有效的 handle：只能使用小写字母、数字和单个连字符，例如 anji-white-tea。`,
  },
  sku_format: {
    en: (p) => `"${p.value}" is not a valid SKU: use letters, digits, ".", "_" or "-", starting with a letter or digit.`,
    zh: (p) => `“${p.value}”不是有效的 SKU：只能使用字母、数字、“.”、“_”或“-”，并以字母或数字开头。`,
  },
  price_format: {
    en: (p) => `"${p.value}" is not a price: write yuan with at most 2 decimals, e.g. 168.00.`,
    zh: (p) => `“${p.value}”不是有效价格：请填写以元为单位、最多两位小数的数字，例如 168.00。`,
  },
  price_not_positive: {
    en: (p) => `The price must be greater than 0 (got "${p.value}").`,
    zh: (p) => `价格必须大于 0（当前为“${p.value}”）。`,
  },
  price_too_large: {
    en: (p) => `The price is above the limit of ${p.max} yuan.`,
    zh: (p) => `价格超过上限 ${p.max} 元。`,
  },
  integer_format: {
    en: (p) => `"${p.value}" is not a whole number.`,
    zh: (p) => `“${p.value}”不是整数。`,
  },
  negative: {
    en: (p) => `Must not be negative (got "${p.value}").`,
    zh: (p) => `不能为负数（当前为“${p.value}”）。`,
  },
  integer_too_large: {
    en: (p) => `Too large: at most ${p.max}.`,
    zh: (p) => `数值过大：最多 ${p.max}。`,
  },
  date_format: {
    en: (p) => `"${p.value}" is not a date in the form YYYY-MM-DD, e.g. 2027-04-10.`,
    zh: (p) => `“${p.value}”不是 YYYY-MM-DD 格式的日期，例如 2027-04-10。`,
  },
  date_invalid: {
    en: (p) => `"${p.value}" is not a real calendar date.`,
    zh: (p) => `“${p.value}”不是真实存在的日期。`,
  },
  unknown_category: {
    en: (p) => `Unknown category "${p.value}". Use one of: ${list(p.allowed)}.`,
    zh: (p) => `未知的分类“${p.value}”。可选：${list(p.allowed)}。`,
  },
  unknown_certification: {
    en: (p) => `Unknown certification "${p.value}". Use keys separated by ";" from: ${list(p.allowed)}.`,
    zh: (p) => `未知的认证“${p.value}”。请用“;”分隔以下认证：${list(p.allowed)}。`,
  },
  unknown_status: {
    en: (p) => `Unknown status "${p.value}": use active or draft.`,
    zh: (p) => `未知的状态“${p.value}”：请填写 active 或 draft。`,
  },
  // across rows
  product_mismatch: {
    en: (p) => `"${p.column}" differs from line ${p.firstLine}: all rows of product "${p.handle}" must have the same product columns.`,
    zh: (p) => `“${p.column}”与第 ${p.firstLine} 行不同：商品“${p.handle}”的所有行的商品信息必须一致。`,
  },
  duplicate_sku: {
    en: (p) => `SKU "${p.sku}" is already used on line ${p.firstLine} of this file.`,
    zh: (p) => `SKU“${p.sku}”已在本文件第 ${p.firstLine} 行使用。`,
  },
  // against the database
  unknown_village: {
    en: (p) => `Unknown village "${p.value}": give a village slug or its Chinese name as listed on the site.`,
    zh: (p) => `未知的村庄“${p.value}”：请填写网站上村庄的 slug 或中文名。`,
  },
  ambiguous_village: {
    en: (p) => `Several villages are named "${p.value}": use the slug instead (${list(p.slugs)}).`,
    zh: (p) => `有多个村庄叫“${p.value}”：请改用 slug（${list(p.slugs)}）。`,
  },
  sku_taken: {
    en: (p) => `SKU "${p.sku}" already belongs to another seller. SKUs are unique across the marketplace: choose another.`,
    zh: (p) => `SKU“${p.sku}”已被其他商家使用。SKU 在全站唯一，请换一个。`,
  },
  sku_in_other_product: {
    en: (p) => `SKU "${p.sku}" already belongs to your product "${p.handle}": a SKU cannot move to another product.`,
    zh: (p) => `SKU“${p.sku}”已属于您的商品“${p.handle}”，不能移到其他商品。`,
  },
  concurrent_change: {
    en: () => "Another change to the catalogue conflicted with this import. Nothing was imported: please try again.",
    zh: () => "导入时目录被同时修改，发生冲突。未导入任何内容，请重试。",
  },
} satisfies Record<string, Templates>;

export type ImportErrorCode = keyof typeof TEMPLATES;

export function importError(
  line: number,
  column: string,
  code: ImportErrorCode,
  params: ImportErrorParams = {},
): ImportError {
  return { line, column, code, params, message: TEMPLATES[code].en(params) };
}

/** English message for a code (also used as the Zod issue message). */
export function englishMessage(code: ImportErrorCode, params: ImportErrorParams = {}): string {
  return TEMPLATES[code].en(params);
}

/** The error's message in `locale` ("zh-CN" or "en"); falls back to `message` for unknown codes. */
export function formatImportError(error: ImportError, locale: "zh-CN" | "en"): string {
  const templates = error.code ? (TEMPLATES as Record<string, Templates>)[error.code] : undefined;
  if (!templates) return error.message;
  return locale === "zh-CN" ? templates.zh(error.params ?? {}) : templates.en(error.params ?? {});
}

export function isImportErrorCode(code: unknown): code is ImportErrorCode {
  return typeof code === "string" && Object.hasOwn(TEMPLATES, code);
}

/** Errors in file order: by line, then column position as given. */
export function sortErrors(errors: ImportError[]): ImportError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e }) => e);
}
