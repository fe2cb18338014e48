/**
 * `scanDoubledRunsOnce` (the sentinel's first look, driven by a regular expression) must find
 * exactly what `scanDoubledRuns` (the engine's loop) finds: the same clusters, the same answer, on
 * any text, lone and repeated surrogates included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanDoubledRuns, scanDoubledRunsOnce } from '../../../lib/text/doubled/prefilter';
import { readSampleLines } from '../../corpus/in-the-wild';

const SEED = process.env.FC_SEED === undefined ? 20261129 : Number(process.env.FC_SEED);

/** Units that make repeats of every kind the scan tells apart. */
const UNITS = [
  ...'要闻常高兴研究北京科技有限公司',
  ...'ab1fiﬁ',
  ...'，。、 \n—…《》',
  '\uD840',
  '\uDC00',
  '\uDFFF',
  '𠀀',
  '𠀁',
  '😀',
];

/** Text made of short runs of one unit (doubled, tripled, single), so that repeats are common. */
const repeatyText = fc
  .array(fc.tuple(fc.constantFrom(...UNITS), fc.integer({ min: 1, max: 5 })), { maxLength: 80 })
  .map((parts) => parts.map(([unit, times]) => unit.repeat(times)).join(''));

function both(text: string, minRuns: number) {
  const loop: number[] = [];
  const once: number[] = [];
  return {
    loop: { found: scanDoubledRuns(text, loop, minRuns), clusters: loop },
    once: { found: scanDoubledRunsOnce(text, once, minRuns), clusters: once },
    loopStops: scanDoubledRuns(text, null, minRuns),
    onceStops: scanDoubledRunsOnce(text, null, minRuns),
  };
}

describe('scanDoubledRunsOnce', () => {
  it('finds the clusters the loop finds, on text full of repeats and surrogates', () => {
    fc.assert(
      fc.property(repeatyText, fc.integer({ min: 1, max: 3 }), (text, minRuns) => {
        const result = both(text, minRuns);
        expect(result.once).toEqual(result.loop);
        expect(result.onceStops).toBe(result.loopStops);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  it('finds the clusters the loop finds, on any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const result = both(text, 2);
        expect(result.once).toEqual(result.loop);
        expect(result.onceStops).toBe(result.loopStops);
      }),
      { seed: SEED, numRuns: 2_000 },
    );
  });

  it('finds the doubled headlines of the sample page, and the same clusters as the loop', () => {
    const page = readSampleLines().join('\n');
    const result = both(page, 2);
    expect(result.once.clusters.length).toBeGreaterThan(0);
    expect(result.once).toEqual(result.loop);
  });
});
