// The JSON API v1 as a mobile client sees it: route loaders called the way Remix calls them, on
// the real database (search has its own file, api-v1-search.test.ts). JSON bodies, public cache on answers and no-store on errors, one error
// shape, 404s for what a shopper may not see, 400s naming the bad field, 405 for writes, and no
// input at all that answers 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/modules/catalog/listing-dates";
import { closeDb } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import { createCooperative, createVillage, type CooperativeRow, type VillageRow } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { type Route, args, createProduct, expectJson, get } from "./api-v1-support";
import { addBlackout, addRate, createExperience, createStay, DAY } from "./catalog-listing-fixtures";

let t: TestDb;
let village: VillageRow;
let coop: CooperativeRow;
let host: CooperativeRow;
let pending: CooperativeRow;
const slugs: Record<string, string> = {};
const routes: Record<"search" | "product" | "stay" | "experience" | "villages" | "cooperatives" | "notFound", Route> = {} as never;
const today = todayInShanghai();

beforeAll(async () => {
  t = openTestDb();
  process.env.DATABASE_URL = t.url;
  routes.search = await import("~/routes/api.v1.search");
  routes.product = await import("~/routes/api.v1.product");
  routes.stay = await import("~/routes/api.v1.stay");
  routes.experience = await import("~/routes/api.v1.experience");
  routes.villages = await import("~/routes/api.v1.villages");
  routes.cooperatives = await import("~/routes/api.v1.cooperatives");
  routes.notFound = await import("~/routes/api.v1.not-found");

  village = await createVillage(t.db, { nameEn: "Yu Village API", summaryZh: "竹海边的村庄", summaryEn: "" });
  [coop, host, pending] = await Promise.all([
    createCooperative(t.db, { villageId: village.id, foundedYear: 2008, storyZh: "我们种白茶。", storyEn: "We grow white tea." }),
    createCooperative(t.db, { villageId: village.id, kind: "homestay_host" }),
    createCooperative(t.db, { villageId: village.id, status: "pending" }),
  ]);

  slugs.product = await createProduct(
    t.db,
    { cooperativeId: coop.id, villageId: village.id, titleEn: "Anji White Tea (API)", certifications: ["gi", "organic"], harvestSeason: "3-4" },
    [
      { sku: "API-WT-250", nameZh: "250克罐装", nameEn: "250 g tin", priceCents: 16800, stock: 0, weightG: 250 },
      { sku: "API-WT-500", nameZh: "500克礼盒", nameEn: "", priceCents: 31800, stock: 7, weightG: 500, shipsFrom: addDays(today, 20) },
    ],
  );
  slugs.draft = await createProduct(t.db, { cooperativeId: coop.id, status: "draft" }, [{}]);
  slugs.pendingSeller = await createProduct(t.db, { cooperativeId: pending.id }, [{}]);

  const { stay, rooms } = await createStay(t.db, { cooperativeId: host.id, villageId: village.id, cancellationPolicy: "moderate", checkInTime: "15:00" }, [
    { nameZh: "双床房", nameEn: "Twin", maxGuests: 2, basePriceCents: 38000, position: 1 },
    { nameZh: "家庭套房", nameEn: "Family suite", maxGuests: 4, basePriceCents: 68000, minNights: 2, position: 2 },
  ]);
  slugs.stay = stay.slug;
  await addRate(t.db, rooms[0]!.id, addDays(today, 11), addDays(today, 12), 58000, "Festival");
  await addBlackout(t.db, rooms[1]!.id, addDays(today, 10), addDays(today, 11));
  slugs.draftStay = (await createStay(t.db, { cooperativeId: host.id, villageId: village.id, status: "draft" })).stay.slug;

  const now = Date.now();
  slugs.experience = (
    await createExperience(t.db, { cooperativeId: host.id, villageId: village.id, titleEn: "Tea picking (API)" }, [
      { startsAt: new Date(now - DAY), capacity: 10 },
      { startsAt: new Date(now + 3 * DAY), capacity: 10, bookedCount: 4 },
      { startsAt: new Date(now + 2 * DAY), capacity: 6, bookedCount: 6 },
    ])
  ).slug;
});

afterAll(async () => {
  await closeDb();
  await t.close();
});

