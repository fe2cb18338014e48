import { afterEach, describe, expect, test, vi } from 'vitest';
import { composeText } from '../../../lib/text/compose';
import { createFixStage } from '../../../lib/text/doubled/fix-stage';
import { compileReplacementRules, type ReplacementRule } from '../../../lib/text/replace/apply-replacement-rules';
import { compileReaderLiteral, compileReaderRegex, type ReaderRegex } from '../../../lib/text/replace/reader-regex';
import { createReplacementStage } from '../../../lib/text/replace/replacement-stage';

const rule = (find: string, replace: string, more: Partial<ReplacementRule> = {}): ReplacementRule => ({
  enabled: true,
  find,
  isRegex: false,
  ignoreCase: false,
  replace,
  ...more,
});

/** Count how often each rule's compiled pattern is run (the engine caches one object per pattern). */
function countRuns(regexes: ReaderRegex[]): () => number[] {
  const spies = regexes.map((regex) => vi.spyOn(regex, 'matchAll'));
  return () => spies.map((spy) => spy.mock.calls.length);
}

describe('compileReplacementRules: text in, edits out', () => {
  afterEach(() => vi.restoreAllMocks());

  test('edits are offsets into the text, sorted, the first listed rule winning on overlap', () => {
    const run = compileReplacementRules([
      rule('ab', 'X'),
      rule('bc', 'Y'),
      rule('(\\d+)年', '$1 年', { isRegex: true }),
    ]);
    expect(run('abc 2026年')).toEqual([
      { rule: 'replacement', factor: 1, start: 0, end: 2, original: 'ab', replacement: 'X' },
      { rule: 'replacement', factor: 1, start: 4, end: 9, original: '2026年', replacement: '2026 年' },
    ]);
    expect(run('nothing here')).toEqual([]);
  });

  test('rules the engine refuses are left out (inactive), the others still run', () => {
    const run = compileReplacementRules([
      rule('(a)\\1', 'z', { isRegex: true }),
      rule('(', 'z', { isRegex: true }),
      rule('a', 'b'),
    ]);
    expect(run('aa').map((edit) => edit.replacement)).toEqual(['b', 'b']);
  });

  test('$1, $<name>, $&, $$, and a group that took no part', () => {
    const run = compileReplacementRules([
      rule('(?<year>\\d{4})-(\\d{2})(x)?', '$2/$<year> [$&] $$ <$3>', { isRegex: true }),
    ]);
    expect(run('2026-11')[0]?.replacement).toBe('11/2026 [2026-11] $ <>');
  });

  test('a replacement that names no group runs without captures, with the same matches', () => {
    const run = compileReplacementRules([rule('(\\d+)(号)', '[$&]', { isRegex: true })]);
    expect(run('25号 3号').map((edit) => [edit.start, edit.replacement])).toEqual([
      [0, '[25号]'],
      [4, '[3号]'],
    ]);
  });

  test('the page runs each rule once per block, after the fix', () => {
    const regex = compileReaderRegex('(\\d+)号', false);
    if (!regex.ok) throw new Error('pattern refused');
    const runs = countRuns([regex.regex, compileReaderLiteral('读者', false)]);
    // The page's stage for these rules, composed with the fix as pages compose it.
    const stage = createReplacementStage([rule('(\\d+)号', '$1日', { isRegex: true }), rule('读者', '读者朋友')]);
    if (!stage) throw new Error('no stage');
    const block = '本报讯 25号 读者来信';
    expect(composeText(block, [createFixStage(), stage]).text).toBe('本报讯 25日 读者朋友来信');
    expect(runs()).toEqual([1, 1]);
    composeText('没有要改的字', [createFixStage(), stage]);
    expect(runs()).toEqual([2, 2]);
  });
});
