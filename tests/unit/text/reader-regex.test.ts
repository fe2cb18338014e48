import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  compileReaderLiteral,
  compileReaderRegex,
  type ReaderRegex,
  translateReaderRegex,
} from '../../../lib/text/replace/reader-regex';

function compile(source: string, ignoreCase = false): ReaderRegex {
  const check = compileReaderRegex(source, ignoreCase);
  if (!check.ok) throw new Error(`${source}: ${check.problem} ${check.detail}`);
  return check.regex;
}

/** Non-empty matches as [offset, text, groups…] (replacement rules ignore empty matches). */
function readerMatches(regex: ReaderRegex, text: string): unknown[][] {
  return [...regex.matchAll(text)].filter((m) => m.groups[0] !== '').map((m) => [m.index, ...m.groups]);
}

function nativeMatches(source: string, text: string, ignoreCase = false): unknown[][] {
  return [...text.matchAll(new RegExp(source, ignoreCase ? 'giu' : 'gu'))]
    .filter((m) => m[0] !== '')
    .map((m) => [m.index, ...m]);
}

describe('reader regular expressions run in linear time', () => {
  // Each of these backtracks exponentially (or, the last, quadratically) on V8; here they finish.
  // No timing is asserted: on a backtracking engine the runs below would not end in a lifetime.
  test.each([
    ['q(a|aa)+$', `q${'a'.repeat(10_000)}b`],
    ['q(aa?)+$', `q${'a'.repeat(10_000)}b`],
    ['q(\\w|\\d)+$', `q${'1'.repeat(10_000)}!`],
    ['x(?:a|a)+y', `x${'a'.repeat(10_000)}`],
    ['(.*a){9}x', `https://example.com/${'a'.repeat(10_000)}`],
    ['(a+)+$', `${'a'.repeat(10_000)}!`],
    ['^(\\s*)*$', `${' '.repeat(10_000)}x`],
    ['\\S+@\\S+', '中'.repeat(10_000)],
  ])('%s on 10,000 characters', (source, text) => {
    const regex = compile(source);
    expect(regex.test(text)).toBe(false);
    expect(readerMatches(regex, text)).toEqual([]);
  });

  test('test() is stateless: the same text gives the same answer every time', () => {
    const regex = compile('paper\\.example');
    const answers = Array.from({ length: 5 }, () => regex.test('https://paper.example/'));
    expect(answers).toEqual([true, true, true, true, true]);
    expect(compileReaderRegex('paper\\.example', false)).toBe(compileReaderRegex('paper\\.example', false));
  });
});

describe('what the engine refuses, with the reason', () => {
  test.each([
    ['(a)\\1', 'backreference'],
    ['(?<y>\\d+)-\\k<y>', 'backreference'],
    ['a(?=b)', 'lookaround'],
    ['a(?!b)', 'lookaround'],
    ['(?<=¥)\\d+', 'lookaround'],
    ['(?<!a)b', 'lookaround'],
    ['a{1001}', 'too-complex'],
    ['a{2,5000}', 'too-complex'],
    ['((a{1000}){1000}){1000}', 'too-complex'],
    // Linear, but the factor grows with the program: counted repeats are capped in total.
    ['(.{100}){20}', 'too-complex'],
    ['(?:.{1000}|.{999})', 'too-complex'],
    ['.{900}', 'ok'],
    ['\\p{Script_Extensions=Han}', 'unsupported'],
    ['\\p{scx=Hani}', 'unsupported'],
    ['(?m:^a)', 'unsupported'],
    // A repeat of something that would rather match nothing (JavaScript and RE2 differ there).
    ['(?:|b)*', 'unsupported'],
    ['(a*|b)+', 'unsupported'],
    ['(?:a??)*', 'unsupported'],
    ['(?:x*?y)?', 'ok'],
    ['(unclosed', 'syntax'],
    ['a{', 'syntax'],
    ['\\-', 'syntax'],
    ['[z-a]', 'syntax'],
  ])('%s: %s', (source, problem) => {
    const check = compileReaderRegex(source, false);
    expect(check.ok ? 'ok' : check.problem).toBe(problem);
    if (!check.ok) expect(check.detail).not.toBe('');
  });
});

