// Small helpers for the generated SVG illustrations: a seeded random source (so every picture
// is a pure function of its slug), compact number formatting and the document wrapper.
import { hash32 } from "../calendar";

export const WIDTH = 800;
export const HEIGHT = 600;

export type Rand = () => number;

/** mulberry32 seeded from a string: the same slug always draws the same picture. */
export function seeded(seed: string): Rand {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const between = (rand: Rand, min: number, max: number) => min + rand() * (max - min);
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

/** Numbers with at most one decimal, no trailing zeros: small files, stable output. */
export const n = (x: number) => String(Math.round(x * 10) / 10);

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function svgDocument(title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img">` +
    `<title>${escapeXml(title)}</title>${body}</svg>\n`
  );
}

/** A smooth ridge line through random points, closed down to the bottom edge. */
export function ridge(rand: Rand, baseY: number, amplitude: number, peaks: number, bottom = HEIGHT): string {
  const step = WIDTH / peaks;
  const pts: [number, number][] = [];
  for (let i = 0; i <= peaks + 1; i++) pts.push([i * step - step / 2, baseY - between(rand, 0.2, 1) * amplitude]);
  let d = `M0 ${bottom}L${n(pts[0]![0])} ${n(pts[0]![1])}`;
  for (let i = 1; i < pts.length; i++) {
    const [x0, y0] = pts[i - 1]!;
    const [x1, y1] = pts[i]!;
    d += `Q${n(x0)} ${n(y0)} ${n((x0 + x1) / 2)} ${n((y0 + y1) / 2)}`;
  }
  return `${d}L${WIDTH} ${bottom}Z`;
}

/** A vertical gradient definition, referenced inside the document only. */
export const gradient = (id: string, top: string, bottom: string) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient>`;

/** A cloud as one path of three arcs. */
export function cloud(x: number, y: number, w: number, fill = "#fff", opacity = 0.85): string {
  const h = w * 0.28;
  return `<path d="M${n(x)} ${n(y)}a${n(w * 0.22)} ${n(h)} 0 0 1 ${n(w * 0.3)} ${n(-h * 0.8)}a${n(w * 0.25)} ${n(h * 1.2)} 0 0 1 ${n(w * 0.42)} ${n(h * 0.2)}a${n(w * 0.16)} ${n(h * 0.7)} 0 0 1 ${n(w * 0.28)} ${n(h * 0.6)}Z" fill="${fill}" opacity="${opacity}"/>`;
}
