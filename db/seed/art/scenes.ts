// Landscapes for villages, stays and experiences. Colours, hills, sun, clouds and houses vary
// with the slug (seeded randomness); the motif decides what grows on the hills.
import type { CategoryKey } from "../../schema/products";
import type { Motif } from "../data-files";
import { type ObjectKey, drawObject } from "./objects";
import { HEIGHT, type Rand, WIDTH, between, cloud, gradient, n, pick, ridge, seeded, svgDocument } from "./svg";

const SKIES = [
  ["#bfe0f2", "#eef7fb"],
  ["#fde2c8", "#fff6ea"],
  ["#d9e6e1", "#f4f7f2"],
  ["#f7d08a", "#fdf0d5"],
  ["#f3b8a6", "#fde8d8"],
] as const;
const HILLS = [
  ["#b9d3c2", "#8fb89d", "#6a9c78", "#4f8560"],
  ["#c3d5dd", "#97b8c4", "#6f9aa8", "#4f7f8c"],
  ["#d9c9a8", "#b7b38a", "#8fa872", "#6b8f5a"],
  ["#c9d6b0", "#a3bd86", "#7da465", "#5b8a4c"],
] as const;

type Palette = readonly [string, string, string, string];

type HouseStyle = "white" | "earth" | "wood";
const WALLS: Record<HouseStyle, [string, string]> = {
  white: ["#f4f1ea", "#4a4f57"],
  earth: ["#d9a85b", "#5b4a3f"],
  wood: ["#a9744a", "#5b4636"],
};

/** A village house: wall, tiled roof with eaves, a stepped gable on white houses, windows. */
function house(x: number, base: number, w: number, h: number, style: HouseStyle, lit = false): string {
  const [wall, roof] = WALLS[style];
  const win = lit ? "#f7d27a" : "#3d4148";
  let s = `<rect x="${n(x)}" y="${n(base - h)}" width="${n(w)}" height="${n(h)}" fill="${wall}"/>`;
  s += `<path d="M${n(x - w * 0.08)} ${n(base - h)}L${n(x + w * 0.12)} ${n(base - h - h * 0.35)}H${n(x + w * 0.88)}L${n(x + w * 1.08)} ${n(base - h)}Z" fill="${roof}"/>`;
  if (style === "white") s += `<path d="M${n(x - 4)} ${n(base - h * 0.55)}h${n(w * 0.16)}v${n(-h * 0.5)}h${n(-w * 0.16)}Z" fill="${wall}" stroke="${roof}" stroke-width="4"/>`;
  const ww = Math.max(6, w * 0.14);
  s += `<rect x="${n(x + w * 0.2)}" y="${n(base - h * 0.62)}" width="${n(ww)}" height="${n(ww)}" fill="${win}"/>`;
  s += `<rect x="${n(x + w * 0.62)}" y="${n(base - h * 0.62)}" width="${n(ww)}" height="${n(ww)}" fill="${win}"/>`;
  return s;
}

function houses(rand: Rand, count: number, base: number, style: HouseStyle, left = 160, right = 640): string {
  let s = "";
  for (let i = 0; i < count; i++) {
    const w = between(rand, 50, 80);
    const x = left + ((right - left - w) * (i + between(rand, 0, 0.6))) / count;
    s += house(x, base - between(rand, 0, 30), w, w * between(rand, 0.55, 0.75), style);
  }
  return s;
}

/** Rows of round bushes (tea) as dotted strokes: one path element per row. */
function bushRows(rand: Rand, top: number, rows: number, color: string): string {
  let s = "";
  for (let i = 0; i < rows; i++) {
    const y = top + i * 34;
    const r = 12 + i * 3;
    s += `<path d="M-20 ${n(y + between(rand, -8, 8))}Q400 ${n(y - 40)} 820 ${n(y + between(rand, -8, 8))}" stroke="${color}" stroke-width="${r * 2}" stroke-linecap="round" stroke-dasharray="0.1 ${r * 2 + 6}" fill="none"/>`;
  }
  return s;
}

