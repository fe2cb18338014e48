import { describe, expect, it } from 'vitest';
import type { SegmentEvidence } from '../../../lib/text/doubled/evidence';
import { fixText, mightContainDoubledText, RULE_NAMES } from '../../../lib/text/doubled/fix-doubled-text';
import { isAabbWord, isReduplicable, isSoundWord, isTwoCharacterWord } from '../../../lib/text/doubled/lexicon';
import {
  decodeCodePointPairs,
  decodeCodePoints,
  encodeCodePointPairs,
  encodeCodePoints,
} from '../../../lib/text/doubled/lexicon-codec';
import { doubledCjk } from '../../../lib/text/doubled/rules/doubled-cjk';
import { doubledLatin } from '../../../lib/text/doubled/rules/doubled-latin';
import { DOUBLED_LIGATURE, matchDoubledLigature } from '../../../lib/text/doubled/rules/doubled-ligature';
import { findRepeatedPhrase, REPEATED_PHRASE } from '../../../lib/text/doubled/rules/repeated-phrase';

function evidence(partial: Partial<SegmentEvidence>): SegmentEvidence {
  return {
    factor: 2,
    n: 0,
    u: 0,
    han: 0,
    strongPunct: 0,
    latinWords: 0,
    longestLatinWord: 0,
    chunks: [],
    whole: false,
    leadIn: false,
    numbered: false,
    label: false,
    doubledWord: false,
    dateFormat: false,
    enclosed: false,
    support: 'none',
    ...partial,
  };
}

describe('rule names', () => {
  it('lists every rule once, by the name its edits carry', () => {
    expect(RULE_NAMES).toEqual([doubledCjk.name, doubledLatin.name, DOUBLED_LIGATURE, REPEATED_PHRASE]);
  });
});

describe('doubled-cjk', () => {
  const headline = evidence({ han: 17, n: 17, u: 10, chunks: [{ n: 17, u: 10 }] });
  const aabbPair = evidence({ han: 2, n: 2, u: 1, chunks: [{ n: 2, u: 1 }], whole: true });
  const shortWhole = evidence({ han: 3, n: 3, u: 2, chunks: [{ n: 3, u: 2 }], whole: true });
  const poemLine = evidence({
    han: 7,
    n: 7,
    u: 4,
    chunks: [
      { n: 2, u: 2 },
      { n: 2, u: 1 },
      { n: 3, u: 1 },
    ],
    whole: true,
  });

  it('covers segments with Han characters only', () => {
    expect(doubledCjk.covers(headline)).toBe(true);
    expect(doubledCjk.covers(evidence({ latinWords: 2 }))).toBe(false);
  });

  it('accepts a long unexplained chain at every sensitivity', () => {
    for (const s of ['conservative', 'balanced', 'aggressive'] as const)
      expect(doubledCjk.accepts(headline, s)).not.toBeNull();
  });

  it('needs more evidence the more conservative it is', () => {
    expect(doubledCjk.accepts(shortWhole, 'conservative')).not.toBeNull();
    expect(doubledCjk.accepts(aabbPair, 'conservative')).toBeNull();
    expect(doubledCjk.accepts(aabbPair, 'balanced')).toBeNull();
    expect(doubledCjk.accepts(aabbPair, 'aggressive')).not.toBeNull();
    expect(doubledCjk.accepts(poemLine, 'conservative')).toBeNull();
    expect(doubledCjk.accepts(poemLine, 'balanced')).toBeNull();
  });

  it('takes doubled punctuation as evidence', () => {
    const quoted = evidence({ han: 3, n: 3, u: 2, strongPunct: 2, chunks: [{ n: 3, u: 2 }] });
    expect(doubledCjk.accepts(quoted, 'conservative')).not.toBeNull();
    expect(doubledCjk.accepts({ ...quoted, strongPunct: 0 }, 'conservative')).toBeNull();
  });

  it('takes a lead-in or an enclosed segment like a whole block', () => {
    const leadIn = evidence({ han: 4, n: 4, u: 3, chunks: [{ n: 4, u: 3 }], leadIn: true });
    expect(doubledCjk.accepts(leadIn, 'conservative')).toEqual(['lead-in', 'unexplained']);
    expect(doubledCjk.accepts({ ...leadIn, leadIn: false }, 'conservative')).toBeNull();
    expect(doubledCjk.accepts({ ...leadIn, leadIn: false, enclosed: true }, 'conservative')).toEqual([
      'enclosed',
      'unexplained',
    ]);
  });

  it('takes four doubled characters in a row that nothing explains', () => {
    const chain = evidence({ han: 4, n: 4, u: 4, chunks: [{ n: 4, u: 4 }] });
    expect(doubledCjk.accepts(chain, 'conservative')).toEqual(['chain', 'unexplained']);
    expect(doubledCjk.accepts({ ...chain, u: 3, chunks: [{ n: 4, u: 3 }] }, 'conservative')).toBeNull();
  });

  it('needs less with support, never for AABB pairs between commas', () => {
    const pair = evidence({ han: 2, n: 2, u: 2, chunks: [{ n: 2, u: 2 }] });
    expect(doubledCjk.accepts(pair, 'conservative')).toBeNull();
    expect(doubledCjk.accepts({ ...pair, support: 'same-block' }, 'conservative')).toEqual([
      'same-block',
      'unexplained',
    ]);
    expect(doubledCjk.accepts({ ...pair, support: 'same-kind' }, 'conservative')).toEqual(['same-kind', 'unexplained']);
    expect(doubledCjk.accepts({ ...pair, support: 'page' }, 'conservative')).toBeNull();
    expect(doubledCjk.accepts({ ...pair, support: 'page', whole: true }, 'conservative')).toEqual([
      'page',
      'whole-block',
      'unexplained',
    ]);
    const verse = evidence({
      han: 4,
      n: 4,
      u: 4,
      chunks: [
        { n: 2, u: 2 },
        { n: 2, u: 2 },
      ],
    });
    for (const support of ['same-block', 'same-kind', 'page'] as const)
      expect(doubledCjk.accepts({ ...verse, support }, 'conservative'), support).toBeNull();
  });

  it('at factor 3 and 4 wants runs that touch', () => {
    const laughter = evidence({
      factor: 3,
      han: 3,
      n: 3,
      u: 3,
      chunks: [
        { n: 1, u: 1 },
        { n: 1, u: 1 },
        { n: 1, u: 1 },
      ],
    });
    expect(doubledCjk.accepts(laughter, 'conservative')).toBeNull();
    const title = evidence({ factor: 3, han: 4, n: 4, u: 4, chunks: [{ n: 4, u: 4 }] });
    expect(doubledCjk.accepts(title, 'conservative')).not.toBeNull();
  });
});

