import { beforeAll, describe, expect, it } from 'vitest';
import { measurePinyinAccuracy, type PinyinAccuracy } from '../../scripts/bench/pinyin-accuracy';

// One measurement for every assertion: the CPP dev split (9,893 sentences) and the held-out natural
// text (about 14,000 sentences, 32,000 everyday words), all through the DOM annotation path. A real
// regression test of reading quality, not of speed, hence the generous timeout.
let result: PinyinAccuracy;
beforeAll(async () => {
  result = await measurePinyinAccuracy();
}, 600_000);

describe('polyphone accuracy on the CPP dev split', () => {
  it('reads polyphones clearly better than pinyin-pro alone, measured in the same run', () => {
    expect(result.sentences).toBe(9893);
    expect(result.baseline_acc).toBeGreaterThan(0.85);
    expect(result.pinyin_polyphone_acc).toBeGreaterThanOrEqual(0.955);
    expect(result.pinyin_polyphone_acc).toBeGreaterThan(result.baseline_acc + 0.03);
  });
});

describe('everyday words in held-out natural text (issue 16)', () => {
  it('reads at least 99.5 % of them as the dictionary does, clearly better than pinyin-pro alone', () => {
    expect(result.everyday_words).toBeGreaterThan(30_000);
    expect(result.pinyin_everyday_acc).toBeGreaterThanOrEqual(0.995);
    expect(result.pinyin_everyday_acc).toBeGreaterThan(result.everyday_baseline_acc + 0.01);
  });

  it('does so on each source, Simplified Wikipedia and Traditional as well as Simplified messages', () => {
    for (const [source, score] of Object.entries(result.everyday_by_source)) {
      expect(score.words, source).toBeGreaterThan(5000);
      expect(score.acc, source).toBeGreaterThanOrEqual(0.995);
    }
  });

  it('gets none of the commonest words of the issue wrong', () => {
    const wrong = new Set(result.everyday_wrong.filter((m) => m.wrong * 100 > m.occurrences).map((m) => m.word));
    for (const word of ['为了', '因为', '什么', '为什么', '中国', '参加', '进行', '严重', '长期', '新鲜'])
      expect(wrong.has(word), word).toBe(false);
  });
});
