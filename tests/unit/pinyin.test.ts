import { describe, expect, it } from 'vitest';
import { COMMON_CHARACTER_LEVELS, findCommonLevel, getFrequencyRank } from '@/lib/text/pinyin/char-frequency';
import { CHAR_FREQUENCY, DEFAULT_PINYIN_DATA } from '@/lib/text/pinyin/pinyin-data';
import {
  containsHan,
  formatAllStyles,
  formatReading,
  getTone,
  readPinyin,
  toNumbered,
} from '@/lib/text/pinyin/read-pinyin';
import { convertToZhuyin } from '@/lib/text/pinyin/zhuyin';

/** Readings of `text` as one space-separated string of numbered syllables. */
function read(text: string, overrides?: Record<string, string>): string {
  return readPinyin(text, DEFAULT_PINYIN_DATA, { overrides })
    .map((r) => r.numbered)
    .join(' ');
}

describe('readPinyin', () => {
  it('reads polyphones by word', () => {
    expect(read('银行')).toBe('yin2 hang2');
    expect(read('行走')).toBe('xing2 zou3');
    expect(read('重庆')).toBe('chong2 qing4');
    expect(read('长大')).toBe('zhang3 da4');
    expect(read('银行行长的个子很长')).toBe('yin2 hang2 hang2 zhang3 de5 ge4 zi5 hen3 chang2');
  });

  it('reads polyphones in a whole sentence', () => {
    expect(read('我去银行取钱，然后行走回家。')).toBe('wo3 qu4 yin2 hang2 qu3 qian2 ran2 hou4 xing2 zou3 hui2 jia1');
  });

  it('reads Traditional characters in context', () => {
    expect(read('銀行')).toBe('yin2 hang2');
    expect(read('重慶')).toBe('chong2 qing4');
    expect(read('長大')).toBe('zhang3 da4');
    expect(read('乾隆')).toBe('qian2 long2');
  });

  it('gives offsets of Han characters only, in UTF-16 units, astral characters included', () => {
    const readings = readPinyin('A银𪡏行 b', DEFAULT_PINYIN_DATA);
    expect(readings.map((r) => [r.index, r.char])).toEqual([
      [1, '银'],
      [4, '行'],
    ]);
    expect(readPinyin('no Chinese here 123', DEFAULT_PINYIN_DATA)).toEqual([]);
  });

  it('applies reader overrides, longest word first, in marks or numbers', () => {
    expect(read('银行行长', { 行长: 'hang2 zhang3' })).toBe('yin2 hang2 hang2 zhang3');
    expect(read('银行', { 银行: 'yín xíng' })).toBe('yin2 xing2');
    expect(read('长大成人', { 长: 'chang2', 长大: 'zhǎng dà' })).toBe('zhang3 da4 cheng2 ren2');
    // Malformed overrides are ignored, never crash.
    expect(read('银行', { 银行: 'one' })).toBe('yin2 hang2');
    expect(read('银行', { 银行: '<b> x' })).toBe('yin2 hang2');
    expect(read('银行', { '': 'x' })).toBe('yin2 hang2');
  });

  it('uses context rules learned from data for characters the dictionary reads wrongly', () => {
    // pinyin-pro alone reads 阆 as láng; the place name 阆中 is làng.
    expect(read('阆中古城')).toBe('lang4 zhong1 gu3 cheng2');
  });
});

describe('formatReading', () => {
  it('writes tone marks, tone numbers and Zhuyin', () => {
    expect(formatAllStyles('hang2')).toEqual({ 'tone-marks': 'háng', 'tone-numbers': 'hang2', zhuyin: 'ㄏㄤˊ' });
    expect(formatAllStyles('lv4')).toEqual({ 'tone-marks': 'lǜ', 'tone-numbers': 'lü4', zhuyin: 'ㄌㄩˋ' });
    expect(formatAllStyles('le5')).toEqual({ 'tone-marks': 'le', 'tone-numbers': 'le5', zhuyin: '˙ㄌㄜ' });
    expect(formatReading('zhong1', 'zhuyin')).toBe('ㄓㄨㄥ');
    expect(formatReading('shi4', 'zhuyin')).toBe('ㄕˋ');
  });

  it('tells the tone', () => {
    expect([getTone('ma1'), getTone('ma2'), getTone('ma3'), getTone('ma4'), getTone('ma5')]).toEqual([1, 2, 3, 4, 5]);
  });

  it('normalizes readings written with marks or numbers', () => {
    expect(toNumbered('háng')).toBe('hang2');
    expect(toNumbered('lǜ')).toBe('lv4');
    expect(toNumbered('lu:4')).toBe('lv4');
    expect(toNumbered('de')).toBe('de5');
    expect(toNumbered('de0')).toBe('de5');
  });
});

describe('convertToZhuyin', () => {
  it.each([
    ['yi1', 'ㄧ'],
    ['you3', 'ㄧㄡˇ'],
    ['yu2', 'ㄩˊ'],
    ['yuan2', 'ㄩㄢˊ'],
    ['yong3', 'ㄩㄥˇ'],
    ['wu3', 'ㄨˇ'],
    ['wei4', 'ㄨㄟˋ'],
    ['weng1', 'ㄨㄥ'],
    ['ju2', 'ㄐㄩˊ'],
    ['xue2', 'ㄒㄩㄝˊ'],
    ['qun2', 'ㄑㄩㄣˊ'],
    ['niu2', 'ㄋㄧㄡˊ'],
    ['gui4', 'ㄍㄨㄟˋ'],
    ['dun4', 'ㄉㄨㄣˋ'],
    ['zhi1', 'ㄓ'],
    ['si4', 'ㄙˋ'],
    ['er2', 'ㄦˊ'],
    ['a1', 'ㄚ'],
    ['n2', 'ㄋˊ'],
    ['lüe4', 'ㄌㄩㄝˋ'],
  ])('%s → %s', (pinyin, zhuyin) => {
    expect(convertToZhuyin(pinyin)).toBe(zhuyin);
  });

  it('refuses what is not a syllable', () => {
    expect(convertToZhuyin('xyz1')).toBeUndefined();
    expect(convertToZhuyin('<b>')).toBeUndefined();
  });
});

describe('character frequency', () => {
  it('ranks common characters first, Traditional like Simplified', () => {
    expect(getFrequencyRank('的', CHAR_FREQUENCY)).toBe(0);
    expect(findCommonLevel('的', CHAR_FREQUENCY)).toBe(500);
    expect(findCommonLevel('們', CHAR_FREQUENCY, DEFAULT_PINYIN_DATA.traditional)).toBe(
      findCommonLevel('们', CHAR_FREQUENCY),
    );
    expect(findCommonLevel('阆', CHAR_FREQUENCY)).toBeUndefined();
    const rank = getFrequencyRank('银', CHAR_FREQUENCY) ?? -1;
    expect(rank).toBeGreaterThan(500);
    expect(findCommonLevel('银', CHAR_FREQUENCY)).toBe(COMMON_CHARACTER_LEVELS.find((l) => rank < l));
  });

  it('tells Han text apart cheaply', () => {
    expect(containsHan('abc 123')).toBe(false);
    expect(containsHan('abc 中')).toBe(true);
  });
});
