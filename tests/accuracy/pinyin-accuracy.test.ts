import { describe, expect, it } from 'vitest';
import { measurePinyinAccuracy } from '../../scripts/bench/pinyin-accuracy';

describe('polyphone accuracy on the CPP dev split', () => {
  // The whole dev split (9,893 sentences) through the DOM annotation path: a real regression test
  // of reading quality, not of speed, hence the generous timeout.
  it('reads polyphones at least as well as pinyin-pro alone, measured in the same run', async () => {
    const result = await measurePinyinAccuracy();
    expect(result.sentences).toBe(9893);
    expect(result.baseline_acc).toBeGreaterThan(0.85);
    expect(result.pinyin_polyphone_acc).toBeGreaterThanOrEqual(result.baseline_acc);
  }, 300_000);
});
