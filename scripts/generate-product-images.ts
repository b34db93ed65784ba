// Writes one illustrative SVG per demo product into public/products/ (committed: nothing fetched at run time).
// Run: npx tsx scripts/generate-product-images.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { products } from "../prisma/catalog-data";

const palettes: Record<string, [string, string, string]> = {
  pantry: ["#fef3c7", "#b45309", "#78350f"],
  fashion: ["#fee2e2", "#dc2626", "#7f1d1d"],
  home: ["#e0f2fe", "#0369a1", "#0c4a6e"],
  crafts: ["#dcfce7", "#15803d", "#14532d"],
};

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function hash(s: string) {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}

function svg(name: string, category: string, colour?: string) {
  const [bg, paletteMain, dark] = palettes[category] ?? palettes.crafts!;
  const main = colour ?? paletteMain;
  const h = hash(name);
  const initials = name
    .split(/\s+/)
    .filter((w) => /^[A-Z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join("");
  const circles = Array.from({ length: 6 }, (_, i) => {
    const x = (h >>> (i * 3)) % 400,
      y = (h >>> (i * 2 + 1)) % 400,
      r = 20 + ((h >>> i) % 60);
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="${main}" opacity="0.12"/>`;
  }).join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="${escape(name)}">
<rect width="400" height="400" fill="${bg}"/>${circles}
<circle cx="200" cy="175" r="95" fill="${main}"/>
<text x="200" y="205" font-family="Georgia, serif" font-size="84" font-weight="700" fill="#fff" text-anchor="middle">${escape(initials)}</text>
<text x="200" y="330" font-family="system-ui, sans-serif" font-size="22" font-weight="600" fill="${dark}" text-anchor="middle">${escape(name.length > 30 ? name.slice(0, 29) + "…" : name)}</text>
</svg>
`;
}

mkdirSync("public/products", { recursive: true });
let written = 0;
for (const p of products) {
  writeFileSync(`public/products/${p.slug}.svg`, svg(p.name, p.category));
  written++;
  // One photo per colour, drawn in that colour, for the colour variants.
  for (const [value, hex] of Object.entries(p.colours ?? {})) {
    writeFileSync(
      `public/products/${p.slug}-${value.toLowerCase()}.svg`,
      svg(`${p.name} ${value}`, p.category, hex),
    );
    written++;
  }
}
console.log(`wrote ${written} images to public/products/`);
