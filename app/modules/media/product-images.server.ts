// A cooperative's product pictures: upload, describe, reorder, delete. Every function takes the
// acting cooperative and finds the product through it, so another seller's product or picture
// is "not found" (the page answers 404) and nothing of it is read or changed.
//
// Files are content-addressed and may be shared by several rows (the same photo on two
// products): a file is removed only when no row names its stem any more, decided under a
// per-stem advisory lock that the upload also takes, so a delete never pulls files from
// under an upload of the same picture.
import { and, asc, count, eq, max, sql } from "drizzle-orm";
import { productImages, products } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import { MediaError } from "./errors";
import { type ProcessedImage, processProductImage } from "./images.server";
import { type MediaStore, mediaStore } from "./store.server";

export const MAX_IMAGES_PER_PRODUCT = 8;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export type ManagedProduct = { id: number; slug: string; titleZh: string; titleEn: string; status: "active" | "draft" | "archived" };

export type ManagedImage = {
  id: number;
  storageKey: string;
  width: number;
  height: number;
  widths: number[];
  altZh: string;
  altEn: string;
  position: number;
};

type Scope = { cooperativeId: number; productId: number };

/** The product if it belongs to the cooperative, else null. */
export async function getManagedProduct(db: Database | Tx, { cooperativeId, productId }: Scope): Promise<ManagedProduct | null> {
  const [row] = await db
    .select({ id: products.id, slug: products.slug, titleZh: products.titleZh, titleEn: products.titleEn, status: products.status })
    .from(products)
    .where(and(eq(products.id, productId), eq(products.cooperativeId, cooperativeId)))
    .limit(1);
  return row ?? null;
}

export async function listProductImages(db: Database, scope: Scope): Promise<ManagedImage[]> {
  return db
    .select({
      id: productImages.id,
      storageKey: productImages.storageKey,
      width: productImages.width,
      height: productImages.height,
      widths: productImages.widths,
      altZh: productImages.altZh,
      altEn: productImages.altEn,
      position: productImages.position,
    })
    .from(productImages)
    .innerJoin(products, eq(products.id, productImages.productId))
    .where(and(eq(productImages.productId, scope.productId), eq(products.cooperativeId, scope.cooperativeId)))
    .orderBy(asc(productImages.position), asc(productImages.id));
}

/** Locks the product row for the rest of the transaction (image changes of one product queue up). */
async function lockProduct(tx: Tx, scope: Scope): Promise<void> {
  const [row] = await tx
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, scope.productId), eq(products.cooperativeId, scope.cooperativeId)))
    .for("update");
  if (!row) throw new MediaError("media.error.notFound", 404);
}

