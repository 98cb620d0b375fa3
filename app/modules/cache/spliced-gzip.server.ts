// A cached page must leave with a Content-Security-Policy nonce of its own (a fresh one per
// response), yet compressing the whole page again for every answer would cost more than the
// rest of the answer. A gzip stream is a series of DEFLATE blocks: the text between the nonces is
// compressed once into blocks that end on a byte boundary (a sync flush), and each answer slots
// its nonce in between as an uncompressed ("stored") block. The CRC-32 in the gzip trailer is
// combined from the pieces' CRCs (zlib's crc32_combine) instead of reading the whole page again.
import zlib from "node:zlib";

const POLY = 0xedb88320;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** a(x)·b(x) modulo the CRC polynomial (reflected), as in zlib's crc32.c. */
function multModP(a: number, b: number): number {
  let m = 1 << 31;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0..31. */
const X2N = (() => {
  const table = new Array<number>(32);
  let p = 1 << 30; // x^1
  table[0] = p >>> 0;
  for (let n = 1; n < 32; n++) table[n] = p = multModP(p, p);
  return table;
})();

function x2nModP(n: number, k: number): number {
  let p = 1 << 31; // x^0
  while (n) {
    if (n & 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p >>> 0;
}

/** The CRC-32 of A followed by B, from crc(A), crc(B) and B's length. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x2nModP(lengthB, 3), crcA) ^ crcB) >>> 0;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** A page split at its nonces, the text between them compressed once. */
export type SplicedGzip = {
  /** Each piece of text between nonces, as DEFLATE blocks ending on a byte boundary; the last one is final. */
  pieces: Buffer[];
  crcs: number[];
  lengths: number[];
};

/** Compresses the text around the holes: `parts` are the page's bytes between (and around) its nonces. */
export function prepareSplicedGzip(parts: readonly Buffer[]): SplicedGzip {
  return {
    pieces: parts.map((part, i) =>
      zlib.deflateRawSync(part, i === parts.length - 1 ? { level: 6 } : { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH }),
    ),
    crcs: parts.map((part) => crc32(part)),
    lengths: parts.map((part) => part.length),
  };
}

/** A stored (uncompressed) DEFLATE block holding `data` (at most 65 535 bytes), not the last block. */
function storedBlock(data: Buffer): Buffer {
  const block = Buffer.alloc(5 + data.length);
  block[0] = 0; // BFINAL 0, BTYPE 00, padding to the byte boundary
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(block, 5);
  return block;
}

/** The whole gzip answer with `filler` in every hole between the pieces. */
export function spliceGzip(prepared: SplicedGzip, filler: Buffer): Buffer {
  const out: Buffer[] = [GZIP_HEADER];
  const fillerCrc = crc32(filler);
  let crc = 0;
  let length = 0;
  const filled = storedBlock(filler);
  prepared.pieces.forEach((piece, i) => {
    if (i > 0) {
      out.push(filled);
      crc = crc32Combine(crc, fillerCrc, filler.length);
      length += filler.length;
    }
    out.push(piece);
    crc = crc32Combine(crc, prepared.crcs[i]!, prepared.lengths[i]!);
    length += prepared.lengths[i]!;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length >>> 0, 4);
  out.push(trailer);
  return Buffer.concat(out);
}