describe("GET /api/v1/products/:slug", () => {
  it("the product with its variants, seller, village and certifications, publicly cacheable", async () => {
    const { res, body } = await get(routes.product, `/api/v1/products/${slugs.product}`, { slug: slugs.product! });
    expect(res.status).toBe(200);
    expectJson(res, "public");
    expect(body).toMatchObject({
      lang: "zh-CN",
      product: {
        slug: slugs.product,
        title: "接口测试白茶",
        url: `/products/${slugs.product}`,
        image: "/images/categories/tea.svg",
        category: "tea",
        certifications: ["gi", "organic"],
        harvestSeason: "3-4",
        priceFromCents: 16800,
        inStock: true,
        preSale: true,
        village: { slug: village.slug, name: village.nameZh, url: `/villages/${village.slug}` },
        cooperative: { slug: coop.slug, name: coop.nameZh, kind: "cooperative", url: `/cooperatives/${coop.slug}` },
        variants: [
          { sku: "API-WT-250", name: "250克罐装", priceCents: 16800, stock: 0, inStock: false, weightG: 250, shipsFrom: null, preSale: false },
          { sku: "API-WT-500", name: "500克礼盒", priceCents: 31800, stock: 7, inStock: true, weightG: 500, shipsFrom: addDays(today, 20), preSale: true },
        ],
      },
    });
    // Internal keys stay inside.
    expect(JSON.stringify(body)).not.toMatch(/"id"/);
  });

  it("lang=en: English text and URLs, Chinese where no English was written", async () => {
    const { body } = await get(routes.product, `/api/v1/products/${slugs.product}?lang=en`, { slug: slugs.product! });
    const product = body.product as { title: string; url: string; variants: { name: string }[]; village: { name: string } };
    expect(product.title).toBe("Anji White Tea (API)");
    expect(product.url).toBe(`/en/products/${slugs.product}`);
    expect(product.variants.map((v) => v.name)).toEqual(["250 g tin", "500克礼盒"]);
    expect(product.village.name).toBe("Yu Village API");
  });

  it.each([
    ["unknown", "no-such-product-zz9"],
    ["draft", "draft"],
    ["of a seller not yet approved", "pendingSeller"],
    ["upper case", "UPPER"],
    ["Chinese", "安吉白茶"],
    ["too long", "a".repeat(121)],
    ["a NUL", "a\u0000b"],
  ])("%s → 404 not_found, not stored", async (_, key) => {
    const slug = slugs[key] ?? key;
    const { res, body } = await get(routes.product, `/api/v1/products/${encodeURIComponent(slug)}`, { slug });
    expect(res.status).toBe(404);
    expectJson(res, "no-store");
    expect(body).toEqual({ error: { code: "not_found", message: "No such product." } });
  });

  it("lang=fr → 400 invalid_params naming the field", async () => {
    const { res, body } = await get(routes.product, `/api/v1/products/${slugs.product}?lang=fr`, { slug: slugs.product! });
    expect(res.status).toBe(400);
    expectJson(res, "no-store");
    expect(body.error).toEqual({ code: "invalid_params", message: "Invalid query parameter: lang.", fields: { lang: "Must be one of: zh-CN, en." } });
  });
});

