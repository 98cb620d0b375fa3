// The loaders' own decisions, with the database replaced by spies: malformed slugs are 404s
// that never reach the database, the home page honours the English cookie, and garbage in the
// stays list's query string is dropped before it reaches a query.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeEach, describe, expect, it, vi } from "vitest";

const getDb = vi.fn(() => ({ fake: "db" }));
vi.mock("~/utils/db.server", () => ({ getDb }));

const getHomeData = vi.fn(async () => ({ villages: [], productsInSeason: false, products: [], stays: [], experiences: [] }));
vi.mock("~/modules/catalog/home.server", () => ({ getHomeData }));

const listStays = vi.fn(async () => ({ items: [], total: 0, page: 1, pages: 1, pageSize: 12 }));
const listStayVillages = vi.fn(async () => []);
const getStayBySlug = vi.fn(async () => null);
vi.mock("~/modules/catalog/stays.server", () => ({ listStays, listStayVillages, getStayBySlug }));

const { loader: homeLoader } = await import("~/routes/home");
const { loader: staysLoader } = await import("~/routes/stays");
const { loader: stayLoader } = await import("~/routes/stay");
const { loader: experienceLoader } = await import("~/routes/experience");
const { loader: villageLoader } = await import("~/routes/village");
const { loader: cooperativeLoader } = await import("~/routes/cooperative");

function args(url: string, params: Record<string, string> = {}, headers: Record<string, string> = {}): LoaderFunctionArgs {
  return { request: new Request(`http://localhost${url}`, { headers }), params, context: {} };
}

type Thrown = { type?: string; init?: { status?: number } | null } | Response;

async function thrown(promise: Promise<unknown>): Promise<Thrown> {
  try {
    await promise;
  } catch (error) {
    return error as Thrown;
  }
  throw new Error("expected the loader to throw");
}

function statusOf(error: Thrown): number | undefined {
  return error instanceof Response ? error.status : error.init?.status;
}

beforeEach(() => {
  vi.clearAllMocks();
});

describe("malformed slugs", () => {
  const loaders = { stay: stayLoader, experience: experienceLoader, village: villageLoader, cooperative: cooperativeLoader };
  const bad = ["<script>alert(1)</script>", "UPPER", "安吉白茶", "a".repeat(121), "../../etc/passwd", "a b", "%00", ""];

  for (const [name, loader] of Object.entries(loaders)) {
    it(`${name}: 404 without touching the database`, async () => {
      for (const slug of bad) {
        const error = await thrown(Promise.resolve(loader(args(`/x/${encodeURIComponent(slug)}`, { slug }))));
        expect(statusOf(error), slug).toBe(404);
      }
      expect(getDb).not.toHaveBeenCalled();
    });
  }

  it("a well-formed slug that does not exist is a 404 too (after asking the database)", async () => {
    const error = await thrown(Promise.resolve(stayLoader(args("/stays/no-such-stay", { slug: "no-such-stay" }))));
    expect(statusOf(error)).toBe(404);
    expect(getStayBySlug).toHaveBeenCalledOnce();
  });
});

describe("home page language cookie", () => {
  it("sends a visitor who chose English from / to /en, keeping the query", async () => {
    const error = await thrown(Promise.resolve(homeLoader(args("/?utm_source=wechat", {}, { Cookie: "a=1; xj_lang=en" }))));
    expect(error).toBeInstanceOf(Response);
    const res = error as Response;
    expect([301, 302, 303, 307]).toContain(res.status);
    expect(res.headers.get("Location")).toBe("/en?utm_source=wechat");
    expect(res.headers.get("Vary")).toMatch(/Cookie/);
    expect(res.headers.get("Cache-Control")).not.toMatch(/public/);
    expect(getHomeData).not.toHaveBeenCalled();
  });

  it("shows the Chinese home without the cookie, or with Chinese chosen, and says it varies by cookie", async () => {
    for (const cookie of [undefined, "xj_lang=zh-CN", "xj_lang=fr", "other_xj_lang=en"]) {
      const result = (await homeLoader(args("/", {}, cookie ? { Cookie: cookie } : {}))) as unknown as {
        init: { headers: Record<string, string> };
      };
      expect(result.init.headers["Vary"], String(cookie)).toBe("Cookie");
      expect(result.init.headers["Cache-Control"]).toMatch(/public/);
    }
    expect(getHomeData).toHaveBeenCalledTimes(4);
  });

  it("never redirects the English home (no loop)", async () => {
    const result = (await homeLoader(args("/en", {}, { Cookie: "xj_lang=en" }))) as unknown as { init: { headers: Record<string, string> } };
    expect(result.init.headers["Vary"]).toBe("Cookie");
  });

  it("passes today's date in Asia/Shanghai to the home data", async () => {
    await homeLoader(args("/"));
    const options = (getHomeData.mock.calls[0] as unknown as [unknown, { today: string; now: Date }])[1];
    expect(options.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(options.today).toBe(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(options.now));
  });
});

describe("stays list query", () => {
  it("drops garbage before it reaches the database", async () => {
    const long = "x".repeat(10_000);
    const result = (await staysLoader(
      args(`/stays?guests=-1&checkIn=abc&checkOut=${long}&village=%3Cscript%3E&page=${long}`),
    )) as unknown as { data: { query: unknown }; init: { headers: Record<string, string> } };
    expect(listStays).toHaveBeenCalledWith(expect.anything(), { village: undefined, guests: undefined, page: 1 });
    expect(result.data.query).toEqual({ page: 1 });
    expect(result.init.headers["Cache-Control"]).toMatch(/public/);
  });

  it("passes a sensible group size and village on", async () => {
    await staysLoader(args("/en/stays?guests=4&village=moganshan&page=2"));
    expect(listStays).toHaveBeenCalledWith(expect.anything(), { village: "moganshan", guests: 4, page: 2 });
  });
});
