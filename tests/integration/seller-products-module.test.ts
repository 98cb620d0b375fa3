// The seller-products module on the real database: edits reach search, variants can trade SKUs
// in one save, slugs stay unique across cooperatives, and archive/restore keep to their own.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { productVariants, products } from "../../db/schema/index";
import {
  createSellerProduct,
  getSellerProduct,
  setProductArchived,
  updateSellerProduct,
} from "~/modules/seller-products/products.server";
import type { ProductFormValue } from "~/modules/seller-products/schemas";
import { configureSearch, drainSearchOutbox, search } from "~/modules/search/search.server";
import { createCooperative, uniqueToken } from "../factories";
import { openTestDb, type TestDb } from "../setup/db";
import { usePostgresSearch } from "../setup/search";

let t: TestDb;
let coopA: number;
let coopB: { id: number; slug: string };

const k = () => uniqueToken().slice(0, 8).toUpperCase();

function input(overrides: Partial<ProductFormValue> = {}): ProductFormValue {
  return {
    titleZh: "测试山核桃",
    titleEn: "",
    descriptionZh: "",
    descriptionEn: "",
    category: "nuts",
    certifications: [],
    harvestSeason: "",
    villageId: undefined,
    status: "active",
    variants: [{ sku: `NUT-${k()}`, nameZh: "500克", nameEn: "", price: 8800, stock: 10 }],
    ...overrides,
  };
}

async function created(cooperativeId: number, value: ProductFormValue): Promise<number> {
  const result = await createSellerProduct(t.db, cooperativeId, value);
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.productId;
}

beforeAll(async () => {
  t = openTestDb();
  coopA = (await createCooperative(t.db)).id;
  coopB = await createCooperative(t.db);
});

afterAll(async () => {
  configureSearch({});
  await t.close();
});

describe("search", () => {
  it("finds a product by its edited title once the outbox is drained (PostgreSQL engine)", async () => {
    usePostgresSearch();
    const word = `Zorblefig${k().toLowerCase()}`;
    const id = await created(coopA, input({ titleZh: "改名前的核桃" }));
    const stored = await getSellerProduct(t.db, coopA, id);
    const result = await updateSellerProduct(t.db, coopA, id, {
      ...input({ titleZh: `改名后的核桃`, titleEn: `${word} walnuts` }),
      variants: stored!.variants.map((v) => ({ id: v.id, sku: v.sku, nameZh: v.nameZh, nameEn: v.nameEn, price: v.priceCents })),
    });
    expect(result.ok).toBe(true);
    await drainSearchOutbox(t.db);
    const found = await search({ q: word, lang: "en", limit: 10, offset: 0 }, { db: t.db });
    expect(found.engine).toBe("postgres");
    expect(found.hits.map((h) => [h.type, h.slug])).toEqual([["product", stored!.slug]]);
    expect(found.hits[0]!.title).toBe(`${word} walnuts`);
  });
});

describe("saving variants", () => {
  it("lets two variants trade SKUs, and a new variant take the SKU of a removed one, in one save", async () => {
    const [a, b, c] = [`SW-${k()}-A`, `SW-${k()}-B`, `SW-${k()}-C`];
    const id = await created(
      coopA,
      input({
        variants: [
          { sku: a, nameZh: "甲", nameEn: "", price: 100, stock: 1 },
          { sku: b, nameZh: "乙", nameEn: "", price: 200, stock: 2 },
          { sku: c, nameZh: "丙", nameEn: "", price: 300, stock: 3 },
        ],
      }),
    );
    const [va, vb] = (await getSellerProduct(t.db, coopA, id))!.variants;
    const result = await updateSellerProduct(
      t.db,
      coopA,
      id,
      input({
        variants: [
          { id: vb!.id, sku: a, nameZh: "乙", nameEn: "", price: 200 },
          { id: va!.id, sku: b, nameZh: "甲", nameEn: "", price: 100 },
          { sku: c, nameZh: "新丙", nameEn: "", price: 50, stock: 9 },
        ],
      }),
    );
    expect(result).toEqual({ ok: true, productId: id });
    const rows = await t.db.select().from(productVariants).where(eq(productVariants.productId, id)).orderBy(productVariants.position);
    expect(rows.map((r) => [r.id, r.sku, r.stock, r.position])).toEqual([
      [vb!.id, a, 2, 0],
      [va!.id, b, 1, 1],
      [expect.any(Number), c, 9, 2],
    ]);
    const [p] = await t.db.select({ priceFromCents: products.priceFromCents }).from(products).where(eq(products.id, id));
    expect(p!.priceFromCents).toBe(50);
  });

  it("refuses a variant id of another product of the same cooperative", async () => {
    const one = await created(coopA, input());
    const two = await created(coopA, input());
    const [foreign] = (await getSellerProduct(t.db, coopA, two))!.variants;
    const result = await updateSellerProduct(t.db, coopA, one, input({ variants: [{ id: foreign!.id, sku: foreign!.sku, nameZh: "偷来的", nameEn: "", price: 1 }] }));
    expect(result).toEqual({ ok: false, reason: "not_found" });
    const [after] = (await getSellerProduct(t.db, coopA, two))!.variants;
    expect(after!.nameZh).toBe(foreign!.nameZh);
  });
});

describe("handles and slugs", () => {
  it("keeps the same handle per cooperative but a public slug of its own for each", async () => {
    const title = `同名核桃${k()}`;
    const mine = await created(coopA, input({ titleZh: title }));
    const theirs = await created(coopB.id, input({ titleZh: title }));
    const [a, b] = [(await getSellerProduct(t.db, coopA, mine))!, (await getSellerProduct(t.db, coopB.id, theirs))!];
    expect(b.handle).toBe(a.handle);
    expect(a.slug).toBe(a.handle);
    expect(b.slug).toBe(`${b.handle}-${coopB.slug}`);
  });
});

describe("archive and restore", () => {
  it("changes only the cooperative's own product, and is safe to repeat", async () => {
    const id = await created(coopA, input());
    expect(await setProductArchived(t.db, coopB.id, id, true)).toBe(false);
    expect((await getSellerProduct(t.db, coopA, id))!.status).toBe("active");
    expect(await setProductArchived(t.db, coopA, id, true)).toBe(true);
    expect(await setProductArchived(t.db, coopA, id, true)).toBe(true);
    expect((await getSellerProduct(t.db, coopA, id))!.status).toBe("archived");
    expect(await setProductArchived(t.db, coopA, id, false)).toBe(true);
    expect((await getSellerProduct(t.db, coopA, id))!.status).toBe("draft");
    expect(await getSellerProduct(t.db, coopB.id, id)).toBeNull();
  });
});