describe("GET /api/v1/stays/:slug", () => {
  const url = (qs = "") => `/api/v1/stays/${slugs.stay}${qs}`;
  type Room = { unitId: number; name: string; maxGuests: number; basePriceCents: number; quote: null | { totalCents: number; nights: number; bookable: boolean; blackedOut: boolean; meetsMinNights: boolean; fitsGuests: boolean } };

  it("without dates: rooms, prices, policy and times; no quotes", async () => {
    const { res, body } = await get(routes.stay, url(), { slug: slugs.stay! });
    expect(res.status).toBe(200);
    expectJson(res, "public");
    expect(body).toMatchObject({
      dates: null,
      stay: {
        slug: slugs.stay,
        checkInTime: "15:00",
        checkOutTime: "12:00",
        cancellation: { policy: "moderate", refundPercent: 100, daysBefore: 5, deadline: null },
        host: { slug: host.slug, kind: "homestay_host" },
        village: { slug: village.slug, location: { province: "浙江省" } },
        priceFromCents: 38000,
        maxGuests: 4,
      },
    });
    const rooms = (body.stay as { rooms: Room[] }).rooms;
    expect(rooms.map((r) => [r.name, r.maxGuests, r.basePriceCents, r.quote])).toEqual([
      ["双床房", 2, 38000, null],
      ["家庭套房", 4, 68000, null],
    ]);
    // The id a cart line takes ({unitId, checkIn, checkOut, guests}).
    expect(rooms.every((r) => Number.isInteger(r.unitId) && r.unitId > 0)).toBe(true);
  });

  it("with dates: each room's total for the nights, by the host's rules", async () => {
    const [checkIn, checkOut] = [addDays(today, 10), addDays(today, 13)];
    const { res, body } = await get(routes.stay, url(`?checkIn=${checkIn}&checkOut=${checkOut}&guests=3&lang=en`), { slug: slugs.stay! });
    expect(res.status).toBe(200);
    expect(body.dates).toEqual({ checkIn, checkOut, guests: 3 });
    const stay = body.stay as { cancellation: { deadline: string }; rooms: Room[] };
    expect(stay.cancellation.deadline).toBe(addDays(checkIn, -5));
    const [twin, suite] = stay.rooms;
    // Twin: a festival rate on the second night; too small for 3 guests.
    expect(twin).toMatchObject({ name: "Twin", quote: { nights: 3, totalCents: 38000 + 58000 + 38000, fitsGuests: false, bookable: false } });
    // Suite: the first night is blacked out.
    expect(suite).toMatchObject({ name: "Family suite", quote: { nights: 3, totalCents: 3 * 68000, blackedOut: true, fitsGuests: true, bookable: false } });
  });

  it("a one-night stay in the suite breaks its two-night minimum; two nights are fine", async () => {
    const one = await get(routes.stay, url(`?checkIn=${addDays(today, 20)}&checkOut=${addDays(today, 21)}`), { slug: slugs.stay! });
    expect((one.body.stay as { rooms: Room[] }).rooms[1]!.quote).toMatchObject({ meetsMinNights: false, bookable: false });
    const two = await get(routes.stay, url(`?checkIn=${addDays(today, 20)}&checkOut=${addDays(today, 22)}`), { slug: slugs.stay! });
    expect((two.body.stay as { rooms: Room[] }).rooms[1]!.quote).toMatchObject({ totalCents: 136000, bookable: true });
  });

  it.each([
    ["check-out before check-in", `?checkIn=${addDays(today, 5)}&checkOut=${addDays(today, 3)}`, "checkOut"],
    ["check-out on check-in", `?checkIn=${addDays(today, 5)}&checkOut=${addDays(today, 5)}`, "checkOut"],
    ["malformed", `?checkIn=2027-02-30&checkOut=${addDays(today, 3)}`, "checkIn"],
    ["not a date", `?checkIn=${addDays(today, 1)}&checkOut=tomorrow`, "checkOut"],
    ["in the past", `?checkIn=${addDays(today, -1)}&checkOut=${addDays(today, 1)}`, "checkIn"],
    ["more than 30 nights", `?checkIn=${addDays(today, 1)}&checkOut=${addDays(today, 32)}`, "checkOut"],
    ["0 guests", "?guests=0", "guests"],
    ["21 guests", "?guests=21", "guests"],
  ])("%s → 400 with the field", async (_, qs, field) => {
    const { res, body } = await get(routes.stay, url(qs), { slug: slugs.stay! });
    expect(res.status).toBe(400);
    expectJson(res, "no-store");
    expect(body.error?.code).toBe("invalid_params");
    expect(Object.keys(body.error?.fields ?? {})).toEqual([field]);
  });

  it("a draft or unknown stay → 404", async () => {
    for (const slug of [slugs.draftStay!, "no-such-stay-zz9"]) {
      const { res, body } = await get(routes.stay, `/api/v1/stays/${slug}`, { slug });
      expect(res.status).toBe(404);
      expect(body.error?.code).toBe("not_found");
    }
  });
});

