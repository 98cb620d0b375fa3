// Uploaded pictures: what is accepted and what is refused (judged from the bytes alone), and
// what comes out — upright, without metadata, in WebP and AVIF at the right widths.
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { MediaError } from "~/modules/media/errors";
import { MAX_UPLOAD_BYTES, outputWidths, processProductImage } from "~/modules/media/images.server";

const create = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 40, g: 120, b: 60, alpha: 0.8 } } });

/** A photo-like picture (noise compresses badly, like a real photo). */
const noisy = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#6a8", noise: { type: "gaussian", mean: 128, sigma: 40 } } });

async function rejection(bytes: Uint8Array): Promise<MediaError> {
  try {
    await processProductImage(bytes);
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw error;
  }
  throw new Error("expected the picture to be refused");
}

/** A real PNG whose header then claims other dimensions (with a valid checksum). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await create(120, 120).png().toBuffer());
  // Signature (8) + IHDR length (4) + "IHDR" (4): width and height follow, then the CRC over type + data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A real JPEG whose frame header then claims other dimensions. */
async function jpegClaiming(width: number, height: number): Promise<Buffer> {
  const jpeg = Buffer.from(await create(120, 120).jpeg().toBuffer());
  for (let i = 2; i < jpeg.length - 9; ) {
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2) {
      jpeg.writeUInt16BE(height, i + 5);
      jpeg.writeUInt16BE(width, i + 7);
      return jpeg;
    }
    i += 2 + length;
  }
  throw new Error("no SOF marker");
}

describe("processProductImage: accepted pictures", () => {
  it("a large PNG becomes WebP and AVIF at 320, 640, 960 and 1280 px, named by its content", async () => {
    const png = await create(2000, 1500, 4).png().toBuffer();
    const out = await processProductImage(png);
    expect(out.stem).toMatch(/^products\/[0-9a-f]{32}$/);
    expect([out.width, out.height]).toEqual([2000, 1500]);
    expect(out.widths).toEqual([320, 640, 960, 1280]);
    expect(out.files.map((f) => f.key).sort()).toEqual(
      [320, 640, 960, 1280].flatMap((w) => [`${out.stem}-${w}.avif`, `${out.stem}-${w}.webp`]).sort(),
    );
    for (const file of out.files) {
      const meta = await sharp(file.body).metadata();
      expect(meta.format).toBe(file.format === "webp" ? "webp" : "heif");
      expect(file.contentType).toBe(`image/${file.format}`);
      expect(meta.width).toBe(file.width);
      expect(meta.height).toBe(Math.round((file.width * 1500) / 2000));
    }
    // Same bytes, same names (so a re-upload finds the files it already has).
    expect((await processProductImage(png)).stem).toBe(out.stem);
  });

  it("a JPEG taken sideways (EXIF orientation 6) is turned upright and loses its EXIF", async () => {
    const jpeg = await noisy(800, 400)
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneCo", Copyright: "secret" } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect((await sharp(jpeg).metadata()).orientation).toBe(6);
    const out = await processProductImage(jpeg);
    expect([out.width, out.height]).toEqual([400, 800]);
    expect(out.widths).toEqual([320, 400]);
    const largest = out.files.find((f) => f.width === 400 && f.format === "webp")!;
    const meta = await sharp(largest.body).metadata();
    expect([meta.width, meta.height]).toEqual([400, 800]);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(largest.body.includes(Buffer.from("PhoneCo"))).toBe(false);
  });

  it("a WebP is taken, and a small picture is never enlarged", async () => {
    const webp = await create(500, 350).webp().toBuffer();
    const out = await processProductImage(webp);
    expect(out.widths).toEqual([320, 500]);
    const sizes = await Promise.all(out.files.map(async (f) => (await sharp(f.body).metadata()).width));
    expect(Math.max(...sizes)).toBe(500);
    expect(out.files).toHaveLength(4);
  });

  it("16-bit PNGs with transparency and CMYK JPEGs (print-shop exports) come out as sRGB pictures", async () => {
    const deep = await create(400, 300, 4).toColourspace("rgb16").png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe("ushort");
    const fromDeep = await processProductImage(deep);
    expect((await sharp(fromDeep.files[0]!.body).metadata()).hasAlpha).toBe(true);
    const cmyk = await noisy(400, 300).toColourspace("cmyk").jpeg().toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const fromCmyk = await processProductImage(cmyk);
    expect((await sharp(fromCmyk.files[0]!.body).metadata()).space).toBe("srgb");
  });

  it("widths: standard sizes below the original, plus the original unless it is within 10 % of one", () => {
    expect(outputWidths(5000)).toEqual([320, 640, 960, 1280]);
    expect(outputWidths(1280)).toEqual([320, 640, 960, 1280]);
    expect(outputWidths(1000)).toEqual([320, 640, 960]);
    expect(outputWidths(800)).toEqual([320, 640, 800]);
    expect(outputWidths(700)).toEqual([320, 640]);
    expect(outputWidths(320)).toEqual([320]);
    expect(outputWidths(150)).toEqual([150]);
  });
});

