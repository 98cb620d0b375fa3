// The orders CSV for a date range, as Chinese Excel must open it: UTF-8 with a BOM, CRLF line
// ends, Chinese text intact, one row per line with the shipping fee once per order; the days are
// Beijing days (an order at 23:30 on the 5th belongs to the 5th); only the cooperative's own paid
// orders; and every bad range answered 400.
import { beforeAll, describe, expect, it } from "vitest";
import { createOrder } from "../factories/orders";
import { ORIGIN, callLoader } from "./route-support";
import { coopA, coopB, setupSellerOrders, t, team } from "./seller-orders-support";

setupSellerOrders();

let exporter: typeof import("~/routes/dashboard.orders.export");

// Far from today so that no other test's orders fall into these days.
const LATE_ON_5TH = new Date("2031-03-05T15:30:00Z"); // 23:30 in Shanghai, 5 March
const EARLY_ON_6TH = new Date("2031-03-05T16:10:00Z"); // 00:10 in Shanghai, 6 March
let late: Awaited<ReturnType<typeof createOrder>>;
let early: Awaited<ReturnType<typeof createOrder>>;
let theirs: Awaited<ReturnType<typeof createOrder>>;
let unpaid: Awaited<ReturnType<typeof createOrder>>;

beforeAll(async () => {
  exporter = await import("~/routes/dashboard.orders.export");
  late = await createOrder(t.db, {
    createdAt: LATE_ON_5TH,
    name: "张小满",
    note: "请放门卫, 谢谢",
    parts: [
      {
        cooperativeId: coopA.id,
        shippingCents: 1200,
        lines: [
          { sku: "YC-WT-250", titleZh: "余村白茶", variantZh: "250克罐装", unitPriceCents: 16800, quantity: 2 },
          { sku: "YC-WT-50", titleZh: "余村白茶", variantZh: "50克尝鲜装", unitPriceCents: 3850, quantity: 1 },
        ],
      },
      { cooperativeId: coopB.id, lines: [{ sku: "LA-HT-500", titleZh: "临安山核桃" }] },
    ],
  });
  early = await createOrder(t.db, {
    createdAt: EARLY_ON_6TH,
    name: "=HYPERLINK(\"http://evil.example\")",
    parts: [{ cooperativeId: coopA.id, status: "shipped", carrier: "中通快递", trackingNumber: "75312345678901", lines: [{ sku: "YC-WT-500", titleZh: "余村白茶礼盒" }] }],
  });
  theirs = await createOrder(t.db, { createdAt: LATE_ON_5TH, parts: [{ cooperativeId: coopB.id, lines: [{ titleZh: "手剥山核桃仁" }] }] });
  unpaid = await createOrder(t.db, { createdAt: LATE_ON_5TH, parts: [{ cooperativeId: coopA.id, status: "pending_payment" }] });
});

const exportAs = (cookie: string, query: string, lang: "zh-CN" | "en" = "zh-CN") =>
  callLoader(exporter, `${lang === "en" ? "/en" : ""}/dashboard/orders/export${query}`, { cookie });

