/**
 * Text composition (lib/text/compose.ts, lib/text/pipeline.ts): stages run in order, each on the output of the one
 * before, and every character of the result knows the input character it came from, which is how
 * pages put each piece of the result back into the text node it belongs to.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  applyEditsWithOrigin,
  composeText,
  mapRangeThroughOrigin,
  splitByOrigin,
  type TextStage,
} from '../../../lib/text/compose';
import type { TextEdit } from '../../../lib/text/doubled/types';
import { createTextPipeline } from '../../../lib/text/pipeline';

const edit = (start: number, end: number, original: string, replacement: string): TextEdit => ({
  rule: 'test',
  factor: 1,
  start,
  end,
  original,
  replacement,
});

/** A stage that applies fixed edits (for tests). */
function fixedStage(name: TextStage['name'], make: (text: string) => TextEdit[]): TextStage {
  return { name, mightChange: () => true, edit: make };
}

/** The block's text cut along text nodes of the given lengths, after `edits`. */
function nodeTexts(text: string, lengths: readonly number[], edits: TextEdit[]): string[] {
  const partStarts: number[] = [];
  let at = 0;
  for (const length of lengths) {
    partStarts.push(at);
    at += length;
  }
  return splitByOrigin(composeText(text, [fixedStage('fix', () => edits)], partStarts), partStarts);
}

/** Collapse every doubled pair in `text[start, end)` (test helper; the real edits come from the engine). */
function halve(text: string, start: number, end: number): TextEdit {
  let replacement = '';
  for (let i = start; i < end; i += 2) replacement += text[i];
  return edit(start, end, text.slice(start, end), replacement);
}

