import { describe, expect, test } from 'vitest';
import {
  checkReplacementRule,
  keepSafeReplacementRules,
  REPLACEMENT_RULE_NAME,
} from '../../../lib/settings/replacement-rules';
import type { ReplacementRule, SiteRule } from '../../../lib/settings/schema';
import { checkSitePattern } from '../../../lib/settings/site-patterns';
import { findSiteRule } from '../../../lib/settings/site-rules';
import { applyCheckedReplacementRules } from '../../../lib/text/replace/apply-replacement-rules';

const LONG_A = 'a'.repeat(10_000);

describe('reader regexes: a guarantee instead of a guard', () => {
  // Each passed the old guard and backtracks exponentially (the last one quadratically) on V8:
  // seconds on 30 to 40 characters. On the linear-time engine they finish on 10,000 characters.
  // No timing is asserted: on a backtracking engine these calls would not return.
  test.each([
    ['q(a|aa)+$', `q${LONG_A}b`],
    ['q(aa?)+$', `q${LONG_A}b`],
    ['q(\\w|\\d)+$', `q${'1'.repeat(10_000)}!`],
    ['x(?:a|a)+y', `x${LONG_A}`],
    ['\\S+@\\S+', '中'.repeat(10_000)],
  ])('%s is accepted and runs on a 10,000-character block', (find, text) => {
    const candidate = rule({ find, isRegex: true, replace: 'X' });
    expect(checkReplacementRule(candidate)).toEqual([]);
    expect(applyReplacementRules(text, [candidate])).toEqual({ text, edits: [] });
  });

  test('a site rule with a regex the old guard let through runs on a long address', () => {
    // (.*a){9}x took 85 s on a 53-character address.
    const rules: SiteRule[] = [
      { pattern: '/(.*a){9}x/', fix: false, pinyin: false, conversion: 'off', joinLines: false },
    ];
    expect(checkSitePattern('/(.*a){9}x/').ok).toBe(true);
    expect(findSiteRule(rules, `https://example.com/${'a'.repeat(5000)}`)).toBeUndefined();
    expect(findSiteRule(rules, 'https://example.com/aaaaaaaaax')).toBe(rules[0]);
  });

  test.each([
    ['(\\d)\\1', 'backreference', '\\1'],
    ['(?<y>\\d+)年\\k<y>', 'backreference', '\\k<y>'],
    ['元(?=整)', 'lookaround', '(?=整)'],
    ['(?<!人民)币', 'lookaround', '(?<!人民)'],
    ['a{5000}', 'too-complex', 'a{5000}'],
    ['\\p{scx=Han}', 'unsupported', '\\p{scx=Han}'],
  ])('%s is refused: %s, naming the part', (find, reason, detail) => {
    expect(checkReplacementRule(rule({ find, isRegex: true }))).toEqual([{ field: 'find', reason, detail }]);
    expect(checkSitePattern(`/${find}/`)).toEqual({ ok: false, reason: 'invalid-regex', regexProblem: reason, detail });
  });

  test('a syntax error keeps the parser’s explanation', () => {
    const [error] = checkReplacementRule(rule({ find: '(unclosed', isRegex: true }));
    expect(error).toMatchObject({ field: 'find', reason: 'syntax' });
    expect(error && 'detail' in error && error.detail).toMatch(/Unterminated group/);
  });

  test.each([
    '新新',
    'a+b+c*',
    '[(+*)]+',
    '\\(a+\\)+',
    '(ab)+',
    '(a+)?',
    '(?:ab|cd){2,5}',
    '\\w+@\\w+',
    '(a+)+$',
    '(.*a){12}',
  ])('ordinary patterns, nested repeats included, are accepted: %s', (find) => {
    expect(checkReplacementRule(rule({ find, isRegex: true }))).toEqual([]);
  });
});

const rule = (overrides: Partial<ReplacementRule>): ReplacementRule => ({
  id: 'r',
  enabled: true,
  find: '',
  isRegex: false,
  ignoreCase: false,
  replace: '',
  sites: [],
  ...overrides,
});

/** What pages apply: the rules the engine takes. */
const applyReplacementRules = (text: string, rules: readonly ReplacementRule[]) =>
  applyCheckedReplacementRules(text, keepSafeReplacementRules(rules));

