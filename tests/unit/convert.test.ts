import fc from 'fast-check';
import * as OpenCC from 'opencc-js';
import { describe, expect, test } from 'vitest';
import { createConversionStage } from '../../lib/features/conversion';
import { composeText, splitByOrigin, type TextStage } from '../../lib/text/compose';
import { type Converter, createConverter, hasHanText } from '../../lib/text/convert/converter';
import { CONVERSION_VARIANT_IDS, CONVERSION_VARIANTS } from '../../lib/text/reading-aid-options';

/** Ordinary sentences, Simplified and Traditional, with phrases whose conversion is not character by character. */
const SAMPLES = [
  '济宁高新区召开“双招双引”工作调度推进会，高新区党工委书记出席会议并讲话。',
  '我的U盘坏了，头发里全是灰，鼠标和软件都在网络上。',
  '插上U盘。',
  '乾隆年间的干部在后面的面馆里吃面。',
  '頭髮和軟體在網路上，隨身碟裡的記憶體。',
  '香港的巴士和的士，還有資訊科技。',
  '𠮷野家的鸡肉饭，⿰氵青水。',
  'Latin text, digits 2019 and punctuation —— 不变。',
  '',
];

describe('createConverter', () => {
  test.each(CONVERSION_VARIANT_IDS)('%s gives exactly what opencc-js gives, both paths', (variant) => {
    const reference = OpenCC.Converter(CONVERSION_VARIANTS[variant]);
    const converter = createConverter(variant);
    for (const text of SAMPLES) {
      expect(converter.convertText(text)).toBe(reference(text));
      expect(converter.planConversion(text).text).toBe(reference(text));
    }
  });

  test('length-changing phrases: U盘 → 隨身碟 in one piece', () => {
    const plan = createConverter('s2twp').planConversion('我的U盘坏了');
    expect(plan.text).toBe('我的隨身碟壞了');
    expect(plan.pieces).toContainEqual({ start: 2, end: 4, text: '隨身碟' });
  });

  test('pieces cover the input in order and join to the output (property)', () => {
    const converter = createConverter('s2twp');
    const alphabet = fc.constantFrom(...('U盘头发软件鼠标网络内存里面干后台的了，。a1 𠮷⿰氵青'.match(/./gu) ?? []));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), (chars) => {
        const input = chars.join('');
        const plan = converter.planConversion(input);
        expect(plan.text).toBe(converter.convertText(input));
        expect(plan.pieces.map((p) => p.text).join('')).toBe(plan.text);
        let at = 0;
        for (const piece of plan.pieces) {
          expect(piece.start).toBe(at);
          expect(piece.end).toBeGreaterThan(piece.start);
          at = piece.end;
        }
        expect(at).toBe(input.length);
      }),
    );
  });

  test('phrase overrides apply on top of the dictionary, longest first', () => {
    const converter = createConverter('s2twp', {
      phraseOverrides: { U盘: 'USB 隨身碟', 软件: '軟件', 软件包: '套件' },
    });
    expect(converter.convertText('我的U盘和软件，软件包')).toBe('我的USB 隨身碟和軟件，套件');
    const plan = converter.planConversion('我的U盘和软件，软件包');
    expect(plan.text).toBe('我的USB 隨身碟和軟件，套件');
    expect(plan.pieces).toContainEqual({ start: 2, end: 4, text: 'USB 隨身碟' });
  });

  test('empty override keys are ignored', () => {
    expect(createConverter('s2t', { phraseOverrides: { '': 'x' } }).convertText('头发')).toBe('頭髮');
  });

  test('converting converted text again changes nothing for a round-trip pair (from the original is what counts)', () => {
    const s2t = createConverter('s2t');
    expect(s2t.convertText(s2t.convertText('头发和面条'))).toBe(s2t.convertText('头发和面条'));
  });
});

describe('hasHanText', () => {
  test('finds Han characters, including astral ones, and rejects the rest', () => {
    expect(hasHanText('abc 123 ——')).toBe(false);
    expect(hasHanText('a头')).toBe(true);
    expect(hasHanText('𠮷')).toBe(true);
  });
});

