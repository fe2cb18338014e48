/**
 * Replacement rules run on what the doubled-text fix made of a block (lib/text/pipeline.ts): the
 * same composition pages, the "try it" box and `npm run fix` use.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ReplacementRule } from '../../../lib/settings/schema';
import { composeText, type TextStage } from '../../../lib/text/compose';
import type { TextEdit } from '../../../lib/text/doubled/types';
import { createTextPipeline } from '../../../lib/text/pipeline';
import { applyCheckedReplacementRules, applyTextEdits } from '../../../lib/text/replace/apply-replacement-rules';
import { createReplacementStage } from '../../../lib/text/replace/replacement-stage';

const rule = (find: string, replace: string, isRegex = false): ReplacementRule => ({
  id: find,
  enabled: true,
  find,
  isRegex,
  ignoreCase: false,
  replace,
  sites: [],
});

describe('replacement rules after the doubled-text fix', () => {
  test('rules see the fixed text: a rule can match what only the fix made whole', () => {
    const input = '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士。读者来信';
    const composed = createTextPipeline({ replacementRules: [rule('担当', '擔當'), rule('读者', '读者朋友')] }).run(
      input,
    );
    expect(composed.text).toBe('勇于擔當作为，当好党和人民的忠诚卫士。读者朋友来信');
    expect(composed.steps.map((step) => step.stage)).toEqual(['fix', 'replace']);
    expect(composed.steps[1]?.edits.map((edit) => edit.original)).toEqual(['担当', '读者']);
    // Every character of the result goes back to a character of the input it came from.
    expect(composed.origin).toHaveLength(composed.text.length);
    expect(
      [...composed.origin].every(
        (at, i, all) => at >= 0 && at < input.length && (i === 0 || at >= (all[i - 1] as number)),
      ),
    ).toBe(true);
  });

  test('a case-sensitive literal rule is only run where its text is', () => {
    const stage = createReplacementStage([rule('读者', '读者朋友')]) as TextStage;
    expect(stage.mightChange('读者来信')).toBe(true);
    expect(stage.mightChange('今天天气很好')).toBe(false);
    expect(createReplacementStage([])).toBeUndefined();
    expect(createReplacementStage([{ ...rule('读者', 'x'), enabled: false }])).toBeUndefined();
  });

  test('property: composing a fix and rules gives what the rules make of the fixed text', () => {
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
          const deletions = (text: string): TextEdit[] => {
            const edits: TextEdit[] = [];
            for (let i = 0; i < text.length; i++) {
              if (drops[i])
                edits.push({
                  rule: 'fake',
                  factor: 2,
                  start: i,
                  end: i + 1,
                  original: text[i] as string,
                  replacement: '',
                });
            }
            return edits;
          };
          const fix: TextStage = { name: 'fix', mightChange: () => true, edit: deletions };
          const rules = ruleSpecs.map(([find, replace]) =>
            rule(find, replace, find.includes('+') || find.includes('.')),
          );
          const replace = createReplacementStage(rules);
          const composed = composeText(input, replace ? [fix, replace] : [fix]);
          const fixed = applyTextEdits(input, deletions(input));
          expect(composed.text).toBe(applyCheckedReplacementRules(fixed, rules).text);
          expect(composed.origin).toHaveLength(composed.text.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
