// The search URL contract read two ways: strictly for the JSON API (a developer's bad value is
// named in a field error) and forgivingly for the /search page (a mangled link still shows
// results). Plus the strict parameters of the API's list and stay endpoints.
import { describe, expect, it } from "vitest";
import {
  parseCooperativeListParams,
  parseLangParam,
  parseListParams,
  parseStayParams,
} from "~/modules/api/params";
import { parseSearchApiParams, parseSearchPageParams } from "~/modules/search/params";

const api = (qs: string) => parseSearchApiParams(new URLSearchParams(qs));
const page = (qs: string, pageSize?: number) => parseSearchPageParams(new URLSearchParams(qs), "en", pageSize);

function fieldsOf(result: ReturnType<typeof api>): Record<string, string> {
  if (result.ok) throw new Error(`expected field errors, got ${JSON.stringify(result.query)}`);
  return result.fields;
}
function queryOf(result: ReturnType<typeof api>) {
  if (!result.ok) throw new Error(`expected a query, got ${JSON.stringify(result.fields)}`);
  return result.query;
}

describe("parseSearchApiParams: valid requests", () => {
  it("no parameters: everything, in Chinese, first 20", () => {
    expect(queryOf(api(""))).toEqual({ q: "", lang: "zh-CN", limit: 20, offset: 0 });
  });

  it("reads every documented parameter", () => {
    const qs = "q=%20安吉白茶%20&type=product&village=yucun&category=tea&cert=organic&cert=gi&min=50&max=99.5&sort=price_asc&limit=10&offset=30&lang=en";
    expect(queryOf(api(qs))).toEqual({
      q: "安吉白茶",
      type: "product",
      village: "yucun",
      category: "tea",
      certs: ["organic", "gi"],
      minCents: 5000,
      maxCents: 9950,
      sort: "price_asc",
      limit: 10,
      offset: 30,
      lang: "en",
    });
  });

  it("certifications may come as cert=a;b, and repeat", () => {
    expect(queryOf(api("cert=gi;organic")).certs).toEqual(["organic", "gi"]);
    expect(queryOf(api("cert=gi&cert=gi;heritage")).certs).toEqual(["gi", "heritage"]);
  });

  it("a reversed price range is swapped; a lower bound of 0 bounds nothing", () => {
    expect(queryOf(api("min=200&max=50"))).toMatchObject({ minCents: 5000, maxCents: 20000 });
    const q = queryOf(api("min=0&max=80"));
    expect(q.minCents).toBeUndefined();
    expect(q.maxCents).toBe(8000);
  });

  it("limit above 50 is capped at 50, however large", () => {
    expect(queryOf(api("limit=500")).limit).toBe(50);
    expect(queryOf(api(`limit=${"9".repeat(400)}`)).limit).toBe(50);
    expect(queryOf(api("limit=50")).limit).toBe(50);
    expect(queryOf(api("limit=1")).limit).toBe(1);
  });

  it("offset runs from 0 to 10000", () => {
    expect(queryOf(api("offset=0")).offset).toBe(0);
    expect(queryOf(api("offset=10000")).offset).toBe(10000);
  });

  it("q of exactly 200 characters is fine, counted in characters not bytes or UTF-16 units", () => {
    expect(queryOf(api(`q=${"茶".repeat(200)}`)).q).toHaveLength(200);
    expect(queryOf(api(`q=${encodeURIComponent("🍵".repeat(200))}`)).q).toBe("🍵".repeat(200));
  });

  it("control characters in q (a %00, tabs, newlines) become spaces; the rest is kept as typed", () => {
    expect(queryOf(api("q=%00%E8%8C%B6%00%0A%09%E5%8F%B6%00")).q).toBe("茶 叶");
    expect(queryOf(api("q=%00%00")).q).toBe("");
  });

  it("village slugs are case-insensitive", () => {
    expect(queryOf(api("village=YuCun")).village).toBe("yucun");
  });

  it("unknown parameters are ignored, the first of a repeated one counts, empty values are unset", () => {
    expect(queryOf(api("foo=bar&type[]=x&q[]=y&utm_source=wx"))).toEqual({ q: "", lang: "zh-CN", limit: 20, offset: 0 });
    expect(queryOf(api("type=stay&type=nonsense")).type).toBe("stay");
    expect(queryOf(api("q=tea&q=rice")).q).toBe("tea");
    expect(queryOf(api("type=&village=&category=&cert=&min=&max=&sort=&limit=&offset=&lang="))).toEqual({
      q: "",
      lang: "zh-CN",
      limit: 20,
      offset: 0,
    });
  });
});

