import { describe, expect, test } from 'vitest';
import { checkRegex, checkRegexStatically } from '../../../lib/settings/regex-guard';
import {
  applyReplacementRules,
  checkReplacementRule,
  REPLACEMENT_RULE_NAME,
} from '../../../lib/settings/replacement-rules';
import type { ReplacementRule } from '../../../lib/settings/schema';

describe('regex guards', () => {
  test('a pattern that does not compile is rejected with the engine’s reason', () => {
    const check = checkRegexStatically('(unclosed');
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toBe('syntax');
    expect(!check.ok && check.detail).toMatch(/Invalid regular expression/);
  });

  test.each(['(a+)+$', '(a*)*b', '(\\w+\\s?)*$', '(?:x+){2,}', '((ab)*c)+', '(a+){1,100}', '(.*a){12}', '([a-z]+)*@'])(
    'nested unbounded quantifiers are rejected statically: %s',
    (pattern) => {
      const check = checkRegexStatically(pattern);
      expect(!check.ok && check.reason).toBe('nested-quantifier');
    },
  );

  test.each([
    '新新',
    '(\\p{Script=Han})\\1',
    'a+b+c*',
    '[(+*)]+',
    '\\(a+\\)+',
    '(ab)+',
    '(a+)?',
    '(?:ab|cd){2,5}',
    'x{3}',
    '\\w+@\\w+',
    '[a-z]+ing\\b',
  ])('ordinary patterns pass both checks: %s', (pattern) => {
    expect(checkRegexStatically(pattern).ok).toBe(true);
    expect(checkRegex(pattern).ok).toBe(true);
  });

  test('overlapping alternation under a quantifier is caught by the time budget', () => {
    // Not a nested quantifier, so only the adversarial run can tell: 2^n backtracking on "aaaa…\x01".
    const pattern = '^(a|a)*$';
    expect(checkRegexStatically(pattern).ok).toBe(true);
    const check = checkRegex(pattern);
    expect(!check.ok && check.reason).toBe('too-slow');
  });

  test('polynomial blow-up on long runs is caught too', () => {
    const check = checkRegex('^\\s*\\s*\\s*\\s*$');
    expect(!check.ok && check.reason).toBe('too-slow');
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
      rule({ find: '(a+)+', isRegex: true, replace: 'z' }),
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
    expect(checkReplacementRule(rule({ find: '([', isRegex: true, sites: ['ok.test', 'bad host'] }))).toEqual([
      { field: 'find', reason: 'syntax', detail: expect.any(String) },
      { field: 'sites', reason: 'invalid-domain', detail: 'bad host' },
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
