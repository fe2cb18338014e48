import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyReplacementRules,
  applyReplacementRulesAfterFix,
  withReplacementRules,
} from '../../../lib/settings/replacement-rules';
import type { ReplacementRule } from '../../../lib/settings/schema';
import { fixText, mightContainDoubledText } from '../../../lib/text/doubled/fix-doubled-text';
import type { FixResult, TextEdit } from '../../../lib/text/doubled/types';

const rule = (find: string, replace: string, isRegex = false): ReplacementRule => ({
  id: find,
  enabled: true,
  find,
  isRegex,
  ignoreCase: false,
  replace,
  sites: [],
});

function applyEdits(input: string, edits: readonly TextEdit[]): string {
  let out = '';
  let cursor = 0;
  for (const edit of edits) {
    expect(edit.start).toBeGreaterThanOrEqual(cursor);
    expect(input.slice(edit.start, edit.end)).toBe(edit.original);
    out += input.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return out + input.slice(cursor);
}

describe('replacement rules after the doubled-text fix', () => {
  const engine = { fixText, mightContainDoubledText };

  test('a replacement inside fixed text absorbs the fix edit; others stay separate', () => {
    const input = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士。读者来信';
    const result = withReplacementRules(engine, [rule('担当', '擔當'), rule('读者', '读者朋友')]).fixText(input);
    expect(result.text).toBe('勇于擔當作为，当好党和人民的忠诚卫士。读者朋友来信');
    expect(applyEdits(input, result.edits)).toBe(result.text);
    expect(result.edits.map((edit) => edit.rule)).toEqual(['replacement', 'replacement']);
  });

  test('clean blocks are looked at only when a rule could match them', () => {
    const wrapped = withReplacementRules(engine, [rule('读者', '读者朋友')]);
    expect(wrapped.mightContainDoubledText('读者来信')).toBe(true);
    expect(wrapped.mightContainDoubledText('今天天气很好')).toBe(false);
    expect(wrapped.fixText('读者来信').text).toBe('读者朋友来信');
    expect(withReplacementRules(engine, [])).toBe(engine);
  });

  test('property: the combined edits on the input always produce the final text', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '中', '文', ' ');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')),
        fc.array(fc.boolean(), { maxLength: 40 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'ab', 'c中', '文', 'a+', 'b.c'), fc.constantFrom('', 'X', 'YY')), {
          maxLength: 3,
        }),
        (input, drops, ruleSpecs) => {
          // A fake fix: delete some single characters (a subsequence, like the real engine).
          const edits: TextEdit[] = [];
          for (let i = 0; i < input.length; i++) {
            if (drops[i])
              edits.push({
                rule: 'fake',
                factor: 2,
                start: i,
                end: i + 1,
                original: input[i] as string,
                replacement: '',
              });
          }
          const fixed: FixResult = { text: applyEdits(input, edits), edits };
          const rules = ruleSpecs.map(([find, replace]) =>
            rule(find, replace, find.includes('+') || find.includes('.')),
          );
          const result = applyReplacementRulesAfterFix(input, fixed, rules);
          expect(result.text).toBe(applyReplacementRules(fixed.text, rules).text);
          expect(applyEdits(input, result.edits)).toBe(result.text);
        },
      ),
      { numRuns: 500 },
    );
  });
});