describe("parseSearchApiParams: every bad value is a field error", () => {
  it.each([
    ["q", `q=${"a".repeat(201)}`, /at most 200 characters/],
    ["q", `q=${encodeURIComponent("🍵".repeat(201))}`, /at most 200 characters/],
    ["type", "type=products", /one of: product, stay, experience, village/],
    ["village", "village=%E4%BD%99%E6%9D%91", /village slug/],
    ["village", "village=a--b", /village slug/],
    ["village", `village=${"a".repeat(121)}`, /village slug/],
    ["category", "category=%3Cscript%3E", /one of: tea, grain/],
    ["cert", "cert=organic;bogus", /Unknown certification "bogus"/],
    ["min", "min=abc", /amount in yuan/],
    ["min", "min=-5", /amount in yuan/],
    ["max", "max=1.234", /amount in yuan/],
    ["max", "max=1e9", /amount in yuan/],
    ["sort", "sort=cheapest", /one of: relevance, price_asc, price_desc, newest/],
    ["limit", "limit=0", /at least 1/],
    ["limit", "limit=-1", /at least 1/],
    ["limit", "limit=2.5", /at least 1/],
    ["limit", "limit=ten", /at least 1/],
    ["offset", "offset=10001", /from 0 to 10000/],
    ["offset", "offset=-1", /from 0 to 10000/],
    ["offset", "offset=1e3", /from 0 to 10000/],
    ["lang", "lang=fr", /one of: zh-CN, en/],
  ])("%s: %s", (field, qs, message) => {
    const fields = fieldsOf(api(qs));
    expect(Object.keys(fields)).toEqual([field]);
    expect(fields[field]).toMatch(message);
  });

  it("reports every bad field at once", () => {
    expect(Object.keys(fieldsOf(api("type=x&sort=y&limit=z&lang=w")))).toEqual(["type", "sort", "limit", "lang"]);
  });

  it("a huge value is not echoed back in the message", () => {
    const fields = fieldsOf(api(`cert=${"x".repeat(100_000)}`));
    expect(fields.cert!.length).toBeLessThan(200);
  });
});

describe("parseSearchPageParams: forgiving", () => {
  it("the same fields, the language from the page, page → offset", () => {
    expect(page("q=tea&type=product&category=tea&cert=gi&min=10&max=5&sort=newest&page=3")).toEqual({
      page: 3,
      query: { q: "tea", lang: "en", type: "product", category: "tea", certs: ["gi"], minCents: 500, maxCents: 1000, sort: "newest", limit: 20, offset: 40 },
    });
    expect(page("page=2", 12).query).toMatchObject({ limit: 12, offset: 12 });
  });

  it("every unusable value is dropped instead of refused", () => {
    expect(page("type=x&village=%E4%BD%99&category=y&cert=z&min=abc&max=-1&sort=w&page=-3")).toEqual({
      page: 1,
      query: { q: "", lang: "en", limit: 20, offset: 0 },
    });
  });

  it("keeps the known certifications of a list that has unknown ones too", () => {
    expect(page("cert=organic;bogus&cert=gi").query.certs).toEqual(["organic", "gi"]);
  });

  it("cuts a query longer than 200 characters to 200", () => {
    expect(page(`q=${"茶".repeat(500)}`).query.q).toBe("茶".repeat(200));
    expect(page(`q=${encodeURIComponent("🍵".repeat(300))}`).query.q).toBe("🍵".repeat(200));
  });

  it("ignores lang, limit and offset in the URL", () => {
    expect(page("lang=zh-CN&limit=50&offset=100").query).toEqual({ q: "", lang: "en", limit: 20, offset: 0 });
  });

  it("a page deeper than offset 10000 shows the deepest page allowed", () => {
    expect(page("page=999999")).toMatchObject({ page: 501, query: { offset: 10_000 } });
    expect(page(`page=${"9".repeat(400)}`).page).toBe(501);
    expect(page("page=0").page).toBe(1);
  });
});

