/**
 * Kept originals, the text side: how a kept passage is normalised, found in a block's own text
 * (whatever its whitespace), and how the fix's edits that touch it are dropped.
 */
import { describe, expect, test } from 'vitest';
import { fixText } from '../../../lib/text/doubled/fix-doubled-text';
import type { TextEdit } from '../../../lib/text/doubled/types';
import { dropKeptEdits, findKeptRanges, normaliseKeptText } from '../../../lib/text/kept-originals';

const edit = (start: number, end: number): TextEdit => ({
  rule: 'doubled-cjk',
  factor: 2,
  start,
  end,
  original: '',
  replacement: '',
});

describe('normaliseKeptText', () => {
  test('blank runs, line breaks, NBSP and the ideographic space become one space; the ends are trimmed', () => {
    expect(normaliseKeptText('\u3000\u3000人人民民网网讯讯\u00a0 近日，\n\t……  ')).toBe('人人民民网网讯讯 近日， ……');
    expect(normaliseKeptText('勇勇于于担担当当')).toBe('勇勇于于担担当当');
    expect(normaliseKeptText(' \n\u3000 ')).toBe('');
  });
});

describe('findKeptRanges', () => {
  test('finds each occurrence with offsets into the text as it is, whitespace differing', () => {
    const text = '头条：\u3000\u3000人人民民  网网讯讯。又见人人民民 网网讯讯';
    const ranges = findKeptRanges(text, ['人人民民 网网讯讯']);
    expect(ranges.map(({ start, end }) => text.slice(start, end))).toEqual(['人人民民  网网讯讯', '人人民民 网网讯讯']);
  });

  test('finds nothing where the text differs, and ignores empty entries', () => {
    expect(findKeptRanges('勇勇于于担担当当', ['勇于担当'])).toEqual([]);
    expect(findKeptRanges('勇勇于于担担当当', [''])).toEqual([]);
    expect(findKeptRanges('', ['勇勇'])).toEqual([]);
    // A block with no blank cannot hold a kept text with one.
    expect(findKeptRanges('人人民民网网讯讯近日', ['人人民民网网讯讯 近日'])).toEqual([]);
    expect(findKeptRanges('人人民民网网讯讯近日', ['网网讯讯'])).toEqual([{ start: 4, end: 8 }]);
  });

  test('an astral character keeps both halves inside the range', () => {
    const text = 'a𠀀𠀀b';
    const [range] = findKeptRanges(text, ['𠀀𠀀']);
    expect(range && text.slice(range.start, range.end)).toBe('𠀀𠀀');
  });
});

describe('dropKeptEdits', () => {
  test('drops edits inside or overlapping a kept text, keeps the others (the same array when none goes)', () => {
    const text = 'AAAA kept BBBB';
    const edits = [edit(0, 4), edit(3, 6), edit(10, 14)];
    expect(dropKeptEdits(text, edits, ['kept'])).toEqual([edit(0, 4), edit(10, 14)]);
    expect(dropKeptEdits(text, edits, ['absent'])).toBe(edits);
    expect(dropKeptEdits(text, edits, [])).toBe(edits);
  });

  test('an insertion counts as inside when it sits within the kept text', () => {
    expect(dropKeptEdits('abcdef', [edit(3, 3), edit(6, 6)], ['bcd'])).toEqual([edit(6, 6)]);
  });

  test('with the real engine: the kept headline stays doubled, the rest of the block is still fixed', () => {
    const headline = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士';
    const other = '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列';
    const block = `${headline}\n${other}`;
    const { edits } = fixText(block);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const left = dropKeptEdits(block, edits, [normaliseKeptText(headline)]);
    expect(left.length).toBeGreaterThan(0);
    for (const e of left) expect(e.start).toBeGreaterThanOrEqual(headline.length);
    let result = block;
    for (const e of [...left].reverse()) result = result.slice(0, e.start) + e.replacement + result.slice(e.end);
    expect(result).toBe(`${headline}\n确保“双招双引”工作走在全市前列`);
  });
});
