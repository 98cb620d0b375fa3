// An uploaded picture as pages receive it (client-safe): where its files are and how big the
// original is. Files are `<src>-<width>.webp` and `<src>-<width>.avif` for each width.

export type Photo = {
  /** Public URL of the stem: `/media/products/<hash>` or `https://cdn…/products/<hash>`. */
  src: string;
  /** The original, upright. */
  width: number;
  height: number;
  /** Generated widths, smallest first. */
  widths: number[];
  altZh: string;
  altEn: string;
};

export type PhotoFormat = "webp" | "avif";

export function photoFileUrl(photo: Pick<Photo, "src">, width: number, format: PhotoFormat): string {
  return `${photo.src}-${width}.${format}`;
}

export function photoSrcSet(photo: Pick<Photo, "src" | "widths">, format: PhotoFormat): string {
  return photo.widths.map((w) => `${photoFileUrl(photo, w, format)} ${w}w`).join(", ");
}

/** The largest WebP: the picture for JSON-LD, the API and social previews. */
export function largestPhotoUrl(photo: Pick<Photo, "src" | "widths">): string {
  return photoFileUrl(photo, Math.max(...photo.widths), "webp");
}

/** The `src` of the <img> inside <picture>: a middle size, for browsers that ignore srcset. */
export function fallbackPhotoUrl(photo: Pick<Photo, "src" | "widths">): string {
  const width = photo.widths.find((w) => w >= 640) ?? Math.max(...photo.widths);
  return photoFileUrl(photo, width, "webp");
}

/** A site path made absolute (`https://…` URLs of an object store are left as they are). */
export function absoluteMediaUrl(origin: string, url: string): string {
  return /^https?:\/\//.test(url) ? url : origin + url;
}