describe("list and detail parameters", () => {
  const p = (qs: string) => new URLSearchParams(qs);

  it("lang defaults to Chinese; anything else than zh-CN or en is refused", () => {
    expect(parseLangParam(p(""))).toEqual({ ok: true, value: { lang: "zh-CN" } });
    expect(parseLangParam(p("lang=en"))).toEqual({ ok: true, value: { lang: "en" } });
    expect(parseLangParam(p("lang=EN-us"))).toMatchObject({ ok: false, fields: { lang: expect.any(String) } });
  });

  it("lists share the search caps", () => {
    expect(parseListParams(p("limit=500&offset=5"))).toEqual({ ok: true, value: { lang: "zh-CN", limit: 50, offset: 5 } });
    expect(parseListParams(p("limit=0&offset=99999"))).toMatchObject({ ok: false, fields: { limit: expect.any(String), offset: expect.any(String) } });
  });

  it("cooperatives filter by village and kind", () => {
    expect(parseCooperativeListParams(p("village=yucun&kind=homestay_host"))).toEqual({
      ok: true,
      value: { lang: "zh-CN", limit: 20, offset: 0, village: "yucun", kind: "homestay_host" },
    });
    expect(parseCooperativeListParams(p("kind=shop"))).toMatchObject({ ok: false, fields: { kind: expect.stringMatching(/family_farm/) } });
  });
});

describe("parseStayParams", () => {
  const today = "2027-04-10";
  const stay = (qs: string) => parseStayParams(new URLSearchParams(qs), { today });
  const fields = (qs: string) => {
    const r = stay(qs);
    return r.ok ? {} : r.fields;
  };

  it("dates and guests as asked; none at all is fine too", () => {
    expect(stay("checkIn=2027-04-10&checkOut=2027-04-12&guests=3")).toEqual({
      ok: true,
      value: { lang: "zh-CN", checkIn: "2027-04-10", checkOut: "2027-04-12", guests: 3 },
    });
    expect(stay("")).toEqual({ ok: true, value: { lang: "zh-CN" } });
    expect(stay("checkIn=2027-04-10&checkOut=2027-05-10")).toMatchObject({ ok: true }); // 30 nights
  });

  it.each([
    ["checkIn=2027-02-30&checkOut=2027-03-02", "checkIn", /YYYY-MM-DD/],
    ["checkIn=10/04/2027&checkOut=2027-04-12", "checkIn", /YYYY-MM-DD/],
    ["checkIn=2027-04-11&checkOut=tomorrow", "checkOut", /YYYY-MM-DD/],
    ["checkIn=2027-04-09&checkOut=2027-04-12", "checkIn", /today \(2027-04-10, Asia\/Shanghai\) or later/],
    ["checkIn=2027-04-12&checkOut=2027-04-12", "checkOut", /after checkIn/],
    ["checkIn=2027-04-12&checkOut=2027-04-11", "checkOut", /after checkIn/],
    ["checkIn=2027-04-10&checkOut=2027-05-11", "checkOut", /at most 30 nights/],
    ["checkIn=2027-04-12", "checkOut", /Required with checkIn/],
    ["checkOut=2027-04-12", "checkIn", /Required with checkOut/],
    ["guests=0", "guests", /from 1 to 20/],
    ["guests=21", "guests", /from 1 to 20/],
    ["guests=2.5", "guests", /from 1 to 20/],
    ["guests=%00", "guests", /from 1 to 20/],
  ])("%s → %s", (qs, field, message) => {
    const f = fields(qs);
    expect(Object.keys(f)).toEqual([field]);
    expect(f[field]).toMatch(message);
  });
});
