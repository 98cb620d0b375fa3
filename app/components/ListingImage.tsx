import { type Photo, fallbackPhotoUrl, photoSrcSet } from "~/modules/media/photo";
import { pick } from "~/utils/i18n";
import { useLang } from "~/utils/t";

/**
 * The picture of a product, village, stay or experience. Always sized (no layout shift); lazy
 * unless it is the first thing on the page. An uploaded `photo` comes as a <picture> with
 * AVIF and WebP sizes for the browser to choose from (`sizes` says how wide it is shown) and
 * the seller's description as its alt text; otherwise `src` (our SVG art) is shown. An empty
 * path shows a plain tinted box instead of a broken image. `alt=""` by default for the art: on
 * cards the title next to it already names the place.
 */
export function ListingImage({
  src = "",
  photo,
  alt,
  width = 800,
  height = 500,
  eager = false,
  sizes = "100vw",
  className = "",
}: {
  src?: string;
  photo?: Photo | null;
  alt?: string;
  /** The box: the picture is cropped to this aspect ratio. */
  width?: number;
  height?: number;
  eager?: boolean;
  sizes?: string;
  className?: string;
}) {
  const lang = useLang();
  const loading = {
    loading: eager ? "eager" : "lazy",
    decoding: eager ? "auto" : "async",
    ...(eager ? { fetchpriority: "high" } : {}),
  } as const;
  const box = { aspectRatio: `${width} / ${height}` };
  if (photo) {
    return (
      <picture className="block">
        <source type="image/avif" srcSet={photoSrcSet(photo, "avif")} sizes={sizes} />
        <source type="image/webp" srcSet={photoSrcSet(photo, "webp")} sizes={sizes} />
        <img
          src={fallbackPhotoUrl(photo)}
          alt={alt ?? pick(lang, photo.altZh, photo.altEn)}
          width={width}
          height={height}
          {...loading}
          className={`w-full bg-earth-100 object-cover ${className}`}
          style={box}
        />
      </picture>
    );
  }
  if (!src) {
    return <div aria-hidden="true" className={`bg-earth-100 ${className}`} style={box} />;
  }
  return (
    <img src={src} alt={alt ?? ""} width={width} height={height} {...loading} className={`w-full bg-earth-100 object-cover ${className}`} style={box} />
  );
}
