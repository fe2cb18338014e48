/**
 * Fuzzing the text engine with hostile Unicode (see tests/support/arbitraries.ts): whatever the
 * input, fixText never throws, never cuts inside a code point or a grapheme cluster, and only
 * ever deletes (its output is a subsequence of its input). Each property runs FUZZ_RUNS.text
 * times per sensitivity.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fixText, mightContainDoubledText } from '../../lib/text/doubled/fix-doubled-text';
import type { Sensitivity } from '../../lib/text/doubled/types';
import {
  checkWholeClusterDeletions,
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  graphemesOf,
  hostileText,
  isSubsequence,
} from '../support/arbitraries';

const SENSITIVITIES: Sensitivity[] = ['conservative', 'balanced', 'aggressive'];

/** Hostile text, or the same in a random Unicode string of any code units (lone surrogates too). */
const anyText = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

describe.each(SENSITIVITIES)('fixText on hostile Unicode (%s)', (sensitivity) => {
  test(`never throws, and only ever deletes whole grapheme clusters (${FUZZ_RUNS.text} runs)`, {
    timeout: FUZZ_TIMEOUT_MS,
  }, () => {
    let changed = 0;
    let astralOrClusterEdits = 0;
    let editsEndingInsideCluster = 0;
    fc.assert(
      fc.property(anyText, (input) => {
        const result = fixText(input, { sensitivity });
        expect(typeof result.text).toBe('string');
        expect(isSubsequence(result.text, input)).toBe(true);
        if (input.isWellFormed()) expect(result.text.isWellFormed()).toBe(true);

        let position = 0;
        let rebuilt = '';
        for (const edit of result.edits) {
          // Sorted, inside the input, and consistent with it.
          expect(edit.start).toBeGreaterThanOrEqual(position);
          expect(edit.end).toBeGreaterThanOrEqual(edit.start);
          expect(edit.end).toBeLessThanOrEqual(input.length);
          expect(edit.original).toBe(input.slice(edit.start, edit.end));
          if (graphemesOf(edit.original).some((g) => g.length > 1)) astralOrClusterEdits++;
          rebuilt += input.slice(position, edit.start) + edit.replacement;
          position = edit.end;
        }
        expect(rebuilt + input.slice(position)).toBe(result.text);
        // Never inside a code point or a cluster: what is deleted is whole clusters.
        editsEndingInsideCluster += checkWholeClusterDeletions(input, result.edits);
        if (result.text !== input) changed++;
      }),
      { numRuns: FUZZ_RUNS.text },
    );
    console.info(
      `[fuzz] fixText ${sensitivity}: ${FUZZ_RUNS.text} inputs, ${changed} changed, ${astralOrClusterEdits} edits over multi-unit clusters, ${editsEndingInsideCluster} edits whose bounds fall inside a cluster (deleting whole clusters all the same)`,
    );
    // The property must not pass by never changing anything.
    expect(changed).toBeGreaterThan(FUZZ_RUNS.text / 10);
  });

  test(`the prefilter never hides a repair (${FUZZ_RUNS.text} runs)`, { timeout: FUZZ_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(anyText, (input) => {
        if (!mightContainDoubledText(input)) {
          expect(fixText(input, { sensitivity }).text).toBe(input);
          // Page evidence lowers what a block needs, never below what the prefilter looks for.
          expect(fixText(input, { sensitivity, pageEvidence: 'same-kind' }).text).toBe(input);
        }
      }),
      { numRuns: FUZZ_RUNS.text },
    );
  });
});

describe('the cluster check itself', () => {
  test('accepts whole-cluster deletions, even when an edit ends inside a cluster', () => {
    expect(checkWholeClusterDeletions('並並\u200D\u200D', [{ start: 0, end: 2, replacement: '並' }])).toBe(1);
    expect(checkWholeClusterDeletions('\u{20000}\u{20000}', [{ start: 0, end: 4, replacement: '\u{20000}' }])).toBe(0);
  });

  test('rejects a cut through a surrogate pair, a combining sequence or a ZWJ sequence', () => {
    expect(() => checkWholeClusterDeletions('\u{20000}a', [{ start: 1, end: 2, replacement: '' }])).toThrow(/cut/);
    expect(() => checkWholeClusterDeletions('e\u0301x', [{ start: 1, end: 2, replacement: '' }])).toThrow(/cut/);
    const family = '\u{1F468}\u200D\u{1F469}';
    expect(() => checkWholeClusterDeletions(`${family}!`, [{ start: 2, end: 3, replacement: '' }])).toThrow(/cut/);
  });
});

describe('fixText on inputs it was not typed for', () => {
  test('non-strings come back unchanged with no edits; odd options never throw and only ever delete', () => {
    for (const input of [undefined, null, 42, {}, [], Symbol.iterator]) {
      const result = fixText(input as unknown as string);
      expect(result.text).toBe(input);
      expect(result.edits).toEqual([]);
    }
    expect(fixText('勇勇于于担担当当', { factors: [] })).toEqual({ text: '勇勇于于担担当当', edits: [] });
    for (const options of [{ sensitivity: 'bogus' as Sensitivity }, { disabledRules: ['nope'] }]) {
      const { text } = fixText('勇勇于于担担当当作作为为', options);
      expect(isSubsequence(text, '勇勇于于担担当当作作为为')).toBe(true);
    }
  });

  test('a long block of doubled text and one of a single repeated character finish', () => {
    const long = '勇勇于于担担当当作作为为，，'.repeat(5000);
    expect(fixText(long).text.length).toBeLessThan(long.length);
    const same = '哈'.repeat(100_000);
    expect(typeof fixText(same).text).toBe('string');
    const surrogates = '\uD800'.repeat(50_000);
    expect(fixText(surrogates).text).toBe(surrogates);
  });
});