describe("JavaScript's meaning, kept", () => {
  test.each([
    // \s is JavaScript's white space: the ideographic space and no-break space included.
    ['\\s+', 'a\u3000\u00a0\ufeffb c'],
    ['\\S+', '中文\u3000文字 x'],
    // . stops at every line terminator, not only \n.
    ['a.b', 'a\nb a\rb a\u2028b a\u2029b a中b a𠮷b'],
    ['[^]+', 'a\nb'],
    ['[]|x', 'x[]'],
    ['[\\s\\S]{2}', '𠮷\n中'],
    ['\\d+', '12３４'],
    ['\\w+', 'abc_1 中文 é'],
    ['\\bcat\\b', 'cat concat cat.'],
    ['^中|文$', '中文中文'],
    ['a|ab', 'ab'],
    ['(a+?)(b*)', 'aaabb'],
    ['\\p{Script=Han}+', '中文abc漢字'],
    ['\\p{sc=Hani}+', '中文abc'],
    ['\\p{L}+', 'abc 中文 123'],
    ['\\p{Letter}+', 'abc 中文 123'],
    ['\\P{L}+', 'abc 中文 123'],
    ['[\\p{N}\\s]+', 'a 12 ３ b'],
    ['\\p{P}+', '“双招双引”，，'],
    ['\\p{Any}', '𠮷'],
    ['[\\P{ASCII}]+', 'abc中文é'],
    ['\\u{20BB7}|\\uD842\\uDFB7|\\x41|\\u4e2d', '𠮷A中'],
    ['(\\d+)年(\\d+)月', '2026年11月'],
    ['(?:(\\d)|x)', '1x'],
    ['第[一二三四五六七八九十]+版', '第十二版 第三版'],
  ])('%s on %j', (source, text) => {
    expect(readerMatches(compile(source), text)).toEqual(nativeMatches(source, text));
  });

  test.each([
    ['k', 'Kk\u212a'],
    ['ß', 'ßẞ'],
    ['[a-z]+', 'ABC ſ'],
    ['σ', 'Σσς'],
    ['\\w', 'ſ\u212a'],
    ['\\W', 'sſS\u212ak!'],
    ['[\\Wa]', 'sſS\u212akA!'],
    ['[^\\W]', 'sſS\u212ak!'],
  ])('ignoring case: %s on %j', (source, text) => {
    expect(readerMatches(compile(source, true), text)).toEqual(nativeMatches(source, text, true));
  });

  // Node 20's RegExp lacks modifiers (Chromium has them), so the expected matches are written out.
  test('modifiers: (?s:…) and (?i:…) / (?-i:…) scope their flag', () => {
    expect(readerMatches(compile('(?s:a.b)|c.d'), 'a\nb c\nd')).toEqual([[0, 'a\nb']]);
    expect(readerMatches(compile('(?-i:a)B', true), 'ab AB aB')).toEqual([
      [0, 'ab'],
      [6, 'aB'],
    ]);
    expect(readerMatches(compile('(?i:a)B'), 'ab AB Ab')).toEqual([[3, 'AB']]);
  });

  test('offsets are UTF-16 code units, as in the page text', () => {
    const [match] = compile('文').matchAll('𠮷𠮷文');
    expect(match?.index).toBe(4);
  });

  test('named groups keep their JavaScript names, Chinese ones included', () => {
    const [match] = compile('(?<年>\\d{4})-(?<month>\\d{2})').matchAll('x 2026-11');
    expect(match?.named).toEqual({ 年: '2026', month: '11' });
    const [other] = compile('(?<d>\\d+)元|(?<d>\\d+)块').matchAll('5块');
    expect(other?.named).toEqual({ d: '5' });
  });

  test('a literal rule matches its text exactly, every character literal', () => {
    const text = 'a.b a-b (x) [y] {z} $1 ^ | \\ / 𠮷 a.b';
    for (const literal of ['a.b', 'a-b', '(x)', '[y]', '{z}', '$1', '^', '|', '\\', '/', '𠮷']) {
      const found = [...compileReaderLiteral(literal, false).matchAll(text)].map((m) => m.index);
      const expected: number[] = [];
      for (let at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length)) expected.push(at);
      expect({ literal, found }).toEqual({ literal, found: expected });
    }
    expect([...compileReaderLiteral('Qingdu', true).matchAll('qingdu QINGDU')].length).toBe(2);
  });

  test('the translation spells out JavaScript classes rather than trusting RE2 names', () => {
    expect(translateReaderRegex('\\s', false).re2Source).toContain('\\x{3000}');
    expect(translateReaderRegex('.', false).re2Source).toBe('[^\\x{a}\\x{d}\\x{2028}-\\x{2029}]');
  });
});