describe("GET /api/v1/experiences/:slug", () => {
  it("upcoming slots, earliest first, with the seats left (full ones too)", async () => {
    const { res, body } = await get(routes.experience, `/api/v1/experiences/${slugs.experience}?lang=en`, { slug: slugs.experience! });
    expect(res.status).toBe(200);
    expectJson(res, "public");
    const experience = body.experience as { title: string; pricePerPersonCents: number; slots: { startsAt: string; date: string; capacity: number; seatsLeft: number; full: boolean }[] };
    expect(experience.title).toBe("Tea picking (API)");
    expect(experience.pricePerPersonCents).toBe(12800);
    expect(experience.slots.map((s) => [s.capacity, s.seatsLeft, s.full])).toEqual([
      [6, 0, true],
      [10, 6, false],
    ]);
    expect(experience.slots[0]!.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(experience.slots[0]!.date).toBe(experience.slots[0]!.startsAt.slice(0, 10));
    // What a client needs to book one: the id a cart line takes, and whether it still can be.
    const slots = experience.slots as unknown as { slotId: number; bookable: boolean; closesAt: string }[];
    expect(slots.map((s) => s.bookable)).toEqual([false, true]);
    expect(slots.every((s) => s.slotId > 0 && /\+08:00$/.test(s.closesAt))).toBe(true);
  });

  it("unknown → 404", async () => {
    const { res } = await get(routes.experience, "/api/v1/experiences/nope-zz9", { slug: "nope-zz9" });
    expect(res.status).toBe(404);
  });
});

describe("GET /api/v1/villages", () => {
  it("pages through every village; limit 500 gives at most 50", async () => {
    await Promise.all(Array.from({ length: 51 }, () => createVillage(t.db)));
    const { res, body } = await get(routes.villages, "/api/v1/villages?limit=500");
    expect(res.status).toBe(200);
    expectJson(res, "public");
    expect(body.limit).toBe(50);
    expect((body.villages as unknown[]).length).toBe(50);
    expect(body.total as number).toBeGreaterThan(51);

    const next = await get(routes.villages, "/api/v1/villages?limit=2&offset=1");
    expect((next.body.villages as { slug: string }[]).map((v) => v.slug)).toEqual(
      (body.villages as { slug: string }[]).slice(1, 3).map((v) => v.slug),
    );
  });

  it("a village reads in the language asked, with what it offers", async () => {
    let found: Record<string, unknown> | undefined;
    for (let offset = 0; !found && offset <= 10_000; offset += 50) {
      const { body } = await get(routes.villages, `/api/v1/villages?lang=en&limit=50&offset=${offset}`);
      const list = body.villages as Record<string, unknown>[];
      found = list.find((v) => v.slug === village.slug);
      if (list.length < 50) break;
    }
    expect(found).toMatchObject({
      name: "Yu Village API",
      summary: "竹海边的村庄",
      url: `/en/villages/${village.slug}`,
      location: { province: "Zhejiang" },
      counts: { products: 1, stays: 1, experiences: 1 },
    });
  });

  it("limit=0, offset=-1 → 400 naming both", async () => {
    const { res, body } = await get(routes.villages, "/api/v1/villages?limit=0&offset=-1");
    expect(res.status).toBe(400);
    expect(Object.keys(body.error?.fields ?? {})).toEqual(["limit", "offset"]);
  });
});

describe("GET /api/v1/cooperatives", () => {
  it("approved sellers of a village, by kind", async () => {
    const all = await get(routes.cooperatives, `/api/v1/cooperatives?village=${village.slug}`);
    expect(all.res.status).toBe(200);
    expectJson(all.res, "public");
    expect(all.body.total).toBe(2);
    expect((all.body.cooperatives as { slug: string }[]).map((c) => c.slug)).toEqual([coop.slug, host.slug]);
    expect((all.body.cooperatives as unknown[])[0]).toMatchObject({
      slug: coop.slug,
      kind: "cooperative",
      story: "我们种白茶。",
      foundedYear: 2008,
      village: { slug: village.slug },
      url: `/cooperatives/${coop.slug}`,
    });

    const hosts = await get(routes.cooperatives, `/api/v1/cooperatives?village=${village.slug}&kind=homestay_host&lang=en`);
    expect((hosts.body.cooperatives as { slug: string; url: string }[]).map((c) => [c.slug, c.url])).toEqual([
      [host.slug, `/en/cooperatives/${host.slug}`],
    ]);
  });

  it("never lists a seller waiting for approval", async () => {
    const { body } = await get(routes.cooperatives, `/api/v1/cooperatives?village=${village.slug}&limit=50`);
    expect((body.cooperatives as { slug: string }[]).map((c) => c.slug)).not.toContain(pending.slug);
  });

  it("kind=shop → 400", async () => {
    const { res, body } = await get(routes.cooperatives, "/api/v1/cooperatives?kind=shop");
    expect(res.status).toBe(400);
    expect(body.error?.fields?.kind).toMatch(/cooperative, family_farm, homestay_host, leisure_farm/);
  });
});

describe("methods and unknown endpoints", () => {
  it.each(["POST", "PUT", "PATCH", "DELETE"])("%s → 405 with Allow: GET, HEAD", async (method) => {
    for (const route of [routes.search, routes.product, routes.stay, routes.experience, routes.villages, routes.cooperatives]) {
      const res = await route.action(args("/api/v1/villages", { slug: "x" }, { method, body: method === "DELETE" ? null : "{}" }));
      expect(res.status).toBe(405);
      expect(res.headers.get("Allow")).toBe("GET, HEAD");
      expectJson(res, "no-store");
      expect(await res.json()).toEqual({ error: { code: "method_not_allowed", message: `${method} is not allowed here; use GET.` } });
    }
  });

  it("an unknown endpoint is a JSON 404 for any method", async () => {
    const res = await routes.notFound.loader(args("/api/v1/nope/123"));
    expect(res.status).toBe(404);
    expectJson(res, "no-store");
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No such endpoint: /api/v1/nope/123" } });
    expect((await routes.notFound.action(args("/api/v1/orders", {}, { method: "POST", body: "{}" }))).status).toBe(404);
  });
});

describe("garbage never answers 500", () => {
  const junk = [
    "a".repeat(20_000),
    "%00",
    "%00%00%00",
    "%ED%A0%80", // an encoded lone surrogate
    "%F0%9F", // a cut-off emoji
    "%E0%A4%A",
    "🍵".repeat(500),
    "\u202E\u200B\uFEFF",
    "'; DROP TABLE products; --",
    "%25%32%35",
    "<script>alert(1)</script>",
  ];
  // Each endpoint with the parameters it reads, plus ones it does not (array-style, unknown).
  const extra = ["q[]", "limit[]", "x"];

  it("in every parameter of every endpoint", async () => {
    const targets: [Route, string, Record<string, string>, string[]][] = [
      [routes.search, "/api/v1/search", {}, ["q", "type", "village", "category", "cert", "min", "max", "sort", "lang", "limit", "offset"]],
      [routes.product, `/api/v1/products/${slugs.product}`, { slug: slugs.product! }, ["lang"]],
      [routes.stay, `/api/v1/stays/${slugs.stay}`, { slug: slugs.stay! }, ["lang", "checkIn", "checkOut", "guests"]],
      [routes.experience, `/api/v1/experiences/${slugs.experience}`, { slug: slugs.experience! }, ["lang"]],
      [routes.villages, "/api/v1/villages", {}, ["lang", "limit", "offset"]],
      [routes.cooperatives, "/api/v1/cooperatives", {}, ["lang", "limit", "offset", "village", "kind"]],
    ];
    for (const [route, path, params, keys] of targets) {
      // One parameter at a time, so that a bad `lang` does not shield the others from the database.
      for (const key of [...keys, ...extra]) {
        for (const value of junk) {
          const encoded = value.startsWith("%") ? value : encodeURIComponent(value);
          const { res, body } = await get(route, `${path}?${key}=${encoded}&${key}=${encoded}`, params);
          expect(res.status, `${path} ${key}=${value.slice(0, 20)}`).toBeLessThan(500);
          if (res.status >= 400) expect(body.error?.code).toBeTruthy();
        }
      }
    }
  });

  it("in the slug", async () => {
    for (const value of junk) {
      for (const route of [routes.product, routes.stay, routes.experience]) {
        const { res } = await get(route, "/api/v1/products/x", { slug: decodeURIComponentSafe(value) });
        expect(res.status).toBe(404);
      }
    }
  });
});

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