async function lockStem(tx: Tx, stem: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`media:${stem}`}, 0))`);
}

/** Cards and search read the product's updated_at (and its outbox trigger announces the change). */
async function touchProduct(tx: Tx, productId: number): Promise<void> {
  await tx.update(products).set({ updatedAt: sql`now()` }).where(eq(products.id, productId));
}

async function imageCount(db: Database | Tx, productId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(productImages).where(eq(productImages.productId, productId));
  return row?.n ?? 0;
}

function fileKeys(stem: string, widths: readonly number[]): string[] {
  return widths.flatMap((w) => [`${stem}-${w}.webp`, `${stem}-${w}.avif`]);
}

/**
 * Checks the picture, stores its files and appends it to the product's pictures. Throws a
 * MediaError: 404 for a product not of this cooperative, 422 when the product already has the
 * most pictures allowed, 409 for a picture it already has, 400/413 for the file itself.
 */
export async function addProductImage(
  db: Database,
  input: Scope & { bytes: Uint8Array; altZh: string; altEn: string },
  store: MediaStore = mediaStore(),
): Promise<{ id: number; stem: string }> {
  // Cheap refusals before the expensive decode.
  if (!(await getManagedProduct(db, input))) throw new MediaError("media.error.notFound", 404);
  if ((await imageCount(db, input.productId)) >= MAX_IMAGES_PER_PRODUCT) throw new MediaError("media.error.tooMany", 422);
  const image: ProcessedImage = await processProductImage(input.bytes);

  return db.transaction(async (tx) => {
    await lockProduct(tx, input);
    if ((await imageCount(tx, input.productId)) >= MAX_IMAGES_PER_PRODUCT) throw new MediaError("media.error.tooMany", 422);
    const [same] = await tx
      .select({ id: productImages.id })
      .from(productImages)
      .where(and(eq(productImages.productId, input.productId), eq(productImages.storageKey, image.stem)))
      .limit(1);
    if (same) throw new MediaError("media.error.duplicate", 409);

    await lockStem(tx, image.stem);
    const [last] = await tx.select({ position: max(productImages.position) }).from(productImages).where(eq(productImages.productId, input.productId));
    // Files first: a row never names files that are not there. If the insert then fails, the
    // files stay as orphans under a hash name nobody links to (harmless, and rare).
    for (const file of image.files) await store.put(file.key, file.body, file.contentType);
    const [row] = await tx
      .insert(productImages)
      .values({
        productId: input.productId,
        storageKey: image.stem,
        width: image.width,
        height: image.height,
        widths: image.widths,
        altZh: input.altZh,
        altEn: input.altEn,
        position: (last?.position ?? -1) + 1,
      })
      .returning({ id: productImages.id });
    await touchProduct(tx, input.productId);
    return { id: row!.id, stem: image.stem };
  });
}

/** The picture row, locked, when it belongs to the (already locked) product. */
async function findImage(tx: Tx, productId: number, imageId: number) {
  const [row] = await tx
    .select({ id: productImages.id, storageKey: productImages.storageKey, widths: productImages.widths })
    .from(productImages)
    .where(and(eq(productImages.id, imageId), eq(productImages.productId, productId)))
    .for("update");
  return row ?? null;
}

export async function updateProductImageAlt(
  db: Database,
  input: Scope & { imageId: number; altZh: string; altEn: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProduct(tx, input);
    if (!(await findImage(tx, input.productId, input.imageId))) throw new MediaError("media.error.notFound", 404);
    await tx.update(productImages).set({ altZh: input.altZh, altEn: input.altEn }).where(eq(productImages.id, input.imageId));
    await touchProduct(tx, input.productId);
  });
}

/** Rewrites positions as 0, 1, 2… in the given order. */
async function renumber(tx: Tx, ids: number[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await tx.update(productImages).set({ position }).where(eq(productImages.id, id));
  }
}

async function orderedIds(tx: Tx, productId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: productImages.id })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id));
  return rows.map((r) => r.id);
}

/** Moves a picture one place up (towards the cover) or down; at either end nothing changes. */
export async function moveProductImage(
  db: Database,
  input: Scope & { imageId: number; direction: "up" | "down" },
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProduct(tx, input);
    const ids = await orderedIds(tx, input.productId);
    const from = ids.indexOf(input.imageId);
    if (from < 0) throw new MediaError("media.error.notFound", 404);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= ids.length) return;
    [ids[from], ids[to]] = [ids[to]!, ids[from]!];
    await renumber(tx, ids);
    await touchProduct(tx, input.productId);
  });
}

/** Deletes a picture, and its files unless another row still shows the same picture. */
export async function deleteProductImage(
  db: Database,
  input: Scope & { imageId: number },
  store: MediaStore = mediaStore(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProduct(tx, input);
    const image = await findImage(tx, input.productId, input.imageId);
    if (!image) throw new MediaError("media.error.notFound", 404);
    await tx.delete(productImages).where(eq(productImages.id, image.id));
    await renumber(tx, await orderedIds(tx, input.productId));
    await touchProduct(tx, input.productId);

    await lockStem(tx, image.storageKey);
    const [others] = await tx.select({ n: count() }).from(productImages).where(eq(productImages.storageKey, image.storageKey));
    // Inside the transaction: if the store refuses, the row comes back and the seller can retry.
    if (!others?.n) await store.remove(fileKeys(image.storageKey, image.widths).filter(isRemovable));
  });
}

// Rows written by other tools (fixtures, imports) may name keys that are no files of ours.
function isRemovable(key: string): boolean {
  return /^products\/[a-z0-9_-]+-\d+\.(webp|avif)$/.test(key);
}