function bambooGrove(rand: Rand, xs: number[], top: number): string {
  let s = "";
  for (const x of xs) {
    const w = between(rand, 8, 14);
    const t = top + between(rand, -40, 40);
    s += `<path d="M${n(x)} ${HEIGHT}V${n(t)}" stroke="#5c9a45" stroke-width="${n(w)}"/><path d="M${n(x)} ${HEIGHT}V${n(t)}" stroke="#3f7a35" stroke-width="${n(w + 3)}" stroke-dasharray="4 60"/>`;
    s += `<path d="M${n(x)} ${n(t + 30)}l-50 20M${n(x)} ${n(t + 80)}l50 14M${n(x)} ${n(t + 130)}l-44 22" stroke="#6fb35a" stroke-width="9" stroke-linecap="round"/>`;
  }
  return s;
}

function trees(rand: Rand, count: number, base: number, fruit: string | null, left = 40, right = 760): string {
  let s = "";
  for (let i = 0; i < count; i++) {
    const x = left + ((right - left) * (i + between(rand, 0.2, 0.8))) / count;
    const y = base + between(rand, -12, 12);
    const r = between(rand, 28, 42);
    s += `<path d="M${n(x)} ${n(y)}v${n(-r)}" stroke="#6b4a2a" stroke-width="8"/><circle cx="${n(x)}" cy="${n(y - r * 1.6)}" r="${n(r)}" fill="${pick(rand, ["#3f7f45", "#4d8f4f", "#35703d"])}"/>`;
    if (fruit) s += `<path d="M${n(x - r * 0.4)} ${n(y - r * 1.8)}h1M${n(x + r * 0.3)} ${n(y - r * 1.5)}h1M${n(x)} ${n(y - r * 2.1)}h1M${n(x - r * 0.1)} ${n(y - r * 1.3)}h1" stroke="${fruit}" stroke-width="12" stroke-linecap="round"/>`;
  }
  return s;
}

function conifers(rand: Rand, count: number, base: number, color: string): string {
  let d = "";
  for (let i = 0; i < count; i++) {
    const x = (WIDTH * (i + between(rand, 0, 1))) / count;
    const h = between(rand, 60, 110);
    const y = base + between(rand, -20, 20);
    d += `M${n(x)} ${n(y - h)}l${n(h * 0.3)} ${n(h)}h${n(-h * 0.6)}Z`;
  }
  return `<path d="${d}" fill="${color}"/>`;
}

const river = (color: string) =>
  `<path d="M380 420C300 460 520 500 420 540S240 590 260 600H470C460 580 640 540 560 500S430 450 420 420Z" fill="${color}"/>`;

function paddies(rand: Rand): string {
  const greens = ["#9cc46a", "#b7d47a", "#86b45a", "#d8c46a"];
  let s = "";
  for (let row = 0; row < 3; row++) {
    const y0 = 470 + row * 45;
    for (let col = 0; col < 5; col++) {
      const x0 = -40 + col * 180 - row * 20;
      s += `<path d="M${x0} ${y0}h170l${n(10 + row * 6)} 40h-178Z" fill="${pick(rand, greens)}"/>`;
    }
  }
  return s;
}

const train = (x: number, y: number) =>
  [0, 1, 2]
    .map((i) => `<rect x="${x + i * 74}" y="${y}" width="68" height="36" rx="8" fill="${i ? "#d9483b" : "#b8372c"}"/><rect x="${x + i * 74 + 10}" y="${y + 8}" width="48" height="12" rx="3" fill="#fdf0d5"/>`)
    .join("") + `<path d="M${x - 20} ${y + 44}h260" stroke="#6b4a2a" stroke-width="4"/>`;

