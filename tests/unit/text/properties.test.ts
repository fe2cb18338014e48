/**
 * Property tests (fast-check). Runs are seeded so CI is deterministic; set FC_SEED to explore.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixText, mightContainDoubledText } from '../../../lib/text/doubled/fix-doubled-text';
import { isReduplicable, isSoundWord } from '../../../lib/text/doubled/lexicon';
import type { FixResult, Sensitivity } from '../../../lib/text/doubled/types';
import { readSampleLines } from '../../corpus/in-the-wild';

const SEED = process.env.FC_SEED === undefined ? 20261125 : Number(process.env.FC_SEED);
const RUNS = { seed: SEED, numRuns: 250 };
const SENSITIVITIES: Sensitivity[] = ['conservative', 'balanced', 'aggressive'];

/**
 * The round-trip generator's alphabet: the Han characters of the sample page that no dictionary
 * word writes doubled and that are not sounds. With them, a doubled pair is never explainable as
 * real Chinese, so "double s, then fix" has one right answer. (Characters that are reduplicable
 * are left out on purpose: `高高兴兴` doubled is `高高高高兴兴兴兴`, which is honestly ambiguous.)
 */
const PLAIN_HAN = [
  ...new Set(
    Array.from(readSampleLines().join(''), (c) => c).filter((c) => {
      const cp = c.codePointAt(0) as number;
      return /\p{Script=Han}/u.test(c) && !isReduplicable(cp) && !isSoundWord(cp);
    }),
  ),
];

/** A run of plain Han characters with no two neighbours equal (so s itself is not doubled). */
const hanWord = (min: number, max: number) =>
  fc
    .array(fc.constantFrom(...PLAIN_HAN), { minLength: min, maxLength: max })
    .map((chars) => chars.filter((c, i) => c !== chars[i - 1]).join(''))
    .filter((w) => Array.from(w).length >= min);

/** Lower-case words without f (ligatures), with a letter beyond a–f (not hex), no double letters. */
const latinWord = fc
  .array(fc.constantFrom(...'abcdeghijklmnopqrstuvwxyz'), { minLength: 2, maxLength: 9 })
  .map((chars) => chars.filter((c, i) => c !== chars[i - 1]).join(''))
  .filter((w) => w.length >= 2 && /[g-z]/.test(w));

function double(s: string, k: number, punctuation: boolean): string {
  return Array.from(s, (c) => (!punctuation && /[\p{P}\s]/u.test(c) ? c : c.repeat(k))).join('');
}

function isSubsequence(sub: string, of: string): boolean {
  let i = 0;
  for (let j = 0; j < of.length && i < sub.length; j++) if (of.charCodeAt(j) === sub.charCodeAt(i)) i++;
  return i === sub.length;
}

