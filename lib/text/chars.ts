/**
 * Character classes the engine reasons with. Numbers rather than an enum so the bundle stays small
 * and the hot loops compare integers.
 */

/** Anything that ends a doubled segment: emoji, symbols, controls, newlines, combining marks. */
export const CLASS_OTHER = 0;
/** Han ideographs (Simplified and Traditional alike, 〇 and ○ as zero), kana, Hangul, Bopomofo. */
export const CLASS_HAN = 1;
/** Latin letters (ASCII, Latin-1 and Latin Extended, full-width). */
export const CLASS_LATIN = 2;
/** Digits, ASCII and full-width. */
export const CLASS_DIGIT = 3;
/** Spaces that can sit inside a line (not newlines). */
export const CLASS_SPACE = 4;
/** Punctuation whose doubling is evidence of damage: commas, colons, quotes, brackets. */
export const CLASS_STRONG_PUNCT = 5;
/** Punctuation that is often repeated on purpose (`！！`, `。。。`, `..`, `--`, `__`). */
export const CLASS_WEAK_PUNCT = 6;
/** Punctuation that is written as a pair: `……`, `——`. Doubled text turns the pair into four. */
export const CLASS_PAIR_PUNCT = 7;

const STRONG_PUNCT = new Set(
  Array.from('，、；：“”‘’《》〈〉（）「」『』【】〔〕〖〗,;:()[]{}"', (c) => c.codePointAt(0) as number),
);
const QUOTES_AND_BRACKETS = new Set(
  Array.from('“”‘’《》〈〉（）「」『』【】〔〕〖〗()[]{}"', (c) => c.codePointAt(0) as number),
);
const PAIR_PUNCT = new Set([0x2026, 0x2014, 0x2015, 0x2500, 0x22ef]);

export function classifyCodePoint(cp: number): number {
  if (cp < 0x80) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return CLASS_LATIN;
    if (cp >= 0x30 && cp <= 0x39) return CLASS_DIGIT;
    if (cp === 0x20) return CLASS_SPACE;
    if (cp > 0x20 && cp < 0x7f) return STRONG_PUNCT.has(cp) ? CLASS_STRONG_PUNCT : CLASS_WEAK_PUNCT;
    return CLASS_OTHER;
  }
  if ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff)) {
    return CLASS_HAN;
  }
  if (cp >= 0x20000 && cp <= 0x3ffff) return CLASS_HAN;
  if ((cp >= 0x3041 && cp <= 0x30ff && cp !== 0x30fb) || (cp >= 0x3105 && cp <= 0x312f)) return CLASS_HAN;
  // 〇, and the white circle that stands in for it in years (一○一二).
  if (cp === 0x3007 || cp === 0x25cb) return CLASS_HAN;
  if (cp >= 0xac00 && cp <= 0xd7a3) return CLASS_HAN;
  if (PAIR_PUNCT.has(cp)) return CLASS_PAIR_PUNCT;
  if (STRONG_PUNCT.has(cp)) return CLASS_STRONG_PUNCT;
  if (cp === 0x3000 || cp === 0xa0) return CLASS_SPACE;
  if ((cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a)) return CLASS_LATIN;
  if (cp >= 0xff10 && cp <= 0xff19) return CLASS_DIGIT;
  if ((cp >= 0xc0 && cp <= 0x24f && cp !== 0xd7 && cp !== 0xf7) || (cp >= 0x1e00 && cp <= 0x1eff)) return CLASS_LATIN;
  // CJK symbols and punctuation, full-width and half-width forms, general punctuation.
  if ((cp >= 0x3001 && cp <= 0x303f) || (cp >= 0xff01 && cp <= 0xff65) || (cp >= 0x2010 && cp <= 0x2027)) {
    return CLASS_WEAK_PUNCT;
  }
  if (cp === 0xb7) return CLASS_WEAK_PUNCT;
  // List furniture: the rest of general punctuation (※), arrows, geometric shapes (● ■ ◆ ▲; ○ is
  // a zero above), stars and check marks.
  if (
    (cp >= 0x2028 && cp <= 0x205e) ||
    (cp >= 0x2190 && cp <= 0x21ff) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    cp === 0x2605 ||
    cp === 0x2606 ||
    (cp >= 0x2713 && cp <= 0x2718)
  ) {
    return CLASS_WEAK_PUNCT;
  }
  return CLASS_OTHER;
}

/** Classes whose doubling counts as evidence (the text itself, not its punctuation). */
export function isContentClass(cls: number): boolean {
  return cls === CLASS_HAN || cls === CLASS_LATIN || cls === CLASS_DIGIT;
}

/** Latin letters and digits form tokens that are judged as a whole (`bookkeeper`, `2011`). */
export function isTokenClass(cls: number): boolean {
  return cls === CLASS_LATIN || cls === CLASS_DIGIT;
}

/** Quotation marks and brackets: they enclose text rather than end a clause. */
export function isQuoteOrBracket(cp: number): boolean {
  return QUOTES_AND_BRACKETS.has(cp);
}

const CLOSING = new Map(
  ['“”', '‘’', '《》', '〈〉', '（）', '「」', '『』', '【】', '〔〕', '〖〗', '()', '[]', '{}', '""'].map(
    (pair) => [pair.charCodeAt(0), pair.charCodeAt(1)] as const,
  ),
);

const OPENING = new Map([...CLOSING].map(([open, close]) => [close, open] as const));

/** The closing bracket or quote of an opening one, or -1. */
export function closingOf(cp: number): number {
  return CLOSING.get(cp) ?? -1;
}

/** The opening bracket or quote of a closing one, or -1. */
export function openingOf(cp: number): number {
  return OPENING.get(cp) ?? -1;
}