function terraces(rand: Rand, colors: Palette): string {
  let s = "";
  for (let i = 0; i < 6; i++) {
    const y = 360 + i * 28;
    s += `<path d="M-20 ${n(y + 20)}C200 ${n(y - 30 + between(rand, -10, 10))} 600 ${n(y - 20)} 820 ${n(y + 25)}" stroke="${i % 2 ? "#e2c36a" : colors[2]}" stroke-width="16" fill="none"/>`;
  }
  return s;
}

const cliff = (color: string) => `<path d="M470 600L500 380L560 330L600 230L680 200L720 150L800 140V600Z" fill="${color}"/>`;

const kiln = () =>
  `<path d="M140 500L560 360l20 26L160 530Z" fill="#8a5a44"/><path d="M180 505a12 12 0 0 1 24-8M260 478a12 12 0 0 1 24-8M340 451a12 12 0 0 1 24-8M420 424a12 12 0 0 1 24-8" stroke="#f2a43a" stroke-width="8" fill="none"/>` +
  cloud(560, 330, 90, "#d8d2c8", 0.7) +
  cloud(600, 280, 70, "#e4dfd6", 0.6);

/** Sky, sun, clouds and two far ridges: the shared backdrop. */
function backdrop(rand: Rand, palette: Palette): string {
  const sky = pick(rand, SKIES);
  const sunX = between(rand, 120, 680);
  return (
    `<defs>${gradient("sky", sky[0], sky[1])}</defs><rect width="${WIDTH}" height="${HEIGHT}" fill="url(#sky)"/>` +
    `<circle cx="${n(sunX)}" cy="${n(between(rand, 80, 150))}" r="${n(between(rand, 34, 54))}" fill="${pick(rand, ["#fff3c4", "#f9d27a", "#fbe3b0"])}"/>` +
    cloud(between(rand, 40, 300), between(rand, 90, 160), between(rand, 120, 180)) +
    cloud(between(rand, 420, 640), between(rand, 60, 130), between(rand, 100, 160)) +
    `<path d="${ridge(rand, 280, 120, Math.floor(between(rand, 3, 6)))}" fill="${palette[0]}"/>` +
    `<path d="${ridge(rand, 360, 90, Math.floor(between(rand, 3, 5)))}" fill="${palette[1]}"/>`
  );
}

function motifLayer(rand: Rand, motif: Motif, palette: Palette): { back: string; front: string; style: HouseStyle } {
  switch (motif) {
    case "bamboo":
      return { back: "", front: bambooGrove(rand, [30, 70, 110, 690, 735, 775], 120), style: "white" };
    case "fields":
    case "rice":
      return { back: "", front: paddies(rand) + train(250, 418), style: "white" };
    case "river":
    case "riverside":
      return { back: "", front: river("#9cc9dc"), style: "white" };
    case "terraces":
      return { back: terraces(rand, palette), front: "", style: "earth" };
    case "cliff":
      return { back: "", front: cliff(palette[3]) + cloud(40, 520, 260, "#fff", 0.9) + cloud(200, 560, 220, "#fff", 0.9), style: "earth" };
    case "tea":
      return { back: "", front: bushRows(rand, 440, 5, "#3d7a3c"), style: "white" };
    case "orchard":
      return { back: "", front: trees(rand, 6, 560, "#a3243f"), style: "white" };
    case "citrus":
      return { back: "", front: trees(rand, 6, 560, "#f2a93a"), style: "white" };
    case "forest":
    case "mushroom":
    case "honey":
      return { back: conifers(rand, 9, 400, palette[2]), front: conifers(rand, 7, 600, palette[3]), style: "wood" };
    case "kiln":
      return { back: kiln(), front: "", style: "white" };
    case "oldhouse":
      return { back: terraces(rand, palette), front: "", style: "earth" };
    case "cabin":
    case "nuts":
      return { back: conifers(rand, 8, 420, palette[2]), front: "", style: "wood" };
    default:
      return { back: "", front: "", style: "white" };
  }
}

