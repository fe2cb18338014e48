/**
 * Renders assets/icon.svg to the PNG sizes the manifest needs (public/icon/<size>.png).
 * The PNGs are checked in; run `npm run icons` after changing the SVG.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const ICON_SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const outDir = new URL('../public/icon/', import.meta.url);
mkdirSync(outDir, { recursive: true });
for (const size of ICON_SIZES) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  writeFileSync(new URL(`${size}.png`, outDir), png);
  console.log(`public/icon/${size}.png (${png.length} bytes)`);
}