describe('matches what JavaScript matches, on random patterns (differential)', () => {
  const CHARS = [
    'a',
    'b',
    'A',
    'k',
    'K',
    's',
    'ſ',
    '\u212a',
    '中',
    '文',
    '𠮷',
    '1',
    '_',
    ' ',
    '\u3000',
    '\n',
    '\r',
    '-',
    '.',
  ];

  /** Random patterns from the syntax readers use, and whether a capture sits inside a repeat. */
  const patternArb = fc.letrec<{ atom: [string, boolean]; pattern: [string, boolean] }>((tie) => ({
    atom: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(
        ...[
          'a',
          'b',
          'A',
          'k',
          '中',
          '文',
          '𠮷',
          '1',
          '\\.',
          '-',
          ' ',
          '.',
          '\\d',
          '\\D',
          '\\w',
          '\\W',
          '\\s',
          '\\S',
          '[ab]',
          '[^a]',
          '[a-k]',
          '[中文]',
          '[\\s\\d]',
          '[^\\s]',
          '[^]',
          '\\p{Script=Han}',
          '\\p{L}',
          '\\P{L}',
          '\\p{Lu}',
          '\\b',
          '\\B',
          '^',
          '$',
        ].map((atom) => [atom, false] as [string, boolean]),
      ),
      tie('pattern').map(([p, c]) => [`(?:${p})`, c] as [string, boolean]),
      tie('pattern').map(([p, c]) => [`(${p})`, c] as [string, boolean]),
    ),
    pattern: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('atom'),
      fc
        .tuple(tie('atom'), fc.constantFrom('*', '+', '?', '{0,2}', '{2}', '{1,}', '*?', '+?', '??', '{1,3}?'))
        .map(([[atom, captures], quantifier]) => {
          // `^*` is a syntax error in u mode: only quantify what can be.
          const quantifiable = !/^(\\b|\\B|\^|\$)$/.test(atom);
          // A capture inside a repeat: RE2 keeps its last value, JavaScript clears it each time.
          const repeatsCapture = quantifiable && /\((?!\?)/.test(atom);
          return [quantifiable ? `${atom}${quantifier}` : atom, captures || repeatsCapture] as [string, boolean];
        }),
      fc.tuple(tie('pattern'), tie('pattern')).map(([[a, ca], [b, cb]]) => [`${a}${b}`, ca || cb] as [string, boolean]),
      fc
        .tuple(tie('pattern'), tie('pattern'))
        .map(([[a, ca], [b, cb]]) => [`${a}|${b}`, ca || cb] as [string, boolean]),
    ),
  })).pattern;

  test('same non-empty matches, offsets and groups as RegExp with the u flag (and i)', { timeout: 120_000 }, () => {
    let compared = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        patternArb,
        fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((chars) => chars.join('')),
        fc.boolean(),
        ([source, captureInRepeat], text, ignoreCase) => {
          // Known difference (documented in reader-regex.ts): ignoring case, JavaScript's \b counts
          // ſ and K (Kelvin) as word characters; RE2's \b is ASCII.
          if (ignoreCase && /\\[bB]/.test(source) && /[ſ\u212a]/u.test(text)) return;
          let native: RegExp;
          try {
            native = new RegExp(source, ignoreCase ? 'giu' : 'gu');
          } catch {
            return; // not a pattern JavaScript accepts (e.g. `a{2}{2}`); the parser refuses those too
          }
          const check = compileReaderRegex(source, ignoreCase);
          if (!check.ok) {
            // Only what RE2 cannot mean the same way is refused (see the cases above).
            expect({ source, problem: check.problem }).toEqual({ source, problem: 'unsupported' });
            refused++;
            return;
          }
          const expected = [...text.matchAll(native)]
            .filter((m) => m[0] !== '')
            .map((m) => (captureInRepeat ? [m.index, m[0]] : [m.index, ...m]));
          const actual = [...check.regex.matchAll(text)]
            .filter((m) => m.groups[0] !== '')
            .map((m) => (captureInRepeat ? [m.index, m.groups[0]] : [m.index, ...m.groups]));
          expect({ source, text, ignoreCase, matches: actual }).toEqual({
            source,
            text,
            ignoreCase,
            matches: expected,
          });
          compared++;
        },
      ),
      { numRuns: 3000 },
    );
    console.log(`differential: ${compared} patterns compared with RegExp, ${refused} refused as unsupported`);
    expect(compared).toBeGreaterThan(2000);
  });
});