function landscape(seed: string, motif: Motif, title: string): string {
  const rand = seeded(seed);
  const palette = pick(rand, HILLS);
  const layer = motifLayer(rand, motif, palette);
  const base = motif === "cliff" ? 0 : 440;
  const body =
    backdrop(rand, palette) +
    `<path d="${ridge(rand, 430, 60, 4)}" fill="${palette[2]}"/>` +
    layer.back +
    (motif === "cliff"
      ? house(560, 330, 60, 40, "earth") + house(620, 232, 56, 36, "earth") + house(700, 202, 60, 40, "earth") + house(520, 382, 50, 34, "earth")
      : houses(rand, Math.floor(between(rand, 3, 6)), base, layer.style)) +
    `<path d="${ridge(rand, 500, 30, 3)}" fill="${palette[3]}"/>` +
    layer.front;
  return svgDocument(title, body);
}

export const villagePicture = (slug: string, motif: Motif, title: string) => landscape(`village:${slug}`, motif, title);

export function stayPicture(slug: string, motif: Motif, title: string): string {
  const rand = seeded(`stay:${slug}`);
  const palette = pick(rand, HILLS);
  const layer = motifLayer(rand, motif, palette);
  const style: HouseStyle = motif === "cabin" || motif === "forest" ? "wood" : motif === "oldhouse" || motif === "cliff" ? "earth" : "white";
  const lanterns = rand() < 0.6;
  const body =
    backdrop(rand, palette) +
    layer.back +
    `<path d="${ridge(rand, 480, 30, 3)}" fill="${palette[2]}"/>` +
    house(250, 480, 300, 170, style, true) +
    `<rect x="380" y="400" width="40" height="80" fill="#5b4636"/>` +
    (lanterns ? `<path d="M300 318v14M500 318v14" stroke="#5b4636" stroke-width="3"/><ellipse cx="300" cy="344" rx="12" ry="15" fill="#d9483b"/><ellipse cx="500" cy="344" rx="12" ry="15" fill="#d9483b"/>` : "") +
    `<path d="M0 ${HEIGHT}V500Q400 470 800 500V${HEIGHT}Z" fill="${palette[3]}"/>` +
    layer.front;
  return svgDocument(title, body);
}

// Hands-on activities show their object; walks, rides and field work show the landscape.
const EXPERIENCE_OBJECT: Partial<Record<Motif, ObjectKey>> = {
  teacup: "tea",
  shoots: "bamboo",
  weaving: "basket",
  ricecake: "snacks",
  orchard: "fruit",
  citrus: "citrus",
  lantern: "lantern",
  kiln: "crafts",
  rice: "grain",
  honey: "honey",
  mushroom: "mushrooms",
  nuts: "nuts",
  cooking: "cooking",
};

/** A landscape; for hands-on motifs, the object of the activity on a round plate in front. */
export function experiencePicture(slug: string, motif: Motif, title: string): string {
  const object = EXPERIENCE_OBJECT[motif];
  if (!object) return landscape(`experience:${slug}`, motif, title);
  const rand = seeded(`experience:${slug}`);
  const palette = pick(rand, HILLS);
  const drawing = drawObject(object);
  const body =
    backdrop(rand, palette) +
    `<path d="${ridge(rand, 470, 40, 3)}" fill="${palette[2]}"/>` +
    `<circle cx="400" cy="320" r="225" fill="${drawing.plate}" opacity=".92"/>` +
    `<g transform="translate(80 80) scale(.8)">${drawing.body}</g>`;
  return svgDocument(title, body);
}

export function categoryPicture(key: CategoryKey, title: string): string {
  const drawing = drawObject(key);
  const body =
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${drawing.bg}"/>` +
    `<path d="M0 520Q400 470 800 520V600H0Z" fill="${drawing.plate}" opacity=".6"/>` +
    `<circle cx="400" cy="310" r="250" fill="${drawing.plate}"/>` +
    drawing.body;
  return svgDocument(title, body);
}
