/**
 * Synthetic wrapped text: real paragraphs set into a print column by `setInColumn`, the way a
 * newspaper's layout program does (first line indented two em, a line never starts with closing
 * punctuation, which hangs at the end of the line before, nor ends with opening punctuation),
 * then cut into lines the way PDF extraction does. Read at test time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { WrappedLinesCase } from './cases';

const NO_LINE_START = new Set(Array.from('，。、；：？！”’）》」』〉】…—,.;:?!)'));
const NO_LINE_END = new Set(Array.from('“‘（《「『〈【('));

function widthOf(char: string): number {
  return (char.codePointAt(0) as number) < 0x80 ? 0.5 : 1;
}

/** Set `paragraph` in a column `width` em wide; `indent` em before the first line. */
export function setInColumn(paragraph: string, width: number, indent = 2): string[] {
  const chars = Array.from(paragraph);
  const lines: string[] = [];
  let line = '';
  let used = indent;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const w = widthOf(char);
    if (used + w > width && line !== '' && !NO_LINE_START.has(char)) {
      // Opening punctuation never ends a line: it moves down with what it opens.
      let carry = '';
      while (line !== '' && NO_LINE_END.has(line.at(-1) as string)) {
        carry = (line.at(-1) as string) + carry;
        line = line.slice(0, -1);
      }
      lines.push(line);
      line = carry;
      used = Array.from(carry).reduce((sum, c) => sum + widthOf(c), 0);
    }
    line += char;
    used += w;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Real news paragraphs (人民日报 1951-09-15, page 1), ASCII punctuation as the page has it. */
const PEOPLES_DAILY_1951 = {
  source: 'https://cn.govopendata.com/renminribao/1951/9/15/1/ (人民日报 1951-09-15, page 1)',
  paragraphs: [
    '【新华社重庆十四日电】拉萨讯:执行和平解放西藏办法协议开往西藏的人民解放军某部先遣部队,已于本月九日进抵拉萨,受到当地藏族、汉族、回族等各民族各界人民约三万人的热烈欢迎。早在十天以前,拉萨城内的居民及西藏地方政府即为入城的解放军准备好了粮食和宿营地。',
    '当解放军入城时,各民族各界人民列队欢迎,在欢迎的行列中有西藏地方政府官员和哲蚌、色拉、噶丹三大寺庙的僧俗人员,以及西藏地方的军队。欢迎的僧俗官员纷纷向该部队王其梅司令员敬献哈达和鲜花等礼品。',
    '【新华社十四日讯】任何人只要拿李奇微总部和美方首席代表乔埃对美机九月十日扫射开城事件的部分承认,和美方联络官在实地调查时的矢口抵赖相对照,他就可以对于美方对历次破坏开城中立区事件所作的抵赖得出正确的结论。',
  ],
};

function packageDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('chinese-poetry/package.json'));
}

/** Modern prose from `chinese-poetry`: biographies of Song poets (Simplified) and of Song writers (Traditional). */
function readBiographies(limit: number): { source: string; paragraphs: string[] }[] {
  const root = join(packageDir(), 'dist');
  const pick = (file: string, key: string) => {
    const entries = JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, string>[];
    const paragraphs = entries
      .map((entry) => (entry[key] ?? '').trim())
      // Whole paragraphs only: a biography the data set cut off mid-sentence would run into the next.
      .filter((text) => text.length >= 40 && text.endsWith('。') && !/\s/.test(text))
      .slice(0, limit);
    return { source: `chinese-poetry/dist/${file}`, paragraphs };
  };
  return [pick('songci/author.song.json', 'description'), pick('quantangshi/authors.song.json', 'desc')];
}

/** Column widths seen in print (9–17 em) and in hard-wrapped text files (20, 36 em). */
const WIDTHS = [9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 36];

/**
 * Cases of four paragraphs each, set at each width in turn, the paragraphs as sibling blocks
 * (`\n\n`) or as `<br>` lines of one block with a blank line between paragraphs.
 */
export function syntheticCases(biographies = 120): WrappedLinesCase[] {
  const sources = [PEOPLES_DAILY_1951, ...readBiographies(biographies)];
  const cases: WrappedLinesCase[] = [];
  let n = 0;
  for (const { source, paragraphs } of sources) {
    for (let i = 0; i < paragraphs.length; i += 4) {
      const group = paragraphs.slice(i, i + 4);
      const width = WIDTHS[n % WIDTHS.length] as number;
      const blocks = n % 2 === 0;
      // A layout indents every paragraph's first line or none: a third of the cases do not.
      const indent = n % 3 === 2 ? 0 : 2;
      const set = group.map((p) => setInColumn(p, width, indent));
      const text = blocks
        ? set.map((lines) => lines.join('\n\n')).join('\n\n')
        : set.map((l) => l.join('\n')).join('\n\n');
      cases.push({
        source: `${source}, set in a ${width} em column${indent ? '' : ', no indent'} (synthetic)`,
        text,
        expected: group,
      });
      n++;
    }
  }
  return cases;
}
