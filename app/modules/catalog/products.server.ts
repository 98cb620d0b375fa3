// Read side of the product catalogue: the list behind `/products` (and the village and
// cooperative pages), the product page, related products and the filter form's choices.
// Only what a shopper may see: active products of approved sellers.
import { type SQL, and, asc, desc, eq, gte, inArray, lte, ne, or, sql } from "drizzle-orm";
import { cooperatives, productVariants, products, villages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { todayInShanghai } from "~/utils/format";
import type { Photo } from "~/modules/media/photo";
import { coverPhotoSql, listProductPhotos } from "~/modules/media/photos.server";
import {
  type CategoryKey,
  type CertificationKey,
  DEFAULT_PAGE_SIZE,
  type ProductCardData,
  type ProductDetail,
  type ProductFacets,
  type ProductFilters,
  type ProductPage,
} from "./types";

export { parseProductFilters, productFiltersSchema, productFiltersToSearchParams } from "./products-query";

export type ListProductsInput = Partial<ProductFilters> & { cooperativeId?: number; pageSize?: number };

/** A card with the product's cover picture (its first upload), when it has one. */
export type ProductCard = ProductCardData & { photo: Photo | null };
export type ProductCardPage = Omit<ProductPage, "items"> & { items: ProductCard[] };
/** The product page's data with its uploaded pictures in order (none: the category's art). */
export type ProductWithPhotos = ProductDetail & { photos: Photo[] };

const MAX_PAGE_SIZE = 100;

/** What a shopper may see: the product is active and its seller approved. */
const visible = and(eq(products.status, "active"), eq(cooperatives.status, "approved"));

function certsContain(certs: CertificationKey[]): SQL {
  // The keys are validated enum values; they still travel as bound parameters.
  const list = sql.join(
    certs.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`${products.certifications} @> ARRAY[${list}]::certification[]`;
}

function filterConditions(input: ListProductsInput): SQL | undefined {
  const conditions: (SQL | undefined)[] = [visible];
  if (input.category) conditions.push(eq(products.category, input.category));
  if (input.village) conditions.push(eq(villages.slug, input.village));
  if (input.cooperativeId !== undefined) conditions.push(eq(products.cooperativeId, input.cooperativeId));
  if (input.certs?.length) conditions.push(certsContain(input.certs));
  if (input.minCents !== undefined) conditions.push(gte(products.priceFromCents, input.minCents));
  if (input.maxCents !== undefined) conditions.push(lte(products.priceFromCents, input.maxCents));
  return and(...conditions);
}

/** SQL: some variant of the product is in stock. */
export function inStockSql() {
  return sql<boolean>`exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id} and ${productVariants.stock} > 0)`;
}

/** SQL: some variant of the product ships only after `today` (harvest pre-sale). */
export function preSaleSql(today: string) {
  return sql<boolean>`exists (select 1 from ${productVariants} where ${productVariants.productId} = ${products.id} and ${productVariants.shipsFrom} > ${today}::date)`;
}

/** The columns of a ProductCardData, for a select over products ⋈ cooperatives ⟕ villages. */
export function cardColumns(today: string) {
  return {
    slug: products.slug,
    titleZh: products.titleZh,
    titleEn: products.titleEn,
    image: products.image,
    category: products.category,
    certifications: products.certifications,
    priceFromCents: products.priceFromCents,
    villageSlug: villages.slug,
    villageNameZh: villages.nameZh,
    villageNameEn: villages.nameEn,
    cooperativeSlug: cooperatives.slug,
    cooperativeNameZh: cooperatives.nameZh,
    cooperativeNameEn: cooperatives.nameEn,
    soldOut: sql<boolean>`not ${inStockSql()}`,
    preSale: preSaleSql(today),
    photo: coverPhotoSql(products.id),
  };
}

function orderFor(sort: ProductFilters["sort"]): SQL[] {
  switch (sort) {
    case "price_asc":
      return [asc(products.priceFromCents), asc(products.id)];
    case "price_desc":
      return [desc(products.priceFromCents), desc(products.id)];
    case "newest":
      return [desc(products.createdAt), desc(products.id)];
    default:
      // No search query yet, so "relevance" means: what can be bought now first, newest first.
      return [desc(inStockSql()), desc(products.createdAt), desc(products.id)];
  }
}

function cardQuery(db: Database) {
  return db
    .select(cardColumns(todayInShanghai()))
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .leftJoin(villages, eq(villages.id, products.villageId));
}

/**
 * One page of the catalogue. A page past the end shows the last page (a stale link to page 9
 * of a list that shrank still shows products); `page` in the answer is the page shown.
 */
export async function listProducts(db: Database, input: ListProductsInput = {}): Promise<ProductCardPage> {
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  const requested = Math.max(Math.trunc(input.page ?? 1), 1);
  const where = filterConditions(input);
  const order = orderFor(input.sort ?? "relevance");

  const pageOf = (page: number): Promise<ProductCard[]> =>
    cardQuery(db)
      .where(where)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize);

  const [items, [counted]] = await Promise.all([
    pageOf(requested),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .leftJoin(villages, eq(villages.id, products.villageId))
      .where(where),
  ]);
  const total = counted?.total ?? 0;
  const pages = Math.max(Math.ceil(total / pageSize), 1);
  if (requested <= pages) return { items, total, page: requested, pages };
  return { items: await pageOf(pages), total, page: pages, pages };
}

/**
 * Cards of the given products in the given order (the search engine's ranking), for
 * `/products?q=`. Products a shopper may not see, or that no longer exist, are left out.
 */
export async function listProductCardsByIds(db: Database, ids: readonly number[]): Promise<ProductCard[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id)))].slice(0, MAX_PAGE_SIZE);
  if (!wanted.length) return [];
  const rows = await db
    .select({ id: products.id, ...cardColumns(todayInShanghai()) })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .leftJoin(villages, eq(villages.id, products.villageId))
    .where(and(visible, inArray(products.id, wanted)));
  const byId = new Map(rows.map(({ id, ...card }) => [id, card]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

/** The product page's data, or null when there is no such product a shopper may see. */
export async function getProductBySlug(db: Database, slug: string): Promise<ProductWithPhotos | null> {
  const [row] = await db
    .select({
      id: products.id,
      slug: products.slug,
      titleZh: products.titleZh,
      titleEn: products.titleEn,
      descriptionZh: products.descriptionZh,
      descriptionEn: products.descriptionEn,
      category: products.category,
      certifications: products.certifications,
      harvestSeason: products.harvestSeason,
      image: products.image,
      priceFromCents: products.priceFromCents,
      villageId: villages.id,
      villageSlug: villages.slug,
      villageNameZh: villages.nameZh,
      villageNameEn: villages.nameEn,
      cooperativeId: cooperatives.id,
      cooperativeSlug: cooperatives.slug,
      cooperativeNameZh: cooperatives.nameZh,
      cooperativeNameEn: cooperatives.nameEn,
      cooperativeKind: cooperatives.kind,
    })
    .from(products)
    .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
    .leftJoin(villages, eq(villages.id, products.villageId))
    .where(and(eq(products.slug, slug), visible))
    .limit(1);
  if (!row) return null;

  const [variants, photos] = await Promise.all([
    db
      .select({
        sku: productVariants.sku,
        nameZh: productVariants.nameZh,
        nameEn: productVariants.nameEn,
        priceCents: productVariants.priceCents,
        stock: productVariants.stock,
        weightG: productVariants.weightG,
        shipsFrom: productVariants.shipsFrom,
      })
      .from(productVariants)
      .where(eq(productVariants.productId, row.id))
      .orderBy(asc(productVariants.position), asc(productVariants.id)),
    listProductPhotos(db, row.id),
  ]);

  return {
    id: row.id,
    slug: row.slug,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    descriptionZh: row.descriptionZh,
    descriptionEn: row.descriptionEn,
    category: row.category,
    certifications: row.certifications,
    harvestSeason: row.harvestSeason,
    image: row.image,
    priceFromCents: row.priceFromCents,
    village:
      row.villageId !== null && row.villageSlug !== null
        ? { id: row.villageId, slug: row.villageSlug, nameZh: row.villageNameZh ?? "", nameEn: row.villageNameEn ?? "" }
        : null,
    cooperative: {
      id: row.cooperativeId,
      slug: row.cooperativeSlug,
      nameZh: row.cooperativeNameZh,
      nameEn: row.cooperativeNameEn,
      kind: row.cooperativeKind,
    },
    variants,
    photos,
  };
}

/** Other products a shopper of this one may like: same category or same village, best matches first. */
export async function listRelatedProducts(
  db: Database,
  product: Pick<ProductDetail, "id" | "category"> & { village: { id: number } | null },
  limit = 4,
): Promise<ProductCard[]> {
  const villageId = product.village?.id;
  const sameCategory = eq(products.category, product.category);
  const sameVillage = villageId !== undefined ? eq(products.villageId, villageId) : undefined;
  const related = sameVillage ? or(sameCategory, sameVillage) : sameCategory;
  // Both in common beats one in common; then what can be bought now, then newest.
  const score = sameVillage
    ? sql<number>`(case when ${sameCategory} then 1 else 0 end + case when ${sameVillage} then 1 else 0 end)`
    : sql<number>`1`;
  return cardQuery(db)
    .where(and(visible, ne(products.id, product.id), related))
    .orderBy(desc(score), desc(inStockSql()), desc(products.createdAt), desc(products.id))
    .limit(Math.min(Math.max(Math.trunc(limit), 1), 24));
}

/** Choices for the filter form: villages that have products to show, and product counts per category. */
export async function listFacets(db: Database): Promise<ProductFacets> {
  const [villageRows, categoryRows] = await Promise.all([
    db
      .select({
        slug: villages.slug,
        nameZh: villages.nameZh,
        nameEn: villages.nameEn,
        count: sql<number>`count(*)::int`,
      })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .innerJoin(villages, eq(villages.id, products.villageId))
      .where(visible)
      .groupBy(villages.id)
      .orderBy(asc(villages.slug)),
    db
      .select({ key: products.category, count: sql<number>`count(*)::int` })
      .from(products)
      .innerJoin(cooperatives, eq(cooperatives.id, products.cooperativeId))
      .where(visible)
      .groupBy(products.category),
  ]);
  return {
    villages: villageRows,
    categories: categoryRows.map((r) => ({ key: r.key as CategoryKey, count: r.count })),
  };
}
