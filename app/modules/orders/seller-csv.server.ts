// A cooperative's orders of a date range as a CSV, one row per order line, for Excel: UTF-8 with
// a BOM (so Excel on a Chinese Windows does not read it as GB18030) and CRLF line ends. The
// dates are calendar days in Asia/Shanghai: an order placed at 23:30 Beijing time on the 5th
// belongs to the 5th, wherever the server runs.
import { TZDate } from "@date-fns/tz";
import { addDays, format } from "date-fns";
import { and, asc, eq, gte, lt, notInArray } from "drizzle-orm";
import { orderLines, orders, sellerOrders } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { formErrorMap } from "~/utils/forms";
import { type Lang, pick } from "~/utils/i18n";
import { translator } from "~/utils/t";
import { csvCell } from "../seller-products/csv-export.server";
import { centsToYuan } from "../seller-products/schemas";
import { type ExportRange, UNPAID_STATUSES, exportRangeSchema } from "./seller-schemas";
import { SellerOrderError } from "./seller-errors";

export const ORDERS_TIME_ZONE = "Asia/Shanghai";
const BOM = "\uFEFF";

const COLUMNS = [
  "number",
  "created",
  "status",
  "name",
  "phone",
  "province",
  "city",
  "district",
  "detail",
  "note",
  "sku",
  "product",
  "variant",
  "unitPrice",
  "quantity",
  "lineTotal",
  "shipping",
  "carrier",
  "trackingNumber",
] as const;
type Column = (typeof COLUMNS)[number];

/** Midnight of a calendar day in Shanghai, as an instant. */
export function shanghaiMidnight(isoDate: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, ORDERS_TIME_ZONE).getTime());
}

/**
 * What Excel must show as typed. A cell starting with = + - @ would be read as a formula (a
 * buyer's name or note is theirs to write), so it gets a leading apostrophe; a long run of
 * digits (a tracking number) would become 7.53E+13, so it is given as a text formula.
 */
function excelCell(value: string): string {
  if (/^\d{12,}$/.test(value)) return csvCell(`="${value}"`);
  if (/^[=+\-@\t\r]/.test(value)) return csvCell(`'${value}`);
  return csvCell(value);
}

/** The CSV file (bytes) of the cooperative's paid orders created within [from, to], in `lang`. */
export async function ordersCsv(db: Database, cooperativeId: number, range: ExportRange, lang: Lang = "zh-CN"): Promise<Buffer> {
  const parsed = exportRangeSchema.safeParse(range, { errorMap: formErrorMap });
  if (!parsed.success) throw new SellerOrderError("invalid", parsed.error.issues[0]?.message ?? "form.date");
  const start = shanghaiMidnight(parsed.data.from);
  const end = addDays(new TZDate(shanghaiMidnight(parsed.data.to), ORDERS_TIME_ZONE), 1);
  const rows = await db
    .select({ so: sellerOrders, o: orders, line: orderLines })
    .from(orderLines)
    .innerJoin(sellerOrders, eq(sellerOrders.id, orderLines.sellerOrderId))
    .innerJoin(orders, eq(orders.id, sellerOrders.orderId))
    .where(
      and(
        eq(sellerOrders.cooperativeId, cooperativeId),
        notInArray(sellerOrders.status, [...UNPAID_STATUSES]),
        gte(orders.createdAt, start),
        lt(orders.createdAt, end),
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id), asc(orderLines.id));
  const t = translator(lang);
  const header = COLUMNS.map((c) => excelCell(t(`ordersDashboard.csv.${c}`)));
  let previous: number | null = null;
  const body = rows.map(({ so, o, line }) => {
    const first = so.id !== previous;
    previous = so.id;
    const cells: Record<Column, string> = {
      number: o.number,
      created: format(new TZDate(o.createdAt, ORDERS_TIME_ZONE), "yyyy-MM-dd HH:mm:ss"),
      status: t(`ordersDashboard.status.${so.status}`),
      name: o.name,
      phone: o.phone,
      province: o.province,
      city: o.city,
      district: o.district,
      detail: o.addressDetail,
      note: o.note,
      sku: line.sku,
      product: pick(lang, line.titleZh, line.titleEn),
      variant: pick(lang, line.variantZh, line.variantEn),
      unitPrice: centsToYuan(line.unitPriceCents),
      quantity: String(line.quantity),
      lineTotal: centsToYuan(line.totalCents),
      // Once per seller order, so a column sum in Excel adds each shipping fee once.
      shipping: first ? centsToYuan(so.shippingCents) : "",
      carrier: so.carrier ?? "",
      trackingNumber: so.trackingNumber ?? "",
    };
    return COLUMNS.map((c) => excelCell(cells[c]));
  });
  const text = [header, ...body].map((cells) => cells.join(",")).join("\r\n");
  return Buffer.from(`${BOM}${text}\r\n`, "utf8");
}
