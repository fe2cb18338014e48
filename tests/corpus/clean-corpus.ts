/**
 * The large clean-text corpus: real Chinese read at test time from the `chinese-poetry` npm package
 * (a devDependency, MIT; the texts themselves are public domain), so megabytes of text are not
 * copied into the repository. Every block must come back unchanged from fixText.
 *
 * What is read, one block per poem stanza, paragraph or biography:
 * - classical poetry: 诗经, 楚辞, 五代诗词, 纳兰性德, 曹操诗集, 宋词 (all of them), 全唐诗 (in
 *   Traditional characters; every `tangStride`-th file, chosen deterministically), 元曲;
 * - classical prose: 论语, 四书五经, 蒙学, 幽梦影;
 * - modern written Chinese: the biographies of the Song and Tang poets (`authors.*.json`,
 *   `author.song.json`), written in present-day Chinese.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface CleanBlock {
  source: string;
  text: string;
}

/** The `dist` folder of the `chinese-poetry` package, read at test time. */
export function chinesePoetryDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('chinese-poetry/package.json')), 'dist');
}

/**
 * The JSON files of some of `chinese-poetry`'s collections, relative to its `dist`: `add` takes a
 * folder, which of its files (by name) and every how-manieth of them (a sample of a large folder).
 */
export function chinesePoetryFiles(
  select: (add: (dir: string, filter?: (name: string) => boolean, stride?: number) => void) => void,
): string[] {
  const root = chinesePoetryDist();
  const files: string[] = [];
  select((dir, filter = () => true, stride = 1) => {
    const names = readdirSync(join(root, dir))
      .filter((n) => n.endsWith('.json') && filter(n))
      .sort();
    names.forEach((n, i) => {
      if (i % stride === 0) files.push(join(dir, n));
    });
  });
  return files;
}

/** Every string found in a JSON value under the given keys (recursively), one block each. */
function collectStrings(value: unknown, keys: ReadonlySet<string>, out: string[], key = ''): void {
  if (typeof value === 'string') {
    if (keys.has(key)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, keys, out, key);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) collectStrings(v, keys, out, k);
  }
}

const TEXT_KEYS = new Set(['content', 'paragraphs', 'para', 'desc', 'description', 'short_description', 'comment']);

/** Reads the clean corpus. `tangStride` samples 全唐诗's 300-odd files (1 = all of them). */
export function readCleanCorpus(tangStride = 8): CleanBlock[] {
  const root = chinesePoetryDist();
  const files = chinesePoetryFiles((add) => {
    for (const dir of ['shijing', 'chuci', 'wudaishici', 'nalanxingde', 'caocaoshiji', 'songci', 'yuanqu']) add(dir);
    for (const dir of ['lunyu', 'sishuwujing', 'mengxue', 'youmengying']) add(dir);
    add('quantangshi', (n) => n.startsWith('poet.tang.'), tangStride);
    add('quantangshi', (n) => n.startsWith('authors.'));
  });
  const blocks: CleanBlock[] = [];
  for (const file of files) {
    const strings: string[] = [];
    collectStrings(JSON.parse(readFileSync(join(root, file), 'utf8')), TEXT_KEYS, strings);
    for (const text of strings) if (text.trim() !== '') blocks.push({ source: `chinese-poetry/dist/${file}`, text });
  }
  return blocks;
}
