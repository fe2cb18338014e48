/** Write the generated pages and the bundled page scripts into bench-output/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import {
  DEFAULT_SEED,
  type GeneratedPage,
  generatePage,
  PAGE_SIZES,
  type PageSize,
  READING_AID_PAGE_CHARS,
} from './page-generator';

export const ROOT = resolve(import.meta.dirname, '../..');
export const OUTPUT_DIR = join(ROOT, 'bench-output');
const PAGE_SCRIPTS = ['observer', 'naive-fix', 'pinyin-baseline', 'convert-baseline'] as const;
export type PageScript = (typeof PAGE_SCRIPTS)[number];

export interface PreparedPage {
  /** Path on the bench server, e.g. `/pages/garbled-1m.html`. */
  path: string;
  page: GeneratedPage;
}

export interface Prepared {
  fixPages: Record<PageSize, { clean: PreparedPage; garbled: PreparedPage }>;
  readingAidPage: PreparedPage;
  scriptPath(name: PageScript): string;
}

function writePage(name: string, page: GeneratedPage): PreparedPage {
  writeFileSync(join(OUTPUT_DIR, 'pages', `${name}.html`), page.html);
  return { path: `/pages/${name}.html`, page };
}

export async function preparePages(sizes: readonly PageSize[]): Promise<Prepared> {
  mkdirSync(join(OUTPUT_DIR, 'pages'), { recursive: true });
  const fixPages = {} as Prepared['fixPages'];
  for (const size of sizes) {
    const seed = DEFAULT_SEED + size.length;
    fixPages[size] = {
      clean: writePage(`clean-${size}`, generatePage({ textBytes: PAGE_SIZES[size], garbled: false, seed })),
      garbled: writePage(`garbled-${size}`, generatePage({ textBytes: PAGE_SIZES[size], garbled: true, seed })),
    };
  }
  const readingAidPage = writePage(
    'reading-aid-100k',
    generatePage({ textChars: READING_AID_PAGE_CHARS, garbled: false, seed: DEFAULT_SEED + 1 }),
  );
  await build({
    entryPoints: PAGE_SCRIPTS.map((name) => join(import.meta.dirname, 'page-scripts', `${name}.ts`)),
    bundle: true,
    format: 'iife',
    minify: true,
    target: 'chrome120',
    outdir: join(OUTPUT_DIR, 'scripts'),
    logLevel: 'warning',
  });
  return { fixPages, readingAidPage, scriptPath: (name) => join(OUTPUT_DIR, 'scripts', `${name}.js`) };
}
