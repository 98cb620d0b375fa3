/**
 * The picture of a village, stay or experience. Always sized (no layout shift); lazy unless it
 * is the first thing on the page. An empty path shows a plain tinted box instead of a broken
 * image. `alt=""` by default: on cards the title next to it already names the place.
 */
export function ListingImage({
  src,
  alt = "",
  width = 800,
  height = 500,
  eager = false,
  className = "",
}: {
  src: string;
  alt?: string;
  width?: number;
  height?: number;
  eager?: boolean;
  className?: string;
}) {
  if (!src) {
    return <div aria-hidden="true" className={`bg-earth-100 ${className}`} style={{ aspectRatio: `${width} / ${height}` }} />;
  }
  return (
    <img
      src={src}
      alt={alt}
      width={width}
      height={height}
      loading={eager ? "eager" : "lazy"}
      decoding={eager ? "auto" : "async"}
      {...(eager ? { fetchpriority: "high" } : {})}
      className={`w-full bg-earth-100 object-cover ${className}`}
      style={{ aspectRatio: `${width} / ${height}` }}
    />
  );
}
