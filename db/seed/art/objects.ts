// Flat still-life drawings: one per product category, plus a few objects the experience
// pictures use. Each draws around (400, 300) on the 800 × 600 canvas and names its backdrop.
import type { CategoryKey } from "../../schema/products";
import { n } from "./svg";

export type Drawing = { bg: string; plate: string; body: string };
export type ObjectKey = CategoryKey | "lantern" | "cooking" | "citrus" | "basket";

/** A pointed leaf from (x, y) along `angle`, with a midrib. */
function leaf(x: number, y: number, len: number, angle: number, fill: string, vein: string, width = len * 0.3): string {
  const w = width;
  return (
    `<g transform="translate(${n(x)} ${n(y)}) rotate(${n(angle)})">` +
    `<path d="M0 0C${n(len * 0.25)} ${n(-w)} ${n(len * 0.75)} ${n(-w)} ${n(len)} 0C${n(len * 0.75)} ${n(w)} ${n(len * 0.25)} ${n(w)} 0 0Z" fill="${fill}"/>` +
    `<path d="M0 0L${n(len * 0.9)} 0" stroke="${vein}" stroke-width="3" stroke-linecap="round"/></g>`
  );
}

/** Grains (small ovals) along a drooping quadratic ear, as one path. */
function ear(x0: number, y0: number, cx: number, cy: number, x1: number, y1: number, count: number): string {
  let d = "";
  for (let i = 1; i <= count; i++) {
    const t = i / (count + 1);
    const x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x1;
    const y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y1;
    const side = i % 2 ? 1 : -1;
    d += `M${n(x)} ${n(y)}c${n(side * 8)} -4 ${n(side * 22)} 2 ${n(side * 20)} 12c${n(-side * 8)} 4 ${n(-side * 18)} -2 ${n(-side * 20)} -12Z`;
  }
  return `<path d="M${x0} ${y0}Q${cx} ${cy} ${x1} ${y1}" stroke="#a8782f" stroke-width="5" fill="none"/><path d="${d}" fill="#e6b84f" stroke="#c8952f" stroke-width="2"/>`;
}

const cup = (x: number, y: number, body: string, tea: string) =>
  `<path d="M${x - 70} ${y}h140c0 62-30 92-70 92s-70-30-70-92Z" fill="${body}"/><ellipse cx="${x}" cy="${y}" rx="70" ry="14" fill="${tea}"/>` +
  `<path d="M${x - 40} ${y + 96}h80" stroke="${body}" stroke-width="10" stroke-linecap="round"/>`;