describe('doubled-latin', () => {
  it('wants two fully doubled words, or one long one', () => {
    expect(doubledLatin.accepts(evidence({ latinWords: 2, longestLatinWord: 3 }), 'conservative')).not.toBeNull();
    expect(doubledLatin.accepts(evidence({ latinWords: 1, longestLatinWord: 3 }), 'conservative')).toBeNull();
    expect(doubledLatin.accepts(evidence({ latinWords: 1, longestLatinWord: 5 }), 'conservative')).not.toBeNull();
    expect(doubledLatin.accepts(evidence({ latinWords: 1, longestLatinWord: 3 }), 'balanced')).not.toBeNull();
    expect(doubledLatin.accepts(evidence({ factor: 4, latinWords: 1, longestLatinWord: 3 }), 'conservative')).toEqual([
      'latin-words',
    ]);
  });

  it('fixes words with real double letters and leaves such words alone when clean', () => {
    expect(fixText('TThhee  bbooookkkkeeeeppeerr').text).toBe('The bookkeeper');
    expect(fixText('The bookkeeper').edits).toEqual([]);
  });
});

describe('doubled-ligature', () => {
  it('matches a ligature spelled twice, longest first', () => {
    expect(matchDoubledLigature('fifinal', 0, 7)).toBe('fi');
    expect(matchDoubledLigature('ffiffice', 0, 8)).toBe('ffi');
    expect(matchDoubledLigature('flflow', 0, 6)).toBe('fl');
    expect(matchDoubledLigature('final', 0, 5)).toBeNull();
    expect(matchDoubledLigature('fifi', 0, 3)).toBeNull();
  });

  it('gives its edits its own name', () => {
    const { edits } = fixText('TThhee  ddeefifinniittiioonn');
    expect(edits.map((e) => e.rule)).toEqual(['doubled-latin', 'doubled-ligature', 'doubled-latin']);
    expect(edits[1]).toMatchObject({ original: 'fifi', replacement: 'fi', factor: 2 });
  });
});