describe('conversion mapped onto text nodes (the stage, composed as pages compose it)', () => {
  const s2twp = createConverter('s2twp');
  /** The block `parts` (text node lengths) converted, cut back along the nodes. */
  function convertParts(converter: Converter, input: string, lengths: readonly number[]): string[] {
    const partStarts: number[] = [];
    let at = 0;
    for (const length of lengths) {
      partStarts.push(at);
      at += length;
    }
    const stage = createConversionStage(converter);
    return splitByOrigin(composeText(input, [stage], partStarts), partStarts);
  }

  test('a same-length phrase split over nodes is split character for character', () => {
    // 头|发: node by node, 发 alone becomes 發 (wrong); as a block it is 頭髮.
    expect(OpenCC.Converter({ from: 'cn', to: 'twp' })('发')).toBe('發');
    expect(convertParts(s2twp, '他的头发', [3, 1])).toEqual(['他的頭', '髮']);
  });

  test('a length-changing phrase split over nodes goes whole to the node holding most of it', () => {
    // 我的U|盘坏了: a tie, so the first node.
    expect(convertParts(s2twp, '我的U盘坏了', [3, 3])).toEqual(['我的隨身碟', '壞了']);
    expect(convertParts(s2twp, '我的U盘坏了', [3, 1, 2])).toEqual(['我的隨身碟', '', '壞了']);
    // 软|件包 → 套件 (an override): the second node holds two of its three characters.
    const overridden = createConverter('s2twp', { phraseOverrides: { 软件包: '套件' } });
    expect(convertParts(overridden, '新软件包', [2, 2])).toEqual(['新', '套件']);
  });

  test('empty parts stay empty and nothing is lost or duplicated (property)', () => {
    const alphabet = fc.constantFrom(...('U盘头发软件鼠标网络内存里面干后的了，。a𠮷'.match(/./gu) ?? []));
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (chars, rawCuts) => {
          const input = chars.join('');
          // Cut only between code points, as text nodes do in practice.
          const boundaries = [...new Set(rawCuts.map((c) => c % (chars.length + 1)))].sort((a, b) => a - b);
          const lengths: number[] = [];
          let previous = 0;
          for (const b of [...boundaries, chars.length]) {
            lengths.push(chars.slice(previous, b).join('').length);
            previous = Math.max(previous, b);
          }
          const parts = convertParts(s2twp, input, lengths);
          expect(parts).toHaveLength(lengths.length);
          expect(parts.join('')).toBe(s2twp.convertText(input));
          lengths.forEach((length, k) => {
            if (length === 0) expect(parts[k]).toBe('');
          });
        },
      ),
    );
  });

  test('one part gets the whole conversion', () => {
    expect(convertParts(s2twp, '我的U盘', [5])).toEqual(['我的隨身碟']);
  });

  test('where every match keeps its length, the nodes get what the plan gives them, without planning (property)', () => {
    const alphabet = fc.constantFrom(...('U盘头发软件鼠标网络内存里面干后的了，。a𠮷\uf900'.match(/./gu) ?? []));
    /** The stage as it was: every conversion of a split block planned, piece by piece. */
    const planned: TextStage = {
      name: 'convert',
      mightChange: hasHanText,
      edit: (text) =>
        s2twp
          .planConversion(text)
          .pieces.filter((piece) => piece.text !== text.slice(piece.start, piece.end))
          .map((piece) => ({
            rule: 'conversion',
            factor: 1,
            start: piece.start,
            end: piece.end,
            original: text.slice(piece.start, piece.end),
            replacement: piece.text,
          })),
    };
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (chars, rawCuts) => {
          const input = chars.join('');
          const boundaries = [...new Set(rawCuts.map((c) => c % (chars.length + 1)))].sort((a, b) => a - b);
          const partStarts = [0];
          for (const b of boundaries) if (b > 0) partStarts.push(chars.slice(0, b).join('').length);
          const expected = splitByOrigin(composeText(input, [planned], partStarts), partStarts);
          expect(
            convertParts(
              s2twp,
              input,
              partStarts.map((start, k) => (partStarts[k + 1] ?? input.length) - start),
            ),
          ).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the normalisation shortcut', () => {
  test('every character OpenCC normalises is in the ranges the shortcut tests for', async () => {
    const { configs } = await import('opencc-js/preset');
    // Every variant normalises with the same dictionary.
    const chains = CONVERSION_VARIANT_IDS.map(
      (variant) => (configs[variant] as unknown as { normalizationChain: string[][] }).normalizationChain,
    );
    expect(new Set(chains.map((chain) => JSON.stringify(chain))).size).toBe(1);
    const dictionary = chains[0]?.[0]?.[0] ?? '';
    const sources = dictionary.split('|').map((entry) => entry.split(' ')[0] as string);
    expect(sources.length).toBeGreaterThan(900);
    for (const source of sources) expect(source).toMatch(/^(?:[\uf900-\ufaff]|\ud87e[\udc00-\ude1f])$/);
  });

  test('compatibility ideographs are still normalised, as opencc-js does', () => {
    const text = '\uf900\u{2f800}头发';
    for (const variant of CONVERSION_VARIANT_IDS) {
      const reference = OpenCC.Converter(CONVERSION_VARIANTS[variant]);
      expect(createConverter(variant).convertText(text)).toBe(reference(text));
      expect(createConverter(variant).planConversion(text).text).toBe(reference(text));
    }
  });
});

/**
 * The dictionaries are built one first character at a time, found by binary search in opencc-js's
 * serialized dictionaries (lib/text/convert/converter.ts): that needs them sorted, and must give
 * what opencc-js's own tries give on any text.
 */
describe('dictionaries built as the text reaches them', () => {
  /** Every serialized dictionary of every variant's configuration. */
  async function readDictionaries(): Promise<string[]> {
    const { configs } = await import('opencc-js/preset');
    const found = new Set<string>();
    const collect = (value: unknown) => {
      if (typeof value === 'string') found.add(value);
      else if (Array.isArray(value)) for (const item of value) collect(item);
    };
    for (const variant of CONVERSION_VARIANT_IDS) collect(Object.values(configs[variant] as object));
    return [...found];
  }

  test("every opencc-js dictionary is sorted by its sources' code points, each source once", async () => {
    const dictionaries = await readDictionaries();
    expect(dictionaries.length).toBeGreaterThan(5);
    const codePoints = (text: string) => [...text].map((char) => char.codePointAt(0) as number);
    for (const dictionary of dictionaries) {
      const sources = dictionary.split('|').map((entry) => codePoints(entry.slice(0, entry.indexOf(' '))));
      for (let i = 1; i < sources.length; i++) {
        const [before, after] = [sources[i - 1] as number[], sources[i] as number[]];
        const differs = before.findIndex((codePoint, k) => codePoint !== after[k]);
        const ordered =
          differs < 0 ? before.length < after.length : (before[differs] as number) < (after[differs] ?? -1);
        if (!ordered) throw new Error(`not sorted at entry ${i}: ${dictionary.split('|')[i]}`);
      }
    }
  });

  test('any text made of the dictionaries’ own sources converts as opencc-js converts it, every variant (property)', async () => {
    const dictionaries = await readDictionaries();
    // Sources from every dictionary (phrases that overlap, share first characters, or are one
    // character), with plain text, Latin, astral characters and ideographic description sequences.
    const sources = dictionaries.flatMap((dictionary) =>
      dictionary
        .split('|')
        .filter((_, i) => i % 97 === 0)
        .map((entry) => entry.slice(0, entry.indexOf(' '))),
    );
    const piece = fc.oneof(
      fc.constantFrom(...sources),
      fc.constantFrom('的', '了', '，', 'a', ' ', '𠮷', '⿰氵青', '\uf900', '头发', 'U盘'),
    );
    const references = CONVERSION_VARIANT_IDS.map(
      (variant) => [createConverter(variant), OpenCC.Converter(CONVERSION_VARIANTS[variant])] as const,
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        for (const [converter, reference] of references) {
          const expected = reference(text);
          expect(converter.convertText(text)).toBe(expected);
          expect(converter.planConversion(text).text).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