const DRAWINGS: Record<ObjectKey, () => Drawing> = {
  tea: () => ({
    bg: "#eef5e4",
    plate: "#dcebc9",
    body:
      `<path d="M330 500C350 400 380 300 440 170" stroke="#3f7a35" stroke-width="9" fill="none" stroke-linecap="round"/>` +
      leaf(352, 420, 170, -150, "#5f9e4a", "#3f7a35") +
      leaf(372, 350, 190, -20, "#79b85c", "#4d8a3d") +
      leaf(405, 265, 150, -160, "#6aab52", "#3f7a35") +
      leaf(440, 172, 95, -75, "#9ccf6e", "#5f9e4a", 18) +
      cup(560, 390, "#a9cbb7", "#d9c36a"),
  }),
  grain: () => ({
    bg: "#fbf1d9",
    plate: "#f3e1b3",
    body:
      `<path d="M330 520C340 420 360 330 380 260M400 520C400 420 410 320 430 240M470 520C462 430 470 340 500 280" stroke="#b48a3c" stroke-width="7" fill="none" stroke-linecap="round"/>` +
      ear(380, 262, 340, 150, 270, 190, 9) +
      ear(430, 242, 440, 120, 520, 150, 10) +
      ear(500, 282, 560, 200, 600, 280, 8) +
      leaf(395, 440, 150, -135, "#8cab4a", "#6d8a35", 16) +
      leaf(440, 470, 140, -40, "#a3bd5c", "#6d8a35", 14),
  }),
  fruit: () => ({
    bg: "#fde8ea",
    plate: "#f8cfd6",
    body:
      `<defs><pattern id="berry" width="13" height="13" patternUnits="userSpaceOnUse"><circle cx="6.5" cy="6.5" r="2.8" fill="#b3365c"/></pattern></defs>` +
      `<path d="M250 380h300l-30 130h-240Z" fill="#c9a36a"/><path d="M262 420h276M272 460h256M282 500h236" stroke="#a9844f" stroke-width="6"/>` +
      [[320, 350, 58], [420, 330, 66], [510, 360, 54], [370, 270, 50], [465, 262, 48]]
        .map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="#8e1f3d"/><circle cx="${x}" cy="${y}" r="${r}" fill="url(#berry)"/><ellipse cx="${x! - r! * 0.35}" cy="${y! - r! * 0.4}" rx="${n(r! * 0.2)}" ry="${n(r! * 0.12)}" fill="#e8a0b4" opacity=".8"/>`)
        .join("") +
      leaf(470, 215, 120, -40, "#4f8f3f", "#2f6a2a", 22),
  }),
  vegetables: () => ({
    bg: "#eaf4ea",
    plate: "#d3e8d2",
    body:
      `<path d="M300 520c-40-60-40-170 10-240c50 70 50 180-10 240Z" fill="#eef3dc"/>` +
      leaf(300, 470, 230, -112, "#4d9a48", "#d7e8c0", 45) +
      leaf(305, 470, 210, -80, "#5fae55", "#d7e8c0", 42) +
      leaf(300, 480, 190, -135, "#3f8a3e", "#d7e8c0", 38) +
      `<path d="M610 380C650 392 652 444 616 456C556 474 470 484 396 482C466 462 548 414 610 380Z" fill="#f7f3ea" stroke="#ddd3c0" stroke-width="3"/>` +
      `<path d="M604 384c18 10 22 50 4 66" stroke="#e9c9cf" stroke-width="10" fill="none" opacity=".7"/>` +
      leaf(626, 392, 120, -70, "#6bb35a", "#3f7a35", 20) +
      leaf(630, 396, 130, -30, "#5aa14c", "#3f7a35", 20),
  }),
  nuts: () => ({
    bg: "#f5ece0",
    plate: "#ead8bf",
    body:
      [[320, 330], [430, 300], [520, 350], [370, 420], [480, 430]]
        .map(([x, y], i) => `<g transform="rotate(${i * 37 - 60} ${x} ${y})"><ellipse cx="${x}" cy="${y}" rx="48" ry="40" fill="${i % 2 ? "#7b4b2a" : "#8d5a33"}"/><path d="M${x! - 44} ${y}h88" stroke="#5a341b" stroke-width="4"/><ellipse cx="${x! - 16}" cy="${y! - 16}" rx="12" ry="7" fill="#a8754a"/></g>`)
        .join("") +
      `<path d="M560 450c20-30 60-30 70 0c15 10 10 40-15 45c-20 15-55 5-55-20c-15-5-12-20 0-25Z" fill="#c89b62" stroke="#a87a45" stroke-width="3"/>` +
      leaf(250, 470, 120, -30, "#6d9a4a", "#4a7333", 22),
  }),
  honey: () => ({
    bg: "#fff3d6",
    plate: "#fbe2a6",
    body:
      `<path d="M300 250h180v30c30 20 35 60 35 110v80c0 30-20 45-50 45h-150c-30 0-50-15-50-45v-80c0-50 5-90 35-110Z" fill="#f0a92b"/>` +
      `<path d="M300 268h180" stroke="#d98e17" stroke-width="8"/><rect x="290" y="225" width="200" height="36" rx="10" fill="#8b5a2b"/>` +
      `<ellipse cx="390" cy="390" rx="62" ry="44" fill="#fff7e4"/><path d="M372 390l18-26 18 26-18 26Z" fill="#f0a92b"/>` +
      `<rect x="312" y="300" width="18" height="120" rx="9" fill="#ffd36b" opacity=".7"/>` +
      `<path d="M580 220l-60 170" stroke="#a8753d" stroke-width="12" stroke-linecap="round"/><path d="M518 382c-14 8-18 30-6 44c10 12 26 6 28-10c2-14-6-30-22-34Z" fill="#f0a92b"/>` +
      `<g transform="translate(600 300)"><ellipse cx="-10" cy="-26" rx="18" ry="12" fill="#fff" opacity=".8"/><ellipse cx="12" cy="-26" rx="18" ry="12" fill="#fff" opacity=".8"/><ellipse rx="30" ry="20" fill="#f5c242"/><path d="M-10-18v36M6-19v38" stroke="#3b2a1a" stroke-width="7"/><circle cx="28" cy="-2" r="4" fill="#3b2a1a"/></g>`,
  }),
  mushrooms: () => ({
    bg: "#f3ece4",
    plate: "#e5d6c3",
    body:
      [[300, 360, 1], [430, 300, 1.3], [540, 380, 0.9]]
        .map(([x, y, s]) => {
          const w = 95 * s!;
          const h = 60 * s!;
          return (
            `<path d="M${x! - 22 * s!} ${y}h${n(44 * s!)}l${n(6 * s!)} ${n(120 * s!)}h${n(-56 * s!)}Z" fill="#efe3cf"/>` +
            `<path d="M${n(x! - w)} ${y}c0-${n(h * 1.5)} ${n(w * 2)}-${n(h * 1.5)} ${n(w * 2)} 0Z" fill="#7a4a2a"/>` +
            `<path d="M${n(x! - w * 0.6)} ${n(y! - h * 0.5)}l${n(w * 0.25)} ${n(-h * 0.4)}l${n(w * 0.2)} ${n(h * 0.3)}l${n(w * 0.3)} ${n(-h * 0.45)}l${n(w * 0.25)} ${n(h * 0.35)}l${n(w * 0.25)} ${n(-h * 0.3)}" stroke="#f4ead8" stroke-width="${n(5 * s!)}" fill="none" stroke-linejoin="round"/>`
          );
        })
        .join(""),
  }),
  bamboo: () => ({
    bg: "#e6f2e3",
    plate: "#cfe5c9",
    body:
      [[320, 130, 14], [400, 90, 17], [470, 150, 13]]
        .map(([x, top, w]) => `<path d="M${x} 520V${top}" stroke="#6aa84f" stroke-width="${w}"/><path d="M${x} 520V${top}" stroke="#4e8a3a" stroke-width="${w! + 4}" stroke-dasharray="5 70"/>`)
        .join("") +
      leaf(320, 220, 110, -150, "#7cbf5e", "#4e8a3a", 16) +
      leaf(400, 170, 120, -25, "#5fa34a", "#3f7a35", 17) +
      leaf(400, 250, 100, -160, "#7cbf5e", "#4e8a3a", 15) +
      leaf(470, 240, 115, -15, "#6aab52", "#3f7a35", 16) +
      `<path d="M545 520l40-190 40 190Z" fill="#c8a46a"/><path d="M555 470l60-30M560 430l45-24M570 390l30-16" stroke="#9c7a45" stroke-width="6"/><path d="M585 330l-6-30 14 22Z" fill="#8cbf5e"/>`,
  }),
  meat_eggs: () => ({
    bg: "#fdf3e7",
    plate: "#f3dfc3",
    body:
      `<path d="M230 420c40 100 300 100 340 0" fill="#b9895a"/><path d="M240 420c50 70 270 70 320 0M250 440c60 60 240 60 300 0M270 465c60 40 200 40 260 0" stroke="#8f6538" stroke-width="5" fill="none"/>` +
      [[320, 380, "#f7ecd9"], [400, 365, "#e8cfae"], [480, 380, "#f3e2c6"], [360, 400, "#efd9b8"], [440, 402, "#f7ecd9"]]
        .map(([x, y, c]) => `<ellipse cx="${x}" cy="${y}" rx="42" ry="54" fill="${c}" stroke="#d8bf99" stroke-width="2"/><ellipse cx="${(x as number) - 14}" cy="${(y as number) - 22}" rx="9" ry="14" fill="#fff" opacity=".6"/>`)
        .join("") +
      `<path d="M230 420c40 60 300 60 340 0" fill="none" stroke="#8f6538" stroke-width="10" stroke-linecap="round"/>`,
  }),
  aquatic: () => ({
    bg: "#e3f1f7",
    plate: "#c8e2ee",
    body:
      `<path d="M260 330c60-90 220-90 290 0c-70 90-230 90-290 0Z" fill="#4f86a8"/><path d="M270 340c70 50 210 50 270-5c-60 60-210 70-270 5Z" fill="#cfe3ee"/>` +
      `<path d="M545 330l75-60v120Z" fill="#3d6f8f"/><path d="M380 262c20-40 60-50 90-40l-40 40Z" fill="#3d6f8f"/><circle cx="310" cy="318" r="10" fill="#fff"/><circle cx="312" cy="318" r="5" fill="#1f3b4d"/>` +
      `<path d="M380 300c10 20 10 40 0 60M420 296c10 22 10 46 0 68" stroke="#3d6f8f" stroke-width="4" fill="none"/>` +
      `<path d="M200 470q25-20 50 0t50 0t50 0t50 0t50 0t50 0t50 0t50 0M230 510q25-20 50 0t50 0t50 0t50 0t50 0t50 0t50 0" stroke="#7fb4d0" stroke-width="6" fill="none"/>` +
      `<circle cx="250" cy="260" r="10" fill="none" stroke="#7fb4d0" stroke-width="4"/><circle cx="228" cy="220" r="6" fill="none" stroke="#7fb4d0" stroke-width="3"/>`,
  }),
  preserved: () => ({
    bg: "#f6ebe1",
    plate: "#ead5c3",
    body:
      `<path d="M330 250h140c60 30 90 90 90 150c0 70-50 110-160 110s-160-40-160-110c0-60 30-120 90-150Z" fill="#5d3b2c"/>` +
      `<path d="M310 250c30-50 150-50 180 0c-10 20-170 20-180 0Z" fill="#c0392b"/><path d="M318 258c40 14 124 14 164 0" stroke="#e8c170" stroke-width="6" fill="none"/>` +
      `<path d="M400 340l40 40-40 40-40-40Z" fill="#c0392b"/><path d="M300 330c-12 40-12 90 10 130" stroke="#8a5a44" stroke-width="12" fill="none" stroke-linecap="round" opacity=".6"/>` +
      `<path d="M600 160v300" stroke="#a67c52" stroke-width="4"/>` +
      [200, 250, 300, 350, 400].map((y, i) => `<path d="M600 ${y}c${i % 2 ? 40 : -40} 10 ${i % 2 ? 40 : -40} 50 ${i % 2 ? 10 : -10} 70c${i % 2 ? -10 : 10}-20 ${i % 2 ? -14 : 14}-50 ${i % 2 ? -10 : 10}-70Z" fill="#d6362a"/>`).join(""),
  }),
  crafts: () => ({
    bg: "#e8f0ec",
    plate: "#d2e3da",
    body:
      `<path d="M370 150h60v20c60 30 95 90 80 170c-12 70-40 120-40 170h-140c0-50-28-100-40-170c-15-80 20-140 80-170Z" fill="#8fbfa8"/>` +
      `<path d="M360 150h80" stroke="#6f9f88" stroke-width="10" stroke-linecap="round"/><path d="M340 250c-20 60-10 140 20 200" stroke="#c8e3d6" stroke-width="14" fill="none" stroke-linecap="round" opacity=".8"/>` +
      `<path d="M360 230c30 12 50 12 80 0M350 300c35 14 65 14 100 0" stroke="#7aae95" stroke-width="4" fill="none"/>` +
      `<path d="M530 430h130c0 50-25 80-65 80s-65-30-65-80Z" fill="#9fcab5"/><ellipse cx="595" cy="430" rx="65" ry="12" fill="#7aae95"/>`,
  }),
  snacks: () => ({
    bg: "#fbeee0",
    plate: "#f3d9bd",
    body:
      `<ellipse cx="400" cy="420" rx="230" ry="70" fill="#fff"/><ellipse cx="400" cy="420" rx="195" ry="52" fill="#f6efe6"/>` +
      [[320, 380], [430, 370], [375, 430], [490, 425]]
        .map(([x, y]) => `<ellipse cx="${x}" cy="${y! + 12}" rx="58" ry="22" fill="#c98a3f"/><ellipse cx="${x}" cy="${y}" rx="58" ry="22" fill="#e5ad62"/><ellipse cx="${x}" cy="${y}" rx="30" ry="11" fill="none" stroke="#c98a3f" stroke-width="4"/><circle cx="${x}" cy="${y}" r="4" fill="#c0392b"/>`)
        .join("") +
      cup(610, 260, "#e9e2d0", "#c98a3f"),
  }),
  lantern: () => ({
    bg: "#fbeae4",
    plate: "#f4d2c6",
    body:
      `<path d="M400 120v40" stroke="#8b5a2b" stroke-width="6"/><path d="M330 170h140l50 60v150l-50 60h-140l-50-60v-150Z" fill="#d9483b"/>` +
      `<path d="M330 170v270M470 170v270M280 230h240M280 380h240" stroke="#b8372c" stroke-width="5"/>` +
      `<path d="M400 250c30 20 30 60 0 80c-30-20-30-60 0-80ZM370 290c20-30 60-30 60 0c0 30-40 30-60 0Z" fill="none" stroke="#ffe3a3" stroke-width="5" stroke-dasharray="2 7" stroke-linecap="round"/>` +
      `<path d="M360 450h80l-10 20h-60Z" fill="#e8b04a"/><path d="M385 470v60M400 470v70M415 470v60" stroke="#d9483b" stroke-width="5"/>`,
  }),
  cooking: () => ({
    bg: "#f4ede4",
    plate: "#e6d8c6",
    body:
      `<path d="M220 360h360c0 90-80 140-180 140s-180-50-180-140Z" fill="#3b3b3b"/><path d="M200 360h400" stroke="#2a2a2a" stroke-width="14" stroke-linecap="round"/>` +
      `<path d="M580 380l60-10" stroke="#8b5a2b" stroke-width="16" stroke-linecap="round"/>` +
      `<ellipse cx="330" cy="345" rx="50" ry="24" fill="#f1d9a8"/><ellipse cx="430" cy="342" rx="54" ry="26" fill="#e8c87e"/><ellipse cx="380" cy="330" rx="48" ry="22" fill="#f6e6c3"/>` +
      `<path d="M330 280c-20-30 20-50 0-80M400 270c-20-30 20-50 0-80M470 280c-20-30 20-50 0-80" stroke="#c9b9a6" stroke-width="8" fill="none" stroke-linecap="round"/>`,
  }),
  basket: () => ({
    bg: "#f4efe2",
    plate: "#e6dcc4",
    body:
      `<path d="M300 300c0-150 200-150 200 0" stroke="#b48a4a" stroke-width="14" fill="none"/>` +
      `<path d="M240 300h320l-40 200h-240Z" fill="#d8b77a"/>` +
      `<path d="M250 340h300M258 380h284M266 420h268M274 460h252" stroke="#b48a4a" stroke-width="8"/>` +
      `<path d="M300 300l20 200M360 300l6 200M420 300l-6 200M480 300l-20 200" stroke="#c9a261" stroke-width="10" stroke-dasharray="18 22"/>` +
      `<path d="M240 300h320" stroke="#9c7438" stroke-width="14" stroke-linecap="round"/>` +
      `<path d="M560 520l80-40M566 540l90-30M572 560l86-14" stroke="#c9a261" stroke-width="6" stroke-linecap="round"/>`,
  }),
  citrus: () => ({
    bg: "#fdf2dc",
    plate: "#f8dfac",
    body:
      [[320, 360, 80], [460, 340, 92], [390, 450, 70]]
        .map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="#f2b33a"/><circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="#e09a22" stroke-width="3" stroke-dasharray="1 9" stroke-linecap="round"/><ellipse cx="${x! - r! * 0.35}" cy="${y! - r! * 0.4}" rx="${n(r! * 0.18)}" ry="${n(r! * 0.1)}" fill="#ffe3a3"/>`)
        .join("") +
      `<path d="M460 250v-30" stroke="#6b4a2a" stroke-width="6"/>` +
      leaf(462, 230, 110, -30, "#4f8f3f", "#2f6a2a", 22) +
      `<path d="M560 470c30-70 100-70 130 0Z" fill="#f7c85a"/><path d="M570 470c30-50 80-50 110 0" fill="none" stroke="#f2a43a" stroke-width="4"/>`,
  }),
};

export function drawObject(key: ObjectKey): Drawing {
  return DRAWINGS[key]();
}