/** The download as bytes (decoding it as text would swallow the BOM). */
async function bytesOf(query: string, cookie = team.owner): Promise<{ res: Response; bytes: Buffer }> {
  const request = new Request(`${ORIGIN}/dashboard/orders/export${query}`, { headers: { Cookie: cookie } });
  const res = (await exporter.loader({ request, params: {}, context: {} } as never)) as Response;
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const rowsOf = (bytes: Buffer) =>
  bytes
    .subarray(3)
    .toString("utf8")
    .split("\r\n")
    .filter((l) => l !== "");

describe("the orders CSV", () => {
  it("is a private UTF-8 download with a BOM, CRLF line ends and the dates in its name", async () => {
    const { res, bytes } = await bytesOf("?from=2031-03-05&to=2031-03-05");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="${coopA.slug}-orders-2031-03-05-2031-03-05.csv"`);
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("has one row per line, in Chinese, with the shipping fee on the order's first line only", async () => {
    const { bytes } = await bytesOf("?from=2031-03-05&to=2031-03-05");
    const [header, ...rows] = rowsOf(bytes);
    expect(header).toBe(
      "订单号,下单时间（北京时间）,状态,收货人,手机号,省,市,区县,详细地址,买家备注,SKU,商品,规格,单价（元）,数量,小计（元）,运费（元）,快递公司,运单号",
    );
    expect(rows).toEqual([
      `${late.number},2031-03-05 23:30:00,待打包,张小满,13800138000,浙江省,杭州市,西湖区,龙井路 1 号,"请放门卫, 谢谢",YC-WT-250,余村白茶,250克罐装,168.00,2,336.00,12.00,,`,
      `${late.number},2031-03-05 23:30:00,待打包,张小满,13800138000,浙江省,杭州市,西湖区,龙井路 1 号,"请放门卫, 谢谢",YC-WT-50,余村白茶,50克尝鲜装,38.50,1,38.50,,,`,
    ]);
    const text = bytes.toString("utf8");
    expect(text).not.toContain(theirs.number);
    expect(text).not.toContain("临安山核桃");
    expect(text).not.toContain(unpaid.number);
  });

  it("counts days in Beijing time: 00:10 on the 6th is the 6th", async () => {
    const sixth = rowsOf((await bytesOf("?from=2031-03-06&to=2031-03-06")).bytes);
    expect(sixth.slice(1).map((r) => r.split(",")[0])).toEqual([early.number]);
    expect(sixth[1]).toContain("2031-03-06 00:10:00");
    const both = rowsOf((await bytesOf("?from=2031-03-01&to=2031-03-31")).bytes);
    expect(both.slice(1).map((r) => r.split(",")[0])).toEqual([late.number, late.number, early.number]);
  });

  it("keeps Excel from reading a buyer's text as a formula or a tracking number as 7.53E+13", async () => {
    const [, row] = rowsOf((await bytesOf("?from=2031-03-06&to=2031-03-06")).bytes);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(row).toContain(`中通快递,"=""75312345678901"""`);
    expect(row).toContain(",已发货,");
  });

  it("speaks English under /en", async () => {
    const res = await exportAs(team.owner, "?from=2031-03-05&to=2031-03-05", "en");
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain("Order number,Placed (Beijing time),Status");
    expect(String(res.body)).toContain("Anji white tea");
  });

  it("gives B only B's orders of those days", async () => {
    const { bytes } = await bytesOf("?from=2031-03-05&to=2031-03-05", team.ownerB);
    const numbers = rowsOf(bytes).slice(1).map((r) => r.split(",")[0]);
    expect(new Set(numbers)).toEqual(new Set([late.number, theirs.number]));
    expect(bytes.toString("utf8")).not.toContain("余村白茶");
  });

  it("answers a bad or missing range with 400 and a message in the user's language", async () => {
    for (const query of [
      "",
      "?from=2031-03-05",
      "?from=2031-03-06&to=2031-03-05",
      "?from=2030-01-01&to=2031-01-02",
      "?from=2031-02-30&to=2031-03-05",
      "?from=yesterday&to=today",
      "?from=2031-3-5&to=2031-03-06",
      "?from=%00&to=2031-03-06",
    ]) {
      const res = await exportAs(team.owner, query);
      expect(res.status, query).toBe(400);
      expect(res.headers.get("Content-Type"), query).toContain("text/html");
    }
    expect(String((await exportAs(team.owner, "?from=2031-03-06&to=2031-03-05")).body)).toContain("结束日期不能早于开始日期");
    expect(String((await exportAs(team.owner, "?from=2030-01-01&to=2031-01-02")).body)).toContain("一次最多导出 366 天");
    expect(String((await exportAs(team.owner, "?from=2031-02-30&to=2031-03-05", "en")).body)).toContain("From: ");
    // 366 days, both ends included, is allowed.
    expect((await exportAs(team.owner, "?from=2030-03-06&to=2031-03-06")).status).toBe(200);
  });

  it("is for members only", async () => {
    const visitor = await callLoader(exporter, "/dashboard/orders/export?from=2031-03-05&to=2031-03-05");
    expect(visitor.status).toBe(302);
    expect(visitor.location).toMatch(/^\/login\?/);
  });
});