describe('applyReplacementRules', () => {
  test('a literal rule edits in the engine’s TextEdit shape, offsets into the input', () => {
    const result = applyReplacementRules('读者来信：读者来信', [rule({ find: '读者', replace: '读者朋友' })]);
    expect(result.text).toBe('读者朋友来信：读者朋友来信');
    expect(result.edits).toEqual([
      { rule: REPLACEMENT_RULE_NAME, factor: 1, start: 0, end: 2, original: '读者', replacement: '读者朋友' },
      { rule: REPLACEMENT_RULE_NAME, factor: 1, start: 5, end: 7, original: '读者', replacement: '读者朋友' },
    ]);
  });

  test('literal text is literal: regex characters are not special', () => {
    expect(applyReplacementRules('a.b axb', [rule({ find: 'a.b', replace: 'X' })]).text).toBe('X axb');
    // A `-` was escaped as `\-`, which the u flag refuses: such a rule silently did nothing.
    expect(applyReplacementRules('COVID-19 新冠', [rule({ find: 'COVID-19', replace: '新冠肺炎' })]).text).toBe(
      '新冠肺炎 新冠',
    );
    expect(applyReplacementRules('(a) [b] {c} $d ^e', [rule({ find: '(a) [b] {c} $d ^e', replace: 'ok' })]).text).toBe(
      'ok',
    );
  });

  test('regex rules support groups, named groups, $& and $$', () => {
    const rules = [rule({ find: '(\\d+)年(?<m>\\d+)月', isRegex: true, replace: '$<m>/$1 [$&] $$' })];
    expect(applyReplacementRules('2026年11月', rules).text).toBe('11/2026 [2026年11月] $');
  });

  test('case-insensitive rules', () => {
    expect(applyReplacementRules('Foo foo', [rule({ find: 'foo', ignoreCase: true, replace: 'bar' })]).text).toBe(
      'bar bar',
    );
  });

  test('the first rule wins where matches overlap; later rules see the original input', () => {
    const result = applyReplacementRules('abc', [
      rule({ find: 'ab', replace: 'X' }),
      rule({ find: 'bc', replace: 'Y' }),
      rule({ find: 'c', replace: 'Z' }),
    ]);
    expect(result.text).toBe('XZ');
    expect(result.edits.map((edit) => [edit.start, edit.end])).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  test('disabled rules, empty matches, no-op replacements and unsafe regexes do nothing', () => {
    const result = applyReplacementRules('aaa', [
      rule({ find: 'a', replace: 'b', enabled: false }),
      rule({ find: 'x*', isRegex: true, replace: 'y' }),
      rule({ find: 'a', replace: 'a' }),
      rule({ find: '(a)\\1', isRegex: true, replace: 'z' }),
      rule({ find: '(', isRegex: true, replace: 'z' }),
    ]);
    expect(result).toEqual({ text: 'aaa', edits: [] });
  });

  test('astral characters are matched whole', () => {
    expect(applyReplacementRules('𠮷野家', [rule({ find: '^.', isRegex: true, replace: '吉' })]).text).toBe('吉野家');
  });

  test('many matches stay linear', () => {
    const text = 'a'.repeat(200_000);
    const result = applyReplacementRules(text, [rule({ find: 'a', replace: 'b' }), rule({ find: 'aa', replace: 'c' })]);
    expect(result.text).toBe('b'.repeat(200_000));
    expect(result.edits).toHaveLength(200_000);
  });
});

describe('checkReplacementRule', () => {
  test('reports each broken field with its reason', () => {
    expect(
      checkReplacementRule(rule({ find: '([', isRegex: true, sites: ['ok.test', 'bad host', '/(?=x)/'] })),
    ).toEqual([
      { field: 'find', reason: 'syntax', detail: expect.any(String) },
      { field: 'sites', reason: 'invalid-domain', detail: 'bad host' },
      { field: 'sites', reason: 'invalid-regex', detail: '/(?=x)/', regexProblem: 'lookaround', regexDetail: '(?=x)' },
    ]);
    expect(checkReplacementRule(rule({ find: '' }))).toEqual([{ field: 'find', reason: 'empty' }]);
    expect(checkReplacementRule(rule({ find: 'x', replace: 'y'.repeat(501) }))).toEqual([
      { field: 'replace', reason: 'too-long' },
    ]);
  });

  test('a good rule has no errors', () => {
    expect(checkReplacementRule(rule({ find: '(\\d+)号', isRegex: true, sites: ['*.example.com'] }))).toEqual([]);
  });
});