describe('mapping a stage’s result onto the text nodes of a block', () => {
  test('a deletion across node boundaries: each node keeps its own characters', () => {
    // <b>勇勇于</b><span>于担担</span>当当
    expect(nodeTexts('勇勇于于担担当当', [3, 3, 2], [halve('勇勇于于担担当当', 0, 8)])).toEqual(['勇于', '担', '当']);
  });

  test('same-length replacements stay in place character by character', () => {
    expect(nodeTexts('简体字文', [1, 2, 1], [edit(0, 3, '简体字', '簡體字')])).toEqual(['簡', '體字', '文']);
  });

  test('a replacement that is neither goes to the node holding most of what it replaces (ties: the first)', () => {
    expect(nodeTexts('甲乙丙丁', [1, 2, 1], [edit(1, 3, '乙丙', '戊')])).toEqual(['甲', '戊', '丁']);
    expect(nodeTexts('甲乙丙丁', [1, 2, 1], [edit(0, 2, '甲乙', 'XYZ')])).toEqual(['XYZ', '丙', '丁']);
    expect(nodeTexts('甲乙丙丁', [1, 2, 1], [edit(0, 3, '甲乙丙', 'XYZW')])).toEqual(['', 'XYZW', '丁']);
  });

  test('an insertion at the very end goes to the last node', () => {
    expect(nodeTexts('甲乙', [1, 1], [edit(2, 2, '', '丙')])).toEqual(['甲', '乙丙']);
  });

  test('empty text nodes stay empty', () => {
    expect(nodeTexts('勇勇于于', [2, 0, 2], [halve('勇勇于于', 0, 4)])).toEqual(['勇', '', '于']);
  });

  test('a surrogate pair is never cut between two nodes', () => {
    const parts = nodeTexts('ab', [1, 1], [edit(0, 2, 'ab', '𠀀')]);
    expect(parts.join('')).toBe('𠀀');
    expect(parts.some((part) => part.length === 1)).toBe(false);
  });

  test('rejects edits out of order or outside the text', () => {
    const origin = new Int32Array([0, 1]);
    expect(() => applyEditsWithOrigin('甲乙', origin, [edit(1, 2, '乙', ''), edit(0, 1, '甲', '')])).toThrow(
      RangeError,
    );
    expect(() => applyEditsWithOrigin('甲乙', origin, [edit(1, 9, '乙', '')])).toThrow(RangeError);
  });

  test('random splits and subsequence edits: the nodes hold the result, each character where it came from', () => {
    const chars = fc.constantFrom('勇', '于', '担', '当', 'a', ' ', '“', '𠀀', '\n');
    const pieces = fc.array(fc.string({ unit: chars, maxLength: 6 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(
        pieces,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (parts, cuts, keep) => {
          const text = parts.join('');
          const bounds = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const edits: TextEdit[] = [];
          for (let i = 0; i + 1 < bounds.length; i += 2) {
            const start = bounds[i] as number;
            const end = bounds[i + 1] as number;
            const original = text.slice(start, end);
            const replacement = [...original].filter((_, k) => keep[k % Math.max(keep.length, 1)] ?? true).join('');
            edits.push(edit(start, end, original, replacement));
          }
          const result = nodeTexts(
            text,
            parts.map((p) => p.length),
            edits,
          );
          const expected = edits.reduceRight((t, e) => t.slice(0, e.start) + e.replacement + t.slice(e.end), text);
          expect(result.join('')).toBe(expected);
          // A deletion only ever removes: every node's new text is a subsequence of its own text.
          result.forEach((nodeText, i) => {
            const own = parts[i] as string;
            let j = 0;
            for (let k = 0; k < own.length && j < nodeText.length; k++)
              if (nodeText.charCodeAt(j) === own.charCodeAt(k)) j++;
            expect(j).toBe(nodeText.length);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('composing stages', () => {
  test('each stage sees the output of the one before; origins go back to the input', () => {
    const fix = fixedStage('fix', (text) => (text.startsWith('勇勇') ? [halve(text, 0, 4)] : []));
    const replace = fixedStage('replace', (text) => (text.includes('勇于') ? [edit(0, 2, '勇于', '敢于')] : []));
    const composed = composeText('勇勇于于担当', [fix, replace]);
    expect(composed.text).toBe('敢于担当');
    expect(composed.steps.map((step) => step.stage)).toEqual(['fix', 'replace']);
    // 敢于 replaced 勇于, which came from input 0 and 2; 担当 from 4 and 5.
    expect([...composed.origin]).toEqual([0, 2, 4, 5]);
  });

  test('a stage whose cheap test says no is not run', () => {
    let runs = 0;
    const stage: TextStage = {
      name: 'convert',
      mightChange: () => false,
      edit: () => {
        runs++;
        return [];
      },
    };
    expect(composeText('汉字', [stage]).steps).toEqual([]);
    expect(runs).toBe(0);
  });

  test('createTextPipeline: the doubled-text fix, then replacement rules (each rule once per block)', () => {
    const pipeline = createTextPipeline({
      replacementRules: [
        { enabled: true, find: '担当', replace: '擔當', isRegex: false, ignoreCase: false },
        { enabled: false, find: '作为', replace: 'X', isRegex: false, ignoreCase: false },
      ],
    });
    expect(pipeline.stages.map((s) => s.name)).toEqual(['fix', 'replace']);
    expect(pipeline.run('勇勇于于担担当当作作为为').text).toBe('勇于擔當作为');
    expect(createTextPipeline({ fix: false }).stages).toEqual([]);
    // A case-sensitive literal rule is looked for cheaply; others always run.
    const literal = createTextPipeline({
      fix: false,
      replacementRules: [{ enabled: true, find: 'WiFi', replace: 'Wi-Fi', isRegex: false, ignoreCase: false }],
    }).stages[0] as TextStage;
    expect(literal.mightChange('wifi 密码')).toBe(false);
    expect(literal.mightChange('WiFi 密码')).toBe(true);
  });
});

describe('mapping a range of the source onto the composed text', () => {
  test('white space left out before the range shifts it; a range left out entirely maps to nothing', () => {
    const source = '华东\n新型墙体';
    const edit: TextEdit = { rule: 'line-join', factor: 1, start: 2, end: 3, original: '\n', replacement: '' };
    const { text, origin } = applyEditsWithOrigin(source, undefined, [edit]);
    expect(text).toBe('华东新型墙体');
    const mapped = mapRangeThroughOrigin({ start: 3, end: 5 }, origin);
    expect(mapped && text.slice(mapped.start, mapped.end)).toBe('新型');
    expect(mapRangeThroughOrigin({ start: 2, end: 3 }, origin)).toBeUndefined();
  });
});
