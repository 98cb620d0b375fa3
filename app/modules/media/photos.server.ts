// The read side of product pictures for the catalogue: the cover of each card (one correlated
// subselect on the (product_id, position) index, no extra round trip) and a product's gallery.
import { type AnyColumn, asc, eq, sql } from "drizzle-orm";
import { productImages } from "../../../db/schema/index";
import type { Database } from "~/utils/db.server";
import type { Photo } from "./photo";
import { mediaUrl } from "./store.server";

type PhotoRow = { key: string; width: number; height: number; widths: number[]; altZh: string; altEn: string };

export function toPhoto(row: PhotoRow): Photo | null {
  const widths = (row.widths ?? []).filter((w) => Number.isInteger(w) && w > 0).sort((a, b) => a - b);
  if (!widths.length) return null;
  return { src: mediaUrl(row.key), width: row.width, height: row.height, widths, altZh: row.altZh, altEn: row.altEn };
}

function decodePhoto(value: unknown): Photo | null {
  if (value === null || value === undefined) return null;
  const row = (typeof value === "string" ? JSON.parse(value) : value) as PhotoRow;
  return toPhoto(row);
}

/** SQL column: the product's first picture (position order) as a Photo, or null. */
export function coverPhotoSql(productId: AnyColumn) {
  return sql<Photo | null>`(
    select json_build_object('key', pi.storage_key, 'width', pi.width, 'height', pi.height, 'widths', pi.widths,
                             'altZh', pi.alt_zh, 'altEn', pi.alt_en)
    from ${productImages} pi where pi.product_id = ${productId}
    order by pi.position, pi.id limit 1
  )`.mapWith(decodePhoto);
}

/** All of a product's pictures in position order. */
export async function listProductPhotos(db: Database, productId: number): Promise<Photo[]> {
  const rows = await db
    .select({
      key: productImages.storageKey,
      width: productImages.width,
      height: productImages.height,
      widths: productImages.widths,
      altZh: productImages.altZh,
      altEn: productImages.altEn,
    })
    .from(productImages)
    .where(eq(productImages.productId, productId))
    .orderBy(asc(productImages.position), asc(productImages.id));
  return rows.flatMap((row) => toPhoto(row) ?? []);
}