describe('repeated-phrase', () => {
  it('removes the second copy of a long phrase printed twice', () => {
    const text = '济宁高新区召开推进会议济宁高新区召开推进会议';
    expect(findRepeatedPhrase(text, 'conservative')).toEqual({
      rule: 'repeated-phrase',
      factor: 2,
      start: 11,
      end: 22,
      original: '济宁高新区召开推进会议',
      replacement: '',
      because: { runs: 0, unexplained: 0, chain: 0, facts: ['repeated-phrase'] },
    });
  });

  it('keeps short repeats, which are real Chinese', () => {
    expect(findRepeatedPhrase('研究研究', 'aggressive')).toBeNull();
    expect(findRepeatedPhrase('谢谢你谢谢你', 'conservative')).toBeNull();
    expect(findRepeatedPhrase('加油中国加油中国', 'conservative')).toBeNull();
    expect(findRepeatedPhrase('加油中国加油中国', 'aggressive')).not.toBeNull();
  });
});

describe('lexicon', () => {
  it('round-trips code points through its compact encoding', () => {
    const cps = [0x4e00, 0x4e01, 0x9fa5, 0x20000, 0x61];
    expect([...decodeCodePoints(encodeCodePoints(cps))].sort((a, b) => a - b)).toEqual([...cps].sort((a, b) => a - b));
  });

  it('knows reduplicated characters from CC-CEDICT, Simplified and Traditional', () => {
    for (const c of '常看谢纷高牢冷淒戚') expect(isReduplicable(c.codePointAt(0) as number), c).toBe(true);
    for (const c of '确保招引') expect(isReduplicable(c.codePointAt(0) as number), c).toBe(false);
    for (const c of '哈呵') expect(isSoundWord(c.codePointAt(0) as number), c).toBe(true);
  });

  it('leaves out names and words that meet inside a compound', () => {
    // 加加林 (Gagarin) is a name; 人民民主 is 人民|民主.
    for (const c of '加民') expect(isReduplicable(c.codePointAt(0) as number), c).toBe(false);
  });

  it('knows AABB words, from CC-CEDICT and pinyin-pro, Simplified and Traditional', () => {
    const aabb = (a: string, b: string) => isAabbWord(a.codePointAt(0) as number, b.codePointAt(0) as number);
    expect(aabb('高', '兴')).toBe(true);
    expect(aabb('高', '興')).toBe(true);
    expect(aabb('平', '安')).toBe(true);
    expect(aabb('干', '净')).toBe(true);
    expect(aabb('乾', '淨')).toBe(true);
    expect(aabb('兴', '高')).toBe(false);
    expect(aabb('担', '当')).toBe(false);
    expect(aabb('人', '民')).toBe(false);
  });

  it('knows two-character words, Simplified and Traditional', () => {
    const word = (w: string) => isTwoCharacterWord(w.codePointAt(0) as number, w.codePointAt(1) as number);
    for (const w of ['足球', '球场', '场地', '地面', '面积', '人民', '網絡', '担当']) expect(word(w), w).toBe(true);
    for (const w of ['当人', '民加', '球足', '场球']) expect(word(w), w).toBe(false);
  });

  it('round-trips code point pairs through their compact encoding', () => {
    const pairs: Array<[number, number]> = [
      [0x4e00, 0x4e01],
      [0x4e01, 0x4e00],
      [0x20000, 0x61],
    ];
    const has = decodeCodePointPairs(encodeCodePointPairs(pairs));
    for (const [a, b] of pairs) expect(has(a, b)).toBe(true);
    expect(has(0x4e00, 0x4e00)).toBe(false);
    expect(has(0x61, 0x20000)).toBe(false);
    expect(has(0x62, 0x4e00)).toBe(false);
  });
});

describe('mightContainDoubledText', () => {
  it('rejects clean prose with the odd real pair', () => {
    expect(mightContainDoubledText('要把“双招双引”工作作为经济工作的生命线，牢牢把握“十强”产业。')).toBe(false);
    expect(mightContainDoubledText('他常常说……我们——')).toBe(false);
    expect(mightContainDoubledText('')).toBe(false);
  });

  it('does not count a doubled letter or digit after one printed once (the word is not doubled)', () => {
    expect(mightContainDoubledText('The committee met the bookkeeper in Mississippi.')).toBe(false);
    expect(mightContainDoubledText('2011年11月11日')).toBe(false);
    expect(mightContainDoubledText('TThhee  ddeefifinnee')).toBe(true);
    expect(mightContainDoubledText('ddeefifinnee')).toBe(true);
    expect(fixText('ddeefifinniittiioonn').text).toBe('definition');
  });

  it('accepts doubled text and a phrase printed twice', () => {
    expect(mightContainDoubledText('本报讯 新新项项目目')).toBe(true);
    expect(mightContainDoubledText('TThhee')).toBe(true);
    expect(mightContainDoubledText('𠀀𠀀𠀁𠀁')).toBe(true);
    expect(mightContainDoubledText('济宁高新区召开推进会议济宁高新区召开推进会议')).toBe(true);
  });
});