function isHighSurrogate(c: number) {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number) {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Everything FixResult promises about its edits. */
function checkResult(input: string, result: FixResult): void {
  let at = 0;
  let rebuilt = '';
  for (const e of result.edits) {
    expect(e.start).toBeGreaterThanOrEqual(at);
    expect(e.end).toBeGreaterThan(e.start);
    expect(e.original).toBe(input.slice(e.start, e.end));
    expect(isSubsequence(e.replacement, e.original)).toBe(true);
    expect(e.replacement).not.toBe(e.original);
    // Never cut a surrogate pair.
    for (const edge of [e.start, e.end]) {
      expect(isHighSurrogate(input.charCodeAt(edge - 1)) && isLowSurrogate(input.charCodeAt(edge))).toBe(false);
    }
    rebuilt += input.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  rebuilt += input.slice(at);
  expect(result.text).toBe(rebuilt);
  expect(isSubsequence(result.text, input)).toBe(true);
  if (result.edits.length > 0) expect(mightContainDoubledText(input)).toBe(true);
}

/** Text shaped like damage and like clean text at once: runs of 1–4, punctuation, ASCII, astral. */
const messyText = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        ...PLAIN_HAN.slice(0, 40),
        ...'高兴常看哈好密加学习，。、“”……——!?,. aAbB01fi𠀀😀',
        '\u0301',
        '\u200d',
        '\ud800',
        '\udc00',
        '\u0000',
        'שׁ',
        'ال',
      ),
      fc.integer({ min: 1, max: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.map(([c, n]) => c.repeat(n)).join(''));

// Generous: the machine running CI may be busy, and these tests are about correctness, not speed.
describe('fixText properties', { timeout: 60_000 }, () => {
  it('doubling clean Chinese by k, then fixing, gives it back', () => {
    fc.assert(
      fc.property(
        fc.array(hanWord(4, 10), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('，', '、', '：'),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        (words, separator, k, punctuation) => {
          const s = words.join(separator);
          expect(fixText(double(s, k, punctuation)).text).toBe(s);
        },
      ),
      RUNS,
    );
  });

  it('doubling clean English by k, then fixing, gives it back', () => {
    fc.assert(
      fc.property(
        fc.array(latinWord, { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 2, max: 4 }),
        fc.boolean(),
        (words, k, spaces) => {
          const s = words.join(' ');
          expect(fixText(double(s, k, spaces)).text).toBe(s);
        },
      ),
      RUNS,
    );
  });

  it('is idempotent, and its edits are sorted, exact and subsequences, at every sensitivity', () => {
    fc.assert(
      fc.property(fc.oneof(messyText, fc.string({ unit: 'binary', maxLength: 60 })), (text) => {
        for (const sensitivity of SENSITIVITIES) {
          const once = fixText(text, { sensitivity });
          checkResult(text, once);
          expect(fixText(once.text, { sensitivity }).edits).toEqual([]);
          const onPage = fixText(text, { sensitivity, pageEvidence: 'same-kind' });
          checkResult(text, onPage);
          expect(fixText(onPage.text, { sensitivity, pageEvidence: 'same-kind' }).edits).toEqual([]);
        }
      }),
      { ...RUNS, numRuns: 500 },
    );
  });

  it('is idempotent on doubled text with real repetition inside', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hanWord(1, 4), fc.constantFrom('高高兴兴', '常常', '好好', '密密', '哈哈哈', '，', '……')), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 2, max: 4 }),
        (parts, k) => {
          const input = double(parts.join(''), k, true);
          for (const sensitivity of SENSITIVITIES) {
            const onPage = fixText(input, { sensitivity, pageEvidence: 'page' });
            checkResult(input, onPage);
            expect(fixText(onPage.text, { sensitivity, pageEvidence: 'page' }).edits).toEqual([]);
            const once = fixText(input, { sensitivity });
            checkResult(input, once);
            expect(fixText(once.text, { sensitivity }).edits).toEqual([]);
          }
        },
      ),
      RUNS,
    );
  });

  it('never changes clean text (no character repeated)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.array(hanWord(1, 12), { maxLength: 5 }),
        (a, words) => {
          for (const text of [a, words.join('，'), a + words.join('')]) {
            if (/(.)\1/su.test(text)) continue;
            expect(fixText(text, { sensitivity: 'aggressive' }).edits).toEqual([]);
          }
        },
      ),
      RUNS,
    );
  });

  it('never throws and never splits a surrogate pair on hostile Unicode', () => {
    const hostile = fc.array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.constantFrom(
          '👨‍👩‍👧‍👦',
          '🏳️‍🌈',
          'é',
          'שָׁלוֹם',
          'مرحبا',
          '\u202e',
          '\u0000',
          '\ud83d',
          '\ude00',
          '𠀀𠀀',
          '𪚥𪚥𪚥𪚥',
        ),
      ),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 4 }), (parts, k) => {
        const text = parts.map((p) => p.repeat(k)).join('');
        for (const sensitivity of SENSITIVITIES) checkResult(text, fixText(text, { sensitivity }));
      }),
      RUNS,
    );
  });
});
