// Product pictures as sellers upload them → responsive WebP and AVIF files. Everything about
// the upload is distrusted: its type is read from the bytes (never the file name or the
// browser's Content-Type), its size and pixel count are bounded before anything is decoded,
// and what we store is re-encoded by us (no EXIF, GPS or embedded payloads survive).
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { MediaErrorKey } from "./errors";
import { MediaError } from "./errors";

export const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;
/** A 40 MP photo decodes to ~160 MB of pixels: the most one upload may cost us. */
export const MAX_INPUT_PIXELS = 40_000_000;
/** A side longer than this is a banner or a bomb, not a product photo. */
export const MAX_SIDE = 12_000;
export const MIN_SIDE = 100;
export const IMAGE_WIDTHS = [320, 640, 960, 1280] as const;
export const MAX_OUTPUT_WIDTH = IMAGE_WIDTHS[IMAGE_WIDTHS.length - 1]!;

const ACCEPTED = new Set(["jpeg", "png", "webp"]);
export const OUTPUT_FORMATS = { webp: "image/webp", avif: "image/avif" } as const;
export type OutputFormat = keyof typeof OUTPUT_FORMATS;

// Bumped when the encoding changes, so that new files get new names (old ones stay cached forever).
const PIPELINE_VERSION = "v1";

export type ImageFile = { key: string; width: number; format: OutputFormat; contentType: string; body: Buffer };

export type ProcessedImage = {
  /** `products/<hash>`: every file is `<stem>-<width>.<webp|avif>`. */
  stem: string;
  /** The original's size once turned upright. */
  width: number;
  height: number;
  /** Generated widths, smallest first. */
  widths: number[];
  files: ImageFile[];
};

function reject(key: MediaErrorKey, status = 400): never {
  throw new MediaError(key, status);
}

/** The standard widths below the original, plus the original itself when it is small enough and not near one of them. */
export function outputWidths(originalWidth: number): number[] {
  const widths: number[] = IMAGE_WIDTHS.filter((w) => w < originalWidth);
  const largest = widths[widths.length - 1];
  if (originalWidth <= MAX_OUTPUT_WIDTH && (largest === undefined || originalWidth > largest * 1.1)) widths.push(originalWidth);
  if (originalWidth > MAX_OUTPUT_WIDTH && largest !== MAX_OUTPUT_WIDTH) widths.push(MAX_OUTPUT_WIDTH);
  return widths;
}

export function contentStem(bytes: Uint8Array): string {
  const hash = createHash("sha256").update(PIPELINE_VERSION).update(bytes).digest("hex");
  return `products/${hash.slice(0, 32)}`;
}

/** What the bytes are, judged from the bytes alone; anything we do not take is refused here. */
async function inspect(bytes: Buffer): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    // Text, PDF, HTML, a format libvips does not know: not a picture we take.
    reject("media.error.type");
  }
  if (!ACCEPTED.has(meta.format)) reject("media.error.type");
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) reject("media.error.corrupt");
  // The header's dimensions decide before a single pixel is decoded (a decompression bomb is a
  // small file that claims a huge picture).
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_INPUT_PIXELS) reject("media.error.dimensions");
  if (width < MIN_SIDE || height < MIN_SIDE) reject("media.error.tooSmall");
  return { width, height };
}

/**
 * Checks an upload and makes its responsive files. Throws a MediaError with a message key
 * for anything that is not a JPEG, PNG or WebP picture of sensible size.
 */
export async function processProductImage(input: Uint8Array): Promise<ProcessedImage> {
  if (input.byteLength === 0) reject("media.error.empty");
  if (input.byteLength > MAX_UPLOAD_BYTES) reject("media.error.tooLarge", 413);
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const { width, height } = await inspect(bytes);
  const widths = outputWidths(width);

  // Decode once (upright, sRGB, 8 bits) at the largest output width; every size comes from that.
  let base: { data: Buffer; info: OutputInfo };
  try {
    // failOn "error" (which includes truncation): phone cameras write JPEGs with harmless
    // warnings (extra bytes before a marker) that "warning" would refuse.
    base = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error", autoOrient: true })
      .resize({ width: widths[widths.length - 1], withoutEnlargement: true })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) reject("media.error.dimensions");
    // Truncated or damaged data: refused rather than shown with a grey half.
    reject("media.error.corrupt");
  }
  const raw = { width: base.info.width, height: base.info.height, channels: base.info.channels };

  const stem = contentStem(bytes);
  const encode = async (w: number, format: OutputFormat): Promise<ImageFile> => {
    const pipeline = sharp(base.data, { raw }).resize({ width: w, withoutEnlargement: true });
    const body =
      format === "webp"
        ? await pipeline.webp({ quality: 80, effort: 4 }).toBuffer()
        : // effort 2: AVIF at the default effort costs seconds per upload on a small server.
          await pipeline.avif({ quality: 50, effort: 2 }).toBuffer();
    return { key: `${stem}-${w}.${format}`, width: w, format, contentType: OUTPUT_FORMATS[format], body };
  };
  const files: ImageFile[] = [];
  // One size at a time: libvips already uses every core for each encode.
  for (const w of widths) files.push(await encode(w, "webp"), await encode(w, "avif"));
  return { stem, width, height, widths, files };
}
