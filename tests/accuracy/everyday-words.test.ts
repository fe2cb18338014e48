import { describe, expect, it } from 'vitest';
import { DEFAULT_PINYIN_DATA } from '@/lib/text/pinyin/pinyin-data';
import { readPinyin } from '@/lib/text/pinyin/read-pinyin';
import { findEverydayWords, isReadRight, loadEverydayDictionary } from '../../scripts/lib/everyday-words';
import { HELD_OUT_SOURCES, loadNaturalSentences, TUNING_SOURCES } from '../../scripts/lib/natural-text';

/** Readings of `text` through the reader, one per code point (undefined where none). */
function readCodePoints(text: string, data = DEFAULT_PINYIN_DATA): (string | undefined)[] {
  const chars = Array.from(text);
  const byOffset = new Map<number, number>();
  let offset = 0;
  chars.forEach((c, i) => {
    byOffset.set(offset, i);
    offset += c.length;
  });
  const readings: (string | undefined)[] = chars.map(() => undefined);
  for (const r of readPinyin(text, data)) readings[byOffset.get(r.index) ?? -1] = r.numbered;
  return readings;
}

describe('the everyday-word dictionary', () => {
  const dictionary = loadEverydayDictionary();

  it('holds words with one reading both dictionaries agree on, each with a polyphone', () => {
    expect(dictionary.gold.get('为了')).toEqual(['wei4', 'le5']);
    expect(dictionary.gold.get('因为')).toEqual(['yin1', 'wei4']);
    expect(dictionary.gold.get('因為')).toEqual(['yin1', 'wei4']);
    expect(dictionary.gold.get('长期')).toEqual(['chang2', 'qi1']);
    expect(dictionary.gold.get('中国')).toEqual(['zhong1', 'guo2']);
    // Neutral tones both dictionaries give.
    expect(dictionary.gold.get('丈夫')).toEqual(['zhang4', 'fu5']);
    // Proper nouns @pinyin-pro/data leaves out: CC-CEDICT decides.
    expect(dictionary.gold.get('朝鲜')).toEqual(['chao2', 'xian3']);
    expect(dictionary.gold.get('重庆')).toEqual(['chong2', 'qing4']);
    expect(dictionary.gold.get('种植')).toEqual(['zhong4', 'zhi2']);
    // CC-CEDICT says yī xíng (a party), @pinyin-pro/data yì háng (a line): not a fixed reading.
    expect(dictionary.gold.has('一行')).toBe(false);
    // No polyphone: nothing to get wrong.
    expect(dictionary.gold.has('人民')).toBe(false);
  });

  it('counts a word only where no other dictionary word crosses it, and only the longest of nested words', () => {
    const found = (text: string) => findEverydayWords([text], dictionary).map((o) => `${o.word}@${o.start}`);
    expect(found('为了孩子')).toEqual(['为了@0']);
    // 成为 crosses 为了: the 为 here is wéi.
    expect(found('他成为了老师')).not.toContain('为了@2');
    // 为人 (wéi rén) is not a word in 为人民服务; the slogan is.
    expect(found('全心全意为人民服务')).not.toContain('为人@4');
    expect(found('中国的银行')).toEqual(['中国@0', '银行@3']);
  });

  it('compares 一 and 不 without their tone, which follows the next syllable', () => {
    const [occurrence] = findEverydayWords(['一切'], dictionary);
    expect(occurrence?.readings).toEqual(['yi1', 'qie4']);
    if (!occurrence) return;
    expect(isReadRight(occurrence, ['yi2', 'qie4'])).toBe(true);
    expect(isReadRight(occurrence, ['yi1', 'qie4'])).toBe(true);
    expect(isReadRight(occurrence, ['yi2', 'qie1'])).toBe(false);
  });

  it('tunes and holds out different sentences', () => {
    const tuning = new Set(TUNING_SOURCES.flatMap(loadNaturalSentences));
    for (const source of HELD_OUT_SOURCES) {
      const held = loadNaturalSentences(source);
      expect(held.length).toBeGreaterThan(1000);
      expect(held.filter((s) => tuning.has(s))).toEqual([]);
    }
  });
});

describe('context rules respect words', () => {
  // Every word of the dictionary, alone: no context rule may make the reader worse on it than
  // pinyin-pro plus the word list are without rules.
  it('never read a dictionary word worse than the reader without rules', () => {
    const withoutRules = { ...DEFAULT_PINYIN_DATA, rules: {} };
    const worse: string[] = [];
    for (const [word] of loadEverydayDictionary().gold) {
      const [occurrence] = findEverydayWords([word]);
      if (!occurrence) continue;
      if (isReadRight(occurrence, readCodePoints(word, withoutRules)) && !isReadRight(occurrence, readCodePoints(word)))
        worse.push(word);
    }
    expect(worse).toEqual([]);
  }, 60_000);
});
