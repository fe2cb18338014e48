import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyTextEdits, composeEdits } from '../../../lib/text/compose-edits';
import type { TextEdit } from '../../../lib/text/types';

const edit = (input: string, start: number, end: number, replacement: string, rule = 'r'): TextEdit => ({
  rule,
  factor: 1,
  start,
  end,
  original: input.slice(start, end),
  replacement,
});

describe('composeEdits', () => {
  test('a replacement rule after the doubled-text fix, in input offsets', () => {
    const input = '勇勇于于担担当当，新新华华社社讯讯';
    const first = [edit(input, 0, 8, '勇于担当', 'doubled-cjk'), edit(input, 9, 17, '新华社讯', 'doubled-cjk')];
    const mid = applyTextEdits(input, first);
    expect(mid).toBe('勇于担当，新华社讯');
    // "新华社" → "新华通讯社", computed on the fixed text.
    const second = [edit(mid, 5, 8, '新华通讯社', 'replacement')];
    const composed = composeEdits(input, first, second);
    expect(applyTextEdits(input, composed)).toBe('勇于担当，新华通讯社讯');
    expect(composed).toEqual([
      first[0],
      { rule: 'replacement', factor: 1, start: 9, end: 17, original: '新新华华社社讯讯', replacement: '新华通讯社讯' },
    ]);
  });

  test('second-round edits away from the first round stay as they are, shifted', () => {
    const input = 'aa bb cc';
    const first = [edit(input, 0, 2, 'a')];
    const second = [edit('a bb cc', 5, 7, 'CC')];
    expect(composeEdits(input, first, second)).toEqual([first[0], { ...second[0], start: 6, end: 8, original: 'cc' }]);
  });

  test('any two rounds compose to the same text', () => {
    const text = fc.string({ unit: fc.constantFrom('勇', '于', 'a', ' ', '“'), maxLength: 16 });
    /** Random sorted, non-overlapping edits on `s`. */
    const editsOn = (s: string, cuts: number[], reps: string[]) => {
      const bounds = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
      const out: TextEdit[] = [];
      for (let i = 0; i + 1 < bounds.length; i += 2) {
        out.push(edit(s, bounds[i] as number, bounds[i + 1] as number, reps[i % Math.max(reps.length, 1)] ?? ''));
      }
      // Also an insertion now and then.
      if (cuts.length % 3 === 0 && bounds.length % 2 === 1) {
        const at = bounds[bounds.length - 1] as number;
        out.push(edit(s, at, at, 'X'));
      }
      return out;
    };
    const cuts = fc.array(fc.nat(), { maxLength: 8 });
    const reps = fc.array(fc.string({ unit: fc.constantFrom('勇', 'b', ''), maxLength: 3 }), { maxLength: 4 });
    fc.assert(
      fc.property(text, cuts, reps, cuts, reps, (input, c1, r1, c2, r2) => {
        const first = editsOn(input, c1, r1);
        const mid = applyTextEdits(input, first);
        const second = editsOn(mid, c2, r2);
        const composed = composeEdits(input, first, second);
        expect(applyTextEdits(input, composed)).toBe(applyTextEdits(mid, second));
        composed.forEach((e, i) => {
          expect(e.original).toBe(input.slice(e.start, e.end));
          if (i > 0) expect(e.start).toBeGreaterThanOrEqual((composed[i - 1] as TextEdit).end);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