describe("processProductImage: refused uploads, each with its reason", () => {
  it("a GIF", async () => {
    const gif = await create(200, 200).gif().toBuffer();
    expect((await rejection(gif)).key).toBe("media.error.type");
  });

  it("an SVG (it could carry scripts)", async () => {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"><rect width="400" height="400" fill="green"/><script>alert(1)</script></svg>`);
    expect((await rejection(svg)).key).toBe("media.error.type");
  });

  it("an AVIF/HEIF (what iPhones save) and a PDF", async () => {
    const heif = await create(200, 200).avif().toBuffer();
    expect((await rejection(heif)).key).toBe("media.error.type");
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    expect((await rejection(pdf)).key).toBe("media.error.type");
  });

  it("a text file named photo.jpg (the name and the browser's type are never asked)", async () => {
    expect((await rejection(Buffer.from("this is not a photo, just text in photo.jpg\n"))).key).toBe("media.error.type");
  });

  it("a truncated JPEG, PNG or WebP", async () => {
    const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));
    const jpeg = await noisy(1000, 800).jpeg({ quality: 90 }).toBuffer();
    expect((await rejection(half(jpeg))).key).toBe("media.error.corrupt");
    expect((await rejection(half(await noisy(600, 400).png().toBuffer()))).key).toBe("media.error.corrupt");
    expect((await rejection(half(await noisy(600, 400).webp().toBuffer()))).key).toMatch(/^media\.error\.(corrupt|type)$/);
  });

  it("a decompression bomb: a small file claiming 20000×20000 pixels", async () => {
    const png = await pngClaiming(20_000, 20_000);
    expect(png.length).toBeLessThan(10_000);
    expect((await sharp(png, { limitInputPixels: false }).metadata()).width).toBe(20_000);
    expect((await rejection(png)).key).toBe("media.error.dimensions");
    expect((await rejection(await jpegClaiming(20_000, 20_000))).key).toBe("media.error.dimensions");
    // Under the side limit but over 40 megapixels.
    expect((await rejection(await pngClaiming(9000, 9000))).key).toBe("media.error.dimensions");
  });

  it("a file of 8 MB + 1 byte is refused before it is decoded (413)", async () => {
    const jpeg = await create(300, 300).jpeg().toBuffer();
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    jpeg.copy(big);
    const error = await rejection(big);
    expect([error.key, error.status]).toEqual(["media.error.tooLarge", 413]);
  });

  it("an empty file, and a picture too small to show", async () => {
    expect((await rejection(new Uint8Array())).key).toBe("media.error.empty");
    expect((await rejection(await create(60, 300).png().toBuffer())).key).toBe("media.error.tooSmall");
  });
});
